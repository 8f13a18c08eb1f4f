"""Fee scenarios the board compares: what each brings in, and what it means for each member.

A :class:`FeeScenario` is the year's rules with any of them changed, members removed, bases
grown. It comes from the settings (the rules in force, always the first scenario), from text
parameters (the notebook's inline scenario) or from a scenario file — a small TOML file, one
scenario per file (a folder holds several; they are read in name order)::

    name = "Höjd sats"                       # required
    description = "3,8 ‰ och maxtaxa 130 000 kr"
    year = 2026                              # optional: refused if it is not the fee year
    service_rate_permille = "3.8"            # each rule optional: missing = as in settings.toml
    max_fee = 130000                         # kronor; "none" = no maximum fee
    max_increase = "none"                    # kronor; "none" = no cap on the increase
    membership_fee = 200
    indicator_fee = 25000
    without = ["M41"]                        # member ids that leave before the year
    base_growth_percent = "2"                # every fee base grows this much

These keys are a subset of the general scenario files (:mod:`nns_finance.scenario_file`), so
the same file works in both notebooks. :func:`compare_scenarios` gives one row per scenario,
:func:`member_comparison` one row per member.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable

import pandas as pd

from .fee_payers import check_ids
from .fees import SERVICE_CODE, fee_table, rule_for
from .money import AmountError, parse_ore
from .problems import InputError, Problems, UsageError
from .settings import FeeRule

KEYS = ("name", "description", "year", "service_rate_permille", "max_fee", "max_increase",
        "membership_fee", "indicator_fee", "without", "base_growth_percent")
NONE_WORDS = ("none", "ingen", "inget")
MAX_FILE_BYTES = 1 << 20


@dataclass(frozen=True)
class FeeScenario:
    """One set of fee rules to compare.

    name, description: as the board reads them
    rule:        the fee rules (a :class:`~nns_finance.settings.FeeRule` for the year)
    without:     member ids treated as gone before the year
    base_growth: every fee base grown by this many per cent
    source:      where it came from: ``settings``, ``inline`` or a file name
    """

    name: str
    description: str
    rule: FeeRule
    without: tuple[str, ...] = ()
    base_growth: Decimal = Decimal(0)
    source: str = ""


def current_scenario(books, year: int) -> FeeScenario:
    """The rules in force for ``year`` (settings.toml): the baseline of every comparison."""
    return FeeScenario(f"Gällande regler {year}", "Reglerna i settings.toml", books.settings.fee_rule(year),
                       source="settings")


def _rate(value, what: str) -> Decimal:
    try:
        rate = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{what}: not a rate in per mille: {value!r}") from None
    if not rate.is_finite() or rate < 0 or rate > 1000:
        raise ValueError(f"{what}: expected a rate from 0 to 1000 per mille, got {value!r}")
    return rate


def _amount(value, what: str, allow_none: bool) -> int | None:
    if isinstance(value, str) and value.strip().lower() in NONE_WORDS:
        if not allow_none:
            raise ValueError(f"{what}: must be an amount in kronor")
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what}: expected an amount in kronor, got {value!r}")
    try:
        ore = parse_ore(value)
    except AmountError as exc:
        raise ValueError(f"{what}: {exc}") from None
    if ore < 0:
        raise ValueError(f"{what}: must not be negative")
    return ore


def _percent(value, what: str) -> Decimal:
    try:
        pct = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{what}: not a percentage: {value!r}") from None
    if not pct.is_finite() or pct <= -100:
        raise ValueError(f"{what}: expected a percentage above -100, got {value!r}")
    return pct


def _build(books, year: int, data: dict, source: str) -> FeeScenario:
    """A scenario from already-parsed values; raises ValueError naming the key."""
    changes: dict = {}
    if data.get("service_rate_permille") not in (None, ""):
        changes["service_rate"] = _rate(data["service_rate_permille"], "service_rate_permille")
    for key in ("max_fee", "max_increase"):
        if data.get(key) not in (None, ""):
            changes[key] = _amount(data[key], key, allow_none=True)
    for key in ("membership_fee", "indicator_fee"):
        if data.get(key) not in (None, ""):
            changes[key] = _amount(data[key], key, allow_none=False)
    rule = rule_for(books, year, None, **changes)
    if rule.max_increase is not None and rule.max_increase_basis == "previous_rate" and rule.previous_rate is None:
        raise ValueError("max_increase: the rules of the year measure it against the previous rate, "
                         "and settings.toml gives none (previous_rate_permille)")
    without = data.get("without") or ()
    if isinstance(without, str):
        without = [w for w in re.split(r"[,;\s]+", without) if w]
    if not isinstance(without, (list, tuple)):
        raise ValueError(f"without: expected a list of member ids, got {without!r}")
    try:
        without = check_ids(books.members, [str(w) for w in without])
    except UsageError as exc:
        raise ValueError(f"without: {exc}") from None
    growth = data.get("base_growth_percent")
    growth = _percent(growth, "base_growth_percent") if growth not in (None, "") else Decimal(0)
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValueError("name: a scenario needs a name")
    return FeeScenario(name, str(data.get("description") or ""), rule, tuple(without), growth, source)


def inline_scenario(books, year: int, name: str = "Förslag", description: str = "",
                    rate_permille: str = "", max_fee_kr: str = "", max_increase_kr: str = "",
                    without: str = "", base_growth_percent: str = "") -> FeeScenario:
    """A scenario from the notebook's text parameters ("" = as in settings; "none" = no limit)."""
    data = {"name": name, "description": description, "service_rate_permille": rate_permille,
            "max_fee": max_fee_kr, "max_increase": max_increase_kr, "without": without,
            "base_growth_percent": base_growth_percent}
    try:
        return _build(books, year, data, "inline")
    except ValueError as exc:
        raise UsageError(f"inline scenario: {exc}") from None


def _line_of(text: str, key: str) -> int | None:
    for i, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return i
    return None


def read_scenario_file(books, year: int, path: Path, problems: Problems) -> FeeScenario | None:
    """One scenario file; problems (file:line: key: message) are recorded, None when unusable."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(name, None, f"cannot read scenario file: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(name, None, "scenario file larger than 1 MB: not a scenario file")
        return None
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        problems.error(name, None, "not UTF-8 text; save the scenario file as UTF-8")
        return None
    except tomllib.TOMLDecodeError as exc:
        from .settings import toml_error

        problems.error(name, *toml_error(exc, text))
        return None
    bad = False
    for key in data:
        if key not in KEYS:
            problems.error(name, _line_of(text, key), f"{key}: unknown key (expected one of: {', '.join(KEYS)})")
            bad = True
    if "year" in data and data["year"] != year:
        problems.error(name, _line_of(text, "year"), f"year: the scenario is for {data['year']}, "
                                                     f"the fee year is {year}")
        bad = True
    try:
        scenario = _build(books, year, {k: v for k, v in data.items() if k in KEYS}, name)
    except ValueError as exc:
        key = str(exc).split(":", 1)[0]
        problems.error(name, _line_of(text, key), str(exc))
        return None
    return None if bad else scenario


def read_scenarios(books, year: int, path: str | Path) -> list[FeeScenario]:
    """The scenarios in a file or in every ``*.toml`` of a folder (name order); every problem
    of every file is collected before :class:`InputError` is raised."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".toml" and p.is_file())
        if not files:
            raise UsageError(f"{path}: no scenario files (*.toml) in the folder")
    elif path.is_file():
        files = [path]
    else:
        raise UsageError(f"{path}: no such scenario file or folder")
    problems = Problems()
    scenarios = [read_scenario_file(books, year, f, problems) for f in files]
    names: dict[str, str] = {}
    for s in scenarios:
        if s is None:
            continue
        if s.name in names:
            problems.error(s.source, None, f"name: {s.name!r} is also the name of {names[s.name]}")
        names[s.name] = s.source
    if problems.has_errors:
        raise InputError(problems)
    return [s for s in scenarios if s is not None]


def scenarios_for(books, year: int, scenario_file: str | Path = "", **inline) -> list[FeeScenario]:
    """The rules in force, then the scenario file's (when given) or else the inline scenario
    (``inline`` holds :func:`inline_scenario`'s text parameters; none given → only the rules)."""
    out = [current_scenario(books, year)]
    if str(scenario_file).strip():
        out += read_scenarios(books, year, scenario_file)
    elif any(str(v).strip() for k, v in inline.items() if k not in ("name", "description")):
        out.append(inline_scenario(books, year, **inline))
    return out


def scenario_tables(books, year: int, scenarios: Iterable[FeeScenario]) -> list[pd.DataFrame]:
    return [fee_table(books, year, s.rule, s.without, s.base_growth) for s in scenarios]


def budget_amount(books, year: int, code: str, version: str = "budget") -> int | None:
    b = books.budget
    hit = b[(b["year"] == year) & (b["code"] == code) & (b["version"] == version)]
    return int(hit["amount"].sum()) if len(hit) else None


def compare_scenarios(books, year: int, scenarios: list[FeeScenario],
                      tables: list[pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per scenario: scenario, description, rate (Decimal ‰), max_fee, max_increase
    (Int64 öre, NA = none), members (paying), service_income, budget (the year's budget line
    Serviceavgifter, NA if none), change_vs_budget, at_max_fee, capped (limited by the increase
    cap), largest_increase (öre, over last year's fee), pays_more, pays_less (than last year),
    membership_income, indicator_income, total_income."""
    tables = tables if tables is not None else scenario_tables(books, year, scenarios)
    budget = budget_amount(books, year, SERVICE_CODE)
    rows = []
    for s, t in zip(scenarios, tables):
        paying = t["months"] > 0
        had = t["last_year_fee"].notna()
        diff = (t["service_fee"] - t["last_year_fee"])[paying & had]
        income = int(t["service_fee"].sum())
        rows.append({
            "scenario": s.name, "description": s.description, "rate": s.rule.service_rate,
            "max_fee": s.rule.max_fee, "max_increase": s.rule.max_increase,
            "members": int(paying.sum()), "service_income": income,
            "budget": budget, "change_vs_budget": None if budget is None else income - budget,
            "at_max_fee": int((t["limit"] == "max_fee").sum()),
            "capped": int((t["limit"] == "max_increase").sum()),
            "largest_increase": int(diff.max()) if len(diff) else None,
            "pays_more": int((diff > 0).sum()), "pays_less": int((diff < 0).sum()),
            "membership_income": int(t["membership_fee"].sum()),
            "indicator_income": int(t["indicator_fee"].sum()),
            "total_income": int(t["total_fee"].sum()),
        })
    out = pd.DataFrame(rows)
    for c in ("max_fee", "max_increase", "budget", "change_vs_budget", "largest_increase"):
        out[c] = pd.array(out[c].tolist(), dtype="Int64")
    return out


def member_comparison(books, year: int, scenarios: list[FeeScenario],
                      tables: list[pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per member: member_id, name, base (first scenario), last_year_fee, the service
    fee in each scenario (a column per scenario name), and for each further scenario the
    difference against the first (``Δ <name>``). Money Int64 öre."""
    tables = tables if tables is not None else scenario_tables(books, year, scenarios)
    first = tables[0]
    out = pd.DataFrame({"member_id": first["member_id"], "name": first["name"], "base": first["base"],
                        "last_year_fee": first["last_year_fee"]})
    for s, t in zip(scenarios, tables):
        out[s.name] = t.set_index("member_id")["service_fee"].reindex(out["member_id"]).to_numpy()
        out[s.name] = out[s.name].astype("Int64")
    for s in scenarios[1:]:
        out[f"Δ {s.name}"] = (out[s.name] - out[scenarios[0].name]).astype("Int64")
    return out


def with_rule(scenario: FeeScenario, **changes) -> FeeScenario:
    """A copy with FeeRule fields changed (for the sliders)."""
    return dataclasses.replace(scenario, rule=dataclasses.replace(scenario.rule, **changes))


def decimal_range(text: str) -> list[Decimal]:
    """``"2.5:5.0:0.1"`` → 2.5, 2.6, …, 5.0 (both ends included; exact decimals)."""
    try:
        start, stop, step = (Decimal(p.strip().replace(",", ".")) for p in str(text).split(":"))
    except (ValueError, InvalidOperation):
        raise UsageError(f"range {text!r}: expected FROM:TO:STEP, e.g. 2.5:5.0:0.1") from None
    if step <= 0 or stop < start or (stop - start) / step > 10_000:
        raise UsageError(f"range {text!r}: needs FROM <= TO and a positive STEP (at most 10 000 values)")
    count = int((stop - start) / step) + 1
    return [start + step * i for i in range(count)]


def data_folder(text: str | Path) -> Path:
    """The notebook's data folder: as given when it exists, else relative to ``notebooks/``
    (JupyterLab runs a notebook in its own folder, papermill in the caller's)."""
    path = Path(text)
    if path.is_absolute() or path.exists():
        return path
    from .notebooks import notebook_dir

    return notebook_dir() / path


def target_income(books, year: int, text: str = "") -> int | None:
    """The service-fee income to solve the rate for: ``text`` in kronor, or when blank last
    year's budget line Serviceavgifter (None when the budget has none)."""
    if str(text).strip():
        try:
            return parse_ore(text)
        except AmountError as exc:
            raise UsageError(f"target income: {exc}") from None
    return budget_amount(books, year - 1, SERVICE_CODE)


def rate_needed_text(books, year: int, scenario: FeeScenario, text: str = "") -> str:
    """One Swedish paragraph: the lowest rate that reaches the target under the scenario's
    limits and withdrawals (the notebook's "Sats som behövs")."""
    from .fee_solve import solve_rate
    from .money import format_kr

    target = target_income(books, year, text)
    if target is None:
        return "Inget mål: budgeten saknar raden Serviceavgifter för föregående år."
    what = "målet" if str(text).strip() else f"budgeten {year - 1} ({format_kr(target)})"
    solution = solve_rate(books, year, target, rules=scenario.rule, without=scenario.without,
                          base_growth=scenario.base_growth)
    return (f"Med reglerna i {scenario.name!r} utom satsen behövs minst {solution} för att nå {what}, "
            f"med {solution.members} betalande medlemmar.")


def service_budget(books, year: int) -> int | None:
    """The budget's Serviceavgifter for ``year`` (version ``budget``), öre; None if absent."""
    return budget_amount(books, year, SERVICE_CODE)
