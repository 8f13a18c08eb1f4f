"""The data folder, loaded: :func:`load` reads every input into one immutable :class:`Books`.

One call reads ``settings.toml``, the budget, the chart of accounts, the member register, the
term deposits and the ledger, checks each file and then the files against each other, and
collects *every* problem found. With ``strict=True`` (the default) errors raise
:class:`~nns_finance.core.problems.InputError`; with ``strict=False`` the Books come back with the
problems attached (``nns-finance check`` and the report's data-quality section use that).

Frames (all amounts are ``int64`` öre; ids are strings; dates are ``datetime64[ns]``):

``budget_lines``  code, section (``income``/``cost``), name, parent (code or ""), level
                  (1 line, 2 sub-line), order (int, the table's row order)
``budget``        code, version (``outcome``/``budget``/``forecast``/a proposal name), year,
                  amount — leaf lines only (lines without sub-lines, and sub-lines); every
                  total is computed from these, never read (see :mod:`nns_finance.books.budget`)
``budget_equity`` version, year, opening, closing — the table's equity rows, if present
``accounts``      account, name, line (budget code; "" for balance-sheet accounts)
``members``       member_id, name, org_number, joined, notice_date, withdrawal_date,
                  indicator_from, indicator_to  (dates NaT when blank)
``fee_bases``     member_id, year, base (öre; tilldelning + matchning)
``deposits``      deposit_id, bank, account, principal, rate (Decimal, per cent), start,
                  maturity, day_count (``ACT/365``/``ACT/360``/``ACT/ACT``/``30/360``), status
``ledger``        year, series, number, date, account, amount, text, source, line, reg_order
                  (debit positive, as SIE; one row per voucher row)
``balances``      year, account, kind (``IB``/``UB``/``RES``), amount (SIE sign: debit positive)
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.problems import InputError, Problem, Problems, UsageError
from ..core.settings import Settings, read_settings
from .grids import find_input  # noqa: F401  (re-exported: loaders import it from here)

SETTINGS_FILE = "settings.toml"

# The contract between loaders and everything downstream: column -> dtype of each frame.
# "str" is pandas' string dtype; amounts are int64 öre; "object" holds Decimal rates.
SCHEMAS: dict[str, dict[str, str]] = {
    "budget_lines": {"code": "str", "section": "str", "name": "str", "parent": "str",
                     "level": "int64", "order": "int64"},
    "budget": {"code": "str", "version": "str", "year": "int64", "amount": "int64"},
    "budget_equity": {"version": "str", "year": "int64", "opening": "int64", "closing": "int64"},
    "accounts": {"account": "str", "name": "str", "line": "str"},
    "members": {"member_id": "str", "name": "str", "org_number": "str",
                "joined": "datetime64[ns]", "notice_date": "datetime64[ns]",
                "withdrawal_date": "datetime64[ns]", "indicator_from": "datetime64[ns]",
                "indicator_to": "datetime64[ns]"},
    "fee_bases": {"member_id": "str", "year": "int64", "base": "int64"},
    "deposits": {"deposit_id": "str", "bank": "str", "account": "str", "principal": "int64",
                 "rate": "object", "start": "datetime64[ns]", "maturity": "datetime64[ns]",
                 "day_count": "str", "status": "str"},
    "ledger": {"year": "int64", "series": "str", "number": "str", "date": "datetime64[ns]",
               "account": "str", "amount": "int64", "text": "str", "source": "str",
               "line": "int64", "reg_order": "int64"},
    "balances": {"year": "int64", "account": "str", "kind": "str", "amount": "int64"},
}


def empty_frame(name: str) -> pd.DataFrame:
    """A frame with no rows and the columns and dtypes of ``SCHEMAS[name]``."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCHEMAS[name].items()})


def schema_mismatches(frame: pd.DataFrame, name: str) -> list[str]:
    """How ``frame`` differs from ``SCHEMAS[name]`` (tests assert this is empty)."""
    out = []
    for col, dtype in SCHEMAS[name].items():
        if col not in frame.columns:
            out.append(f"{name}: missing column {col}")
        elif dtype == "str":
            if not (pd.api.types.is_string_dtype(frame[col]) or frame[col].dtype == object):
                out.append(f"{name}.{col}: {frame[col].dtype}, expected text")
        elif str(frame[col].dtype) != dtype and not (dtype.startswith("datetime64") and
                                                     str(frame[col].dtype).startswith("datetime64")):
            out.append(f"{name}.{col}: {frame[col].dtype}, expected {dtype}")
    return out


@dataclass(frozen=True)
class Source:
    """One input file that was read: its name in the data folder and its SHA-256."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Books:
    """Everything in one data folder, validated. See the module docstring for the frames.

    Frozen: no attribute can be replaced (``books.ledger = ...`` raises). The frames themselves
    are ordinary pandas DataFrames, which Python cannot freeze: ``books.ledger.loc[...] = ...``
    or ``books.ledger["x"] = ...`` would change them for every later use in the same session.
    So nothing in the package writes to them — every function returns new frames (a test
    holds the package to that) — and a notebook that wants to change figures derives its own
    frame (``books.ledger.assign(...)``, ``.copy()``) or uses :func:`dataclasses.replace`
    for a changed Books. Pandas' copy-on-write keeps a derived frame from writing back.
    """

    folder: Path
    settings: Settings
    budget_lines: pd.DataFrame
    budget: pd.DataFrame
    budget_equity: pd.DataFrame
    accounts: pd.DataFrame
    members: pd.DataFrame
    fee_bases: pd.DataFrame
    deposits: pd.DataFrame
    ledger: pd.DataFrame
    balances: pd.DataFrame
    sources: tuple[Source, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# Every problem saying the monthly report lacks an input says so in these words and carries the
# rule REPORT_INPUT: ``load`` reports them as warnings (a folder for the fee work alone needs no
# ledger), ``nns-finance check`` as errors (a clean check means the monthly report can run).
REPORT_NEEDS = "the monthly report needs"
REPORT_INPUT = "report-input"   # the Problem.rule of those problems


def missing_input(folder: Path, stem: str, what: str, why: str) -> str:
    """The message for a data-folder file that is not there: what it is, why it is needed, and
    a file whose name looks like it (``Budget 2026.xlsx`` for ``budget``), if there is one."""
    folder = Path(folder)
    looks = sorted(p.name for p in folder.iterdir() if p.is_file() and stem in p.name.lower()
                   and not p.name.startswith((".", "~$"))) if folder.is_dir() else []
    hint = (f"; found {looks[0]}: rename it {stem}{Path(looks[0]).suffix.lower() or '.csv'}" if looks
            else " (`nns-finance init` writes a template)")
    return f"no {what} ({stem}.xlsx or {stem}.csv): {why}{hint}"


def load(path: str | Path, *, strict: bool = True) -> Books:
    """Read and check the data folder at ``path``.

    Raises :class:`InputError` with every error when ``strict`` and anything is wrong;
    :class:`UsageError` when ``path`` is not a data folder at all.
    """
    from .accounts import read_accounts
    from .budget import read_budget
    from .checks import cross_checks
    from .deposits import read_deposits
    from .ledger import read_ledger
    from .members import read_members

    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a data folder (no such directory)")
    if not (folder / SETTINGS_FILE).is_file():
        raise UsageError(f"{folder}: not a data folder: no {SETTINGS_FILE} "
                         f"(make one with `nns-finance init {folder}`)")
    problems = Problems()
    settings = read_settings(folder / SETTINGS_FILE, problems, SETTINGS_FILE)
    if settings is None:
        raise InputError(problems)
    budget_lines, budget, budget_equity = read_budget(folder, problems, settings)
    accounts = read_accounts(folder, problems, settings)
    members, fee_bases = read_members(folder, problems, settings)
    deposits = read_deposits(folder, problems, settings)
    ledger, balances = read_ledger(folder, problems, settings)
    sources = _sources(folder, problems)         # before the cross-checks: they name files by it
    books = Books(folder=folder, settings=settings, budget_lines=budget_lines, budget=budget,
                  budget_equity=budget_equity, accounts=accounts, members=members,
                  fee_bases=fee_bases, deposits=deposits, ledger=ledger, balances=balances,
                  sources=sources,
                  problems=tuple(problems))    # the cross-checks skip what rests on a broken file
    problems.extend(cross_checks(books))
    books = Books(**{**books.__dict__, "problems": tuple(sorted(problems, key=Problem.sort_key))})
    if strict and problems.has_errors:
        raise InputError(problems)
    return books


def _sources(folder: Path, problems: Problems) -> tuple[Source, ...]:
    """Every input file with its SHA-256; a file that cannot be read is a problem (said once)."""
    out = []
    for path in input_files(folder):
        name = path.relative_to(folder).as_posix()
        try:
            out.append(Source(name, sha256_file(path)))
        except OSError as exc:
            if not any(p.file == name and p.is_error for p in problems):
                problems.error(name, None, f"cannot read file: {exc.strerror or exc}")
    return tuple(out)


def input_files(folder: Path) -> list[Path]:
    """Every file in the data folder the package reads (for checksums in every output)."""
    folder = Path(folder)
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "~$"))
             and p.suffix.lower() in (".toml", ".csv", ".xlsx", ".se", ".si", ".yaml", ".yml")]
    return sorted(files)

