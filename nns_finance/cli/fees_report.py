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
from ..planning.fee_scenarios import read_scenarios
from ..fees.years import rules_in
from ..core.problems import UsageError
from ..books.scenario_syntax import SUFFIXES
from ._common import add_data_argument

COMMAND = "fees-report"
HELP = "the fee-scenario notebook as a report (executed notebook + HTML) under reports/"
ORDER = 41


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, metavar="Y", help="the fee year (default: the fiscal "
                                                               "year in settings.toml)")
    add_data_argument(parser)
    parser.add_argument("--scenarios", type=Path, metavar="FILE",
                        help="a scenario file (TOML or YAML), or a folder of them; 'none': the rules in "
                             "force only (default: the data folder's scenarios/ that change the fees)")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="where to write the report (default: reports/)")


def run(args) -> int:
    from ..reports.notebooks import publish

    scenarios, only_changing = args.scenarios, False
    if scenarios is None:
        own = Path(args.data) / "scenarios"
        if own.is_dir() and any(p.suffix.lower() in SUFFIXES for p in own.iterdir() if p.is_file()):
            scenarios, only_changing = own, True
    elif str(scenarios).strip().lower() in ("none", "ingen", "inga"):
        scenarios = None
    books = load_for_fees(args.data, scenarios=[scenarios] if scenarios is not None else [])
    if books.members.empty:
        raise UsageError(f"{args.data}: no member register (members.csv or members.xlsx)")
    year = args.year or books.settings.fiscal_year
    rules_in(books.settings, year)                    # no rules for the year: say so before running
    if scenarios is not None:
        read_scenarios(books, year)   # every problem in the files, before the kernel starts
    params = {"data": str(Path(args.data).resolve()), "year": year,
              "scenario_file": str(scenarios.resolve()) if scenarios is not None else "",
              "only_changing": only_changing, "rate_permille": "", "widgets": False}
    extra = [] if scenarios is None else ([scenarios] if scenarios.is_file() else
                                          sorted(p for p in scenarios.iterdir() if p.suffix.lower() in SUFFIXES))
    for path in publish("fee_scenarios", params, args.out, f"fee_scenarios_{year}", books, extra_inputs=extra):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(1)
