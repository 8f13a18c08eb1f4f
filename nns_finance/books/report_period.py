"""The monthly report's period, and everything that would stop the report for it.

The report covers January through one month: ``--period``, else ``closed_through`` in
``settings.toml``, else the month of the last voucher. :func:`report_period` works it out and
lists, all at once, why the report (and the workbook beside it) would refuse it: no vouchers at
all, none for the period's year, a period past the ledger's last voucher, no budget for the
period's year. ``nns-finance check`` reports these (so a clean check means the report runs),
and :func:`nns_finance.reports.monthly.resolve_period` refuses with the first.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.dates import Period, parse_month
from ..core.i18n import _

BUDGET_VERSION = "budget"


@dataclass(frozen=True)
class Refusal:
    """Why the report cannot run for the period: the message, and the file (and line) to fix."""

    file: str
    line: int | None
    message: str
    kind: str = ""      # NO_VOUCHERS or NO_BUDGET (said once elsewhere when the file is missing)


NO_VOUCHERS, NO_BUDGET = "no-vouchers", "no-budget"


def last_voucher_month(books) -> Period | None:
    """The month of the latest voucher date in the ledger, or None for an empty ledger."""
    if books.ledger.empty:
        return None
    last = books.ledger["date"].max()
    if pd.isna(last):
        return None
    return Period(int(last.year), int(last.month))


def _closed_line(books) -> int | None:
    """The line of ``closed_through`` in settings.toml (for the message), if it can be read."""
    from pathlib import Path

    from .settings import _key_line

    try:
        text = (Path(books.folder) / "settings.toml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return _key_line(text, "organisation", "closed_through")


def report_period(books, text: str | None = None) -> tuple[Period | None, list[Refusal]]:
    """The report's period (None when there is none) and every reason the report would refuse it."""
    last = last_voucher_month(books)
    where, file, line = "", "ledger", None
    if text:
        period = parse_month(text)
    elif books.settings.closed_through:
        period = parse_month(books.settings.closed_through, "closed_through")
        where = _(" (closed_through in settings.toml; or give --period)")
        file, line = "settings.toml", _closed_line(books)
    elif last is not None:
        period = last
    else:
        return None, [Refusal("ledger", None, _("the ledger has no vouchers: nothing to report on "
                                                "(add the ledger to the data folder)"), NO_VOUCHERS)]
    refusals = []
    if last is None:
        refusals.append(Refusal("ledger", None, _("period {period}: the ledger has no vouchers "
                                                  "(add the ledger to the data folder)", period=period), NO_VOUCHERS))
    else:
        years = sorted(int(y) for y in books.ledger["year"].unique())
        if period.year not in years:
            refusals.append(Refusal(file, line, _("period {period}: the ledger has no vouchers for {year} "
                                                  "(it holds {years}){where}", period=period, year=period.year,
                                                  years=', '.join(map(str, years)), where=where), NO_VOUCHERS))
        else:
            last_in_year = books.ledger.loc[books.ledger["year"] == period.year, "date"].max()
            if (period.year, period.month) > (last_in_year.year, last_in_year.month):
                refusals.append(Refusal(file, line, _("period {period} is beyond the ledger: its last voucher in "
                                                      "{year} is dated {date}{where}", period=period, year=period.year,
                                                      date=last_in_year.date().isoformat(), where=where)))
    budget = books.budget
    if not ((budget["version"] == BUDGET_VERSION) & (budget["year"] == period.year)).any():
        refusals.append(Refusal(file if file == "settings.toml" else "budget", line,
                                _("period {period}: the budget has no {year} budget to compare with{where}",
                                  period=period, year=period.year, where=where), NO_BUDGET))
    return period, refusals
