"""Loading a data folder for the fee and scenario tools.

The fee model, the scenarios and the withdrawal notebook read the settings, the member register,
the budget, the assumptions and the scenario files — not the ledger, the chart of accounts, the
deposits or the commitments. A board member exploring fees may have a folder with just those
files, and a broken ledger export must not stop a fee scenario: :data:`FEES` are the inputs
these tools need (:func:`~nns_finance.books.load.load`'s ``needs``); problems elsewhere stay in
``books.problems`` for ``nns-finance check``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..core.books import Books
from dataclasses import replace

from ..core.problems import ERROR, InputError, Problem
from .load import load

#: the inputs the fee and scenario tools read
FEES = ("settings", "members", "assumptions", "scenarios")


def load_for_fees(path: str | Path, budget_needed: bool = False,
                  scenarios: Iterable[str | Path] | None = None) -> Books:
    """The data folder at ``path`` for the fee and scenario tools (see the module docstring).

    The fee model only compares with the budget when there is one; the scenarios and the
    withdrawal notebook project it (``budget_needed=True``: a missing budget stops them).
    ``scenarios``: scenario files or folders to read instead of the folder's ``scenarios/``."""
    needs = FEES + ("budget",) if budget_needed else FEES
    books = load(path, needs=needs, scenarios=scenarios)
    if budget_needed and books.budget_lines.empty:
        said = [p for p in books.problems if str(p.file).startswith("budget")]
        raise InputError([replace(p, severity=ERROR) for p in said]
                         or [Problem("budget.csv", None, "no budget (budget.xlsx or budget.csv)", ERROR)])
    return books


def other_errors(books: Books) -> int:
    """How many errors the folder has in files the fee and scenario tools do not read."""
    from .load import input_of

    return sum(1 for p in books.problems if p.is_error and input_of(p.file) not in FEES)
