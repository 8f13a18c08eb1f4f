"""Huvudbok: per account its opening balance, every voucher row with debit, credit and the running
balance, and its closing balance — as Fortnox and Visma print a general ledger.

For each account (in account order): an ``Ingående balans`` row (the opening balance in the
Saldo column), the account's voucher rows of the period (date, then registration order) with
the amount split into Debet and Kredit and the running balance after the row in Saldo, then an
``Utgående balans`` row. Every row carries the account as a number, so a filter on Konto shows
one account's page; the voucher rows carry date and period, series and voucher number (a number
where it is one), registration order, the voucher text, and the input file and line it was read
from. Balances keep the bookkeeping sign: debit positive, credit negative.

Opening and closing rows have blank Debet and Kredit, so ``SUMIF`` on the Debet and Kredit
columns sums the voucher rows only (:func:`sum_formula`, used by Resultaträkning and the checks).

A year with more rows than Excel's 1 048 576 per sheet continues on ``Huvudbok 2``,
``Huvudbok 3`` … (the Info sheet says so). :data:`MAX_ROWS` is the limit per sheet, header
row included; tests lower it to prove the split on a small ledger.

This sheet is the bulk of a large workbook, so its frame is built with whole-column operations
(no per-row Python) and written by :mod:`.fast_rows`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import progress
from .scope import Scope
from .fast_rows import write_rows
from .sheet_rows import SheetRows, stacked_numbers, stacked_text, whole_numbers
from ..reports.xlsx import Sheet, col_name, quote_sheet

SHEET = "Huvudbok"
MAX_ROWS = 1_048_576  # rows per worksheet in Excel (and LibreOffice), the header row included

HEADERS = ["Konto", "Kontonamn", "Datum", "Period", "Serie", "Ver.nr", "Reg.ordning",
           "Text", "Debet", "Kredit", "Saldo", "Källfil", "Rad i källfil"]
COL_ACCOUNT, COL_PERIOD, COL_SERIES, COL_TEXT = 0, 3, 4, 7
COL_DEBIT, COL_CREDIT, COL_BALANCE = 8, 9, 10
OPENING, CLOSING = "Ingående balans", "Utgående balans"


def ledger_rows(books, scope: Scope) -> pd.DataFrame:
    """The voucher rows the sheet shows, sorted as written; adds ``name`` and ``period``."""
    led = books.ledger
    sel = led[(led["year"] == scope.year) & (led["date"].dt.month <= scope.through_month)]
    names = account_names(books)
    out = sel.assign(account=sel["account"].astype(str))
    out = out.assign(name=out["account"].map(names).fillna("").astype(str),
                     period=out["date"].dt.strftime("%Y-%m"))
    return out.sort_values(["account", "date", "reg_order", "line"], kind="stable").reset_index(drop=True)


def account_names(books) -> pd.Series:
    acc = books.accounts
    return pd.Series(acc["name"].astype(str).to_numpy(), index=acc["account"].astype(str).to_numpy()) \
        .groupby(level=0).first()


def debit_credit(amount: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A debit-positive amount as the Debet and Kredit columns (öre, ``<NA>`` where blank; a
    zero amount is a debit of 0)."""
    amount = amount.astype("int64")
    debit = pd.array(amount.where(amount >= 0, 0).to_numpy(), dtype="Int64")
    credit = pd.array((-amount).where(amount < 0, 0).to_numpy(), dtype="Int64")
    debit[(amount < 0).to_numpy()] = pd.NA
    credit[(amount >= 0).to_numpy()] = pd.NA
    return pd.Series(debit, index=amount.index), pd.Series(credit, index=amount.index)


def huvudbok_rows(rows: pd.DataFrame, balances: pd.DataFrame, scope: Scope) -> SheetRows:
    """The sheet's rows: per account of ``balances`` (the Saldobalans table: account, name,
    opening, closing) an opening row, its voucher rows from ``rows`` (:func:`ledger_rows`) and a
    closing row. Columns: account, name, date, period, series, number, reg_order, text, debit,
    credit, balance (the running balance, öre), source, line, kind (``IB``, ``ver``, ``UB``).

    Described, not built (:class:`~.sheet_rows.SheetRows`): made a slice at a time as written."""
    accounts = balances["account"].astype(str).to_numpy()
    n_acc, n = len(accounts), len(rows)
    count = rows.groupby("account").size().reindex(accounts, fill_value=0).to_numpy(dtype="int64")
    start = np.concatenate([[0], np.cumsum(count + 2)[:-1]]).astype("int64")
    index_of = pd.Series(np.arange(n_acc), index=accounts)
    acc_idx = index_of.reindex(rows["account"].astype(str)).to_numpy()
    if len(rows) and np.isnan(acc_idx.astype(float)).any():   # pragma: no cover - the table has every account
        raise ValueError("a voucher row's account is missing from the trial balance")
    acc_idx = acc_idx.astype("int64")
    within = rows.groupby("account").cumcount().to_numpy(dtype="int64")
    pos = np.empty(n + 2 * n_acc, dtype="int64")
    if n:
        pos[start[acc_idx] + 1 + within] = np.arange(n)
    pos[start] = n + np.arange(n_acc)                     # made rows: the openings …
    pos[start + count + 1] = n + n_acc + np.arange(n_acc)  # … then the closings
    opening = balances["opening"].to_numpy(dtype="int64")
    closing = np.asarray(balances["closing"], dtype="int64")
    amount = rows["amount"].to_numpy(dtype="int64")
    running = opening[acc_idx] + rows.groupby("account")["amount"].cumsum().to_numpy(dtype="int64") \
        if n else np.array([], dtype="int64")
    names = balances["name"].astype(str).to_numpy()
    blank = [""] * (2 * n_acc)
    none = np.zeros(2 * n_acc, "int64")
    ends_missing = np.ones(2 * n_acc, bool)

    def int_or_na(col: str):
        values, missing = whole_numbers(rows[col])
        return stacked_numbers(values, none, missing, ends_missing, nullable=True)

    makers = {
        "account": stacked_text(rows["account"].astype(str), np.concatenate([accounts, accounts])),
        "name": stacked_text(rows["name"], np.concatenate([names, names])),
        "date": stacked_numbers(rows["date"].to_numpy("datetime64[ns]"),
                                np.array([np.datetime64(scope.start, "ns")] * n_acc
                                         + [np.datetime64(scope.end, "ns")] * n_acc, "datetime64[ns]")),
        "period": stacked_text(rows["period"], blank),
        "series": stacked_text(rows["series"], blank),
        "number": stacked_text(rows["number"], blank),
        "reg_order": int_or_na("reg_order"),
        "text": stacked_text(rows["text"], [OPENING] * n_acc + [CLOSING] * n_acc),
        "debit": stacked_numbers(np.maximum(amount, 0), none, amount < 0, ends_missing, nullable=True),
        "credit": stacked_numbers(np.maximum(-amount, 0), none, amount >= 0, ends_missing, nullable=True),
        "balance": stacked_numbers(running, np.concatenate([opening, closing])),
        "source": stacked_text(rows["source"], blank),
        "line": int_or_na("line"),
        "kind": lambda p: pd.Series(np.where(p < n, "ver", np.where(p < n + n_acc, "IB", "UB")).astype(object)),
    }
    table = SheetRows(pos, makers)
    table.blocks = {str(a): (int(s0), int(s0 + c + 1)) for a, s0, c in zip(accounts, start, count)}
    table.widths = {"name": max(_longest(rows["name"]), _longest(pd.Series(names))),
                    "number": _longest(rows["number"], 7),
                    "text": max(_longest(rows["text"], 20), _longest(pd.Series([OPENING, CLOSING]))),
                    "source": _longest(rows["source"])}
    return table


def sheet_ranges(n_rows: int, max_rows: int | None = None, base: str = SHEET) -> list[tuple[str, int, int]]:
    """How ``n_rows`` rows are split over sheets: ``(name, first, stop)`` per sheet.

    Each sheet holds ``max_rows - 1`` rows under its header row; there is always at least one
    sheet (an empty ledger still gets its header).
    """
    per_sheet = (max_rows or MAX_ROWS) - 1
    if per_sheet < 1:
        raise ValueError("a sheet needs room for a header and one row")
    ranges = []
    for k, first in enumerate(range(0, max(n_rows, 1), per_sheet)):
        name = base if k == 0 else f"{base} {k + 1}"
        ranges.append((name, first, min(first + per_sheet, n_rows)))
    return ranges


def write(sheets: list[Sheet], rows: pd.DataFrame, ranges: list[tuple[str, int, int]]) -> None:
    """Write the :func:`huvudbok_rows` over the sheets made for :func:`sheet_ranges` (same order)."""
    columns = [("int", "account", None), ("text", "name", None), ("date", "date", "date"),
               ("text", "period", None), ("text", "series", None), ("code", "number", None),
               ("int", "reg_order", None),
               ("text", "text", None),     # always a string: "=SUM(A1)" in a voucher text stays text
               ("kr", "debit", "kr"), ("kr", "credit", "kr"), ("kr", "balance", "kr"),
               ("text", "source", None), ("int", "line", None)]
    w = rows.widths if hasattr(rows, "widths") else {c: _longest(rows[c], f) for c, f in
                                                      (("name", 8), ("number", 7), ("text", 20), ("source", 8))}
    widths = {0: 7, 1: w["name"], 2: 11, 3: 8, 4: 6, 5: w["number"],
              6: 11, 7: w["text"], 8: 16, 9: 16, 10: 16, 11: w["source"], 12: 10}
    write_row_sheets(sheets, rows, ranges, HEADERS, columns, widths, "Skriver Huvudbok")


def write_row_sheets(sheets: list[Sheet], rows, ranges: list[tuple[str, int, int]], headers, columns,
                     widths: dict[int, float], what: str) -> None:
    """Write ``rows`` (a :class:`SheetRows` or a frame) over ``sheets`` split as ``ranges`` says:
    per sheet the header, then ``columns`` = (kind, column, format name or None) a slice at a
    time, with a progress bar over all rows (``what``)."""
    with progress.rows(len(rows), what) as bar:
        for sheet, (_, first, stop) in zip(sheets, ranges):
            sheet.header(0, headers)
            fmts = {"date": sheet.fmts.date, "kr": sheet.fmts.kr}
            part = [(kind, rows.column(col, first, stop) if isinstance(rows, SheetRows) else rows[col].iloc[first:stop],
                     fmts.get(fmt)) for kind, col, fmt in columns]
            write_rows(sheet.ws, 1, part, on_rows=bar.update)
            sheet.last_row = stop - first
            sheet.finish(widths=widths)


def _column_ranges(ranges: list[tuple[str, int, int]], col: int, absolute: bool = False) -> list[str]:
    d = "$" if absolute else ""
    out = []
    for name, first, stop in ranges:
        last = max(stop - first, 1) + 1
        out.append(f"{quote_sheet(name)}!{d}{col_name(col)}{d}2:{d}{col_name(col)}{d}{last}")
    return out


def amount_range(ranges: list[tuple[str, int, int]], col: int = COL_DEBIT) -> str:
    """``SUM`` arguments covering the Debet (or another) column of every Huvudbok sheet."""
    return ",".join(_column_ranges(ranges, col))


def total_formula(ranges: list[tuple[str, int, int]]) -> str:
    """Excel expression: all debits minus all credits of the Huvudbok (0 when the vouchers balance)."""
    return f"SUM({amount_range(ranges, COL_DEBIT)})-SUM({amount_range(ranges, COL_CREDIT)})"


def closing_formula(ranges: list[tuple[str, int, int]]) -> str:
    """Excel expression: the sum of the accounts' ``Utgående balans`` rows."""
    parts = []
    for bal, text, series in zip(_column_ranges(ranges, COL_BALANCE, True), _column_ranges(ranges, COL_TEXT, True),
                                 _column_ranges(ranges, COL_SERIES, True)):
        parts.append(f'SUMIFS({bal},{text},"{CLOSING}",{series},"")')
    return "+".join(parts)


def account_links(rows: pd.DataFrame, ranges: list[tuple[str, int, int]]) -> dict[str, str]:
    """Per account, the block of its Huvudbok rows (opening to closing row) as a reference
    (``'Huvudbok'!A2:M14``) for a hyperlink: the rows are sorted by account, so each account's
    rows lie together (from the sheet where they begin, when the ledger continues on further
    sheets)."""
    if len(rows) == 0:
        return {}
    if hasattr(rows, "blocks"):
        return {account: _link(ranges, i0, i1) for account, (i0, i1) in rows.blocks.items()}
    acc = rows["account"].astype(str)
    pos = pd.Series(range(len(acc)), index=acc.to_numpy())
    first, last = pos.groupby(level=0).min(), pos.groupby(level=0).max()
    return {str(account): _link(ranges, i0, i1)
            for account, i0, i1 in zip(first.index, first.to_numpy(), last.to_numpy())}


def _link(ranges: list[tuple[str, int, int]], i0: int, i1: int) -> str:
    name, start, stop = next(r for r in ranges if r[1] <= i0 < r[2])
    end = min(int(i1), stop - 1)
    return f"{quote_sheet(name)}!A{int(i0) - start + 2}:{col_name(len(HEADERS) - 1)}{end - start + 2}"


def sum_formula(ranges: list[tuple[str, int, int]], account: str, period: str | None = None) -> str:
    """Excel expression: ``account``'s debits minus credits on every Huvudbok sheet (only the
    rows of ``period`` ``YYYY-MM`` when given) —
    ``SUMIF('Huvudbok'!$A$2:$A$527,3010,'Huvudbok'!$I$2:$I$527)-SUMIF(…,'Huvudbok'!$J$2:$J$527)``."""
    if not account.isdigit() or (period is not None and not period.replace("-", "").isdigit()):
        raise ValueError(f"not an account/period for a formula: {account!r} {period!r}")
    number = int(account)
    parts = []
    for name, first, stop in ranges:
        last = max(stop - first, 1) + 1
        rng = lambda c: f"{quote_sheet(name)}!${col_name(c)}$2:${col_name(c)}${last}"  # noqa: E731
        for sign, col in (("+", COL_DEBIT), ("-", COL_CREDIT)):
            if period is None:
                parts.append(f"{sign}SUMIF({rng(COL_ACCOUNT)},{number},{rng(col)})")
            else:
                parts.append(f'{sign}SUMIFS({rng(col)},{rng(COL_ACCOUNT)},{number},{rng(COL_PERIOD)},"{period}")')
    return "".join(parts).lstrip("+")


def _longest(series: pd.Series, floor: float = 8) -> float:
    if len(series) == 0:
        return floor
    return max(float(series.fillna("").astype(str).str.len().max()) * 1.05, floor)
