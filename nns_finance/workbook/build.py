"""The whole auditors' workbook: gather the package's figures, write every sheet, move into place.

:func:`export_workbook` is what ``nns-finance export`` and the monthly report call. The
figures are computed first (nothing is written if that fails); the sheets are then written in
their order — Info, Kontroller, Resultaträkning, Saldobalans, Balansräkning, Huvudbok (…),
Verifikationslista (…), Avgifter,
Placeringar, Eget kapital — into a temporary file beside the target, which is moved into place
only when complete. Any failure removes the temporary file: nothing half-written is left.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core import progress
from ..core.version import __version__
from ..core.outputs import made_time, safe_child, write_with
from ..core.problems import OutputError
from ..planning.review import review
from . import (
    balance_sheet, controls, deposits, equity, fees, general_ledger, income_statement, info, trial_balance,
    voucher_list
)
from .reconcile import build_checks
from .scope import Scope
from ..reports.xlsx import Sheet, close_book, open_book
from ..core.i18n import _

FILE_STEM = "revisorsunderlag"


def default_path(scope: Scope, root: Path = Path("reports")) -> Path:
    """``reports/2025/revisorsunderlag-2025.xlsx`` or ``reports/2025-09/revisorsunderlag-2025-09.xlsx``."""
    return safe_child(Path(root), scope.label, f"{FILE_STEM}-{scope.label}.xlsx")


def gather(books, scope: Scope) -> dict:
    """Every figure the workbook shows, computed by the package (no file is touched)."""
    from ..treasury.reconciliation import interest_reconciliation, principal_reconciliation
    from ..accounting.outcome import trial_balance as ledger_trial_balance

    return {
        "ledger": general_ledger.ledger_rows(books, scope),
        "balances": trial_balance.balance_table(books, scope),
        "ledger_tb": ledger_trial_balance(books, scope.year, scope.through_month),
        "result": income_statement.result_table(books, scope),
        "accounts": income_statement.account_outcome(books, scope),
        "fees": fees.fee_rows(books, scope),
        "deposits": deposits.terms(books, scope),
        "principal": principal_reconciliation(books, scope.end),
        "interest": interest_reconciliation(books, scope.end),
        "equity": equity.roll_forward(books, scope),
        "equity_moves": equity.movements(books, scope),
    }


def export_workbook(books, scope: Scope, out: Path, *, protect: bool = False,
                    made: dt.datetime | None = None, parameters: dict | None = None,
                    cached_values: bool = True, max_rows: int | None = None) -> Path:
    """Write the auditors' workbook for ``scope`` to ``out`` (atomically); returns ``out``.

    ``cached_values=False`` stores 0 as every formula's value (only the recalculation test uses
    it, to prove a spreadsheet program computes the figures itself). ``max_rows`` lowers the
    rows per Huvudbok sheet (tests).
    """
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise OutputError(_("{out}: the workbook is an Excel file: give a name ending in .xlsx",
                            out=out))
    made = made or made_time()
    with progress.step(_("Computing the auditors' workbook {scope}", scope=scope.label)):
        figures = gather(books, scope)
    params = {"år": scope.year, "period": scope.label, "till och med månad": scope.through_month,
              "bladskydd": "ja" if protect else "nej", **(parameters or {})}
    if "data" in params:   # the data folder as Info records it, not where it happens to lie
        params["data"] = info.folder_label(books.folder)
    return write_with(out, lambda tmp: _write(tmp, books, scope, figures, made, params, protect,
                                              cached_values, max_rows))


def _write(path: Path, books, scope: Scope, figures: dict, made, params, protect, cached, max_rows) -> None:
    book, fmts = open_book(path, made, title=f"Revisorsunderlag {scope.label}",
                           author=books.settings.organisation)
    huvudbok = general_ledger.huvudbok_rows(figures["ledger"], figures["balances"], scope)
    ranges = general_ledger.sheet_ranges(len(huvudbok), max_rows)
    vouchers = voucher_list.voucher_rows(figures["ledger"])
    voucher_ranges = voucher_list.ranges_for(len(vouchers), max_rows)

    def sheet(name: str) -> Sheet:
        return Sheet(book, fmts, name, protect=protect, cached_values=cached)

    s_info, s_checks = sheet(info.SHEET), sheet(controls.SHEET)
    s_result, s_balance = sheet(income_statement.SHEET), sheet(trial_balance.SHEET)
    s_bs = sheet(balance_sheet.SHEET)
    s_ledger = [sheet(name) for name, _, _ in ranges]
    s_vouchers = [sheet(name) for name, _, _ in voucher_ranges]
    s_fees, s_deposits, s_equity = sheet(fees.SHEET), sheet(deposits.SHEET), sheet(equity.SHEET)
    try:
        links = general_ledger.account_links(huvudbok, ranges)
        placed_result = income_statement.write(s_result, figures["result"], figures["accounts"], books, scope,
                                               ledger_ranges=ranges, links=links)
        placed_balance = trial_balance.write(s_balance, figures["balances"], scope, links=links)
        placed_bs = balance_sheet.write(s_bs, balance_sheet.figures(books, scope), scope, placed_balance)
        general_ledger.write(s_ledger, huvudbok, ranges)
        voucher_list.write(s_vouchers, vouchers, voucher_ranges)
        del huvudbok, vouchers
        placed_fees = fees.write(s_fees, figures["fees"], scope)
        placed_deposits = deposits.write(s_deposits, figures["deposits"], figures["principal"],
                                         figures["interest"], scope)
        placed_equity = equity.write(s_equity, figures["equity"], scope, figures["equity_moves"], links=links)
        checks = build_checks(books, scope, figures, ranges=ranges, result=placed_result,
                              balance=placed_balance, fees=placed_fees, deposits=placed_deposits,
                              equity=placed_equity, voucher_ranges=voucher_ranges, balance_sheet=placed_bs)
        controls.write(s_checks, checks, review(books), scope.describe())
        names = [s.name for s in (s_info, s_checks, s_result, s_balance, s_bs, *s_ledger, *s_vouchers, s_fees,
                                  s_deposits, s_equity)]
        info.write(s_info, books, scope, made, __version__, params, names, ranges, len(figures["ledger"]))
    except BaseException:
        try:
            book.close()   # releases XlsxWriter's temporary files; the caller deletes the file
        except Exception:  # noqa: BLE001 - the first failure is the one to report
            pass
        raise
    try:
        with progress.step(_("Packing the workbook (xlsx)")):
            close_book(book)
    except Exception as exc:  # disk full and the like
        raise OutputError(_("cannot write {path}: {exc}", path=path, exc=exc)) from exc
