"""The data folder, loaded: :func:`load` reads every input into one immutable :class:`Books`.

One call reads every input once — ``settings.toml``, the budget, the chart of accounts, the
member register, the term deposits, the ledger, and the optional phasing, forecast, commitments,
assumptions and scenario files — checks each file and then the files against each other, and
collects *every* problem found. After it nothing opens an input file: every operation is a
function of :class:`~nns_finance.core.books.Books` and parameters. With ``strict=True`` (the default) errors raise
:class:`~nns_finance.core.problems.InputError`; with ``strict=False`` the Books come back with the
problems attached (``nns-finance check`` and the report's data-quality section use that).

``needs`` names the inputs a command uses (:data:`INPUTS`; ``"report"`` also makes the monthly
report's missing inputs errors): with ``strict`` only errors in those stop the load, and the
others stay in ``books.problems`` for ``nns-finance check``.

Frames (all amounts are ``int64`` öre; ids are strings; dates are ``datetime64[ns]``):

``budget_lines``  code, section (``income``/``cost``), name, parent (code or ""), level
                  (1 line, 2 sub-line), order (int, the table's row order)
``budget``        code, version (``outcome``/``budget``/``forecast``/a proposal name), year,
                  amount — leaf lines only (lines without sub-lines, and sub-lines); every
                  total is computed from these, never read (see :mod:`nns_finance.books.budget`)
``budget_equity`` version, year, opening, closing — the table's equity rows, if present
``accounts``      account, name, line (budget code; "" for balance-sheet accounts),
                  balance_group (a balance-sheet group code overriding BAS, or ""),
                  annual_item (an item of the annual accounts overriding BAS, or "")
``members``       member_id, name, org_number, joined, notice_date, withdrawal_date,
                  indicator_from, indicator_to  (dates NaT when blank)
``fee_bases``     member_id, year, base (öre; tilldelning + matchning)
``deposits``      deposit_id, bank, account, principal, rate (Decimal, per cent), start,
                  maturity, day_count (``ACT/365``/``ACT/360``/``ACT/ACT``/``30/360``), status
``ledger``        year, series, number, date, account, amount, text, source, line, reg_order; and
                  reg_date, the voucher's registration date (SIE ``#VER`` regdate; NaT when not given)
                  (debit positive, as SIE; one row per voucher row)
``balances``      year, account, kind (``IB``/``UB``/``RES``), amount (SIE sign: debit positive)
``phasing``       the monthly profiles (:class:`~nns_finance.books.phasing.MonthlyProfile`)
``forecast``      code, year, amount, comment, where — the treasurer's own full-year forecasts
``commitments``   date, amount, text, line, source, row — known payments for the cash forecast
``assumptions``   the projection's :class:`~nns_finance.books.assumptions.Assumptions`
``scenario_texts`` the scenario files as read (:class:`~nns_finance.books.scenario_file.ScenarioText`)
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

from ..core.allocator import release
from ..core.books import Books, Source
from ..core.outputs import sha256_file
from ..core.problems import (REPORT_INPUT, ERROR, InputError, Problem, Problems,  # noqa: F401
                             UsageError)
from ..core.schema import SCHEMAS, empty_frame  # noqa: F401  (the loaders' shapes)
from .accounts import read_accounts
from .assumptions import read_checked_assumptions
from .budget import read_budget
from .checks import cross_checks
from .commitments import read_commitments
from .deposits import read_deposits
from .forecast import read_forecast
from .files import within_data_folder
from .grids import find_input  # noqa: F401  (re-exported: loaders import it from here)
from .ledger import read_ledger
from .members import read_members
from .phasing import read_phasing
from .scenario_file import check_scenarios, read_scenario_texts, scenario_paths
from .settings import read_settings
from ..core.i18n import _, os_error_text, set_language

SETTINGS_FILE = "settings.toml"

#: the inputs of a data folder, as ``needs`` names them; each with the files it is read from
INPUTS = {
    "settings": ("settings.toml",), "budget": ("budget.",), "accounts": ("accounts.",),
    "members": ("members.",), "deposits": ("deposits.",), "ledger": ("ledger/", "ledger"),
    "phasing": ("phasing.",), "forecast": ("forecast.",), "commitments": ("commitments.",),
    "assumptions": ("assumptions.toml",), "scenarios": ("scenarios/", "scenarios"),
}
#: ``needs`` of the monthly report and the auditors' workbook: everything, and the report's inputs
REPORT = frozenset(INPUTS) | {"report"}


def input_of(file: str | None) -> str | None:
    """Which input (a key of :data:`INPUTS`) a problem's file belongs to; None for files given on
    the command line (they belong to the command that named them)."""
    name = str(file or "").replace("\\", "/")
    for key, names in INPUTS.items():
        if any(name == n or (n.endswith((".", "/")) and name.startswith(n)) for n in names):
            return key
    return None


def load(path: str | Path, *, strict: bool = True, needs: Iterable[str] | None = None,
         assumptions: str | Path | None = None, scenarios: Iterable[str | Path] | None = None) -> Books:
    """Read and check the data folder at ``path``.

    ``needs``: the inputs the caller uses (default: all); with ``strict``, errors in those raise
    :class:`InputError` (every one of them), the rest stay in ``books.problems``. ``"report"`` in
    ``needs`` makes the monthly report's missing inputs errors. ``assumptions`` and
    ``scenarios`` read those files instead of the folder's ``assumptions.toml`` and
    ``scenarios/``. :class:`UsageError` when ``path`` is not a data folder at all.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(_("{folder}: not a data folder (no such directory)", folder=folder))
    if not (folder / SETTINGS_FILE).is_file():
        raise UsageError(_("{folder}: not a data folder: no {file} (make one with `nns-finance init {folder}`)",
                           folder=folder, file=SETTINGS_FILE))
    handed = _HANDED.pop(folder, None)
    if handed is not None and strict and needs is None and assumptions is None and scenarios is None:
        set_language(handed.settings.language)     # as reading settings.toml does
        return handed
    wanted = set(INPUTS) if needs is None else set(needs)
    unknown = wanted - set(INPUTS) - {"report"}
    if unknown:
        raise ValueError(f"needs: unknown inputs {sorted(unknown)}")
    try:
        with within_data_folder(folder):
            return _load(folder, strict, wanted, assumptions, scenarios)
    finally:
        release()   # a big ledger's temporaries, given back (nothing for small books)


_HANDED: dict[Path, Books] = {}


def hand_over(books: Books) -> None:
    """The next :func:`load` of ``books.folder`` (given as that same path, with the default
    options) in this process returns ``books`` instead of reading the folder again; the load
    after it reads the folder. For a notebook's kernel given the Books the command has just
    read and checked (:class:`nns_finance.reports.notebooks.NotebookLater`): its record's
    SHA-256 then describe exactly what the notebook shows."""
    _HANDED[Path(books.folder)] = books


def _load(folder: Path, strict: bool, wanted: set[str], assumptions, scenarios) -> Books:
    problems = Problems()
    settings = read_settings(folder / SETTINGS_FILE, problems, SETTINGS_FILE)
    if settings is None:
        raise InputError(problems)
    set_language(settings.language)        # messages from here on in the treasurer's language
    budget_lines, budget, budget_equity = read_budget(folder, problems, settings)
    accounts = read_accounts(folder, problems, settings)
    members, fee_bases = read_members(folder, problems, settings)
    deposits = read_deposits(folder, problems, settings)
    ledger, balances = read_ledger(folder, problems, settings)
    # every optional file names budget lines (and assumptions and scenarios members): without a
    # budget (or a register) their problems would only repeat that one, so they are not told
    lines_told = problems if len(budget_lines) else Problems()
    leaves = _leaf_codes(budget_lines)
    phasing = tuple(read_phasing(folder, lines_told, budget_lines))
    forecast = read_forecast(folder, lines_told, budget_lines)
    commitments = read_commitments(folder, lines_told, leaves or None)
    no_register = members.empty and any(p.is_error and str(p.file).startswith("members.") for p in problems)
    members_told = Problems() if no_register else lines_told
    assumption_path = Path(assumptions) if assumptions is not None else None
    interest = accounts.loc[accounts["account"].isin(settings.accounts.interest), "line"] if len(accounts) else []
    interest_lines = tuple(sorted({str(x) for x in interest if str(x)}))
    assumed = read_checked_assumptions(folder, assumption_path, members_told, budget, members, interest_lines)
    scenario_files = scenario_paths(folder, scenarios)
    texts = read_scenario_texts(scenario_files, members_told, folder)
    sources = _sources(folder, problems)         # before the cross-checks: they name files by it
    extra = [p for p in [assumption_path, *(scenario_files if scenarios is not None else [])] if p is not None]
    books = Books(folder=folder, settings=settings, budget_lines=budget_lines, budget=budget,
                  budget_equity=budget_equity, accounts=accounts, members=members,
                  fee_bases=fee_bases, deposits=deposits, ledger=ledger, balances=balances,
                  phasing=phasing, forecast=forecast, commitments=commitments, assumptions=assumed,
                  scenario_texts=texts, extra_inputs=tuple(extra), sources=sources,
                  problems=tuple(problems))    # the cross-checks skip what rests on a broken file
    problems.extend(cross_checks(books))
    if not no_register and len(budget_lines):
        problems.extend(check_scenarios(books))
    found = sorted(dict.fromkeys(problems), key=Problem.sort_key)
    if "report" in wanted:
        found = [replace(p, severity=ERROR) if p.rule == REPORT_INPUT else p for p in found]
    books = replace(books, problems=tuple(found))
    if strict:
        stopping = [p for p in found if p.is_error and (input_of(p.file) in wanted or input_of(p.file) is None)]
        if stopping:
            raise InputError(stopping)
    return books


def _leaf_codes(budget_lines) -> set[str]:
    parents = set(budget_lines["parent"].astype(str)) - {""}
    return {str(c) for c in budget_lines["code"] if str(c) not in parents}


def _sources(folder: Path, problems: Problems) -> tuple[Source, ...]:
    """Every input file with its SHA-256; a file that cannot be read is a problem (said once)."""
    out = []
    for path in input_files(folder):
        name = path.relative_to(folder).as_posix()
        try:
            out.append(Source(name, sha256_file(path)))
        except OSError as exc:
            if not any(p.file == name and p.is_error for p in problems):
                problems.error(name, None, _("cannot read file: {error}", error=os_error_text(exc)))
    return tuple(out)


def input_files(folder: Path) -> list[Path]:
    """Every file in the data folder the package reads (for checksums in every output)."""
    folder = Path(folder)
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith((".", "~$"))
             and p.suffix.lower() in (".toml", ".csv", ".xlsx", ".se", ".si", ".yaml", ".yml")]
    return sorted(files)

