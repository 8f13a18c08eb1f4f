"""Bad inputs, issue 15 finished: an unclosed quote in every CSV input, dates outside
1900–2200 said as such, text too long for any workbook cell, and a ledger workbook too large
to read.

Appended to :data:`~bad_inputs.cases.CASES` when ``cases`` is imported (after
``second_round``). Expected lines are worked out from the example's own text, as in ``cases.py``.
"""
from __future__ import annotations

from .cases import (ACCOUNTS, BUDGET_TEXT, CASES, CLEAN, DEPOSITS_TEXT, LEDGER, MEMBERS, OPENING, REPORT, _a2,
                    _m05, _members_row, _p2, case, line_of)
from .files import example_text


def add(c) -> None:
    CASES.append(c)


# --- an unclosed quote: the lines after it would be read into one field ---------------------
UNCLOSED = ("a quote opened here is never closed ({span} would be read into this one field); "
            "close the quote or remove it")


def lines(first: int, last: int) -> str:
    return f"line {first}" if last <= first else f"lines {first}–{last}"


def quote_field(text: str, line: int, col: int, close_at: int | None = None, sep: str = ";") -> bytes:
    """``text`` with a quote opening field ``col`` (0-based) of ``line``, never closed; or closed
    by a stray quote typed at the start of the last field of ``close_at``."""
    rows = text.split("\n")
    cells = rows[line - 1].split(sep)
    cells[col] = '"' + cells[col]
    rows[line - 1] = sep.join(cells)
    if close_at is not None:
        cells = rows[close_at - 1].split(sep)
        cells[-1] = 'slut"' + cells[-1]
        rows[close_at - 1] = sep.join(cells)
    return "\n".join(rows).encode()


def last_line(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def unclosed(name, kind, file, text, line, col, *, close_at=None, commands=None, extra=None):
    end = close_at if close_at is not None else last_line(text)
    files = {file: quote_field(text, line, col, close_at), **(extra or {})}
    expected = f"{file}:{line}: " + UNCLOSED.format(span=lines(line + 1, end))
    kw = {"commands": commands} if commands is not None else {}
    add(case(name, kind, expected, files, **kw))


unclosed("members-unclosed-quote", "members", "members.csv", MEMBERS, _m05, 1)
unclosed("members-quote-closed-lines-later", "members", "members.csv", MEMBERS, _m05, 1, close_at=_m05 + 15)
unclosed("budget-unclosed-quote", "budget", "budget.csv", BUDGET_TEXT, _members_row, 0)
unclosed("accounts-unclosed-quote", "accounts", "accounts.csv", ACCOUNTS, line_of(ACCOUNTS, "1930;"), 1)
unclosed("deposits-unclosed-quote", "deposits", "deposits.csv", DEPOSITS_TEXT, _p2, 1)
PHASING = example_text("phasing.csv")
unclosed("phasing-unclosed-quote", "phasing", "phasing.csv", PHASING, 3, 0, commands=(REPORT,))
COMMITMENTS = example_text("commitments.csv")
unclosed("commitments-unclosed-quote", "commitments", "commitments.csv", COMMITMENTS, 2, 2, commands=(REPORT,))
FORECAST = ("kod;år;belopp;kommentar\n"
            "kostnader.konferenser.arsmote-medlemsmote;2025;-224 000;fler deltagare än väntat\n"
            "intakter.medlemsavgifter;2025;11 800;som budget\n"
            "intakter.serviceavgifter;2025;1 794 449;som budget\n")
unclosed("forecast-unclosed-quote", "forecast", "forecast.csv", FORECAST, 2, 3, commands=(REPORT,))
_ledger_files = {"ledger/opening_balances.csv": OPENING}
add(case("ledger-unclosed-quote", "ledger-csv", f"ledger/2025.csv:{_a2}: " + UNCLOSED.format(
    span=lines(_a2 + 1, last_line(LEDGER))), {**_ledger_files, "ledger/2025.csv": quote_field(LEDGER, _a2, 5)}))
_note = MEMBERS.split("\n")
_note[_m05 - 1] = _note[_m05 - 1].rsplit(";", 1)[0] + ';"Anmärkning över\ntvå rader; med semikolon"'
add(case("members-note-over-two-lines", "members", CLEAN, {"members.csv": "\n".join(_note).encode()}, exit_ok=True))
