"""Every figure the board's page can show, computed by the fee model in exact öre.

For each fee year on offer, :func:`year_figures` takes the fee table of the rules in force
(:func:`nns_finance.fees.model.fee_table`: who pays, for how many months, last year's fee, the
membership and indicator fees) and the fee of every member before limits at every rate of the
grid (:func:`nns_finance.fees.grid.grid_fees`, rounded as the rules say). A member's service fee
under any setting of the controls is then the lowest of three of those figures — the fee
before limits at the rate, the cap (the fee before limits at the previous rate, or last year's
fee, plus the maximum increase) and the maximum fee — taken ``months``/12 when it joined during
the year, exactly as :func:`~nns_finance.fees.model.compute_fees` does. The data folder's
scenarios are worked through here too (:mod:`nns_finance.planning.fee_scenarios`).

:func:`payload` turns the figures into the plain structure the page's script reads (integer
arrays travel as compact binary arrays).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .ranges import Grid, make_grid
from ..fee_tables import rule_text
from ...core.settings import FeeRule
from ...core.problems import UsageError
from ...fees.arithmetic import hundredths_of_per_mille, rounding_unit
from ...fees.grid import NO_LIMIT, FeeInputs, grid_fees
from ...fees.model import fee_table
from ...core.payers import STATUS_LABELS
from ...fees.years import last_base_year, rules_in, rules_note
from ...books.scenario_file import scenarios_from
from ...planning.fee_scenarios import (
    FeeScenario, budget_amount, compare_scenarios, current_scenario, from_scenario, reading_years,
    scenario_tables, split_unchanged
)
from ...core.i18n import _


@dataclass(frozen=True)
class YearFigures:
    """One fee year on the page.

    year, rule:   the year and its rules in force (settings.toml)
    table:        the fee table under those rules (:data:`nns_finance.fees.model.COLUMNS`)
    previous_r100: the previous rate the page offers for a cap measured against it (hundredths ‰)
    budget:       fee kind → the year's budget line (öre), None where the budget has none
    target:       the default target income: last year's budget for service fees (öre) or None
    notes:        Swedish sentences: rules carried forward, fee bases grown
    scenarios:    the data folder's scenarios that change this year's fees, as worked through
    unchanged:    the other scenarios, with why they leave the fees as they are
    """

    year: int
    rule: FeeRule
    table: pd.DataFrame
    previous_r100: int
    budget: dict
    target: int | None
    notes: tuple[str, ...]
    scenarios: tuple[FeeScenario, ...] = ()
    scenario_rows: pd.DataFrame | None = None
    unchanged: tuple[FeeScenario, ...] = ()


def offered_years(books, year: int, years: str | None = None) -> list[int]:
    """The fee years on the page: the year before (when it has rules), the year and the next —
    or ``FIRST-LAST`` as the treasurer gives it."""
    first_rules = min(books.settings.fees) if books.settings.fees else None
    if first_rules is None:
        raise UsageError(_("settings.toml has no fee rules ([fees.YYYY])"))
    if years:
        try:
            a, b = (int(p) for p in str(years).split("-"))
        except ValueError:
            raise UsageError(_("--years {years!r}: expected FIRST-LAST, e.g. 2025-2027",
                               years=years)) from None
        if not a <= year <= b or b - a > 5:
            raise UsageError(_("--years {years!r}: must include {year} and span at most 6 years",
                               years=years, year=year))
        wanted = range(a, b + 1)
    else:
        wanted = range(year - 1, year + 2)
    return [y for y in wanted if y >= first_rules]


def previous_rate_r100(books, rule) -> int:
    """The previous rate for a cap measured against it: the rule's own, else last year's rate,
    else the rate itself."""
    if rule.previous_rate is not None:
        return hundredths_of_per_mille(rule.previous_rate)
    try:
        return hundredths_of_per_mille(rules_in(books.settings, rule.year - 1).service_rate)
    except UsageError:
        return hundredths_of_per_mille(rule.service_rate)


def _notes(books, year: int) -> tuple[str, ...]:
    notes = []
    carried = rules_note(books.settings, year)
    if carried:
        notes.append(carried)
    last = last_base_year(books.fee_bases)
    if last is not None and year > last:
        notes.append(f"Underlag {year}: medlemsregistrets underlag {last} ökade med den antagna "
                     "ökningen (fee_base_growth_percent i assumptions.toml).")
    return tuple(notes)


def year_figures(books, year: int, scenarios: list | None) -> YearFigures:
    """The year's rules, fee table, budget lines and scenarios (``scenarios``: as read by
    :func:`read_scenario_files`; the before-limit table comes later, once the grid is known:
    :func:`before_limits`)."""
    rule = rules_in(books.settings, year)
    table = fee_table(books, year, rule)
    named = books.settings.budget_lines
    budget = {kind: budget_amount(books, year, code) for kind, code in named.fee_lines().items()}
    target = budget_amount(books, year - 1, named.service_fees)
    kept, left, rows = (), (), None
    if scenarios is not None:
        every = [current_scenario(books, year)] + [from_scenario(books, year, sc) for sc in scenarios]
        kept, left = split_unchanged(every)
        rows = compare_scenarios(books, year, kept, scenario_tables(books, year, kept))
    return YearFigures(year, rule, table, previous_rate_r100(books, rule), budget, target,
                       _notes(books, year), tuple(kept), rows, tuple(left))


def before_limits(fig: YearFigures, grid: Grid) -> np.ndarray:
    """Every member's service fee before limits at every rate of the grid, öre, shape
    (rates, members): the fee grid's own rounding (:func:`nns_finance.fees.grid.grid_fees`)."""
    t = fig.table
    m = len(t)
    inputs = FeeInputs(rule=fig.rule, member_ids=t["member_id"].astype(str).to_numpy(),
                       names=t["name"].astype(str).to_numpy(),
                       base=t["base"].fillna(0).astype("int64").to_numpy(),
                       months=np.full(m, 12, dtype="int64"), reference=np.full(m, -1, dtype="int64"),
                       last_year=np.full(m, -1, dtype="int64"))
    _, before, _ = grid_fees(inputs, grid.rates_r100, np.asarray([NO_LIMIT]), np.asarray([NO_LIMIT]))
    return np.asarray(before[:, 0, 0, :], dtype="int64")


def loadable(s: FeeScenario, base: FeeScenario, grid: Grid) -> bool:
    """Whether the page's controls can show the scenario: only the rate, the limits, the basis
    and members leaving differ from the rules in force, and its rates lie on the grid."""
    r, b = s.rule, base.rule
    same = dataclasses.replace(r, service_rate=b.service_rate, max_fee=b.max_fee, max_increase=b.max_increase,
                               max_increase_basis=b.max_increase_basis, previous_rate=b.previous_rate)
    rates_ok = grid.rate_index(r.service_rate) is not None and (
        r.previous_rate is None or grid.rate_index(r.previous_rate) is not None)
    return same == b and not s.base_growth and not s.indicator_endings and rates_ok


def read_scenario_files(books, years: list[int]) -> tuple | None:
    """The scenario files the books were loaded with (``load(folder, scenarios=…)``), checked once
    against all the years on the page (every problem of every file before :class:`InputError`);
    None when there are none."""
    if not books.scenario_texts:
        return None
    spans = [reading_years(books, y) for y in years]
    return scenarios_from(books, (min(a for a, _ in spans), max(b for _, b in spans)))


def make_figures(books, years: list[int], rates=None, max_fees=None, max_increases=None):
    """The figures of every year, with the scenarios the books were loaded with, and the grid
    around them (see :mod:`.ranges`)."""
    scenarios = read_scenario_files(books, years)
    figs = [year_figures(books, y, scenarios) for y in years]
    in_force = [f.rule for f in figs]
    others = [s.rule for f in figs for s in f.scenarios]
    rules = in_force + others
    rate_values = [hundredths_of_per_mille(r.service_rate) for r in rules] + [f.previous_r100 for f in figs] \
        + [hundredths_of_per_mille(r.previous_rate) for r in rules if r.previous_rate is not None]
    largest = max(int(f.table["service_fee"].max()) if len(f.table) else 0 for f in figs)
    grid = make_grid(rate_values, [r.max_fee for r in in_force], [r.max_increase for r in in_force], largest,
                     rates, max_fees, max_increases, [r.max_fee for r in others], [r.max_increase for r in others])
    return figs, grid


# ---------------------------------------------------------------- what the page reads
def _ints(values) -> np.ndarray:
    """Integer öre as a compact binary array: int32 when every value fits, else float64 (exact
    below 2^53)."""
    a = np.asarray(values, dtype="int64")
    if len(a) == 0 or (a.min() >= -(2**31) and a.max() < 2**31):
        return a.astype("int32")
    if np.abs(a).max() >= 2**53:
        raise UsageError(_("an amount too large for the page (above 2^53 öre)"))
    return a.astype("float64")


def _leaving_text(books, row, year: int) -> str:
    """Swedish: when the member would leave before ``year`` by the notice rule, or what the
    register already says."""
    rule = books.settings.notice
    reg = books.members[books.members["member_id"].astype(str) == str(row.member_id)]
    if len(reg) and pd.notna(reg["withdrawal_date"].iloc[0]):
        notice = reg["notice_date"].iloc[0]
        said = f"anmält {notice:%Y-%m-%d}, " if pd.notna(notice) else ""
        return f"enligt registret: {said}utträde från {reg['withdrawal_date'].iloc[0]:%Y-%m-%d}"
    deadline = dt.date(year - 1, rule.deadline_month, rule.deadline_day)
    effect = rule.effective_date(deadline)
    return f"uppsägning senast {deadline:%Y-%m-%d} ger utträde från {effect:%Y-%m-%d}"


def _rule_payload(rule, previous_r100: int) -> dict:
    return {"r100": hundredths_of_per_mille(rule.service_rate), "max_fee": rule.max_fee,
            "max_increase": rule.max_increase, "basis": rule.max_increase_basis,
            "prev_r100": (hundredths_of_per_mille(rule.previous_rate) if rule.previous_rate is not None
                          else previous_r100)}


def _scenario_payload(s: FeeScenario, row, base: FeeScenario, grid: Grid, ids: list[str],
                      previous_r100: int) -> dict:
    def num(v):
        return None if v is None or v is pd.NA else int(v)

    return {"name": s.name, "description": s.description, "rule_text": rule_text(s.rule),
            "without": list(s.without), "without_idx": [ids.index(w) for w in s.without if w in ids],
            "notes": list(s.notes), "loadable": loadable(s, base, grid),
            "rule": _rule_payload(s.rule, previous_r100),
            "service": int(row.service_income), "membership": int(row.membership_income),
            "indicator": int(row.indicator_income), "total": int(row.total_income),
            "members": int(row.members), "at_max": int(row.at_max_fee), "capped": int(row.capped),
            "largest_increase": num(row.largest_increase),
            "base_growth": str(s.base_growth).replace(".", ",") if s.base_growth else "",
            "indicator_endings": [f"{e.member_id} ({e.end_date:%Y-%m-%d})" for e in s.indicator_endings]}


def year_payload(books, fig: YearFigures, grid: Grid) -> dict:
    t = fig.table
    ids = t["member_id"].astype(str).tolist()
    before = before_limits(fig, grid)
    unit = rounding_unit(fig.rule.rounding)
    scaled = before // unit
    assert (scaled * unit == before).all()
    base_scen = fig.scenarios[0] if fig.scenarios else current_scenario(books, fig.year)
    return {
        "year": fig.year, "unit": unit, "rule": _rule_payload(fig.rule, fig.previous_r100),
        "rule_text": rule_text(fig.rule).split(": ", 1)[-1], "notes": list(fig.notes),
        "membership_fee": fig.rule.membership_fee, "indicator_fee": fig.rule.indicator_fee,
        "ids": ids, "names": t["name"].astype(str).tolist(),
        "status": [STATUS_LABELS.get(s, s) for s in t["status"].astype(str)],
        "leaving": [_leaving_text(books, r, fig.year) for r in t.itertuples()],
        "months": t["months"].astype("int32").to_numpy(),
        "base": _ints(t["base"].fillna(-1).astype("int64")),
        "last": _ints(t["last_year_fee"].fillna(-1).astype("int64")),
        "membership": _ints(t["membership_fee"].astype("int64")),
        "indicator": _ints(t["indicator_fee"].astype("int64")),
        "before": _ints(scaled.ravel()), "before_scale": unit,
        "budget": {k: v for k, v in fig.budget.items()}, "target": fig.target,
        "scenarios": [_scenario_payload(s, row, base_scen, grid, ids, fig.previous_r100)
                      for s, row in zip(fig.scenarios, fig.scenario_rows.itertuples())]
        if fig.scenario_rows is not None else [],
        "unchanged": [{"name": s.name, "notes": list(s.notes)} for s in fig.unchanged],
    }


def payload(books, figs: list[YearFigures], grid: Grid, default_year: int) -> dict:
    """The whole of what the page's script reads."""
    return {
        "years": [year_payload(books, f, grid) for f in figs],
        "default_year": default_year,
        "grid": {"rate_first": grid.rate_first, "rate_last": grid.rate_last,
                 "max_fees": list(grid.max_fees), "max_increases": list(grid.max_increases),
                 "heat_rates": list(grid.heat_rates), "heat_fees": list(grid.heat_fees)},
    }
