"""What the term deposits hold at a date: outstanding principal, interest accrued so far, the
register at a day, and the maturity ladder (:mod:`nns_finance.books.deposits` reads the register).
"""
from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

from ..core.interest import accrued_rows, add_months, interest_rows


def default_at(books) -> dt.date:
    """The day commands look at by default: the end of settings.toml's ``closed_through``
    month, else the last voucher date, else today."""
    closed = books.settings.closed_through
    if closed:
        year, month = map(int, closed.split("-"))
        return dt.date(year, month, 1).replace(day=calendar.monthrange(year, month)[1])
    if len(books.ledger):
        return books.ledger["date"].max().date()
    return dt.date.today()


def _ts(at) -> pd.Timestamp:
    return pd.Timestamp(at).normalize()


def outstanding(deposits: pd.DataFrame, at) -> pd.Series:
    """Mask of the terms placed at the end of the day ``at`` (start ≤ at < maturity), leaving
    out terms marked withdrawn."""
    at = _ts(at)
    return (deposits["start"] <= at) & (deposits["maturity"] > at) & (deposits["status"] != "withdrawn")


def accrued(books, at_date) -> pd.DataFrame:
    """The deposits placed at the end of ``at_date``, each with the interest earned so far.

    Columns: deposit_id, bank, account, principal, rate, start, maturity, day_count,
    days (days of the term so far, the day ``at`` included), accrued (öre), interest (öre, at
    maturity), value (principal + accrued).
    """
    deposits = books.deposits if hasattr(books, "deposits") else books
    at = _ts(at_date)
    held = deposits[outstanding(deposits, at)].copy()
    held["days"] = ((at + pd.Timedelta(days=1)) - held["start"]).dt.days.astype("int64")
    held["accrued"] = pd.Series(accrued_rows(held, at.date()), index=held.index, dtype="int64")
    held["interest"] = pd.Series(interest_rows(held), index=held.index, dtype="int64")
    held["value"] = held["principal"] + held["accrued"]
    cols = ["deposit_id", "bank", "account", "principal", "rate", "start", "maturity", "day_count",
            "days", "accrued", "interest", "value"]
    return held[cols].reset_index(drop=True)


STATES_SV = {"held": "placerad", "matured": "förfallen", "coming": "kommande", "withdrawn": "uttagen"}


def register_at(books, at) -> pd.DataFrame:
    """Every term in the register as it stands at the end of ``at``.

    Columns: deposit_id, bank, account, principal, rate, start, maturity, day_count, status,
    state (``held``, ``matured``, ``coming``, ``withdrawn``; :data:`STATES_SV` in Swedish), interest (öre, at
    maturity), accrued (öre, earned and unpaid at ``at``).
    """
    deposits = books.deposits if hasattr(books, "deposits") else books
    at = _ts(at)
    frame = deposits[["deposit_id", "bank", "account", "principal", "rate", "start", "maturity",
                      "day_count", "status"]].copy()
    state = pd.Series("held", index=frame.index, dtype="str")
    state[frame["maturity"] <= at] = "matured"
    state[frame["start"] > at] = "coming"
    state[frame["status"] == "withdrawn"] = "withdrawn"
    frame["state"] = state
    frame["interest"] = pd.Series(interest_rows(frame), index=frame.index, dtype="int64")
    frame["accrued"] = pd.Series(accrued_rows(frame, at.date()), index=frame.index, dtype="int64")
    frame.loc[frame["status"] == "withdrawn", "accrued"] = 0
    return frame.reset_index(drop=True)


def ladder(books, at, months: int | None = None) -> pd.DataFrame:
    """The maturity ladder: terms not yet matured at ``at`` (placed, or starting later), by
    maturity date; ``months`` limits it to maturities within that many months after ``at``.

    Columns: maturity, deposit_id, bank, principal, interest, amount (principal + interest),
    days_left, cumulative (running total of ``amount``).
    """
    deposits = books.deposits if hasattr(books, "deposits") else books
    at = _ts(at)
    coming = deposits[(deposits["maturity"] > at) & (deposits["status"] != "withdrawn")].copy()
    if months is not None:
        coming = coming[coming["maturity"] <= pd.Timestamp(add_months(at.date(), months))]
    coming["interest"] = pd.Series(interest_rows(coming), index=coming.index, dtype="int64")
    coming["amount"] = coming["principal"] + coming["interest"]
    coming["days_left"] = (coming["maturity"] - at).dt.days.astype("int64")
    coming = coming.sort_values(["maturity", "deposit_id"], kind="stable")
    coming["cumulative"] = coming["amount"].cumsum().astype("int64")
    return coming[["maturity", "deposit_id", "bank", "principal", "interest", "amount",
                   "days_left", "cumulative"]].reset_index(drop=True)
