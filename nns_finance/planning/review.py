"""The review of the loaded books: what only the figures show, beside what ``load`` found.

:func:`nns_finance.books.load.load` checks every file and the files against each other. Some
problems need the figures themselves: the deposit register against the placement and interest
accounts (:mod:`nns_finance.treasury.reconciliation`), the deposit guarantee
(:mod:`nns_finance.treasury.guarantee`) and the equity roll-forward
(:mod:`nns_finance.accounting.equity`) and budget lines whose outcome is seasonal but that have
no phasing (:func:`nns_finance.accounting.phasing.seasonal_problems`). :func:`review` gives them
all, once, in file order —
``nns-finance check``, the monthly report's data-quality section and the workbook's Kontroller
sheet show the same list.
"""
from __future__ import annotations

from ..accounting.equity import equity_problems
from ..accounting.phasing import seasonal_problems
from ..core.once import per_books
from ..core.problems import Problem
from ..treasury.guarantee import guarantee_problems
from ..treasury.reconciliation import reconciliation_problems


def findings(books) -> list[Problem]:
    """The problems only the figures show (warnings: they do not stop a command)."""
    return [*guarantee_problems(books), *reconciliation_problems(books), *equity_problems(books),
            *seasonal_problems(books)]


@per_books
def review(books) -> tuple[Problem, ...]:
    """Every problem of ``books``: what ``load`` found and :func:`findings`, sorted, each once
    (computed once per Books)."""
    return tuple(sorted(dict.fromkeys([*books.problems, *findings(books)]), key=Problem.sort_key))
