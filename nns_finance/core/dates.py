"""Months as the treasurer writes them: the :class:`Period` record and the one parser for it.

Every month given as text — ``--period`` of ``report``, ``export`` and ``balance``,
``closed_through`` in ``settings.toml``, a notebook's ``period`` — is read by
:func:`parse_month`. It takes ``2025-09`` and what a Swede may also type (``2025-9``,
``202509``, ``2025/09``, ``september 2025``, ``sep 2025``), and refuses anything else with a
message that says what is wrong (``there is no month 13``, ``a date, not a month``, ``the
year comes first``) and how to write it.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .i18n import _
from .labels import MONTHS, MONTHS_SHORT
from .problems import UsageError

#: the years a date or year in the books may have: anything else is a typing error, refused
#: before any conversion (pandas' dates end in 2262, Python's at 9999)
FIRST_YEAR, LAST_YEAR = 1900, 2200
_DATE_SHAPED = re.compile(r"\s*(?:(\d+)[-/.]\d{1,2}[-/.]\d{1,2}|(\d{4})\d{4})(?:[ T]00:00(?::00)?)?\s*")


def year_outside(text) -> bool:
    """Is ``text`` written like a date (``YYYY-MM-DD``, ``YYYYMMDD``, ``YYYY/MM/DD``) with a
    year outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` (``9999-12-31``, ``0000-01-15``)?"""
    m = _DATE_SHAPED.fullmatch(str(text))
    return bool(m) and not FIRST_YEAR <= int(m[1] or m[2]) <= LAST_YEAR


def outside_years(value) -> str:
    """The message for a date or year outside the range: ``'9999-12-31' is outside 1900–2200``."""
    return _("{value} is outside {first}–{last}", value=repr(str(value)), first=FIRST_YEAR, last=LAST_YEAR)


@dataclass(frozen=True, order=True)
class Period:
    """A month of a fiscal year: ``year`` and ``month`` (1..12). A report for the period covers
    January through it."""

    year: int
    month: int

    @property
    def text(self) -> str:
        """``2025-09``: how the month is written in files, names and parameters."""
        return f"{self.year}-{self.month:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the month."""
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return self.text


class MonthError(UsageError):
    """A month that could not be read; the message names it, says what is wrong and how to
    write it."""


_NUMERIC = re.compile(r"(\d{4})(?:[-/.](\d{1,2})|(\d{2}))")
_DATE = re.compile(r"\d{4}[-/.]?\d{1,2}[-/.]?\d{1,2}")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{4})")
_NAMED = re.compile(r"([^\W\d_]+)\.?\s+(\d{4})")
_NAMES = {name.lower(): i + 1 for table in (MONTHS, MONTHS_SHORT) for names in table.values()
          for i, name in enumerate(names)}
_NAMES.update({"sept": 9})


def parse_month(text, what: str | None = None) -> Period:
    """The month ``text`` names, as a :class:`Period`; otherwise :class:`MonthError` (a
    :class:`UsageError`) beginning ``{what} '{text}': ``.

    >>> parse_month("2025-09"), parse_month(" 202509 "), parse_month("September 2025")
    (Period(year=2025, month=9), Period(year=2025, month=9), Period(year=2025, month=9))
    """
    raw = "" if text is None else str(text)
    what = _("period") if what is None else what
    s = raw.strip()
    m = _NUMERIC.fullmatch(s)
    if m:
        year, month = int(m[1]), int(m[2] or m[3])
    else:
        m = _NAMED.fullmatch(s)
        if m and m[1].lower() in _NAMES:
            year, month = int(m[2]), _NAMES[m[1].lower()]
        else:
            raise MonthError(f"{what} {raw!r}: {_what_is_wrong(s)}; {_how(s)}")
    if not 1 <= month <= 12:
        raise MonthError(_("{what} {value}: there is no month {month} (months are 1–12); {how}",
                             what=what, value=repr(raw), month=month, how=_how(s)))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise MonthError(_("{what} {raw}: the year {year} is outside {first}–{last}", what=what, raw=repr(raw),
                           year=year, first=FIRST_YEAR, last=LAST_YEAR))
    return Period(year, month)


def _what_is_wrong(s: str) -> str:
    if not s:
        return _("no month given")
    if _DATE.fullmatch(s):
        return _("a date, not a month")
    if _YEAR_LAST.fullmatch(s):
        return _("the year comes first")
    return _("not a month")


def _how(s: str) -> str:
    year = re.search(r"\d{4}", s)
    return _("write it as YYYY-MM, e.g. {example}", example=f"{year[0] if year else dt.date.today().year}-09")
