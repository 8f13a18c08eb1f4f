"""Equity (eget kapital): the roll-forward per year, reconciled three ways, and the buffer.

Each year's equity must roll forward: opening + result = closing. :func:`roll_forward` shows it
for every source that has the figures, one row per year and source:

- the **budget table**: each version's *Ingående/Utgående eget kapital* rows
  (``books.budget_equity``) against the result computed from its lines;
- the **ledger**: the opening balance of the equity accounts (``[accounts] equity``) and the
  result from the vouchers (accounts 3000–8989, income minus costs); the closing is the
  accounts' closing balance (``UB``) when the ledger has one, otherwise what the vouchers give.

Each row's opening is also compared with the previous year's closing (the chain): for the
previous year the best figure available is used — the outcome column, then a complete ledger
year, then the forecast, then the budget (the seed's 2026 opening is the 2025 *forecast*
closing). The seed's chain 1 549 590 → 1 552 276 → 1 580 302 (forecast) → 1 583 551 adds up.

The buffer figure is *months of costs covered*: closing equity ÷ (the year's costs ÷ 12).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from ..core.money import format_kr
from ..core.problems import WARNING, Problem

RESULT_ACCOUNTS = (3000, 8989)   # income and costs; 8990–8999 is the year-end transfer
CLOSING_ACCOUNTS = (3000, 8999)
COST_ACCOUNTS = ((4000, 7999), (8400, 8499))   # used when the chart maps no account to a cost line
PREFERENCE = {"outcome": 0, "ledger": 1, "forecast": 2, "budget": 3}

COLUMNS = ["year", "source", "version", "opening", "result", "closing", "closing_stated",
           "difference", "previous_closing", "previous_from", "chain_difference", "costs",
           "months_covered"]


def months_covered(equity_ore: int, costs_ore: int) -> float | None:
    """Equity ÷ (a year's costs ÷ 12); ``costs_ore`` in either sign. None without costs."""
    costs = abs(int(costs_ore))
    if not costs:
        return None
    return round(float(Fraction(int(equity_ore) * 12, costs)), 2)


def _budget_rows(books) -> list[dict]:
    budget, lines, equity = books.budget, books.budget_lines, books.budget_equity
    section = dict(zip(lines["code"].astype(str), lines["section"].astype(str)))
    sums = budget.assign(cost=budget["code"].astype(str).map(section).eq("cost")) \
        .groupby(["version", "year"]).apply(
            lambda g: pd.Series({"result": int(g["amount"].sum()),
                                 "costs": int(g.loc[g["cost"], "amount"].sum())}),
            include_groups=False) if len(budget) else pd.DataFrame(columns=["result", "costs"])
    keyed = {(str(r.version), int(r.year)): r for r in equity.itertuples(index=False)}
    rows = []
    for (version, year), figures in sums.iterrows():
        eq = keyed.get((str(version), int(year)))
        if eq is None:
            continue
        rows.append({"year": int(year), "source": "budget", "version": str(version),
                     "opening": int(eq.opening), "result": int(figures["result"]),
                     "closing_stated": int(eq.closing), "costs": int(figures["costs"])})
    return rows


def _in(accounts: pd.Series, lo: int, hi: int) -> pd.Series:
    """Accounts numbered lo … hi (each distinct account read as a number once)."""
    codes, distinct = pd.factorize(accounts)
    numbers = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").to_numpy(float)
    inside = np.append((numbers >= lo) & (numbers <= hi), False)  # code -1 (missing): not inside
    return pd.Series(inside[codes], index=accounts.index)


def _cost_mask(books, accounts: pd.Series) -> pd.Series:
    mapped = books.accounts
    cost_accounts = set(mapped.loc[mapped["line"].astype(str).str.startswith("kostnader."), "account"].astype(str))
    if cost_accounts:
        return accounts.astype(str).isin(cost_accounts)
    mask = pd.Series(False, index=accounts.index)
    for lo, hi in COST_ACCOUNTS:
        mask |= _in(accounts, lo, hi)
    return mask


def year_complete(books, year: int) -> bool:
    """A ledger year is complete when it has closing balances or settings say it is closed."""
    bal = books.balances
    closed = books.settings.closed_through
    return bool(((bal["year"] == year) & (bal["kind"] == "UB")).any()
                or (closed is not None and closed >= f"{year}-12"))


def _ledger_rows(books) -> list[dict]:
    led, bal = books.ledger, books.balances
    equity = [str(a) for a in books.settings.accounts.equity]
    led_years = led["year"].to_numpy()
    years = sorted(set(np.unique(led_years).tolist()) | set(bal.loc[bal["kind"] == "IB", "year"].astype(int)))
    # each distinct account is classified once; the rows pick their account's answers
    codes, distinct = pd.factorize(led["account"])
    distinct = pd.Series(distinct, dtype=object)

    def per_row(mask: pd.Series) -> np.ndarray:
        return np.append(mask.to_numpy(bool), False)[codes]  # code -1 (no account): not counted

    amount = led["amount"].to_numpy()
    is_result = per_row(_in(distinct, *RESULT_ACCOUNTS))
    is_cost = per_row(_cost_mask(books, distinct))
    is_moved = per_row(distinct.isin(equity) | _in(distinct, *CLOSING_ACCOUNTS))
    rows = []
    for year in years:
        in_year = led_years == year
        b = bal[(bal["year"] == year) & bal["account"].isin(equity)]
        opening = -int(b.loc[b["kind"] == "IB", "amount"].sum())
        result = -int(amount[in_year & is_result].sum())
        costs = -int(amount[in_year & is_cost].sum())
        if (b["kind"] == "UB").any():
            # Before the year-end closing the result is not yet booked to equity, so the UB of
            # the balance accounts do not sum to zero: their sum is the unbooked result (0 once
            # it is booked). Closing equity = UB of the equity accounts + that result.
            ub = bal[(bal["year"] == year) & (bal["kind"] == "UB")]
            unbooked = int(ub.loc[_in(ub["account"], 1000, 2999), "amount"].sum())
            stated = -int(b.loc[b["kind"] == "UB", "amount"].sum()) + unbooked
        else:
            stated = opening - int(amount[in_year & is_moved].sum())
        rows.append({"year": int(year), "source": "ledger", "version": "ledger", "opening": opening,
                     "result": result, "closing_stated": stated, "costs": costs,
                     "complete": year_complete(books, year)})
    return rows


def roll_forward(books) -> pd.DataFrame:
    """One row per year and source (budget-table version, or the ledger), sorted by year.

    Columns: year, source (``budget``/``ledger``), version, opening, result, closing
    (opening + result), closing_stated (the table's closing row / the ledger's closing),
    difference (closing_stated − closing), previous_closing and previous_from (the previous
    year's closing the chain uses, and where from), chain_difference (opening −
    previous_closing), costs (the year's costs, negative), months_covered (closing ÷ monthly
    costs). Amounts in öre; blank (``<NA>``) where a figure does not exist.
    """
    rows = _budget_rows(books) + _ledger_rows(books)
    frame = pd.DataFrame(rows, columns=COLUMNS[:5] + ["closing_stated", "costs", "complete"])
    frame["closing"] = frame["opening"] + frame["result"]
    frame["difference"] = frame["closing_stated"] - frame["closing"]
    best: dict[int, tuple[int, str, int]] = {}   # year -> (rank, label, closing)
    for r in frame.itertuples(index=False):
        if r.source == "ledger" and not r.complete:
            continue
        rank = PREFERENCE.get(r.version, 4)
        if r.year not in best or rank < best[r.year][0]:
            label = "bokföring" if r.source == "ledger" else r.version
            best[r.year] = (rank, f"{r.year} {label}", int(r.closing))
    prev = [best.get(y - 1) for y in frame["year"]]
    frame["previous_closing"] = pd.array([p[2] if p else None for p in prev], dtype="Int64")
    frame["previous_from"] = pd.array([p[1] if p else "" for p in prev], dtype="str")
    frame["chain_difference"] = frame["opening"].astype("Int64") - frame["previous_closing"]
    frame["months_covered"] = [months_covered(c, k) for c, k in zip(frame["closing"], frame["costs"])]
    frame["months_covered"] = frame["months_covered"].astype("float64")
    order = frame["version"].map(lambda v: PREFERENCE.get(v, 4))
    frame = frame.assign(_o=order).sort_values(["year", "_o", "version"], kind="stable")
    frame = frame.drop(columns=["_o", "complete"]).reset_index(drop=True)
    ints = {c: "int64" for c in ("year", "opening", "result", "closing", "closing_stated", "difference", "costs")}
    return frame.astype(ints).astype({"source": "str", "version": "str"})[COLUMNS]


def equity_problems(books) -> list[Problem]:
    """Warnings where equity does not roll forward: a closing that is not opening + result,
    or an opening that is not the previous year's closing."""
    frame = roll_forward(books)
    budget_file = next((s.name for s in books.sources if s.name.startswith("budget.")), "budget")
    problems = []
    for r in frame.itertuples(index=False):
        file = budget_file if r.source == "budget" else "ledger"
        what = f"{r.year} {'bokföring' if r.source == 'ledger' else r.version}"
        if r.difference:
            problems.append(Problem(file, None, severity=WARNING, message=(
                f"equity {what}: opening {format_kr(r.opening)} + result {format_kr(r.result)} = "
                f"{format_kr(r.closing)}, but the closing is {format_kr(r.closing_stated)}")))
        if not pd.isna(r.chain_difference) and r.chain_difference:
            problems.append(Problem(file, None, severity=WARNING, message=(
                f"equity {what}: opening {format_kr(r.opening)} is not the closing of "
                f"{r.previous_from} ({format_kr(int(r.previous_closing))})")))
    return problems
