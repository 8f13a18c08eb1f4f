"""The outcome (utfall) from the loaded ledger: per budget line and month, and per account.

- :func:`outcome_by_line` — what the monthly report compares with the budget: the ledger summed
  per budget line and month in the budget sign (income positive, costs negative);
- :func:`trial_balance` — the råbalans: per account the opening balance, the month's and the
  year's movements and the closing balance, in the bookkeeping sign (debit positive).

Both read ``books.ledger``, ``books.balances`` and ``books.accounts`` and return new frames of
int64 öre; nothing else is touched.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.problems import UsageError
from .trial_balance import account_balances


def outcome_by_line(books, year: int, through_month: int = 12) -> pd.DataFrame:
    """Ledger outcome per budget line and month, in the budget sign (income positive, costs
    negative): ``amount = −Σ ledger amount`` of the accounts mapped to the line.

    Columns ``code, month, amount`` (int64 öre); one row for every line that an account maps
    to and every month 1..``through_month`` (zero where nothing was booked), sorted by code
    and month. Accounts without a line (balance-sheet accounts) are not counted.
    """
    through_month = int(through_month)
    if not 1 <= through_month <= 12:
        raise UsageError(f"through_month must be 1..12, got {through_month}")
    mapping = books.accounts[books.accounts["line"].astype(str) != ""][["account", "line"]]
    codes = sorted(mapping["line"].astype(str).unique())
    led = books.ledger
    led = led[(led["year"] == year) & (led["date"].dt.month <= through_month)]
    joined = led[["account", "amount"]].assign(month=led["date"].dt.month.astype(np.int64)) \
        .merge(mapping, on="account", how="inner")
    sums = joined.groupby(["line", "month"])["amount"].sum()
    grid = pd.MultiIndex.from_product([codes, range(1, through_month + 1)], names=["line", "month"])
    sums = sums.reindex(grid, fill_value=0)
    out = pd.DataFrame({"code": grid.get_level_values("line").astype("str"),
                        "month": grid.get_level_values("month").astype(np.int64),
                        "amount": (-sums.to_numpy()).astype(np.int64)})
    return out


def trial_balance(books, year: int, through_month: int = 12) -> pd.DataFrame:
    """Per account (råbalans) of the loaded books: columns ``account, name, opening, period,
    movement, closing`` (see :func:`nns_finance.accounting.trial_balance.account_balances`, the
    one trial balance: opening = the year's #IB, else last year's closing)."""
    names = books.accounts.drop_duplicates("account").set_index("account")["name"] \
        if len(books.accounts) else None
    return account_balances(books.ledger, books.balances, year, through_month, names)
