"""``nns-finance projection [--data DIR] [--first Y] [--last Y] [--assumptions FILE] [--out DIR]``.

Prints the multi-year projection (income, costs, result, equity, months of costs covered) with
the assumptions it rests on, then runs ``notebooks/projection.ipynb`` (the same figures with
charts of equity and months covered, and the twelve-month cash forecast) into
``OUT/projection-FIRST-LAST.ipynb`` and ``.html``, with a ``.json`` record of the inputs
(SHA-256), parameters and package version. The data and the assumptions are checked before
anything is written. ``--format csv`` prints the years as CSV for a program (English column
names, kronor with a ``.`` decimal point) and writes no notebook.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ._common import add_data_argument, add_format_argument

from ..core.i18n import _

COMMAND = "projection"
HELP = "the years ahead (five years from the base year): income, costs, result, equity, months covered; notebook"
ORDER = 45
NOTEBOOK = "projection"
MONEY_COLUMNS_CSV = ("income", "costs", "result", "interest", "opening_equity", "closing_equity")
NEEDS = ("settings", "budget", "members", "assumptions", "deposits", "commitments")


def add_arguments(parser) -> None:
    add_data_argument(parser)
    parser.add_argument("--first", type=int, default=None, metavar="YEAR",
                        help="first year shown (default: the assumptions' base year)")
    parser.add_argument("--last", type=int, default=None, metavar="YEAR",
                        help="last year (default: four years after the first)")
    parser.add_argument("--assumptions", type=Path, default=None, metavar="FILE",
                        help="assumptions file (default: assumptions.toml in the data folder)")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where the notebook, HTML and record go (default: reports)")
    add_format_argument(parser)


def run(args) -> int:
    from ..books.load import load
    from ..reports.notebooks import page_title, publish
    from ..core.problems import UsageError
    from ..planning.projection import (
        MONEY_COLUMNS, assumptions_table, load_assumptions, project, projection_table
    )
    from ..reports.textout import render

    if args.assumptions is not None and not Path(args.assumptions).is_file():
        raise UsageError(_("{assumptions}: no such assumptions file",
                           assumptions=args.assumptions))
    books = load(args.data, needs=NEEDS, assumptions=args.assumptions)
    assumptions = load_assumptions(books)
    result = project(books, assumptions, args.first, args.last)
    first, last = result.first_year, result.last_year
    if args.format == "csv":      # the figures for a program; the notebook is for people
        years = result.years.assign(months_covered=result.years["months_covered"].round(2))
        sys.stdout.write(render(years, "csv", money=list(MONEY_COLUMNS_CSV)))
        return 0
    sys.stdout.write(render(projection_table(result), "table", money=MONEY_COLUMNS) + "\n")
    sys.stdout.write(render(assumptions_table(result), "table") + "\n")
    stem = f"projection-{first}-{last}"
    out_dir = args.out
    parameters = {"data": str(Path(books.folder).resolve()), "first_year": first, "last_year": last,
                  "assumptions": str(args.assumptions.resolve()) if args.assumptions else ""}
    written = publish(NOTEBOOK, parameters, out_dir, stem, books,
                      extra_inputs=[args.assumptions] if args.assumptions else [],
                      title=page_title(f"Flerårsprognos {first}–{last}", books.settings.organisation))
    for path in written:
        print(path)
    return 0
