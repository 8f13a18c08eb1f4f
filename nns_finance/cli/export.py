"""``nns-finance export``: the auditors' Excel workbook (revisorsunderlag) for a year or period.

Writes ``reports/<year or period>/revisorsunderlag-<year or period>.xlsx`` (or ``--out FILE``):
Info, Kontroller, Resultaträkning, Saldobalans, Huvudbok, Avgifter, Placeringar, Eget kapital.
The data folder is loaded and every figure computed before anything is written; the file is
written through a temporary name and moved into place when complete.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_data_argument

from ..core.i18n import _

COMMAND = "export"
HELP = "the auditors' Excel workbook (revisorsunderlag) for a year or a period"
DESCRIPTION = ("Write the auditors' workbook: every check with OK/FEL, the result against budget "
               "with the accounts under each line, the trial balance per month, every voucher row, "
               "the fee calculation per member, the deposits and the equity roll-forward — with "
               "formulas where a figure is arithmetic on other cells.")
ORDER = 60


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, default=None, metavar="YYYY",
                        help="the fiscal year (default: settings.toml's fiscal_year)")
    parser.add_argument("--period", default=None, metavar="YYYY-MM",
                        help="January through this month instead of the whole year")
    add_data_argument(parser)
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.xlsx",
                        help="where to write (default: reports/<year or period>/"
                             "revisorsunderlag-<year or period>.xlsx)")
    parser.add_argument("--protect", action="store_true",
                        help="protect the sheets against accidental edits (no password; filters "
                             "and sorting still work)")


def run(args: argparse.Namespace) -> int:
    from ..books.load import load
    from ..workbook import default_path, export_workbook, scope_for

    books = load(args.data)
    scope = scope_for(args.year, args.period, books.settings.fiscal_year)
    refuse_without_vouchers(books, scope)
    out = args.out if args.out is not None else default_path(scope)
    parameters = {"data": str(args.data)}
    path = export_workbook(books, scope, out, protect=args.protect, parameters=parameters)
    print(path)
    return 0


def refuse_without_vouchers(books, scope) -> None:
    """Stop (one line, exit 1) when the ledger has no vouchers for the scope's year, or none up
    to its month — as ``nns-finance report`` stops: an auditors' workbook of nothing would only
    show empty sheets and "OK" checks."""
    from ..core.problems import UsageError

    what = f"--period {scope.label}" if not scope.whole_year else _("year {year}", year=scope.year)
    if books.ledger.empty:
        raise UsageError(_("{what}: the ledger has no vouchers (add the ledger to the data folder)",
                           what=what))
    in_year = books.ledger.loc[books.ledger["year"] == scope.year, "date"]
    if in_year.empty:
        years = ", ".join(str(y) for y in sorted(int(y) for y in books.ledger["year"].unique()))
        raise UsageError(_("{what}: the ledger has no vouchers for {year} (it holds {years})",
                           what=what, year=scope.year, years=years))
    first = in_year.min()
    if not scope.whole_year and (first.year, first.month) > (scope.year, scope.through_month):
        raise UsageError(_("{what}: the ledger has no vouchers up to then: its first voucher in {year} is "
                           "dated {date}",
                           what=what, year=scope.year, date=first.date().isoformat()))
