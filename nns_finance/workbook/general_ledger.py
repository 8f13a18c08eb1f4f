"""Huvudbok: every voucher row of the period, as BFNAR 2013:2 wants a reader to see it.

One row per voucher row, in ledger order (account, then date, then registration order):
account and its name, date and period, series and voucher number, registration order, the
amount (debit positive, as the bookkeeping program and SIE keep it), the voucher text, and the
input file and line it was read from.

A year with more rows than Excel's 1 048 576 per sheet continues on ``Huvudbok 2``,
``Huvudbok 3`` … (the Info sheet says so). :data:`MAX_ROWS` is the limit per sheet, header
row included; tests lower it to prove the split on a small ledger.

This sheet is the bulk of a large workbook, so it is written from plain Python lists with the
typed XlsxWriter calls (no per-row pandas, no type guessing): about 100 000 rows a second.
"""
from __future__ import annotations

import pandas as pd

from .scope import Scope
from .fast_rows import write_rows
from ..reports.xlsx import Sheet, col_name, quote_sheet

SHEET = "Huvudbok"
MAX_ROWS = 1_048_576  # rows per worksheet in Excel (and LibreOffice), the header row included

HEADERS = ["Konto", "Kontonamn", "Datum", "Period", "Serie", "Ver.nr", "Reg.ordning",
           "Belopp (debet +)", "Verifikationstext", "Källfil", "Rad i källfil"]
COL_AMOUNT = 7
COL_PERIOD = 3


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


def sheet_ranges(n_rows: int, max_rows: int | None = None) -> list[tuple[str, int, int]]:
    """How ``n_rows`` voucher rows are split over sheets: ``(name, first, stop)`` per sheet.

    Each sheet holds ``max_rows - 1`` rows under its header row; there is always at least one
    sheet (an empty ledger still gets its header).
    """
    per_sheet = (max_rows or MAX_ROWS) - 1
    if per_sheet < 1:
        raise ValueError("a sheet needs room for a header and one row")
    ranges = []
    for k, first in enumerate(range(0, max(n_rows, 1), per_sheet)):
        name = SHEET if k == 0 else f"{SHEET} {k + 1}"
        ranges.append((name, first, min(first + per_sheet, n_rows)))
    return ranges


def write(sheets: list[Sheet], rows: pd.DataFrame, ranges: list[tuple[str, int, int]]) -> None:
    """Write the voucher rows over the sheets made for :func:`sheet_ranges` (same order)."""
    columns = [("text", "account", None), ("text", "name", None), ("date", "date", "date"),
               ("text", "period", None), ("text", "series", None), ("text", "number", None),
               ("int", "reg_order", None), ("kr", "amount", "kr"),
               ("text", "text", None),     # always a string: "=SUM(A1)" in a voucher text stays text
               ("text", "source", None), ("int", "line", None)]
    widths = {0: 7, 1: _longest(rows["name"]), 2: 11, 3: 8, 4: 6, 5: _longest(rows["number"], 7),
              6: 11, 7: 16, 8: _longest(rows["text"], 20), 9: _longest(rows["source"]), 10: 10}
    for sheet, (_, first, stop) in zip(sheets, ranges):
        sheet.header(0, HEADERS)
        fmts = {"date": sheet.fmts.date, "kr": sheet.fmts.kr}
        part = [(kind, rows[col].iloc[first:stop], fmts.get(fmt)) for kind, col, fmt in columns]
        write_rows(sheet.ws, 1, part)
        sheet.last_row = stop - first
        sheet.finish(widths=widths)


def amount_range(ranges: list[tuple[str, int, int]]) -> str:
    """``SUM`` arguments covering the amount column of every Huvudbok sheet (for Kontroller)."""
    parts = []
    for sheet_name, first, stop in ranges:
        last = max(stop - first, 1)
        col = col_name(COL_AMOUNT)
        parts.append(f"{quote_sheet(sheet_name)}!{col}2:{col}{last + 1}")
    return ",".join(parts)


def account_links(rows: pd.DataFrame, ranges: list[tuple[str, int, int]]) -> dict[str, str]:
    """Per account, the block of its Huvudbok rows as a reference (``'Huvudbok'!A2:K14``) for a
    hyperlink: the rows are sorted by account, so each account's rows lie together (from the
    sheet where they begin, when the ledger continues on further sheets)."""
    if len(rows) == 0:
        return {}
    acc = rows["account"].astype(str)
    pos = pd.Series(range(len(acc)), index=acc.to_numpy())
    first, last = pos.groupby(level=0).min(), pos.groupby(level=0).max()
    links = {}
    for account, i0, i1 in zip(first.index, first.to_numpy(), last.to_numpy()):
        name, start, stop = next(r for r in ranges if r[1] <= i0 < r[2])
        end = min(int(i1), stop - 1)
        links[str(account)] = (f"{quote_sheet(name)}!A{int(i0) - start + 2}:"
                               f"{col_name(len(HEADERS) - 1)}{end - start + 2}")
    return links


def sum_formula(ranges: list[tuple[str, int, int]], account: str, period: str | None = None) -> str:
    """Excel expression: the sum of ``account``'s amounts on every Huvudbok sheet (only the rows
    of ``period`` ``YYYY-MM`` when given) — ``SUMIF('Huvudbok'!$A$2:$A$527,"3010",…)``."""
    if not account.isdigit() or (period is not None and not period.replace("-", "").isdigit()):
        raise ValueError(f"not an account/period for a formula: {account!r} {period!r}")
    parts = []
    for name, first, stop in ranges:
        last = max(stop - first, 1) + 1
        rng = lambda c: f"{quote_sheet(name)}!${col_name(c)}$2:${col_name(c)}${last}"  # noqa: E731
        if period is None:
            parts.append(f'SUMIF({rng(0)},"{account}",{rng(COL_AMOUNT)})')
        else:
            parts.append(f'SUMIFS({rng(COL_AMOUNT)},{rng(0)},"{account}",{rng(COL_PERIOD)},"{period}")')
    return "+".join(parts)


def _longest(series: pd.Series, floor: float = 8) -> float:
    if len(series) == 0:
        return floor
    return max(float(series.fillna("").astype(str).str.len().max()) * 1.05, floor)
