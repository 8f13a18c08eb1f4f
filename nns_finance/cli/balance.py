"""``nns-finance balance PATH [--period YYYY-MM] [--format table|csv]``: the trial balance.

PATH is a SIE file (``.se``/``.si``) or a data folder. One row per account: opening balance,
the movement in the month, the movement in the year to date and the closing balance, in the
SIE sign (debit positive, credit negative); the totals last. Without ``--period``: the last
month with vouchers. Problems in the SIE file (or the folder's ledger) are printed first; only
errors stop the command.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..core.dates import parse_month
from ..core.problems import UsageError
from ..books.sie_ledger import read_sie_ledger
from ..accounting.trial_balance import MONEY, trial_balance
from ..core.i18n import _
from ._common import add_format_argument, emit

COMMAND = "balance"
HELP = "the trial balance (saldobalans) of a SIE file or a data folder"
ORDER = 45
HEADERS = {"account": "Konto", "name": "Namn", "opening": "Ingående balans", "period": "Perioden",
           "year_to_date": "Hittills i år", "closing": "Utgående balans"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="a SIE file (.se/.si) or a data folder")
    parser.add_argument("--period", metavar="YYYY-MM",
                        help="the month (default: the last month with vouchers)")
    add_format_argument(parser)


def _period(text: str | None) -> pd.Period | None:
    if text is None:
        return None
    month = parse_month(text, "--period")
    return pd.Period(year=month.year, month=month.month, freq="M")


def _from_sie(path: Path, period: pd.Period | None):
    sie = read_sie_ledger(path)
    for p in sie.warnings:
        print(p, file=sys.stderr)
    return sie.ledger, sie.balances, sie.year, sie.names, sie.first, sie.last


def _from_folder(path: Path, period: pd.Period | None):
    from ..books.load import load

    books = load(path, needs=("settings", "ledger"))
    ledger, balances = books.ledger, books.balances
    if period is not None:
        year = period.year
    elif len(ledger):
        year = int(ledger["year"].max())
    else:
        year = int(books.settings.fiscal_year)
    names = books.accounts.set_index("account")["name"] if len(books.accounts) else None
    start = pd.Period(year=year, month=1, freq="M")
    return ledger, balances, year, names, start, start + 11


def run(args: argparse.Namespace) -> int:
    period = _period(args.period)
    path = args.path
    if path.is_dir():
        ledger, balances, year, names, first, last = _from_folder(path, period)
    elif path.is_file():
        ledger, balances, year, names, first, last = _from_sie(path, period)
    else:
        raise UsageError(_("{path}: no such file or folder", path=path))
    if period is None:
        rows = ledger[ledger["year"] == year]
        period = rows["date"].max().to_period("M") if len(rows) else last
    if first is not None and not (first <= period <= last):
        raise UsageError(_("--period {period}: outside the fiscal year {first}–{last}",
                           period=period, first=first, last=last))
    table = trial_balance(ledger, balances, year, period, names)
    if args.format == "csv":
        emit(table, "csv", money=MONEY)
    else:
        print(f"Saldobalans {year}, perioden {period}")
        emit(table.rename(columns=HEADERS), "table", money=[HEADERS[c] for c in MONEY])
    return 0
