"""The budget as SIE #PBUDGET rows: one per account and month, ready for the bookkeeping program.

The phased budget (:func:`nns_finance.accounting.phasing.phase_budget`: code, month, amount in the budget
sign — income positive, costs negative) goes to the accounts of each line (``accounts``:
account, line). A line with several accounts puts its whole budget on the first of them in
account order; a line with no account cannot be exported. SIE counts debit positive, so the
amount changes sign: income is negative, costs positive.
"""
from __future__ import annotations

import pandas as pd


def first_accounts(accounts: pd.DataFrame) -> pd.Series:
    """Budget line code → the first account (in account order) that maps to it."""
    a = accounts[accounts["line"].astype(str) != ""]
    a = a.assign(_key=a["account"].astype(str).str.len()).sort_values(["_key", "account"], kind="stable")
    return a.drop_duplicates("line").set_index(a.drop_duplicates("line")["line"].astype(str))["account"].astype(str)


def budget_rows(phased: pd.DataFrame, accounts: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``(rows, unmapped)``: rows account, month, amount (öre, SIE sign) for every non-zero
    month, and the codes of the lines that have a budget but no account."""
    first = first_accounts(accounts)
    codes = phased["code"].astype(str)
    totals = phased.groupby(codes)["amount"].apply(lambda s: (s != 0).any())
    unmapped = [c for c, has in totals.items() if has and c not in first.index]
    mapped = phased[codes.isin(first.index) & (phased["amount"] != 0)]
    rows = pd.DataFrame({"account": mapped["code"].astype(str).map(first).astype("str"),
                         "month": mapped["month"].astype("int64"),
                         "amount": -mapped["amount"].astype("int64")})
    rows = rows.groupby(["account", "month"], as_index=False, sort=True)["amount"].sum()
    return rows.astype({"account": "str", "month": "int64", "amount": "int64"}), unmapped


def budget_by_line(period_balances: pd.DataFrame, accounts: pd.DataFrame, fiscal_start_year: int) -> pd.DataFrame:
    """Read back: #PBUDGET rows of year 0 summed per budget line in the budget sign (code, amount)."""
    p = period_balances[(period_balances["kind"] == "PBUDGET") & (period_balances["yr"] == 0)
                        & period_balances["is_account_total"]]
    line_of = accounts.set_index(accounts["account"].astype(str))["line"].astype(str)
    code = p["account"].map(line_of)
    out = (-p["amount"]).groupby(code).sum().rename("amount").reset_index().rename(columns={"account": "code"})
    out.columns = ["code", "amount"]
    return out.astype({"code": "str", "amount": "int64"})
