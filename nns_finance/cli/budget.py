"""``nns-finance budget [DIR] [--year Y] [--format table|csv]``: the budget, every total computed.

Rows follow the budget's line structure (sections, lines, indented sub-lines, Summa intäkter,
Summa totala kostnader, Årets resultat, then the equity rows when the file has them); one column
per year and version (``2025 Budget``, ``2025 Prognos helår`` …), or only the versions of
``--year``. Only errors in the budget file stop the command; problems elsewhere are left to
``nns-finance check``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from ..books.budget import budget_table
from ..books.load import load
from ..core.problems import UsageError
from ..core.i18n import _, ngettext
from ._common import add_data_argument, add_format_argument, emit

COMMAND = "budget"
HELP = "print the budget: lines x versions, every total computed from its lines"
ORDER = 20
NEEDS = ("settings", "budget")


def add_arguments(parser) -> None:
    add_data_argument(parser, positional=True)
    parser.add_argument("--data", dest="data_option", type=Path, metavar="DIR",
                        help="the data folder, as the other commands take it (same as DIR)")
    parser.add_argument("--year", type=int, metavar="Y", help="only the versions of this year")
    add_format_argument(parser)


def run(args) -> int:
    if args.data_option is not None:
        args.data = args.data_option
    books = load(args.data, needs=NEEDS)
    if books.budget.empty:
        raise UsageError(_("{data}: the budget has no figures (no lines or no version columns in "
                           "budget.xlsx or budget.csv)", data=args.data))
    table = budget_table(books, args.year, equity=True)
    if args.year is not None:  # "Budget" → "2025 Budget": the year stays visible
        table = table.rename(columns={c: f"{args.year} {c}" for c in table.columns[4:]})
    money = [c for c in table.columns if c not in ("code", "name", "level", "kind")]
    if args.format == "csv":
        blank = table["kind"] == "section"
        table = table.astype({c: "Int64" for c in money})
        table.loc[blank, money] = pd.NA
        emit(table, "csv", money=money)
        return 0
    shown = table.assign(name=[_indented(n, lvl, kind) for n, lvl, kind in
                               zip(table["name"], table["level"], table["kind"])])
    shown = shown.astype({c: "Int64" for c in money})
    shown.loc[shown["kind"] == "section", money] = pd.NA
    shown = shown[["name", *money]].rename(columns={"name": "Budgetrad"})
    emit(shown, "table", money=money)
    others = [p for p in books.problems if p.is_error]
    if others:
        print(ngettext("note: {n} error in other files of the data folder; see `nns-finance check`",
                       "note: {n} errors in other files of the data folder; see `nns-finance check`",
                       len(others)), file=sys.stderr)
    return 0


def _indented(name: str, level: int, kind: str) -> str:
    if kind == "subline":
        return f"    – {name}"
    if kind == "line":
        return f"  {name}"
    return name
