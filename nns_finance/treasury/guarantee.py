"""The deposit guarantee (insättningsgaranti, Riksgälden): how much NNS has at each bank
against the limit in force on the day.

The guarantee covers a depositor's money at one institution up to a limit: 1 050 000 kr through
2025, 1 150 000 kr from 2026-01-01 (an ideell förening is covered). The placement policy check
is "no more than the guarantee at one bank"; the exposure counted here is the principal of the
deposits placed at the bank plus the interest they have earned so far (it grows until
maturity). Money on an ordinary bank account at the same bank counts too, but the register does
not say which bank keeps 1930: pass ``other`` to include it.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .deposits import accrued, outstanding
from ..core.money import format_kr
from ..core.problems import WARNING, Problem
from ..core.i18n import _

# (in force from, limit in öre), sorted; the first applies to every earlier date too
LIMITS: tuple[tuple[dt.date, int], ...] = (
    (dt.date(1900, 1, 1), 105_000_000),
    (dt.date(2026, 1, 1), 115_000_000),
)


def limit_on(day, limits=LIMITS) -> int:
    """The guarantee per depositor and bank in force on ``day``, öre."""
    day = pd.Timestamp(day).date()
    value = limits[0][1]
    for since, amount in limits:
        if since <= day:
            value = amount
    return value


def guarantee_status(books, at, limits=LIMITS, other: dict[str, int] | None = None) -> pd.DataFrame:
    """Per bank at the end of ``at``: bank, principal, accrued, exposure (principal + accrued +
    ``other`` money at that bank), limit, headroom (limit − exposure), within (bool)."""
    held = accrued(books, at)
    per_bank = held.groupby("bank", sort=True)[["principal", "accrued"]].sum()
    if other:
        extra = pd.Series(other, dtype="int64")
        per_bank = per_bank.reindex(per_bank.index.union(extra.index), fill_value=0)
    else:
        extra = pd.Series(dtype="int64")
    per_bank = per_bank.reset_index().rename(columns={"index": "bank"})
    per_bank["other"] = per_bank["bank"].map(extra).fillna(0).astype("int64")
    per_bank["exposure"] = per_bank["principal"] + per_bank["accrued"] + per_bank["other"]
    per_bank["limit"] = limit_on(at, limits)
    per_bank["headroom"] = per_bank["limit"] - per_bank["exposure"]
    per_bank["within"] = per_bank["headroom"] >= 0
    return per_bank.astype({"principal": "int64", "accrued": "int64", "exposure": "int64",
                            "limit": "int64", "headroom": "int64", "bank": "str"})


def _check_dates(deposits: pd.DataFrame, limits) -> list[pd.Timestamp]:
    """The days on which an exposure peaks: the last day of each term (most interest earned),
    each start, and the last day before each change of the limit."""
    days = set(deposits["start"]) | set(deposits["maturity"] - pd.Timedelta(days=1))
    first, last = deposits["start"].min(), deposits["maturity"].max()
    for since, _limit in limits[1:]:
        day = pd.Timestamp(since) - pd.Timedelta(days=1)
        if first <= day < last:
            days.add(day)
    return sorted(days)


def guarantee_problems(books, at=None, limits=LIMITS) -> list[Problem]:
    """Warnings where the exposure at one bank exceeds the guarantee in force.

    With ``at``: on that day. Without: on every day an exposure can peak in the register (one
    warning per bank and limit, on its worst day). Each names the register line of the latest
    term at that bank.
    """
    deposits = books.deposits
    if deposits.empty:
        return []
    days = [pd.Timestamp(at).normalize()] if at is not None else _check_dates(deposits, limits)
    worst: dict[tuple[str, int], tuple[int, pd.Timestamp]] = {}
    for day in days:
        status = guarantee_status(books, day, limits)
        for row in status[~status["within"]].itertuples(index=False):
            key = (row.bank, int(row.limit))
            if key not in worst or row.exposure > worst[key][0]:
                worst[key] = (int(row.exposure), day)
    problems = []
    for (bank, limit), (exposure, day) in sorted(worst.items(), key=lambda kv: kv[1][1]):
        held = deposits[outstanding(deposits, day) & (deposits["bank"] == bank)]
        latest = held.sort_values(["start", "line"] if "line" in held else ["start"]).iloc[-1]
        problems.append(Problem(
            file=str(latest.get("source", "deposits")), line=int(latest["line"]) if "line" in latest else None,
            message=_("deposit guarantee: {exposure} at {bank} on {day:%Y-%m-%d} (principal plus "
                      "interest earned) exceeds the {limit} per bank in force that day by {excess}",
                      exposure=format_kr(exposure, decimals=2), bank=bank, day=day,
                      limit=format_kr(limit), excess=format_kr(exposure - limit, decimals=2)),
            severity=WARNING))
    return problems
