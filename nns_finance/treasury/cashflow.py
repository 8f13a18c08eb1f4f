"""The cash forecast: the bank balance month by month for the next twelve months.

From the bank balance at the end of ``at`` (the ledger's bank accounts, ``[accounts] bank``)
each month adds:

- the **phased budget** of that month (:func:`nns_finance.accounting.phasing.phase_budget`; income
  positive, costs negative; a year without a budget uses the latest budget before it), taken
  to be paid at the month's end;
- the **commitments** dated in the month (``commitments.csv``); one that names a budget line
  replaces that much of the line's budget for its year (the rest of the line is spread as the
  line's phasing), so a payment is not counted twice.

Deposits are assumed to roll over (the board's policy), so they do not move the bank balance;
the ``maturing`` column shows what matures each month (principal + interest, the register's
terms followed by roll-overs of the same length). For each payment of at least ``threshold``
the forecast says what the bank holds just before it (the previous month's end plus the
commitments earlier in the month) and which deposit matures last before it — money that can be
taken out without an early-withdrawal charge.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..accounting.trial_balance import balance_at
from .reconciliation import ledger_covers
from ..core.interest import add_months, interest
from ..accounting.phasing import phase_budget, spread

THRESHOLD = 10_000_000   # 100 000 kr: a "large" payment


@dataclass(frozen=True)
class CashForecast:
    """The forecast (all amounts öre).

    at:          the day it starts from (end of day)
    opening:     bank balance at ``at``
    months:      month (``YYYY-MM``), budget, commitments, net, bank (end of month), maturing
    payments:    date, amount, text, bank_before, bank_after, covered (bank_before + amount ≥ 0),
                 maturity_before (last deposit maturity on or before the date), deposit_id,
                 days_before
    lowest_month, lowest: the month with the lowest end balance, and that balance
    notes:       assumptions made (budget years reused, no ledger, …)
    problems:    problems in commitments.csv
    """

    at: dt.date
    opening: int
    months: pd.DataFrame
    payments: pd.DataFrame
    lowest_month: str
    lowest: int
    notes: tuple[str, ...] = ()
    problems: tuple = field(default_factory=tuple)


def _month_starts(at: dt.date, count: int) -> list[dt.date]:
    first = add_months(dt.date(at.year, at.month, 1), 1)
    return [add_months(first, i) for i in range(count)]


def maturities(books, at: dt.date, until: dt.date) -> pd.DataFrame:
    """Every maturity after ``at`` up to ``until``: the register's terms and, assuming each is
    rolled over for a term of the same length at the same rate, the terms after them.
    Columns: maturity, deposit_id, principal, interest, amount."""
    deposits = books.deposits
    rows = []
    at_ts = pd.Timestamp(at)
    latest = deposits[(deposits["status"] != "withdrawn") & (deposits["maturity"] > at_ts)]
    # a term rolled over already has its successor in the register: roll only the last of each chain
    successors = set(zip(latest["bank"], latest["start"]))
    for r in latest.itertuples(index=False):
        start, maturity = r.start.date(), r.maturity.date()
        months = max(1, round((maturity - start).days / 30.4))
        rolled = (r.bank, r.maturity) not in successors
        n = 0
        while maturity <= until:
            rows.append({"maturity": pd.Timestamp(maturity), "deposit_id": r.deposit_id if n == 0 else
                         f"{r.deposit_id} (förnyad {n})", "principal": int(r.principal),
                         "interest": interest(r.principal, r.rate, start, maturity, r.day_count)})
            if not rolled:
                break
            n += 1
            start, maturity = maturity, add_months(r.start.date(), months * (n + 1))
    frame = pd.DataFrame(rows, columns=["maturity", "deposit_id", "principal", "interest"])
    frame = frame.astype({"maturity": "datetime64[ns]", "deposit_id": "str", "principal": "int64",
                          "interest": "int64"})
    frame["amount"] = frame["principal"] + frame["interest"]
    return frame.sort_values(["maturity", "deposit_id"]).reset_index(drop=True)


def _budget_months(books, years: list[int], commitments: pd.DataFrame, notes: list[str]) -> dict:
    """(year, month) → budget amount after commitments with a line have replaced their share."""
    budget_years = sorted(set(books.budget.loc[books.budget["version"] == "budget", "year"].astype(int)))
    out = {}
    for year in years:
        use = max([y for y in budget_years if y <= year], default=None)
        if use is None:
            notes.append(f"ingen budget för {year}: bara åtaganden räknas det året")
            continue
        if use != year:
            notes.append(f"budget {use} används för {year}")
        phased = phase_budget(books, use)
        taken = commitments[(commitments["line"] != "") & (commitments["date"].dt.year == year)] \
            .groupby("line")["amount"].sum()
        for code, rows in phased.groupby("code", sort=False):
            months = rows["amount"].tolist()
            if code in taken.index:
                total = sum(months)
                rest = total - int(taken[code])
                if total == 0 or (rest > 0) != (total > 0):
                    if rest:
                        notes.append(f"{code} {year}: åtagandena ({int(taken[code]) / 100:,.0f} kr) är större "
                                     "än budgeten; bara åtagandena räknas".replace(",", " "))
                    rest = 0
                weights = [abs(m) for m in months] if any(months) else [1] * 12
                months = spread(rest, weights) if rest else [0] * 12
            for m, amount in enumerate(months, start=1):
                out[(year, m)] = out.get((year, m), 0) + amount
    return out


def cash_forecast(books, at, months: int = 12, threshold: int = THRESHOLD,
                  opening: int | None = None) -> CashForecast:
    """The forecast for the ``months`` months after the month of ``at`` (a month end, usually
    the last closed month). ``opening`` overrides the bank balance read from the ledger."""
    at = pd.Timestamp(at).date()
    notes: list[str] = []
    commitments = books.commitments
    starts = _month_starts(at, months)
    end = add_months(starts[-1], 1) - dt.timedelta(days=1)
    commitments = commitments[(commitments["date"] > pd.Timestamp(at)) & (commitments["date"] <= pd.Timestamp(end))]
    if opening is None:
        if not ledger_covers(books, at):
            notes.append(f"bokföringen saknar {at.year}: ingående saldo 0 kr")
        opening = balance_at(books, books.settings.accounts.bank, at)
    budget = _budget_months(books, sorted({s.year for s in starts}), commitments, notes)
    due = maturities(books, at, end)
    frame = pd.DataFrame({"month": [f"{s:%Y-%m}" for s in starts]})
    frame["budget"] = [budget.get((s.year, s.month), 0) for s in starts]
    key = commitments["date"].dt.strftime("%Y-%m")
    frame["commitments"] = frame["month"].map(commitments.groupby(key)["amount"].sum()).fillna(0).astype("int64")
    frame["net"] = frame["budget"] + frame["commitments"]
    frame["bank"] = opening + frame["net"].cumsum()
    frame["maturing"] = frame["month"].map(due.groupby(due["maturity"].dt.strftime("%Y-%m"))["amount"].sum()) \
        .fillna(0).astype("int64")
    frame = frame.astype({"month": "str", "budget": "int64", "commitments": "int64", "net": "int64",
                          "bank": "int64"})
    low = int(frame["bank"].idxmin())
    payments = _payments(commitments, frame, opening, due, threshold)
    return CashForecast(at, int(opening), frame, payments, str(frame.at[low, "month"]), int(frame.at[low, "bank"]),
                        tuple(dict.fromkeys(notes)), ())


def _payments(commitments: pd.DataFrame, frame: pd.DataFrame, opening: int, due: pd.DataFrame,
              threshold: int) -> pd.DataFrame:
    big = commitments[commitments["amount"] <= -abs(threshold)].copy()
    month_end = dict(zip(frame["month"], frame["bank"]))
    months = list(frame["month"])
    before = []
    for r in big.itertuples(index=False):
        month = f"{r.date:%Y-%m}"
        i = months.index(month)
        prev = opening if i == 0 else month_end[months[i - 1]]
        same = commitments[(commitments["date"].dt.strftime("%Y-%m") == month) & (commitments["date"] < r.date)]
        before.append(prev + int(same["amount"].sum()))
    big["bank_before"] = pd.Series(before, index=big.index, dtype="int64")
    big["bank_after"] = big["bank_before"] + big["amount"]
    big["covered"] = big["bank_after"] >= 0
    last = [due[due["maturity"] <= d].tail(1) for d in big["date"]]
    big["maturity_before"] = pd.Series([x["maturity"].iloc[0] if len(x) else pd.NaT for x in last],
                                       index=big.index, dtype="datetime64[ns]")
    big["deposit_id"] = pd.Series([x["deposit_id"].iloc[0] if len(x) else "" for x in last],
                                  index=big.index, dtype="str")
    big["days_before"] = (big["date"] - big["maturity_before"]).dt.days.astype("Int64")
    return big[["date", "amount", "text", "bank_before", "bank_after", "covered", "maturity_before",
                "deposit_id", "days_before"]].reset_index(drop=True)
