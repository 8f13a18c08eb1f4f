"""``nns-finance sie-budget --year 2026 [--data DIR] [--version budget] --out FILE``: the budget
as a SIE file of #PBUDGET rows (per account and month), for import into the bookkeeping program.

The months come from the budget's phasing (``phasing.csv`` in the data folder, else even
twelfths); a budget line's amount goes to its account in ``accounts.csv`` (the first one in
account order when it has several); SIE counts debit positive, so income is written negative.
The file is SIE type 2 in CP437, written atomically.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.problems import InputError, UsageError
from ..core.i18n import _
from ._common import add_data_argument, print_written

COMMAND = "sie-budget"
HELP = "the budget as SIE #PBUDGET rows per account and month (for the bookkeeping program)"
ORDER = 46


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, metavar="Y", help="the budget year")
    add_data_argument(parser)
    parser.add_argument("--version", default="budget", help="the budget version (default: budget)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the SIE file to write")
    parser.add_argument("--ksumma", action="store_true", help="add a #KSUMMA checksum")


def run(args: argparse.Namespace) -> int:
    from ..books.load import load
    from ..core.outputs import atomic_write, made_time
    from ..accounting.phasing import phase_budget
    from ..sie.budget_export import budget_rows
    from ..sie.writer import render_budget_sie

    books = load(args.data, needs=("settings", "budget", "accounts", "phasing"))
    phased = phase_budget(books, args.year, args.version)
    if phased.empty or not (phased["amount"] != 0).any():
        raise UsageError(_("no {version!r} budget for {year} in {data}",
                           version=args.version, year=args.year, data=args.data))
    rows, unmapped = budget_rows(phased, books.accounts)
    if unmapped:
        raise UsageError(_("budget lines without an account in the chart of accounts: {lines} — give each "
                           "line an account (accounts.csv, column budgetrad)", lines=", ".join(unmapped)))
    data = render_budget_sie(rows, company=books.settings.organisation, org_number=books.settings.org_number,
                             fiscal_year=args.year, accounts=books.accounts, generated=made_time().date(),
                             ksumma=args.ksumma)
    atomic_write(args.out, data)
    print_written(args.out)
    print(_("{rows} #PBUDGET rows on {accounts} accounts, {version} {year}", rows=len(rows),
            accounts=rows["account"].nunique(), version=args.version, year=args.year), file=sys.stderr)
    return 0
