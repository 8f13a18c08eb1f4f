"""Verifikationslista: every voucher of the period with its rows, as the bookkeeping program
prints the voucher list.

Vouchers in series and number order (numbers compared as numbers: 2 before 10). Each voucher
opens with a row giving its series, number, date, registration date (SIE ``#VER`` regdate;
blank when the input has none), its text, and the file and line it starts at; its rows follow,
each with the account (a number), the account's name, Debet or Kredit, the row's text and its
file and line. Series, number and date are repeated on every row, so a filter on Ver.nr shows
one whole voucher. Like the Huvudbok, the sheet continues on ``Verifikationslista 2`` … beyond
Excel's rows per sheet, and is written by :mod:`.fast_rows`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .fast_rows import write_rows
from .general_ledger import _longest, debit_credit, sheet_ranges
from ..reports.xlsx import Sheet, col_name, quote_sheet

SHEET = "Verifikationslista"
HEADERS = ["Serie", "Ver.nr", "Datum", "Reg.datum", "Konto", "Kontonamn", "Text", "Debet", "Kredit",
           "Källfil", "Rad i källfil"]
COL_DEBIT, COL_CREDIT = 7, 8


def voucher_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The sheet's rows from the period's voucher rows (:func:`.general_ledger.ledger_rows`):
    per voucher a head row (``kind`` ``head``) and its rows (``row``). Columns: series, number,
    date, reg_date, account, name, text, debit, credit, source, line, kind."""
    key = pd.to_numeric(rows["number"], errors="coerce")
    order = rows.assign(_key=key.fillna(np.inf)).sort_values(
        ["series", "_key", "number", "source", "reg_order", "line"], kind="stable")
    voucher = order.groupby(["series", "number"], sort=False).ngroup().to_numpy(dtype="int64")
    n = len(order)
    pos_rows = np.arange(n, dtype="int64") + voucher + 1
    first = np.ones(n, dtype=bool)
    first[1:] = voucher[1:] != voucher[:-1]
    heads = order[first]
    reg = order["reg_date"] if "reg_date" in order else pd.Series(pd.NaT, index=order.index)
    debit, credit = debit_credit(order["amount"])
    body = pd.DataFrame({
        "series": order["series"].to_numpy(), "number": order["number"].to_numpy(),
        "date": order["date"].to_numpy(), "reg_date": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]").to_numpy(),
        "account": pd.array(order["account"].astype("int64").to_numpy(), dtype="Int64"),
        "name": order["name"].to_numpy(), "text": order["text"].to_numpy(),
        "debit": debit.array, "credit": credit.array, "source": order["source"].to_numpy(),
        "line": pd.array(order["line"].to_numpy(), dtype="Int64"), "kind": "row"}, index=pos_rows)
    h = len(heads)
    head = pd.DataFrame({
        "series": heads["series"].to_numpy(), "number": heads["number"].to_numpy(),
        "date": heads["date"].to_numpy(), "reg_date": reg[first].to_numpy(dtype="datetime64[ns]"),
        "account": pd.array([pd.NA] * h, dtype="Int64"), "name": "", "text": heads["text"].to_numpy(),
        "debit": pd.array([pd.NA] * h, dtype="Int64"), "credit": pd.array([pd.NA] * h, dtype="Int64"),
        "source": heads["source"].to_numpy(), "line": pd.array(heads["line"].to_numpy(), dtype="Int64"),
        "kind": "head"}, index=pos_rows[first] - 1)
    return pd.concat([head, body]).sort_index().reset_index(drop=True)


def row_count(rows: pd.DataFrame) -> int:
    """How many rows :func:`voucher_rows` gives for these voucher rows: one per row and one per
    voucher (known before the frame is built, so the sheets can be made in their order)."""
    return len(rows) + (rows.groupby(["series", "number"]).ngroups if len(rows) else 0)


def ranges_for(n_rows: int, max_rows: int | None = None) -> list[tuple[str, int, int]]:
    return sheet_ranges(n_rows, max_rows, base=SHEET)


def write(sheets: list[Sheet], rows: pd.DataFrame, ranges: list[tuple[str, int, int]]) -> None:
    columns = [("text", "series", None), ("code", "number", None), ("date", "date", "date"),
               ("date", "reg_date", "date"), ("int", "account", None), ("text", "name", None),
               ("text", "text", None), ("kr", "debit", "kr"), ("kr", "credit", "kr"),
               ("text", "source", None), ("int", "line", None)]
    widths = {0: 6, 1: _longest(rows["number"], 7), 2: 11, 3: 11, 4: 7, 5: _longest(rows["name"]),
              6: _longest(rows["text"], 20), 7: 16, 8: 16, 9: _longest(rows["source"]), 10: 10}
    for sheet, (_, first, stop) in zip(sheets, ranges):
        sheet.header(0, HEADERS)
        fmts = {"date": sheet.fmts.date, "kr": sheet.fmts.kr}
        write_rows(sheet.ws, 1, [(kind, rows[col].iloc[first:stop], fmts.get(fmt)) for kind, col, fmt in columns])
        sheet.last_row = stop - first
        sheet.finish(widths=widths)


def total_formula(ranges: list[tuple[str, int, int]], col: int) -> str:
    """``SUM`` over one column of every Verifikationslista sheet."""
    parts = []
    for name, first, stop in ranges:
        last = max(stop - first, 1) + 1
        parts.append(f"{quote_sheet(name)}!{col_name(col)}2:{col_name(col)}{last}")
    return f"SUM({','.join(parts)})"
