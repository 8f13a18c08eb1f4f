"""The years ahead: income, costs, result and equity from the base-year budget and the stated
assumptions (``assumptions.toml``, :mod:`nns_finance.books.assumptions`).

The base year (2026 in the example) is the budget as the board adopted it. Each later year
takes every leaf line of that budget and applies the assumptions, compounded from the base:

- Medlemsavgifter and Serviceavgifter are the fee model's, member by member
  (:mod:`nns_finance.planning.projection_fees`): each year's rules from ``settings.toml`` (a year without
  its own: the latest earlier year's), fee bases grown by ``fee_base_growth_percent`` after the
  register's last year, withdrawals from the register and from ``[[withdrawals]]``, the
  maximum fee and the increase cap applied per member; the indicator fees in
  Indikatorverksamhet likewise (the rest of that line grows as other income). Without a member
  register, Serviceavgifter grow with the fee bases and Medlemsavgifter stay as budgeted;
- an income line with amounts of its own (``[income.amounts]``): the amount stated for the year
  (or the last year stated before);
- other income lines grow at ``other_growth_percent``; the interest line, when a deposit rate
  path is given, gets ``placed × rate`` instead of the interest budgeted in the base year;
- cost lines grow with inflation (per line where stated); a cost line with amounts of its own
  (``[costs.amounts]``) is the stated level from the year it is stated, then grows with inflation.

The fee lines are the ones settings.toml's ``[budget_lines]`` names.

Every line is rounded to whole kronor each year (half away from zero), so totals are sums of
lines.

**All zero.** With every rate 0, no amounts stated and no withdrawals assumed, each year repeats
the base-year budget exactly when the data folder records no change after the base year either:
no withdrawal, joining or indicator agreement ending in the register after 1 January of the
base year, no later ``[fees.YYYY]`` with other rules, and a register whose fees reproduce the
base-year budget's fee lines (the example's do to the krona). Anything else is a real change and
shows; the assumptions table lists the register's later withdrawals and any difference between
the fee model and the budget in the base year. Opening equity of the base year is the budget table's (or ``opening_equity``); each
year's closing = opening + result; months covered = closing ÷ (costs ÷ 12).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..books.assumptions import FILE, Assumptions, rate_in, read_assumptions
from ..core.settings import BudgetLines
from ..accounting.equity import months_covered
from ..core.interest import round_half_up
from ..core.money import format_kr
from .projection_fees import fee_rows, fee_sums, projected_fees
from ..core.problems import InputError, Problems, UsageError
from ..books.settings import _key_line
from ..core.i18n import _

TEMPLATE_FILES = {"assumptions.toml": (
    "# Antaganden för flerårsprognosen (nns-finance projection). Belopp i kronor, procent per år.\n"
    "base_year = 2026\n\n[income]\nfee_base_growth_percent = 0\nother_growth_percent = 0\n\n"
    "[costs]\ninflation_percent = 0\n\n[deposits]\nplaced = 0\nbudgeted_interest = 0\n")}
TEMPLATE_HELP = """\
assumptions.toml – antagandena bakom flerårsprognosen (nns-finance projection), skrivs ut med
resultatet. base_year: budgetåret prognosen utgår från. [income] fee_base_growth_percent: årlig
ökning av medlemmarnas tilldelning + matchning; other_growth_percent: övriga intäkter;
[income.amounts] "radens kod" = { 2029 = 250000 }: ett angivet belopp per år för en intäktsrad.
[costs] inflation_percent: kostnadsökning per år; [costs.lines] "kod" = procent för enskilda
rader; [costs.amounts] "kod" = { 2028 = 1100000 }: en angiven nivå för en kostnadsrad, därefter +
kostnadsökning. [deposits] placed: belopp på fasträntekonto; rate_percent = { 2027 = 1.75 }:
räntebana; budgeted_interest: ränta som redan finns i basårets budget; interest_line: raden räntan
bokas på. [[withdrawals]] member (medlems-id i medlemsregistret), from_year (första året utan
avgifter): antagna utträden; avgifterna räknas per medlem ur medlemsregistret och settings.toml.
En sats kan vara ett tal (alla år) eller en tabell per år; ett år som inte nämns behåller
föregående års värde."""


@dataclass(frozen=True)
class Projection:
    """The projection's result.

    assumptions: what was assumed (print :func:`assumptions_table` with the result)
    base_year:   the budget year it starts from
    lines:       code, name, section, year, amount (öre; income positive, costs negative)
    years:       year, income, costs, result, interest, opening_equity, closing_equity,
                 months_covered
    fees:        year → the fee table (:func:`nns_finance.fees.model.fee_table` columns) the fee lines
                 were summed from, base year to last; None without the fee model
    fee_rows:    how the fee lines were made, rows for :func:`assumptions_table`
    """

    assumptions: Assumptions
    base_year: int
    lines: pd.DataFrame
    years: pd.DataFrame
    fees: dict | None = None
    fee_rows: tuple[tuple[str, str], ...] = ()

    @property
    def first_year(self) -> int:
        return int(self.years["year"].iloc[0])

    @property
    def last_year(self) -> int:
        return int(self.years["year"].iloc[-1])


def load_assumptions(books) -> Assumptions:
    """The assumptions :func:`nns_finance.books.load.load` read and checked (none: all zero)."""
    return books.assumptions


def _factor(rates, base: int, year: int, since: int | None = None) -> Fraction:
    out = Fraction(1)
    for k in range((since if since is not None else base) + 1, year + 1):
        out *= 1 + Fraction(rate_in(rates, k)) / 100
    return out


def _kronor(value: Fraction) -> int:
    """Exact öre rounded to whole kronor, half away from zero, back in öre."""
    return round_half_up(Fraction(value) / 100) * 100


def _latest(by_year, base: int, year: int):
    years = [y for y in by_year if base < y <= year]
    return (max(years), by_year[max(years)]) if years else None


def _line_amount(code: str, section: str, amount: int, year: int, base: int, a: Assumptions,
                 fees: dict | None, named: BudgetLines) -> tuple[int, int]:
    """(amount, computed interest) of one leaf line in ``year``; ``fees``: (kind, year) → the
    fee model's total, or None without the fee model; ``named``: the fee lines."""
    if year == base:
        return amount, 0
    if code == named.service_fees:
        if fees is not None:
            return fees[("service", year)], 0
        return _kronor(amount * _factor(a.fee_base_growth, base, year)), 0
    if code == named.membership_fees:
        return (fees[("membership", year)] if fees is not None else amount), 0
    if section == "income":
        if code in a.income_amounts and (hit := _latest(a.income_amounts[code], base, year)):
            return hit[1], 0
        if fees is not None and code == named.indicator_fees:
            rest = amount - fees[("indicator", base)]
            return _kronor(rest * _factor(a.other_income_growth, base, year)) + fees[("indicator", year)], 0
        interest_here = code == a.interest_line and bool(a.deposit_rate)
        grown = (amount - (a.budgeted_interest if interest_here else 0)) * _factor(a.other_income_growth, base, year)
        if interest_here:
            earned = round_half_up(Fraction(a.placed) * Fraction(rate_in(a.deposit_rate, year)) / 100)
            return _kronor(grown + earned), earned
        return _kronor(grown), 0
    rates = a.line_inflation.get(code, a.inflation)
    if code in a.cost_amounts and (hit := _latest(a.cost_amounts[code], base, year)):
        return _kronor(-hit[1] * _factor(rates, base, year, since=hit[0])), 0
    return _kronor(amount * _factor(rates, base, year)), 0


def project(books, assumptions: Assumptions, first: int | None = None, last: int | None = None) -> Projection:
    """The projection for ``first``..``last`` (``first`` None or 0: the base year; ``last`` None
    or 0: four years after ``first``)."""
    budget = books.budget[books.budget["version"] == "budget"]
    years_with_budget = sorted(set(budget["year"].astype(int)))
    if not years_with_budget:
        raise UsageError(_("the budget has no 'budget' version to project from"))
    base = assumptions.base_year or max([y for y in years_with_budget if not first or y <= first]
                                        or years_with_budget)
    first = first or base
    last = last or first + 4
    if base not in years_with_budget:
        raise UsageError(_("no {base} budget to start from (budget years: {years})",
                           base=base, years=", ".join(map(str, years_with_budget))))
    if not base <= first <= last:
        raise UsageError(_("years {first}–{last}: the projection starts in its base year {base} or later "
                           "and runs forward", first=first, last=last, base=base))
    lines = books.budget_lines.set_index(books.budget_lines["code"].astype(str))
    base_amounts = budget[budget["year"] == base].groupby(budget["code"].astype(str))["amount"].sum()
    order = [c for c in lines.index if c in base_amounts.index] + sorted(set(base_amounts.index) - set(lines.index))
    tables = projected_fees(books, assumptions, base, last)
    sums = fee_sums(tables) if tables is not None else None
    rows, interest = [], {}
    for year in range(base, last + 1):
        for code in order:
            section = str(lines.at[code, "section"]) if code in lines.index else \
                ("income" if code.startswith("intakter") else "cost")
            amount, earned = _line_amount(code, section, int(base_amounts[code]), year, base, assumptions,
                                           sums, books.settings.budget_lines)
            interest[year] = interest.get(year, 0) + earned
            rows.append({"code": code, "name": str(lines.at[code, "name"]) if code in lines.index else code,
                         "section": section, "year": year, "amount": amount})
    frame = pd.DataFrame(rows).astype({"code": "str", "name": "str", "section": "str",
                                       "year": "int64", "amount": "int64"})
    income = frame[frame["section"] == "income"].groupby("year")["amount"].sum()
    costs = frame[frame["section"] == "cost"].groupby("year")["amount"].sum()
    years = pd.DataFrame({"year": range(base, last + 1)})
    years["income"] = years["year"].map(income).fillna(0).astype("int64")
    years["costs"] = years["year"].map(costs).fillna(0).astype("int64")
    years["result"] = years["income"] + years["costs"]
    years["interest"] = years["year"].map(interest).astype("int64")
    opening = _opening_equity(books, assumptions, base)
    years["closing_equity"] = opening + years["result"].cumsum()
    years["opening_equity"] = years["closing_equity"] - years["result"]
    years["months_covered"] = [months_covered(e, c) for e, c in zip(years["closing_equity"], years["costs"])]
    years = years[years["year"] >= first][["year", "income", "costs", "result", "interest", "opening_equity",
                                            "closing_equity", "months_covered"]].reset_index(drop=True)
    return Projection(assumptions, base, frame[frame["year"] >= first].reset_index(drop=True),
                      years.astype({"months_covered": "float64"}), tables,
                      tuple(fee_rows(books, assumptions, base, last, tables)))


def _opening_equity(books, a: Assumptions, base: int) -> int:
    if a.opening_equity is not None:
        return a.opening_equity
    eq = books.budget_equity
    hit = eq[(eq["version"] == "budget") & (eq["year"] == base)]
    if hit.empty:
        raise UsageError(_("no opening equity for {base}: the budget has no 'Ingående eget kapital' row "
                           "for it; set opening_equity in assumptions.toml", base=base))
    return int(hit["opening"].iloc[0])


def _pct(rates) -> str:
    if not rates:
        return "0 %"
    if set(rates) == {0}:
        return f"{str(rates[0]).replace('.', ',')} % per år"
    return "; ".join(("alla år" if y == 0 else str(y)) + f": {str(r).replace('.', ',')} %"
                     for y, r in sorted(rates.items()))


def _kr_by_year(amounts) -> str:
    return "; ".join(f"{y}: {format_kr(v)}" for y, v in sorted(amounts.items()))


def assumptions_table(projection: Projection) -> pd.DataFrame:
    """The assumptions in Swedish, one row each (Antagande, Värde), to print with the result."""
    a = projection.assumptions
    lines = projection.lines
    names = dict(zip(lines["code"].astype(str), lines["name"].astype(str))) if len(lines) else {}
    rows = [("Basår", f"budget {projection.base_year} (oförändrad)"),
            ("Ökning av avgiftsunderlag", _pct(a.fee_base_growth)),
            ("Ökning av övriga intäkter", _pct(a.other_income_growth))]
    # lines with amounts of their own, named as the budget names them
    rows += [(names.get(code, code), _kr_by_year(amounts)) for code, amounts in a.income_amounts.items()]
    rows += [("Kostnadsökning", _pct(a.inflation))]
    rows += [(f"Kostnadsökning {code}", _pct(rates)) for code, rates in sorted(a.line_inflation.items())]
    rows += [(names.get(code, code), f"{_kr_by_year(amounts)}; därefter + kostnadsökning")
             for code, amounts in a.cost_amounts.items()]
    if a.deposit_rate:
        rows += [("Placerat på fasträntekonto", format_kr(a.placed)),
                 ("Räntebana", _pct(a.deposit_rate)),
                 ("Ränta i basårets budget (ersätts)", f"{format_kr(a.budgeted_interest)} på {a.interest_line}")]
    else:
        rows += [("Räntebana", "ingen angiven: räntan som i budgeten")]
    rows += list(projection.fee_rows)
    if a.opening_equity is not None:
        rows += [("Ingående eget kapital basåret", format_kr(a.opening_equity))]
    rows += [("Källa", a.source)]
    return pd.DataFrame(rows, columns=["Antagande", "Värde"]).astype("str")


def projection_table(projection: Projection) -> pd.DataFrame:
    """The years in Swedish column names, for printing (amounts öre)."""
    y = projection.years
    return pd.DataFrame({"År": y["year"], "Intäkter": y["income"], "Kostnader": y["costs"],
                         "Årets resultat": y["result"], "varav ränta": y["interest"],
                         "Ingående eget kapital": y["opening_equity"],
                         "Utgående eget kapital": y["closing_equity"],
                         "Månader täckta": [months_text(v) for v in y["months_covered"]]})


def months_text(value) -> str:
    """``7.51`` → ``7,5``; blank when there are no costs."""
    return "" if value is None or pd.isna(value) else f"{value:.1f}".replace(".", ",")


MONEY_COLUMNS = ["Intäkter", "Kostnader", "Årets resultat", "varav ränta", "Ingående eget kapital",
                 "Utgående eget kapital"]
__all__ = ["Projection", "load_assumptions", "project", "assumptions_table", "projection_table",
           "months_text", "MONEY_COLUMNS", "TEMPLATE_FILES", "TEMPLATE_HELP"]
