"""Loading a data folder for the fee and scenario tools.

The fee model, the scenarios and the withdrawal notebook read the settings, the member register,
the budget, the assumptions and the scenario files — not the ledger, the chart of accounts, the
deposits or the commitments. A board member exploring fees may have a folder with just those
files, and a broken ledger export must not stop a fee scenario. So these tools load the folder
leniently and stop (:class:`~nns_finance.core.problems.InputError`, every problem listed) only on
errors in the files they read; problems elsewhere stay in ``books.problems`` for
``nns-finance check``.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .load import Books, find_input, load
from ..core.problems import ERROR, InputError

#: file names (or prefixes, for folders) the fee and scenario tools read
USED = ("settings.toml", "members.csv", "members.xlsx", "budget.csv", "budget.xlsx", "assumptions.toml",
        "scenarios/")


def uses(file: str | None) -> bool:
    """Whether a problem's file is one the fee and scenario tools read."""
    name = str(file or "").replace("\\", "/")
    return any(name == u or (u.endswith("/") and name.startswith(u)) for u in USED)


def load_for_fees(path: str | Path, budget_needed: bool = False) -> Books:
    """The data folder at ``path`` for the fee and scenario tools (see the module docstring).

    The fee model only compares with the budget when there is one; the scenarios and the
    withdrawal notebook project it (``budget_needed=True``: a missing budget stops them)."""
    books = load(path, strict=False)
    no_budget = find_input(Path(path), "budget") is None
    mine = [p for p in books.problems if uses(p.file)
            and not (no_budget and not budget_needed and str(p.file).startswith("budget."))]
    if budget_needed and no_budget:   # load() only warns: a folder for fee work alone needs none
        mine = [replace(p, severity=ERROR) if str(p.file).startswith("budget.") else p for p in mine]
    if any(p.is_error for p in mine):
        raise InputError(mine)
    return books


def other_errors(books: Books) -> int:
    """How many errors the folder has in files the fee and scenario tools do not read."""
    return sum(1 for p in books.problems if p.is_error and not uses(p.file))
