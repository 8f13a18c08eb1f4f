"""Options and output shared by the subcommands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..reports.textout import render


def print_written(*paths) -> None:
    """The one way every command tells what it wrote: each path on its own line (stdout)."""
    for path in paths:
        print(path)


def add_data_argument(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    """``[DIR]`` or ``--data DIR``: the data folder (default: the current folder)."""
    if positional:
        parser.add_argument("data", nargs="?", default=".", type=Path, metavar="DIR",
                            help="data folder (default: current folder)")
    else:
        parser.add_argument("--data", default=Path("."), type=Path, metavar="DIR",
                            help="data folder (default: current folder)")


def add_format_argument(parser: argparse.ArgumentParser, choices=("table", "csv")) -> None:
    parser.add_argument("--format", choices=choices, default="table",
                        help="table: for people (Swedish numbers); csv: for programs "
                             "(UTF-8, comma, kronor with a '.' decimal point)")


def emit(frame: pd.DataFrame, fmt: str, money: list[str] = (), percent: list[str] = (),
         stream=None) -> None:
    """Print a frame as a table or CSV (see :func:`nns_finance.reports.textout.render`)."""
    stream = stream or sys.stdout
    stream.write(render(frame, fmt, money=money, percent=percent))
