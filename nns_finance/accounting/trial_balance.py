"""The trial balance (saldobalans): per account the opening balance, the movement in a month,
the movement in the year to date and the closing balance, in the SIE sign (debit positive).

Works on the data folder's ``ledger`` and ``balances`` frames (SCHEMAS), whichever file they
came from. Opening balances are the year's #IB (or, when the year has none, last year's #UB);
result accounts open at 0. Closing = opening + movements to date. The last row holds the totals.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = ["account", "name", "opening", "period", "year_to_date", "closing"]
MONEY = ["opening", "period", "year_to_date", "closing"]
TOTAL = "Summa"


def opening_balances(balances: pd.DataFrame, year: int) -> pd.Series:
    """Account → opening balance of ``year``: its #IB rows, else last year's #UB rows."""
    ib = balances[(balances["kind"] == "IB") & (balances["year"] == year)]
    if ib.empty:
        ib = balances[(balances["kind"] == "UB") & (balances["year"] == year - 1)]
    return ib.groupby(ib["account"].astype(str))["amount"].sum().astype("int64")


def trial_balance(ledger: pd.DataFrame, balances: pd.DataFrame, year: int, period: pd.Period,
                  names: pd.Series | None = None) -> pd.DataFrame:
    """The trial balance of fiscal ``year`` through the month ``period`` (columns :data:`COLUMNS`)."""
    rows = ledger[ledger["year"] == year]
    months = rows["date"].dt.to_period("M")
    accounts = rows["account"].astype(str)
    ytd = rows[months <= period].groupby(accounts[months <= period])["amount"].sum()
    in_period = rows[months == period].groupby(accounts[months == period])["amount"].sum()
    opening = opening_balances(balances, year)
    index = opening.index.union(ytd.index).union(in_period.index)
    index = pd.Index(sorted(index, key=lambda a: (len(a), a)), dtype="str")
    out = pd.DataFrame({
        "account": index,
        "opening": opening.reindex(index).fillna(0).to_numpy(np.int64),
        "period": in_period.reindex(index).fillna(0).to_numpy(np.int64),
        "year_to_date": ytd.reindex(index).fillna(0).to_numpy(np.int64),
    })
    out["closing"] = out["opening"] + out["year_to_date"]
    out["name"] = (names.reindex(index).fillna("").to_numpy(object) if names is not None
                   else np.full(len(index), "", object))
    out = out[COLUMNS].astype({"account": "str", "name": "str"})
    totals = pd.DataFrame([{"account": TOTAL, "name": "", **{c: int(out[c].sum()) for c in MONEY}}])
    return pd.concat([out, totals.astype(out.dtypes.to_dict())], ignore_index=True)
