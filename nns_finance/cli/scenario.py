"""``nns-finance scenario FILE… [--data DIR] [--years FIRST-LAST] [--out DIR]``: the scenarios
side by side.

Reads and checks every scenario file against the data folder first (all problems at once, as
``file:line: field: message``), works every scenario through, and only then runs
``notebooks/scenarios.ipynb`` with papermill, writing the executed notebook, an HTML page without
code and a JSON record of inputs (with SHA-256, the scenario files included) and parameters to
``DIR/scenarier/<name>.*`` — ``<name>`` is the scenario's name made into a plain file name (one
file) or ``scenarier-FIRST-LAST`` (several).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_data_argument

COMMAND = "scenario"
HELP = "run scenario files (members leaving, fee rules, lines, the annual meeting) side by side"
DESCRIPTION = ("Work scenario files (TOML or YAML: members leaving, indicator agreements ending, fee "
               "rules, budget lines, the annual meeting) through the years and write the scenarios "
               "notebook, executed, with an HTML page and a JSON record.")
ORDER = 60
NOTEBOOK = "scenarios"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="scenario files (.toml, .yaml)")
    add_data_argument(parser)
    parser.add_argument("--years", default=None, metavar="FIRST-LAST",
                        help="the years to project (default: from the latest budget year, three years)")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR",
                        help="output folder (default: reports); files go to DIR/scenarier/")


def output_stem(names: list[str], years: tuple[int, int]) -> str:
    """A plain file name: the one scenario's name as a slug, or ``scenarier-FIRST-LAST``."""
    from ..books.budget import slug

    if len(names) == 1 and slug(names[0]):
        return slug(names[0])[:120]
    return f"scenarier-{years[0]}-{years[1]}"


def run(args: argparse.Namespace) -> int:
    from ..books.fee_books import load_for_fees as load
    from ..reports.notebooks import page_title, publish
    from ..core.outputs import safe_child
    from ..books.scenario_file import scenarios_from
    from ..reports.scenario_tables import compare
    from ..planning.scenarios import year_range

    books = load(args.data, budget_needed=True, scenarios=args.files)
    years = year_range(args.years, books)
    scenarios = scenarios_from(books, years)
    compare(books, scenarios, years)          # everything computed before anything is written
    stem = output_stem([s.name for s in scenarios], years)
    out_dir = safe_child(args.out, "scenarier")
    safe_child(out_dir, stem)
    files = [str(Path(f).resolve()) for f in args.files]
    parameters = {"data": str(Path(books.folder).resolve()), "scenario_files": files,
                  "first_year": years[0], "last_year": years[1]}
    title = page_title(f"Scenarier {years[0]}–{years[1]}", books.settings.organisation)
    written = publish(NOTEBOOK, parameters, out_dir, stem, books, extra_inputs=[Path(f) for f in files],
                      title=title)
    for path in written:
        print(path)
    return 0
