"""Interest on term deposits: day counts, interest at maturity, accrual, roll-over.

Each deposit carries its bank's own day-count convention (DOMAIN.md, Facts from public sources):

- ``ACT/365``  actual days / 365 (SBAB; "actual/365 fixed")
- ``ACT/360``  actual days / 360 (the Swedish savings banks)
- ``ACT/ACT``  ISDA: the days falling in each calendar year over that year's length (365 or
               366), summed — a term across New Year is split at 1 January
- ``30/360``   US / bond basis (ISDA 2006 4.16(f)): every month has 30 days; a start on the
               31st counts as the 30th, an end on the 31st counts as the 30th when the start
               is the 30th or 31st; no special rule for February

A term runs from ``start`` (inclusive) to ``end`` (exclusive): the money earns interest for
the nights from the start date up to the day it is paid back. Interest is paid at maturity.

All arithmetic is exact (:class:`fractions.Fraction` of öre) and rounded once, to the öre,
half up: 700 000 kr at 1.85 % from 2025-07-01 to 2025-10-01 gives 3 264,11 kr (ACT/365),
3 309,44 kr (ACT/360) and 3 237,50 kr (30/360).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pandas as pd

DAY_COUNTS = ("ACT/365", "ACT/360", "ACT/ACT", "30/360")

# spellings treasurers and banks use -> canonical name (compared without spaces, upper case)
_ALIASES = {
    "ACT/365": "ACT/365", "ACT/365F": "ACT/365", "ACT/365FIXED": "ACT/365", "A/365": "ACT/365",
    "A/365F": "ACT/365", "ACTUAL/365": "ACT/365", "ACTUAL/365FIXED": "ACT/365",
    "FAKTISK/365": "ACT/365", "FAKTISKA/365": "ACT/365", "ENGLISH": "ACT/365",
    "ACT/360": "ACT/360", "A/360": "ACT/360", "ACTUAL/360": "ACT/360", "FAKTISK/360": "ACT/360",
    "FAKTISKA/360": "ACT/360", "FRENCH": "ACT/360",
    "ACT/ACT": "ACT/ACT", "ACT/ACTISDA": "ACT/ACT", "ACTUAL/ACTUAL": "ACT/ACT",
    "ACTUAL/ACTUALISDA": "ACT/ACT", "A/A": "ACT/ACT", "FAKTISK/FAKTISK": "ACT/ACT",
    "FAKTISKA/FAKTISKA": "ACT/ACT",
    "30/360": "30/360", "30/360US": "30/360", "30U/360": "30/360", "30/360BONDBASIS": "30/360",
    "BONDBASIS": "30/360", "30/360ISDA": "30/360",
}


def day_count_name(text: str) -> str | None:
    """The canonical day-count name for what a register says (``"Actual/360"`` → ``ACT/360``);
    None when it is not one of :data:`DAY_COUNTS` (``30E/360`` is a different rule: refused)."""
    key = "".join(str(text).upper().split()).replace("\\", "/").replace("-", "")
    return _ALIASES.get(key)


def _as_date(value) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def days_30_360(start: dt.date, end: dt.date) -> int:
    """Days between two dates on the 30/360 US (bond basis) rule."""
    d1, d2 = start.day, end.day
    if d1 == 31:
        d1 = 30
    if d2 == 31 and d1 == 30:
        d2 = 30
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def year_fraction(start, end, day_count: str) -> Fraction:
    """The exact fraction of a year from ``start`` (inclusive) to ``end`` (exclusive)."""
    start, end = _as_date(start), _as_date(end)
    if end <= start:
        return Fraction(0)
    if day_count == "ACT/365":
        return Fraction((end - start).days, 365)
    if day_count == "ACT/360":
        return Fraction((end - start).days, 360)
    if day_count == "30/360":
        return Fraction(days_30_360(start, end), 360)
    if day_count == "ACT/ACT":
        total = Fraction(0)
        for year in range(start.year, end.year + 1):
            lo = max(start, dt.date(year, 1, 1))
            hi = min(end, dt.date(year + 1, 1, 1))
            if hi > lo:
                total += Fraction((hi - lo).days, 366 if calendar.isleap(year) else 365)
        return total
    raise ValueError(f"unknown day count {day_count!r} (expected one of {', '.join(DAY_COUNTS)})")


def round_half_up(value: Fraction) -> int:
    """A non-negative or negative exact amount of öre to whole öre, half away from zero."""
    sign = -1 if value < 0 else 1
    q, r = divmod(abs(value.numerator), value.denominator)
    return sign * (q + (1 if 2 * r >= value.denominator else 0))


def interest(principal_ore: int, rate_percent: Decimal, start, end, day_count: str) -> int:
    """Interest in öre on ``principal_ore`` at ``rate_percent`` (per cent a year, exact) for the
    term ``start``..``end`` under ``day_count``, rounded to the öre half up.

    >>> interest(70_000_000, Decimal("1.85"), "2025-07-01", "2025-10-01", "ACT/365")
    326411
    """
    exact = Fraction(int(principal_ore)) * Fraction(Decimal(rate_percent)) / 100 \
        * year_fraction(start, end, day_count)
    return round_half_up(exact)


def accrued_interest(principal_ore: int, rate_percent: Decimal, start, maturity, day_count: str,
                     at) -> int:
    """Interest earned by the end of the day ``at`` and not yet paid, in öre.

    The nights from ``start`` up to and including ``at`` count (so at 2025-12-31 a deposit
    maturing 2026-01-01 has earned its whole term: all of it belongs to 2025). Zero before the
    start and from the maturity date on (the interest has then been paid).
    """
    start, maturity, at = _as_date(start), _as_date(maturity), _as_date(at)
    if at < start or at >= maturity:
        return 0
    return interest(principal_ore, rate_percent, start, at + dt.timedelta(days=1), day_count)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's end (2025-11-30 + 3 → 2026-02-28)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RatePath:
    """An assumed deposit rate over time: ``steps`` are (from date, rate in per cent), sorted;
    the rate in force on a day is that of the last step on or before it (before the first step:
    the first step's rate)."""

    steps: tuple[tuple[dt.date, Decimal], ...]

    @classmethod
    def by_year(cls, rates: dict[int, Decimal]) -> "RatePath":
        """A path from ``{2026: Decimal("1.85"), 2027: ...}``: each rate from 1 January."""
        return cls(tuple(sorted((dt.date(int(y), 1, 1), Decimal(r)) for y, r in rates.items())))

    @classmethod
    def flat(cls, rate: Decimal) -> "RatePath":
        return cls(((dt.date(1900, 1, 1), Decimal(rate)),))

    def rate_on(self, day) -> Decimal:
        if not self.steps:
            raise ValueError("an empty rate path has no rate")
        day = _as_date(day)
        rate = self.steps[0][1]
        for since, value in self.steps:
            if since <= day:
                rate = value
        return rate


def roll_over(principal_ore: int, first_start, until, rate_path: RatePath, day_count: str,
              term_months: int = 3, reinvest_interest: bool = False) -> pd.DataFrame:
    """Terms of a deposit rolled over every ``term_months`` from ``first_start`` while a term
    starts before ``until``; each term at the rate in force on its first day.

    Columns: term (1, 2, …), start, maturity, rate (Decimal), principal, interest (öre).
    With ``reinvest_interest`` each term's interest is added to the next principal; otherwise it
    is paid out and the principal stays the same.
    """
    start, until = _as_date(first_start), _as_date(until)
    rows = []
    principal = int(principal_ore)
    n = 0
    while start < until:
        n += 1
        end = add_months(_as_date(first_start), term_months * n)
        rate = rate_path.rate_on(start)
        earned = interest(principal, rate, start, end, day_count)
        rows.append({"term": n, "start": pd.Timestamp(start), "maturity": pd.Timestamp(end),
                     "rate": rate, "principal": principal, "interest": earned})
        if reinvest_interest:
            principal += earned
        start = end
    frame = pd.DataFrame(rows, columns=["term", "start", "maturity", "rate", "principal", "interest"])
    return frame.astype({"term": "int64", "principal": "int64", "interest": "int64",
                         "start": "datetime64[ns]", "maturity": "datetime64[ns]", "rate": "object"})


def interest_rows(deposits: pd.DataFrame, start_col: str = "start", end_col: str = "maturity") -> list[int]:
    """:func:`interest` for each row of a deposits frame (a register is a handful of rows)."""
    return [interest(p, r, s, e, d) for p, r, s, e, d in
            zip(deposits["principal"], deposits["rate"], deposits[start_col], deposits[end_col],
                deposits["day_count"])]


def accrued_rows(deposits: pd.DataFrame, at) -> list[int]:
    """:func:`accrued_interest` at ``at`` for each row of a deposits frame."""
    return [accrued_interest(p, r, s, m, d, at) for p, r, s, m, d in
            zip(deposits["principal"], deposits["rate"], deposits["start"], deposits["maturity"],
                deposits["day_count"])]

