"""``nns-finance check [DIR]``: read every file of the data folder and list every problem.

Prints each problem as ``file:line: message`` (warnings marked ``warning:``), sorted by file
and place, then the count line (``2 errors, 1 warning``). Exit 0 when there are no errors
(warnings alone are fine), 1 otherwise. Writes nothing.

A folder without what the monthly report needs — a budget with a Budget column for the fiscal
year, a chart of accounts, a ledger — fails the check: ``load`` calls those warnings (a folder
for the fee work alone is fine there), ``check`` calls them errors, so that a clean check
means ``nns-finance report`` can run.

For every closed year of the ledger (the years before the fiscal year, and the fiscal year
once ``closed_through`` is its December), when the folder has no errors, the year-end
checklist's findings (:mod:`nns_finance.treasury.year_end`: interest to accrue, fees to defer,
openings that differ from last year's closing, balances with an odd sign) follow as warnings.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..books.load import REPORT, load
from ..core.problems import summary_line
from ..planning.review import review
from ._common import add_data_argument

COMMAND = "check"
HELP = "check every file in the data folder and list every problem found"
ORDER = 10


def add_arguments(parser) -> None:
    add_data_argument(parser, positional=True)
    parser.add_argument("--data", dest="data_option", type=Path, metavar="DIR",
                        help="the data folder, as the other commands take it (same as DIR)")


def run(args) -> int:
    if args.data_option is not None:
        args.data = args.data_option
    books = load(args.data, strict=False, needs=REPORT)   # the report's missing inputs are errors here
    problems = review(books)
    problems = [*problems, *year_end_warnings(books, problems)]
    out = sys.stdout
    for problem in problems:
        out.write(f"{problem}\n")
    out.write(summary_line(problems) + "\n")
    return 1 if any(p.is_error for p in problems) else 0


def year_end_warnings(books, problems) -> list:
    """The year-end checklist's findings for every closed year of the ledger — the years before
    the fiscal year, and the fiscal year once ``closed_through`` is its December (none while there
    are errors: the figures would not be the books' yet)."""
    from ..treasury.year_end import checklist_problems, year_end_checklist, year_is_closed

    fiscal = getattr(books.settings, "fiscal_year", None)
    if any(p.is_error for p in problems) or books.ledger.empty:
        return []
    years = sorted({int(y) for y in books.ledger["year"].unique()})
    closed = [y for y in years if (fiscal and y < int(fiscal)) or year_is_closed(books, y)]
    return [p for year in closed for p in checklist_problems(year_end_checklist(books, year))]
