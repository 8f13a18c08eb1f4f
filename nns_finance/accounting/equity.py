"""Equity (eget kapital): the roll-forward per year, reconciled three ways, and the buffer.

Each year's equity must roll forward: opening + result + other movements = closing.
:func:`roll_forward` shows it for every source that has the figures, one row per year and source:

- the **budget table**: each version's *Ingående/Utgående eget kapital* rows
  (``books.budget_equity``) against the result computed from its lines;
- the **ledger**: the opening balance of the equity accounts (``[accounts] equity``), the
  result from the vouchers (accounts 3000–8989, income minus costs; for a year known only from
  its balances, ``#RES``), and the other movements on the equity accounts
  (:func:`other_movements`: everything but the booking of the result, each its own voucher).
  The closing it is checked against is independent of the vouchers: the ledger's own ``#UB``
  (when the year's vouchers all come from the file that has it), else next year's opening
  balance; within a year there is none.

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
from ..core.i18n import _

RESULT_ACCOUNTS = (3000, 8989)   # income and costs; 8990–8999 is the year-end transfer
CLOSING_ACCOUNTS = (3000, 8999)
COST_ACCOUNTS = ((4000, 7999), (8400, 8499))   # used when the chart maps no account to a cost line
PREFERENCE = {"outcome": 0, "ledger": 1, "forecast": 2, "budget": 3}

ROUNDING_ORE = 100   # a difference under 1 kr against the board's rounded table is rounding

COLUMNS = ["year", "source", "version", "opening", "result", "other", "closing", "closing_stated",
           "closing_from", "difference", "previous_closing", "previous_from", "chain_difference",
           "costs", "months_covered", "through_month"]


def _kr(ore: int) -> str:
    """Kronor, with öre only when there are any."""
    return format_kr(ore, decimals=2 if int(ore) % 100 else 0)


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
    mapped, lines = books.accounts, books.budget_lines
    cost_lines = set(lines.loc[lines["section"] == "cost", "code"].astype(str)) if len(lines) else set()
    cost_accounts = set(mapped.loc[mapped["line"].astype(str).isin(cost_lines), "account"].astype(str))
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


def _closing_vouchers(vouchers: pd.DataFrame) -> pd.Series:
    """Mask of the rows of vouchers that book the year's result (they touch 8990–8999)."""
    hit = _in(vouchers["account"], 8990, 8999)
    out = pd.Series(False, index=vouchers.index)
    if not hit.any():
        return out
    # only rows whose voucher number is one of those vouchers' can belong to them
    maybe = vouchers["number"].astype(str).isin(set(vouchers.loc[hit, "number"].astype(str)))
    rows = vouchers[maybe]
    key = rows["source"].astype(str) + "\x1f" + rows["series"].astype(str) + "\x1f" + rows["number"].astype(str)
    closing = key[hit[maybe]]
    out[maybe] = key.isin(set(closing)).to_numpy()
    return out


def other_movements(books, year: int, through_month: int = 12) -> pd.DataFrame:
    """The voucher rows on the equity accounts (``[accounts] equity``) other than the booking
    of the result: a gift or grant booked straight to equity, a correction of an earlier year.

    Columns: year, date, series, number, account, text, source, line, amount (öre, credit
    positive: an increase of equity is positive), in date order.
    """
    equity = [str(a) for a in books.settings.accounts.equity]
    led = books.ledger
    period = (led["year"] == int(year)) & (led["date"].dt.month <= int(through_month))
    # only the period's rows on the equity accounts and on 8990–8999 are copied, not the ledger
    wanted = period & (led["account"].astype(str).isin(equity) | _in(led["account"], 8990, 8999))
    rows = led[wanted]
    rows = rows[~_closing_vouchers(rows)]
    rows = rows[rows["account"].astype(str).isin(equity)]
    out = rows[["year", "date", "series", "number", "account", "text", "source", "line"]].copy()
    out["amount"] = (-rows["amount"]).astype("int64")
    return out.sort_values(["date", "series", "number"], kind="stable").reset_index(drop=True)


def _unbooked(rows: pd.DataFrame) -> int:
    """The result not yet booked to equity in a set of balance rows: their 1000–2999 sum."""
    return int(rows.loc[_in(rows["account"], 1000, 2999), "amount"].sum())


def _equity_balance(bal: pd.DataFrame, equity: list[str]) -> int:
    return -int(bal.loc[bal["account"].astype(str).isin(equity), "amount"].sum())


def opening_equity(books, year: int) -> int | None:
    """The equity the ledger opens ``year`` with (credit positive): the equity accounts' #IB,
    else last year's closing balances (#UB, with last year's result if it was not yet booked);
    None when the ledger has neither."""
    equity = [str(a) for a in books.settings.accounts.equity]
    bal = books.balances
    ib = bal[(bal["year"] == year) & (bal["kind"] == "IB")]
    if len(ib):
        return _equity_balance(ib, equity)
    ub = bal[(bal["year"] == year - 1) & (bal["kind"] == "UB")]
    if len(ub):
        return _equity_balance(ub, equity) + _unbooked(ub)
    return None


def _stated_closing(books, year: int, vouchers: pd.DataFrame, equity: list[str]) -> tuple[int | None, str]:
    """The year's closing equity from a figure the vouchers do not give: the ledger's own
    closing balances (#UB) when every voucher of the year comes from the file that has them,
    else next year's opening balances (#IB). (None, "") when neither exists."""
    bal = books.balances
    ub = bal[(bal["year"] == year) & (bal["kind"] == "UB")]
    sources = set(vouchers["source"].astype(str).unique())
    one_sie = len(sources) == 1 and next(iter(sources)).lower().endswith((".se", ".si", ".sie"))
    if len(ub) and (vouchers.empty or one_sie):
        return _equity_balance(ub, equity) + _unbooked(ub), "#UB"
    ib = bal[(bal["year"] == year + 1) & (bal["kind"] == "IB")]
    if len(ib):
        return _equity_balance(ib, equity) + _unbooked(ib), f"IB {year + 1}"
    return None, ""


def _ledger_rows(books, year: int | None = None, through_month: int = 12) -> list[dict]:
    led, bal = books.ledger, books.balances
    equity = [str(a) for a in books.settings.accounts.equity]
    years = sorted(set(led["year"].astype(int)) | set(bal.loc[bal["kind"].isin(["IB", "RES"]), "year"].astype(int)))
    if year is not None:
        years = [y for y in years if y <= year]
    rows = []
    for y in years:
        month = through_month if y == year else 12
        vouchers = led.loc[(led["year"] == y) & (led["date"].dt.month <= month), ["account", "amount", "source"]]
        ib = bal[(bal["year"] == y) & (bal["kind"] == "IB")]
        opening = opening_equity(books, y)
        res = bal[(bal["year"] == y) & (bal["kind"] == "RES")]
        if len(vouchers) or res.empty:
            result = -int(vouchers.loc[_in(vouchers["account"], *RESULT_ACCOUNTS), "amount"].sum())
            costs = -int(vouchers.loc[_cost_mask(books, vouchers["account"]), "amount"].sum())
            result_from = "vouchers"
        else:   # a year known only from its balances (#RES -1): the result is its #RES
            result = -int(res.loc[_in(res["account"], *RESULT_ACCOUNTS), "amount"].sum())
            costs = -int(res.loc[_cost_mask(books, res["account"]), "amount"].sum())
            result_from = "#RES"
        other = int(other_movements(books, y, month)["amount"].sum())
        stated, stated_from = _stated_closing(books, y, vouchers, equity) if month == 12 else (None, "")
        if not len(vouchers) and result_from == "vouchers" and not len(ib) and stated is None:
            continue
        rows.append({"year": int(y), "source": "ledger", "version": "ledger", "opening": opening or 0,
                     "result": result, "other": other, "closing_stated": stated,
                     "closing_from": stated_from, "costs": costs, "through_month": int(month),
                     "complete": month == 12 and year_complete(books, y)})
    return rows


def roll_forward(books, year: int | None = None, through_month: int = 12) -> pd.DataFrame:
    """One row per year and source (budget-table version, or the ledger), sorted by year.

    With ``year`` (and ``through_month``) the ledger's figures are those of the vouchers
    through that month, and later years are left out: the roll-forward a period's report shows.

    Columns: year, source (``budget``/``ledger``), version, opening, result, other (movements
    on the equity accounts other than the result: :func:`other_movements`), closing (opening
    + result + other), closing_stated and closing_from (an independent closing: the budget
    table's closing row, the ledger's ``#UB``, or next year's ``IB``; ``<NA>`` and "" when
    there is none, e.g. for a period within the year), difference (closing_stated − closing),
    previous_closing and previous_from (the previous year's closing the chain uses, and where
    from), chain_difference (opening − previous_closing), costs (the year's costs, negative),
    months_covered (closing ÷ monthly costs), through_month. Amounts in öre.
    """
    rows = _budget_rows(books) + _ledger_rows(books, year, through_month)
    if year is not None:
        rows = [r for r in rows if r["year"] <= year]
    for r in rows:
        r.setdefault("other", 0)
        r.setdefault("closing_from", "budgettabellen" if r["source"] == "budget" else "")
        r.setdefault("through_month", 12)
        r.setdefault("complete", True)
    frame = pd.DataFrame(rows, columns=COLUMNS[:5] + ["other", "closing_stated", "closing_from", "costs",
                                                      "through_month", "complete"])
    frame["closing"] = frame["opening"] + frame["result"] + frame["other"]
    frame["closing_stated"] = frame["closing_stated"].astype("Int64")
    frame["difference"] = frame["closing_stated"] - frame["closing"].astype("Int64")
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
    ints = {c: "int64" for c in ("year", "opening", "result", "other", "closing", "costs", "through_month")}
    return frame.astype(ints).astype({"source": "str", "version": "str", "closing_from": "str"})[COLUMNS]


def is_rounding(difference, *figures_from: str) -> bool:
    """True when a difference is only the board's rounding: under 1 kr, with one side a figure
    of the budget table (whole kronor) — a note, not an error."""
    return (not pd.isna(difference) and abs(int(difference)) < ROUNDING_ORE
            and any(f == "budget" for f in figures_from))


def equity_problems(books) -> list[Problem]:
    """Warnings where equity does not roll forward: a closing that is not opening + result,
    or an opening that is not the previous year's closing."""
    frame = roll_forward(books)
    budget_file = next((s.name for s in books.sources if s.name.startswith("budget.")), "budget")
    problems = []
    for r in frame.itertuples(index=False):
        file = budget_file if r.source == "budget" else "ledger"
        what = f"{r.year} {'bokföring' if r.source == 'ledger' else r.version}"
        if not pd.isna(r.difference) and r.difference and not is_rounding(r.difference, r.source):
            other = " + " + _("other movements {amount}", amount=_kr(r.other)) if r.other else ""
            problems.append(Problem(file, None, severity=WARNING, message=(
                _("equity {what}: opening {opening} + result {result}{other} = {closing}, but "
                  "the closing ({closing_from}) is {closing_stated}",
                  what=what, opening=_kr(r.opening), result=_kr(r.result), other=other,
                  closing=_kr(r.closing), closing_from=r.closing_from,
                  closing_stated=_kr(int(r.closing_stated))))))
        rounded_from = "budget" if r.source == "budget" or " bokföring" not in str(r.previous_from) else "ledger"
        if not pd.isna(r.chain_difference) and r.chain_difference \
                and not is_rounding(r.chain_difference, r.source, rounded_from):
            problems.append(Problem(file, None, severity=WARNING, message=(
                _("equity {what}: opening {opening} is not the closing of {previous_from} "
                  "({previous_closing})",
                  what=what, opening=_kr(r.opening), previous_from=r.previous_from,
                  previous_closing=_kr(int(r.previous_closing))))))
    return problems
