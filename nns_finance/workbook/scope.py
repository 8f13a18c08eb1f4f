"""What the auditors' workbook covers: a whole fiscal year, or January through one closed month.

``nns-finance export --year 2025`` covers the year; ``--period 2025-09`` covers 2025 through
September (what the monthly report for that month shows).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..core.dates import parse_month
from ..core.problems import UsageError
from ..core.i18n import _


@dataclass(frozen=True)
class Scope:
    """The part of the books a workbook shows.

    year:          the fiscal year (calendar year)
    through_month: the last month included (12 for the whole year)
    whole_year:    True when asked for the year rather than a period (then the file is named
                   after the year, even though ``through_month`` is 12 either way)
    """

    year: int
    through_month: int = 12
    whole_year: bool = True

    @property
    def label(self) -> str:
        """``2025`` for a year, ``2025-09`` for a period: the folder and file name part."""
        return str(self.year) if self.whole_year else f"{self.year}-{self.through_month:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day included."""
        return dt.date(self.year, self.through_month,
                       calendar.monthrange(self.year, self.through_month)[1])

    @property
    def months(self) -> range:
        return range(1, self.through_month + 1)

    def describe(self) -> str:
        """Swedish words for Info: ``helår 2025`` or ``januari–september 2025``."""
        from ..core.labels import month_name

        if self.whole_year:
            return f"räkenskapsåret {self.year} (januari–december)"
        if self.through_month == 1:
            return f"januari {self.year}"
        return f"januari–{month_name(self.through_month)} {self.year}"


def scope_for(year: int | None, period: str | None, fiscal_year: int) -> Scope:
    """The scope from ``--year`` and ``--period`` (either, both if they agree, or neither: the
    fiscal year of ``settings.toml``)."""
    if period is not None:
        month = parse_month(period, "--period")
        if year is not None and year != month.year:
            raise UsageError(_("--period {period} is not in --year {year}",
                               period=period, year=year))
        return Scope(month.year, month.month, whole_year=False)
    return Scope(int(year if year is not None else fiscal_year), 12, whole_year=True)
