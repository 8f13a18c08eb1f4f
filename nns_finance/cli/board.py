"""``nns-finance board --year 2026``: the board's fee page, one HTML file that needs no Python.

Writes ``avgifter_<year>.html`` — every control (rate, maximum fee, maximum increase and its
basis, members leaving, fee year, the data folder's scenarios) recomputes the page at once,
offline, from figures the package computed — and ``avgifter_<year>.pdf``, the fee table of the
rules in force, under ``--out`` (default ``reports/``). The treasurer attaches the HTML file to an
e-mail; the board opens it in any browser.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_data_argument

from ..core.i18n import _

COMMAND = "board"
HELP = "the board's fee page: one offline HTML file with sliders (and a PDF of the fee table)"
DESCRIPTION = ("Write the board's fee page: one self-contained HTML file (no network, no Python) where "
               "the rate, the maximum fee, the maximum increase, members leaving, the fee year and the "
               "data folder's scenarios can be tried, and a PDF of the fee table of the rules in force.")
ORDER = 42


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, metavar="Y", help="the fee year shown first (default: the "
                                                               "budget's latest year, else the fiscal year)")
    add_data_argument(parser)
    parser.add_argument("--scenarios", type=Path, metavar="FILE|DIR",
                        help="a scenario file or a folder of them; 'none': no scenarios "
                             "(default: the data folder's scenarios/ when it has any)")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where to write the page and the PDF (default: reports/)")
    parser.add_argument("--years", metavar="FIRST-LAST",
                        help="the fee years on the page (default: the year before, the year, the next)")
    parser.add_argument("--rates", metavar="FROM:TO",
                        help="the rates on the page, per mille (default: 2 ‰ around the rates in the rules)")
    parser.add_argument("--max-fees", metavar="FROM:TO:STEP",
                        help="the maximum-fee positions in kronor (default: around the rules' maximum fee)")
    parser.add_argument("--max-increases", metavar="FROM:TO:STEP",
                        help="the maximum-increase positions in kronor (default: 0 to twice the rules')")


def scenario_source(given: Path | None) -> list[Path] | None:
    """The scenario files to read: as given ('none': none), else (None) the data folder's own."""
    if given is None:
        return None
    return [] if str(given).strip().lower() in ("none", "ingen", "inga") else [given]


def run(args) -> int:
    from ..books.fee_books import load_for_fees
    from ..core.outputs import OutputSet, folder_label, provenance
    from ..core.problems import UsageError
    from ..planning.fee_scenarios import fee_year
    from ..reports.board.figures import make_figures, offered_years
    from ..reports.board.page import board_html
    from ..reports.board.pdf import fee_table_pdf

    books = load_for_fees(args.data, scenarios=scenario_source(args.scenarios))
    if books.members.empty:
        raise UsageError(_("{data}: no member register (members.csv or members.xlsx)",
                           data=args.data))
    year = fee_year(books, args.year)
    years = offered_years(books, year, args.years)
    if year not in years:
        raise UsageError(_("settings.toml has no fee rules for {year} or any earlier year",
                           year=year))
    figs, grid = make_figures(books, years, args.rates, args.max_fees, args.max_increases)
    params = {"year": year, "years": f"{years[0]}-{years[-1]}",
              "scenarios": ", ".join(t.name for t in books.scenario_texts),
              "rates": f"{grid.rate_first / 100:.2f}:{grid.rate_last / 100:.2f}",
              "max_fees": f"{len(grid.max_fees)} positions {grid.max_fees[0] // 100}–{grid.max_fees[-1] // 100} kr",
              "max_increases": f"{len(grid.max_increases)} positions {grid.max_increases[0] // 100}–"
                               f"{grid.max_increases[-1] // 100} kr"}
    record = provenance(books, params, extra_inputs=list(books.extra_inputs))
    for item in record["inputs"]:          # files outside the data folder as given, never this machine's folders
        item["file"] = folder_label(item["file"])
    page = board_html(books, figs, grid, year, record)                   # everything before writing
    pdf = fee_table_pdf(books, next(f for f in figs if f.year == year), record)
    out = Path(args.out)
    with OutputSet() as staged:        # the page and the PDF together, or neither
        staged.write(out / f"avgifter_{year}.html", page)
        staged.write(out / f"avgifter_{year}.pdf", pdf)
        written = staged.commit()
    for path in written:
        print(path)
    return 0
