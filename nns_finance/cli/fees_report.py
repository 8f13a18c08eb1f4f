"""``nns-finance fees-report --year 2026``: the fee-scenario notebook run headless.

Runs ``notebooks/fee_scenarios.ipynb`` with papermill (no sliders) and writes the executed
notebook and a page without code, ``fee_scenarios_<year>.ipynb`` / ``.html``, under ``--out``
(default ``reports/``). ``--scenarios`` names a scenario file or a folder of them — any scenario
file (see README, *Scenarios*); the notebook uses what bears on the year's fees and says what it
leaves out. Without it the report compares the data folder's own scenarios (``scenarios/``,
the ones the board has prepared) with the rules in force, leaving out — and listing — those that
do not change the year's fees (the annual meeting, withdrawals in later years);
``--scenarios none`` shows the rules in force only.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..books.fee_books import load_for_fees
from ..planning.fee_scenarios import fee_year, read_scenarios
from ..fees.years import rules_in
from ..core.problems import UsageError
from ..core.i18n import _
from ._common import add_data_argument

COMMAND = "fees-report"
HELP = "the fee-scenario notebook as a report (executed notebook + HTML) under reports/"
ORDER = 41


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, metavar="Y", help="the fee year (default: the budget's "
                                                               "latest year, else the fiscal year)")
    add_data_argument(parser)
    parser.add_argument("--scenarios", type=Path, metavar="FILE",
                        help="a scenario file (TOML or YAML), or a folder of them; 'none': the rules in "
                             "force only (default: the data folder's scenarios/ that change the fees)")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where to write the report (default: reports/)")


def run(args) -> int:
    from ..reports.notebooks import page_title, publish

    given = args.scenarios
    if given is not None and str(given).strip().lower() in ("none", "ingen", "inga"):
        chosen = []                      # the rules in force only
    else:
        chosen = None if given is None else [given]     # None: the data folder's scenarios/
    books = load_for_fees(args.data, scenarios=chosen)
    if books.members.empty:
        raise UsageError(_("{data}: no member register (members.csv or members.xlsx)",
                           data=args.data))
    year = fee_year(books, args.year)
    rules_in(books.settings, year)                    # no rules for the year: say so before running
    only_changing = given is None and bool(books.scenario_texts)
    if books.scenario_texts:
        read_scenarios(books, year)   # every problem in the files, before the kernel starts
    if given is not None and chosen:
        scenario_file = str(Path(given).resolve())
    elif only_changing:
        scenario_file = str((Path(args.data) / "scenarios").resolve())
    else:
        scenario_file = ""
    params = {"data": str(Path(args.data).resolve()), "year": year, "scenario_file": scenario_file,
              "only_changing": only_changing, "rate_permille": "", "widgets": False}
    extra = list(books.extra_inputs)
    title = page_title(f"Avgiftsscenarier {year}", books.settings.organisation)
    for path in publish("fee_scenarios", params, args.out, f"fee_scenarios_{year}", books,
                        extra_inputs=extra, title=title):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(1)
