"""The trial balance (saldobalans): per account the opening balance, the movement in a month,
the movement in the year to date and the closing balance, in the SIE sign (debit positive).

Works on the data folder's ``ledger`` and ``balances`` frames (SCHEMAS), whichever file they
came from. Opening balances are the year's #IB (or, when the year has none, last year's #UB);
result accounts open at 0. Closing = opening + movements to date. The last row holds the totals.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.problems import UsageError
from ..core.i18n import _

COLUMNS = ["account", "name", "opening", "period", "year_to_date", "closing"]
MONEY = ["opening", "period", "year_to_date", "closing"]
TOTAL = "Summa"


def opening_balances(balances: pd.DataFrame, year: int) -> pd.Series:
    """Account → opening balance of ``year``: its #IB rows, else last year's #UB rows."""
    ib = balances[(balances["kind"] == "IB") & (balances["year"] == year)]
    if ib.empty:
        ib = balances[(balances["kind"] == "UB") & (balances["year"] == year - 1)]
    return ib.groupby(ib["account"].astype(str))["amount"].sum().astype("int64")


def balance_at(books, accounts, at, year: int | None = None) -> int:
    """The balance (SIE sign: debit positive) of ``accounts`` at the end of the day ``at``: the
    fiscal ``year``'s opening (:func:`opening_balances`) plus its voucher rows dated on or
    before ``at``. ``year`` defaults to the year of ``at``. The one "balance at a date"."""
    at = pd.Timestamp(at).normalize()
    year = at.year if year is None else int(year)
    accounts = [str(a) for a in accounts]
    opening = opening_balances(books.balances, year)
    led = books.ledger
    moved = led[(led["year"] == year) & (led["date"] <= at) & led["account"].astype(str).isin(accounts)]
    return int(opening[opening.index.isin(accounts)].sum()) + int(moved["amount"].sum())


def account_balances(ledger: pd.DataFrame, balances: pd.DataFrame, year: int, through_month: int,
                     names: pd.Series | None = None) -> pd.DataFrame:
    """Per account (råbalans) of fiscal ``year``: ``opening`` (:func:`opening_balances`),
    ``period`` (the movement in month ``through_month``), ``movement`` (January through
    ``through_month``) and ``closing`` = opening + movement; int64 öre, debit positive. One row
    per account with a balance or a movement, in account order (1, 2, 10, 100 …)."""
    if not 1 <= int(through_month) <= 12:
        raise UsageError(_("through_month must be 1..12, got {through_month}",
                           through_month=through_month))
    rows = ledger[ledger["year"] == year]
    months = rows["date"].dt.month
    accounts = rows["account"].astype(str)
    to_date = months <= through_month
    movement = rows[to_date].groupby(accounts[to_date])["amount"].sum()
    in_month = months == through_month
    period = rows[in_month].groupby(accounts[in_month])["amount"].sum()
    opening = opening_balances(balances, year)
    index = opening.index.union(movement.index).union(period.index)
    index = pd.Index(sorted(index, key=lambda a: (len(a), a)), dtype="str")
    out = pd.DataFrame({
        "account": index,
        "name": (names.reindex(index).fillna("").to_numpy(object) if names is not None
                 else np.full(len(index), "", object)),
        "opening": opening.reindex(index).fillna(0).to_numpy(np.int64),
        "period": period.reindex(index).fillna(0).to_numpy(np.int64),
        "movement": movement.reindex(index).fillna(0).to_numpy(np.int64),
    })
    out["closing"] = out["opening"] + out["movement"]
    return out.astype({"account": "str", "name": "str"})


def trial_balance(ledger: pd.DataFrame, balances: pd.DataFrame, year: int, period: pd.Period,
                  names: pd.Series | None = None) -> pd.DataFrame:
    """The trial balance of fiscal ``year`` through the month ``period`` (columns :data:`COLUMNS`),
    with a last row of totals."""
    out = account_balances(ledger, balances, year, int(period.month), names)
    out = out.rename(columns={"movement": "year_to_date"})[COLUMNS]
    totals = pd.DataFrame([{"account": TOTAL, "name": "", **{c: int(out[c].sum()) for c in MONEY}}])
    return pd.concat([out, totals.astype(out.dtypes.to_dict())], ignore_index=True)
