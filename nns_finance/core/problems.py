"""Problems found in the input, and the few exceptions that stop a run.

Every loader and check collects :class:`Problem` records instead of raising at the
first one, so the treasurer sees *every* problem in one go (the pandera "lazy" idea,
printed the beancount way): ``file:line: message`` or ``file:Sheet!C7: message``.

Errors make ``nns-finance check`` exit 1; warnings are unusual but legal things.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator
from .i18n import _, ngettext

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or odd) in one place of one input file.

    file:     the file as the user knows it (relative to the data folder when inside it)
    line:     1-based line of a text file, or the row of a sheet; None for the whole file
    message:  what is wrong, in one line, saying what rule was broken
    severity: ``"error"`` or ``"warning"``
    sheet:    sheet name for spreadsheets (then ``cell`` is e.g. ``"C7"``)
    cell:     cell reference within ``sheet``
    rule:     a name for the kind of problem, for code that treats a kind specially (e.g.
              ``"report-input"``: the monthly report lacks this input); not printed
    """

    file: str
    line: int | None
    message: str
    severity: str = ERROR
    sheet: str | None = None
    cell: str | None = None
    rule: str = ""

    @property
    def location(self) -> str:
        if self.sheet is not None:
            where = f"{self.sheet}!{self.cell}" if self.cell else f"{self.sheet}!{self.line}"
            return f"{self.file}:{where}" if self.line is not None or self.cell else f"{self.file}:{self.sheet}"
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.file, self.sheet or "", self.line if self.line is not None else -1, self.cell or "", self.message)

    def __str__(self) -> str:
        prefix = "" if self.is_error else _("warning: ")
        return f"{self.location}: {prefix}{self.message}"


@dataclass
class Problems:
    """A growing list of problems; loaders append, the CLI prints them all at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int | None, message: str, *, sheet: str | None = None,
              cell: str | None = None, rule: str = "") -> None:
        self.items.append(Problem(str(file), line, message, ERROR, sheet, cell, rule))

    def warning(self, file: str, line: int | None, message: str, *, sheet: str | None = None,
                cell: str | None = None, rule: str = "") -> None:
        self.items.append(Problem(str(file), line, message, WARNING, sheet, cell, rule))

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=Problem.sort_key)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def summary_line(problems: Iterable[Problem]) -> str:
    """``2 errors, 1 warning`` — the count line that ends ``nns-finance check``."""
    problems = list(problems)
    n_err = sum(p.is_error for p in problems)
    n_warn = len(problems) - n_err
    return f"{ngettext('{n} error', '{n} errors', n_err)}, {ngettext('{n} warning', '{n} warnings', n_warn)}"


class NNSFinanceError(Exception):
    """Base of every error that should stop a run with a one-line message, not a traceback."""


class InputError(NNSFinanceError):
    """The input has errors; ``problems`` holds every one found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = [p for p in self.problems if p.is_error]
        first = str(errors[0]) if errors else _("input problems")
        more = _(" (and {n} more)", n=len(errors) - 1) if len(errors) > 1 else ""
        super().__init__(first + more)


class UsageError(NNSFinanceError):
    """A command was asked for something it cannot do (a period outside the ledger, …)."""


class OutputError(NNSFinanceError):
    """An output could not be written where it was asked to go."""


# Every problem saying the monthly report lacks an input carries the rule REPORT_INPUT (its words
# are in the treasurer's language): ``load`` reports them as warnings (a folder for the fee work
# alone needs no ledger), ``nns-finance check`` as errors (a clean check means the report can run).
REPORT_INPUT = "report-input"   # the Problem.rule of those problems


def did_you_mean(word: str, known) -> str:
    """`` (did you mean 'max_fee'?)`` for the known word nearest to a mistyped one, else ``""``."""
    import difflib

    near = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.6)
    return _(" (did you mean {word}?)", word=repr(near[0])) if near else ""
