"""Fee scenarios the board compares: what each brings in, and what it means for each member.

A :class:`FeeScenario` is one year's fee rules with any of them changed, members removed,
bases grown, indicator agreements ended. The first is always the rules in force
(:func:`current_scenario`); the others come from scenario files or from the notebook's text
parameters — both read by the one scenario reader, :mod:`nns_finance.books.scenario_file`, so every
scenario file works here (see README, *Scenarios*). :func:`from_scenario` takes from a scenario
what matters for the fees of the year and lists, in Swedish, what it leaves out:

- fee-rule changes from the year or earlier apply in order (later ones are left out);
- members whose withdrawal takes effect on or before the year's fee date leave before the year
  (``without``); a later withdrawal does not touch the year's fees; a member the register
  already shows as gone is noted;
- indicator agreements ending end the indicator fee as in the scenario engine;
- ``base_growth_percent`` from its year on;
- budget-line changes and the annual meeting are left out (``nns-finance scenario`` shows them).

Last year's fee is always the fee under the rules in ``settings.toml``.
:func:`compare_scenarios` gives one row per scenario, :func:`member_comparison` one per member.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..fees.years import rules_in, rules_note
from ..fees.model import fee_table
from ..core.money import AmountError, parse_ore
from ..core.problems import InputError, Problems, UsageError
from ..books.scenario_file import IndicatorEnding, Scenario, build_scenario, plan_years, scenarios_from
from ..books.scenario_syntax import SUFFIXES
from ..core.settings import FeeRule
from ..core.i18n import _

INLINE = "notebook parameters"


@dataclass(frozen=True)
class FeeScenario:
    """One set of fee rules to compare.

    name, description: as the board reads them
    rule:        the fee rules (a :class:`~nns_finance.core.settings.FeeRule` for the year)
    without:     member ids treated as gone before the year
    base_growth: every fee base grown by this many per cent
    source:      where it came from: ``settings``, ``inline`` or a file name
    indicator_endings: indicator agreements ending (:class:`~nns_finance.books.scenario_file.IndicatorEnding`)
    notes:       Swedish sentences: what of the scenario file the fees leave out, and why
    """

    name: str
    description: str
    rule: FeeRule
    without: tuple[str, ...] = ()
    base_growth: Decimal = Decimal(0)
    source: str = ""
    indicator_endings: tuple[IndicatorEnding, ...] = ()
    notes: tuple[str, ...] = ()


def current_scenario(books, year: int) -> FeeScenario:
    """The rules in force for ``year`` (settings.toml): the baseline of every comparison."""
    note = rules_note(books.settings, year)
    return FeeScenario(f"Gällande regler {year}", "Reglerna i settings.toml", rules_in(books.settings, year),
                       source="settings", notes=(note,) if note else ())


def fee_year(books, year: int | None = 0) -> int:
    """The fee year asked for; 0 (or None): the year the board sets fees for — the latest year
    the budget has a Budget column for, else the fiscal year. One default for the ``fees``,
    ``fees-report`` and ``board`` commands and the fee notebook."""
    if year:
        return int(year)
    budget = books.budget
    years = budget.loc[budget["version"] == "budget", "year"] if len(budget) else []
    return int(max(years)) if len(years) else int(books.settings.fiscal_year)


def reading_years(books, year: int) -> tuple[int, int]:
    """The years a scenario file is checked against for fee year ``year``: the data's planning
    years, widened to take in ``year``."""
    first, last = plan_years(books)
    return min(year, first), max(year, last)


def from_scenario(books, year: int, scenario: Scenario, source: str = "") -> FeeScenario:
    """What ``scenario`` means for the fees of ``year`` (see the module docstring)."""
    from .scenarios import scenario_rule

    rule = scenario_rule(books.settings, scenario, year)
    fee_day = rule.effective_fee_date
    left = books.members.drop_duplicates("member_id").set_index("member_id")["withdrawal_date"]
    without, notes = [], []
    for w in scenario.withdrawals:
        gone = left.get(w.member_id)
        if pd.notna(gone) and gone.date() <= fee_day:
            notes.append(f"{w.member_id} har redan utträtt enligt medlemsregistret (från {gone.date():%Y-%m-%d}).")
        elif w.effective_date <= fee_day:
            without.append(w.member_id)
        else:
            notes.append(f"Utträdet för {w.member_id} gäller från {w.effective_date:%Y-%m-%d}: "
                         f"påverkar inte avgifterna {year}.")
    later = sorted({c.from_year for c in scenario.fee_changes if c.from_year > year})
    if later:
        notes.append(f"Avgiftsändringar från {', '.join(map(str, later))}: gäller inte {year}.")
    growth = scenario.base_growth or Decimal(0)
    if growth and scenario.base_growth_from > year:
        notes.append(f"Underlagen ökar först från {scenario.base_growth_from}: inte {year}.")
        growth = Decimal(0)
    left_out = ([f"{len(scenario.line_changes)} ändring(ar) av budgetrader"] if scenario.line_changes else []) \
        + (["årsmötet"] if scenario.meeting else [])
    if left_out:
        notes.append(f"Används inte för avgifterna: {' och '.join(left_out)} (se nns-finance scenario).")
    return FeeScenario(scenario.name, scenario.description, rule, tuple(without), growth,
                       source or scenario.file, scenario.indicator_endings, tuple(notes))


def _read(books, year: int, data: dict, name: str) -> FeeScenario:
    problems = Problems()
    scenario = build_scenario(data, name, problems, books, reading_years(books, year))
    if scenario is None or problems.has_errors:
        raise InputError(problems)
    return from_scenario(books, year, scenario, "inline")


def inline_scenario(books, year: int, name: str = "Förslag", description: str = "",
                    rate_permille: str = "", max_fee_kr: str = "", max_increase_kr: str = "",
                    without: str = "", base_growth_percent: str = "") -> FeeScenario:
    """A scenario from the notebook's text parameters ("" = as in settings; "none" = no limit),
    read as a scenario file with these keys would be (:class:`InputError` naming the key)."""
    data = {"name": name, "description": description, "year": year,
            "service_rate_permille": rate_permille, "max_fee": max_fee_kr,
            "max_increase": max_increase_kr, "without": without, "base_growth_percent": base_growth_percent}
    return _read(books, year, {k: v for k, v in data.items() if not isinstance(v, str) or v.strip()}
                 | {"name": name}, INLINE)


def read_scenarios(books, year: int) -> list[FeeScenario]:
    """The scenarios of the files :func:`~nns_finance.books.load.load` read (``load(folder,
    scenarios=[file or folder])``; every problem of every file collected before
    :class:`InputError` is raised), each as it bears on the fees of ``year``."""
    return [from_scenario(books, year, s) for s in scenarios_from(books, reading_years(books, year))]


def scenarios_for(books, year: int, scenario_file: str | Path | None = None, **inline) -> list[FeeScenario]:
    """The rules in force, then the scenario file's (when given: not None or blank) or else the
    inline scenario (``inline`` holds :func:`inline_scenario`'s text parameters; none given →
    only the rules)."""
    out = [current_scenario(books, year)]
    if scenario_file is not None and str(scenario_file).strip():
        out += read_scenarios(books, year)
    elif any(str(v).strip() for k, v in inline.items() if k not in ("name", "description")):
        out.append(inline_scenario(books, year, **inline))
    return out


def _register_for(books, scenario: FeeScenario):
    if not scenario.indicator_endings:
        return books
    from .scenarios import scenario_books

    return scenario_books(books, Scenario(scenario.name, indicator_endings=scenario.indicator_endings))


def scenario_tables(books, year: int, scenarios: Iterable[FeeScenario]) -> list[pd.DataFrame]:
    """Each scenario's fee table for ``year``."""
    return [fee_table(_register_for(books, s), year, s.rule, s.without, s.base_growth) for s in scenarios]


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
    budget = budget_amount(books, year, books.settings.budget_lines.service_fees)
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
        raise UsageError(_("range {text!r}: expected FROM:TO:STEP, e.g. 2.5:5.0:0.1",
                           text=text)) from None
    if step <= 0 or stop < start or (stop - start) / step > 10_000:
        raise UsageError(_("range {text!r}: needs FROM <= TO and a positive STEP (at most 10 000 values)",
                           text=text))
    count = int((stop - start) / step) + 1
    return [start + step * i for i in range(count)]


def target_income(books, year: int, text: str = "") -> int | None:
    """The service-fee income to solve the rate for: ``text`` in kronor, or when blank last
    year's budget line Serviceavgifter (None when the budget has none)."""
    if str(text).strip():
        try:
            return parse_ore(text)
        except AmountError as exc:
            raise UsageError(_("target income: {exc}", exc=exc)) from None
    return budget_amount(books, year - 1, books.settings.budget_lines.service_fees)


def left_since_last_year(table: pd.DataFrame) -> list[str]:
    """``"Name (id)"`` of the members of a fee table that paid a service fee last year and have
    withdrawn (status ``withdrawn``) — e.g. Södra Vänern in 2026."""
    gone = table[(table["status"] == "withdrawn") & (table["last_year_fee"].fillna(0) > 0)]
    return [f"{n} ({m})" for m, n in zip(gone["member_id"], gone["name"])]


def rate_needed_text(books, year: int, scenario: FeeScenario, text: str = "") -> str:
    """One Swedish paragraph: the lowest rate that reaches the target under the scenario's
    limits and withdrawals (the notebook's "Sats som behövs"), and who has left since last year."""
    from ..fees.solve import TargetUnreachable, _permille, solve_rate
    from ..core.money import format_kr

    target = target_income(books, year, text)
    if target is None:
        return "Inget mål: budgeten saknar raden Serviceavgifter för föregående år."
    what = f"målet {format_kr(target)}" if str(text).strip() else \
        f"budgeten {year - 1} ({format_kr(target)})"
    try:
        solution = solve_rate(books, year, target, rules=scenario.rule, without=scenario.without,
                              base_growth=scenario.base_growth)
    except TargetUnreachable as none:
        out = (f"Serviceavgifterna {year} kan inte nå {what} med reglerna i *{scenario.name}* i övrigt "
               f"(maxtaxa, maxhöjning, utträden): **ingen sats räcker**. Hur hög satsen än blir ger "
               f"maxtaxan och maxhöjningen högst {format_kr(none.best)}, {format_kr(target - none.best)} "
               f"under målet. {none.members} medlemmar betalar serviceavgift {year}.")
    else:
        out = (f"För att serviceavgifterna {year} ska nå {what} behövs, med reglerna i *{scenario.name}* "
               f"i övrigt (maxtaxa, maxhöjning, utträden), minst **{_permille(solution.rate)}**: den ger "
               f"{format_kr(solution.income)}")
        if solution.rate_below is not None:
            out += f", {_permille(solution.rate_below)} ger {format_kr(solution.income_below)}"
        out += f". {solution.members} medlemmar betalar serviceavgift {year}."
    table = fee_table(_register_for(books, scenario), year, scenario.rule, scenario.without,
                      scenario.base_growth)
    gone = left_since_last_year(table)
    names = dict(zip(table["member_id"], table["name"]))
    gone += [f"{names.get(m, m)} ({m}, i scenariot)" for m in scenario.without]
    if gone:
        out += f" Sedan {year - 1} har {_and_list(gone)} lämnat."
    return out


def rates_needed_text(books, year: int, scenarios: list[FeeScenario], text: str = "") -> str:
    """:func:`rate_needed_text` for each scenario, one paragraph each."""
    return "\n\n".join(rate_needed_text(books, year, s, text) for s in scenarios)


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def bears_on_fees(scenario: FeeScenario, baseline: FeeScenario) -> bool:
    """Whether ``scenario`` changes the fees of the year against ``baseline``: other rules,
    members leaving, grown bases or indicator agreements ending."""
    return (scenario.rule != baseline.rule or bool(scenario.without) or bool(scenario.base_growth)
            or bool(scenario.indicator_endings))


def split_unchanged(scenarios: list[FeeScenario]) -> tuple[list[FeeScenario], list[FeeScenario]]:
    """The baseline and the scenarios that change the year's fees; and the others (the annual
    meeting, later years, members already gone), which would only repeat the baseline."""
    base, rest = scenarios[0], scenarios[1:]
    return [base] + [s for s in rest if bears_on_fees(s, base)], [s for s in rest if not bears_on_fees(s, base)]


def unchanged_text(unchanged: list[FeeScenario], year: int) -> str:
    """Swedish: the scenarios left out of the comparison because they leave the fees as they are."""
    if not unchanged:
        return ""
    items = "\n".join(f"- *{s.name}*" + (f": {' '.join(s.notes)}" if s.notes else "") for s in unchanged)
    return (f"Scenarier som inte ändrar avgifterna {year} och därför inte visas här "
            f"(se `nns-finance scenario` för resultat och eget kapital):\n\n{items}")


def service_budget(books, year: int) -> int | None:
    """The budget's Serviceavgifter for ``year`` (version ``budget``), öre; None if absent."""
    return budget_amount(books, year, books.settings.budget_lines.service_fees)
