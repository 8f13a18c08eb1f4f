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
from ..core.i18n import _
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
        raise UsageError(_("through_month must be 1..12, got {through_month}",
                           through_month=through_month))
    mapping = books.accounts[books.accounts["line"].astype(str) != ""][["account", "line"]]
    codes = sorted(mapping["line"].astype(str).unique())
    grid = pd.MultiIndex.from_product([codes, range(1, through_month + 1)], names=["line", "month"])
    led = books.ledger
    month = led["date"].dt.month.fillna(0).to_numpy(np.int64)
    keep = (led["year"].to_numpy() == year) & (month >= 1) & (month <= through_month)
    if mapping["account"].duplicated().any():  # an account on two lines (a chart error): each counts
        led = led[keep]
        joined = led[["account", "amount"]].assign(month=led["date"].dt.month.astype(np.int64)) \
            .merge(mapping, on="account", how="inner")
        sums = joined.groupby(["line", "month"])["amount"].sum().reindex(grid, fill_value=0)
    else:  # each distinct account looked up once, the rows summed by (line, month) as integers
        accounts, distinct = pd.factorize(led["account"])
        line_of = pd.Series(pd.Index(codes).get_indexer(mapping["line"].astype(str)),
                            index=mapping["account"].astype(str).to_numpy())
        line_no = np.append(pd.Series(distinct, dtype=object).map(line_of).fillna(-1).to_numpy(np.int64), -1)
        line = line_no[accounts]
        keep &= line >= 0
        key = line[keep] * through_month + (month[keep] - 1)
        summed = pd.Series(led["amount"].to_numpy()[keep]).groupby(key).sum()
        flat = np.zeros(len(codes) * through_month, np.int64)
        flat[summed.index.to_numpy()] = summed.to_numpy(np.int64)
        sums = pd.Series(flat, index=grid)
    out = pd.DataFrame({"code": grid.get_level_values("line").astype("str"),
                        "month": grid.get_level_values("month").astype(np.int64),
                        "amount": (-sums.to_numpy()).astype(np.int64)})
    return out


def last_year_outcome(books, year: int, through_month: int = 12) -> tuple[pd.DataFrame | None, str, str]:
    """Last year's outcome per budget line for the report of ``year`` through ``through_month``:
    ``(frame, span, source)``, the frame ``code, month, amount`` in the budget sign.

    From the best source there is: last year's vouchers (``span`` ``"ytd"``: the same months),
    else last year's ``#RES`` (a SIE file's result balances of year −1: the whole year, on
    month 12), else the budget table's ``Utfall`` column for last year (the whole year).
    ``source`` says which, in Swedish, for the report; ``(None, "", "")`` when none exists.
    """
    prev = int(year) - 1
    if bool((books.ledger["year"] == prev).any()):
        return outcome_by_line(books, prev, through_month), "ytd", f"{prev} års bokföring"
    mapping = books.accounts[books.accounts["line"].astype(str) != ""][["account", "line"]]
    bal = books.balances
    res = bal[(bal["year"] == prev) & (bal["kind"] == "RES")]
    if len(res) and len(mapping):
        joined = res[["account", "amount"]].merge(mapping, on="account", how="inner")
        sums = joined.groupby("line")["amount"].sum()
        return (pd.DataFrame({"code": pd.Series(sums.index.astype(str), dtype="str"),
                              "month": np.full(len(sums), 12, dtype=np.int64),
                              "amount": (-sums.to_numpy()).astype(np.int64)}),
                "year", f"#RES för {prev} i SIE-filen (helår)")
    budget = books.budget
    outcome = budget[(budget["version"] == "outcome") & (budget["year"] == prev)]
    if len(outcome):
        return (pd.DataFrame({"code": outcome["code"].astype("str").to_numpy(),
                              "month": np.full(len(outcome), 12, dtype=np.int64),
                              "amount": outcome["amount"].to_numpy(dtype=np.int64)}),
                "year", f"budgetens kolumn {prev} Utfall (helår)")
    return None, "", ""


def trial_balance(books, year: int, through_month: int = 12) -> pd.DataFrame:
    """Per account (råbalans) of the loaded books: columns ``account, name, opening, period,
    movement, closing`` (see :func:`nns_finance.accounting.trial_balance.account_balances`, the
    one trial balance: opening = the year's #IB, else last year's closing)."""
    names = books.accounts.drop_duplicates("account").set_index("account")["name"] \
        if len(books.accounts) else None
    return account_balances(books.ledger, books.balances, year, through_month, names)
