"""The scenario engine: a baseline and each scenario, year by year, and what differs.

For each scenario (:class:`~nns_finance.books.scenario_file.Scenario`) and each year of the projection
(the data's planning years by default):

- **the fees**: the fee model per member and year (:func:`nns_finance.fees.years.fee_tables`),
  once on the projection's register (the member register with the withdrawals assumed in
  ``assumptions.toml``, :func:`nns_finance.planning.projection_fees.projected_register`) and once with the
  scenario's members leaving, indicator agreements ending and fee rules changed — each year's
  rules, grown bases and last year's fees exactly as the projection has them; the difference
  lands on the fee lines (Medlemsavgifter, Serviceavgifter, Indikatorverksamhet), so a scenario
  that changes nothing equals the projection year by year;
- **the lines**: the baseline's budget lines per year (:func:`baseline_lines`) with the fee
  differences, then the scenario's line changes, then the annual meeting (its income and cost
  replace the budget's Årsmöte/Medlemsmöte lines in the meeting's year);
- **the totals**: income, costs, result (income + costs, costs negative) and closing equity
  (opening equity of the first year + the results so far).

**What a scenario is compared with.** Normally the baseline. A scenario that lets a member leave
whose withdrawal the register already holds (Södra Vänern: notice 2025-09-30, gone 2026-01-01)
would show no difference at all, so such a scenario is compared with the baseline *as if those
members had stayed* — the difference is then the size of their departure. ``reference`` names
the comparison in every result.

Everything is int64 öre; every total is the sum of its lines.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping

import pandas as pd

from . import meeting as meeting_model
from ..core.i18n import _
from ..core.problems import UsageError
from ..books.scenario_file import Scenario, plan_years
from ..fees.model import fee_tables
from ..fees.years import rules_in
from ..core.settings import FeeRule
from ..core.i18n import _

#: the fee kinds; the budget line each is booked on is settings.toml's ``[budget_lines]``
FEE_KINDS = ("membership", "service", "indicator")
BASELINE = "Bas"


@dataclass(frozen=True)
class ScenarioOutcome:
    """One scenario worked through.

    scenario:  the scenario as read
    reference: what it is compared with (``"baseline"`` or ``"baseline, … staying"``)
    years:     year, then income, costs, result, equity for the reference (``ref_…``), the
               scenario (no prefix) and the difference (``diff_…``); int64 öre
    lines:     code, year, reference, scenario, difference — every leaf line
    members:   member_id, name, year, fee kinds for reference and scenario, ``ref_total``,
               ``total``, ``difference`` (membership + service + indicator fees)
    meeting:   net cost by participant count (:func:`nns_finance.planning.meeting.net_cost_table`) or None
    """

    scenario: Scenario
    reference: str
    years: pd.DataFrame
    lines: pd.DataFrame
    members: pd.DataFrame
    meeting: pd.DataFrame | None = None


def year_range(years: tuple[int, int] | str | None = None, books=None) -> tuple[int, int]:
    """``(first, last)`` from a pair or from text ``"FIRST-LAST"`` / ``"YEAR"``; None: the
    data's planning years (:func:`~nns_finance.books.scenario_file.plan_years` of ``books``)."""
    if years is None:
        years = plan_years(books)
    if isinstance(years, str):
        parts = years.replace("–", "-").split("-")
        try:
            first, last = (int(parts[0]), int(parts[-1])) if len(parts) <= 2 else (None, None)
        except ValueError:
            first = last = None
        if first is None:
            raise UsageError(_("years {years!r}: expected FIRST-LAST, two years with a hyphen",
                               years=years))
        years = (first, last)
    first, last = int(years[0]), int(years[1])
    if last < first or last - first > 20:
        raise UsageError(_("years {first}-{last}: expected FIRST-LAST with FIRST <= LAST, at most 20 years",
                           first=first, last=last))
    return first, last


def asked_years(books, first: int | None = 0, last: int | None = 0) -> tuple[int, int]:
    """The years a notebook's ``first_year`` and ``last_year`` ask for, 0 (or None) meaning from
    the data: the first of the planning years
    (:func:`~nns_finance.books.scenario_file.plan_years`), the last two years after the first."""
    if not first and not last:
        return year_range(None, books)
    first = first or plan_years(books)[0]
    return year_range((first, last or first + 2))


# ---------------------------------------------------------------- rules and register
def rule_for(settings, year: int) -> FeeRule:
    """The fee rules of ``year``: settings.toml's, or the latest earlier year's carried forward."""
    return rules_in(settings, year)


def scenario_rule(settings, scenario: Scenario, year: int) -> FeeRule:
    """The year's rules with the scenario's fee changes from earlier years applied in order."""
    rule = rule_for(settings, year)
    for change in sorted(scenario.fee_changes, key=lambda c: c.from_year):
        if change.from_year <= year:
            rule = dataclasses.replace(rule, **dict(change.changes))
    return rule


def _with_members(books, members: pd.DataFrame):
    return dataclasses.replace(books, members=members)


def staying_books(books, member_ids):
    """The books with these members' registered withdrawals taken back (they stay)."""
    ids = set(member_ids)
    if not ids:
        return books
    m = books.members.copy()
    rows = m["member_id"].astype(str).isin(ids)
    m.loc[rows, ["notice_date", "withdrawal_date"]] = pd.NaT
    return _with_members(books, m)


def scenario_books(books, scenario: Scenario):
    """The books with the scenario's withdrawals and indicator endings written into the register."""
    m = books.members.copy()
    ids = m["member_id"].astype(str)
    for w in scenario.withdrawals:
        rows = ids == w.member_id
        m.loc[rows, "withdrawal_date"] = pd.Timestamp(w.effective_date)
        m.loc[rows, "notice_date"] = pd.Timestamp(w.notice_date) if w.notice_date else pd.NaT
    for e in scenario.indicator_endings:
        rows = ids == e.member_id
        end = pd.Timestamp(e.end_date)
        m.loc[rows, "indicator_to"] = m.loc[rows, "indicator_to"].where(
            m.loc[rows, "indicator_to"].notna() & (m.loc[rows, "indicator_to"] < end), end)
    return _with_members(books, m)


def already_leaving(books, scenario: Scenario) -> tuple[str, ...]:
    """The scenario's leaving members whose withdrawal the register already holds."""
    m = books.members.drop_duplicates("member_id").set_index("member_id")
    return tuple(w.member_id for w in scenario.withdrawals
                 if pd.notna(m.at[w.member_id, "withdrawal_date"]))


# ---------------------------------------------------------------- fees and lines
def member_fees(books, first: int, last: int, rule_of, growth, carry: tuple[str, ...] = (),
                extra_growth: Decimal | None = None, extra_from: int | None = None) -> dict[int, pd.DataFrame]:
    """Per year ``first``..``last``: member_id, name, membership, service, indicator (int64 öre)
    from the fee model, the years computed in order (:func:`nns_finance.fees.years.fee_tables`):
    ``rule_of(year)`` the rules, ``growth`` the assumed growth of bases after the register,
    ``carry`` members (leavers made to stay) whose latest base stands in for a missing one,
    ``extra_growth`` per cent more on every base from ``extra_from`` on."""
    tables = fee_tables(books, first, last, rule_of, growth=growth, carry=carry,
                        base_growth=extra_growth or 0, base_growth_from=extra_from)
    return {y: _fee_columns(t) for y, t in tables.items()}


def _fee_columns(table: pd.DataFrame) -> pd.DataFrame:
    """C's fee table narrowed to the three fee kinds (column names as ``fees.fee_table`` has them)."""
    names = {"membership": ("membership_fee", "membership"),
             "service": ("service_fee", "service"),
             "indicator": ("indicator_fee", "indicator")}
    out = pd.DataFrame({"member_id": table["member_id"].astype("string"),
                        "name": table["name"].astype("string")})
    for kind, candidates in names.items():
        col = next((c for c in candidates if c in table.columns), None)
        out[kind] = table[col].astype("int64").to_numpy() if col else 0
    return out.astype({k: "int64" for k in FEE_KINDS})


def baseline_lines(books, years: tuple[int, int], assumptions=None) -> tuple[pd.DataFrame, int]:
    """The baseline per leaf line and year (code, year, amount) and the first year's opening
    equity: the projection (:mod:`nns_finance.planning.projection`) when it can give lines, otherwise the
    first year's budget repeated year after year."""
    first, last = year_range(years, books)
    projected = _projected_lines(books, first, last, assumptions)
    if projected is not None:
        return projected
    budget = books.budget[books.budget["version"] == "budget"]
    have = sorted(int(y) for y in budget["year"].unique() if int(y) <= first)
    if not have:
        raise UsageError(_("the budget has no 'budget' column for {first} or earlier: the scenarios start "
                           "from it", first=first))
    base = budget[budget["year"] == have[-1]][["code", "amount"]]
    lines = pd.concat([base.assign(year=y) for y in range(first, last + 1)], ignore_index=True)
    lines = lines[["code", "year", "amount"]].astype({"code": "string", "year": "int64", "amount": "int64"})
    return lines, _opening_equity(books, have[-1], first, base)


def _opening_equity(books, budget_year: int, first: int, base: pd.DataFrame) -> int:
    eq = books.budget_equity
    row = eq[(eq["version"] == "budget") & (eq["year"] == budget_year)]
    if row.empty:
        raise UsageError(_("the budget has no 'Ingående eget kapital' for {budget_year}: the scenarios "
                           "need the opening equity", budget_year=budget_year))
    opening = int(row["opening"].iloc[0])
    return opening + int(base["amount"].sum()) * (first - budget_year)


def _projected_lines(books, first: int, last: int, assumptions=None):
    """The projection (:func:`nns_finance.planning.projection.project` with the data folder's
    ``assumptions.toml``), when it can start at ``first``; None otherwise."""
    from . import projection

    assumptions = assumptions or projection.load_assumptions(books)
    budget_years = set(books.budget.loc[books.budget["version"] == "budget", "year"].astype(int))
    base = assumptions.base_year or max((y for y in budget_years if y <= first), default=None)
    if base is None or base > first or base not in budget_years:
        return None
    p = projection.project(books, assumptions, first, last)
    lines = p.lines[["code", "year", "amount"]].astype({"code": "string", "year": "int64", "amount": "int64"})
    return lines.reset_index(drop=True), int(p.years["opening_equity"].iloc[0])


# ---------------------------------------------------------------- the engine
@dataclass(frozen=True)
class Baseline:
    """The baseline once, shared by every scenario.

    lines, opening: the projection's leaf lines per year and the first year's opening equity
    fees:           year → fees per member (:func:`member_fees`) on ``books``
    books:          the books with the projection's register (assumed withdrawals written in)
    growth:         the assumed yearly growth of fee bases after the register (year → per cent)
    """

    first: int
    last: int
    lines: pd.DataFrame
    opening: int
    fees: dict
    books: object = None
    growth: Mapping = field(default_factory=dict)

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)


def baseline(books, years: tuple[int, int] | str | None = None) -> Baseline:
    """The baseline for ``years``: the projection's lines and the fee model on its register."""
    from ..fees.model import _require_register
    from .projection import load_assumptions
    from .projection_fees import projected_register

    _require_register(books)
    first, last = year_range(years, books)
    assumptions = load_assumptions(books)
    lines, opening = baseline_lines(books, (first, last), assumptions)
    register = projected_register(books, assumptions)
    growth = assumptions.fee_base_growth
    fees = member_fees(register, first, last, lambda y: rules_in(books.settings, y), growth)
    return Baseline(first, last, lines, opening, fees, register, growth)


def _fee_delta(lines: pd.DataFrame, year: int, fees: pd.DataFrame, base: pd.DataFrame,
               named: dict[str, str]) -> pd.DataFrame:
    """The change of each fee kind's total booked on its budget line (``named``: kind → line)."""
    for kind in FEE_KINDS:
        delta = int(fees[kind].sum()) - int(base[kind].sum())
        if delta:
            code = named.get(kind)
            if code is None:
                raise UsageError(_("the {kind} fees change in {year}, but settings.toml names no budget line "
                                   "for them: add [budget_lines] {kind}_fees = \"<line code>\"",
                                   kind=kind, year=year))
            rows = (lines["code"] == code) & (lines["year"] == year)
            if not rows.any():
                raise UsageError(_("the budget has no line {code!r} for the {kind} fees", code=code, kind=kind))
            lines.loc[rows, "amount"] += delta
    return lines


def _percent_of(amount: int, percent: Decimal) -> int:
    return int((Decimal(int(amount)) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _line_changes(lines: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    for c in sorted(scenario.line_changes, key=lambda c: c.from_year):
        rows = (lines["code"] == c.code) & (lines["year"] >= c.from_year)
        if c.amount is not None:
            lines.loc[rows, "amount"] = c.amount
        elif c.change is not None:
            lines.loc[rows, "amount"] += c.change
        else:
            lines.loc[rows, "amount"] = [a + _percent_of(a, c.percent) for a in lines.loc[rows, "amount"]]
    return lines


def _meeting(lines: pd.DataFrame, scenario: Scenario, named) -> pd.DataFrame:
    plan = scenario.meeting
    if plan is None:
        return lines
    for code, amount in meeting_model.meeting_lines(plan, named).items():
        rows = (lines["code"] == code) & (lines["year"] == plan.year)
        if not rows.any():
            raise UsageError(_("the budget has no line {code!r} for the annual meeting in {year}",
                               code=code, year=plan.year))
        lines.loc[rows, "amount"] = amount
    return lines


def totals(books, lines: pd.DataFrame, opening: int) -> pd.DataFrame:
    """Per year: income, costs, result (income + costs) and closing equity, from leaf lines."""
    section = dict(zip(books.budget_lines["code"].astype(str), books.budget_lines["section"].astype(str)))
    kind = lines["code"].astype(str).map(section)
    t = pd.DataFrame({"year": lines["year"],
                      "income": lines["amount"].where(kind == "income", 0),
                      "costs": lines["amount"].where(kind == "cost", 0)})
    t = t.groupby("year", as_index=False).sum().astype("int64")
    t["result"] = t["income"] + t["costs"]
    t["equity"] = opening + t["result"].cumsum()
    return t


def _member_rows(year: int, ref: pd.DataFrame, scn: pd.DataFrame) -> pd.DataFrame:
    both = ref.merge(scn, on=["member_id", "name"], how="outer", suffixes=("_ref", ""))
    kinds = [f"{k}_ref" for k in FEE_KINDS] + list(FEE_KINDS)
    both[kinds] = both[kinds].fillna(0).astype("int64")
    both = both.rename(columns={f"{k}_ref": f"ref_{k}" for k in FEE_KINDS})
    both["ref_total"] = both[[f"ref_{k}" for k in FEE_KINDS]].sum(axis=1).astype("int64")
    both["total"] = both[list(FEE_KINDS)].sum(axis=1).astype("int64")
    both["difference"] = both["total"] - both["ref_total"]
    both.insert(2, "year", year)
    return both


def run_scenario(books, scenario: Scenario, years: tuple[int, int] | str | None = None,
                 base: Baseline | None = None) -> ScenarioOutcome:
    """One scenario against its reference, year by year (see the module docstring)."""
    base = base or baseline(books, years)
    staying = already_leaving(base.books, scenario)
    ref_books = staying_books(base.books, staying)
    scn_books = scenario_books(ref_books, scenario)
    ref_lines, scn_lines = base.lines.copy(), base.lines.copy()
    ref_fees = (member_fees(ref_books, base.first, base.last, lambda y: rules_in(books.settings, y),
                            base.growth, carry=staying) if staying else base.fees)
    scn_fees = member_fees(scn_books, base.first, base.last,
                           lambda y: scenario_rule(books.settings, scenario, y), base.growth, carry=staying,
                           extra_growth=scenario.base_growth, extra_from=scenario.base_growth_from)
    member_frames = []
    named = books.settings.budget_lines
    for y in base.years:
        ref_lines = _fee_delta(ref_lines, y, ref_fees[y], base.fees[y], named.fee_lines())
        scn_lines = _fee_delta(scn_lines, y, scn_fees[y], base.fees[y], named.fee_lines())
        member_frames.append(_member_rows(y, ref_fees[y], scn_fees[y]))
    scn_lines = _meeting(_line_changes(scn_lines, scenario), scenario, named)
    ref_t, scn_t = totals(books, ref_lines, base.opening), totals(books, scn_lines, base.opening)
    years_frame = scn_t.merge(ref_t.add_prefix("ref_").rename(columns={"ref_year": "year"}), on="year")
    for col in ("income", "costs", "result", "equity"):
        years_frame[f"diff_{col}"] = years_frame[col] - years_frame[f"ref_{col}"]
    lines = ref_lines.rename(columns={"amount": "reference"}).merge(
        scn_lines.rename(columns={"amount": "scenario"}), on=["code", "year"])
    lines["difference"] = lines["scenario"] - lines["reference"]
    names = books.members.drop_duplicates("member_id").set_index("member_id")["name"]
    reference = ("baseline" if not staying else
                 "baseline with " + ", ".join(str(names[m]) for m in staying) + " staying")
    meeting = meeting_model.net_cost_table(scenario.meeting) if scenario.meeting else None
    members = pd.concat(member_frames, ignore_index=True).sort_values(["year", "member_id"], ignore_index=True)
    return ScenarioOutcome(scenario, reference, years_frame, lines, members, meeting)
