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

from .general_ledger import _longest, sheet_ranges, write_row_sheets
from .sheet_rows import SheetRows, stacked_numbers, stacked_text, whole_numbers
from ..reports.xlsx import Sheet, col_name, quote_sheet

SHEET = "Verifikationslista"
HEADERS = ["Serie", "Ver.nr", "Datum", "Reg.datum", "Konto", "Kontonamn", "Text", "Debet", "Kredit",
           "Källfil", "Rad i källfil"]
COL_DEBIT, COL_CREDIT = 7, 8


def voucher_rows(rows: pd.DataFrame) -> SheetRows:
    """The sheet's rows from the period's voucher rows (:func:`.general_ledger.ledger_rows`):
    per voucher a head row (``kind`` ``head``) and its rows (``row``). Columns: series, number,
    date, reg_date, account, name, text, debit, credit, source, line, kind.

    Described, not built (:class:`~.sheet_rows.SheetRows`): every row of the sheet is a voucher
    row, a head row showing its voucher's first row; made a slice at a time as written."""
    n = len(rows)
    order = _voucher_order(rows)
    series = _codes(rows["series"])[order]
    number = _codes(rows["number"])[order]
    first = np.ones(n, dtype=bool)
    first[1:] = (series[1:] != series[:-1]) | (number[1:] != number[:-1])
    heads = np.flatnonzero(first)
    # sheet row of the k-th voucher row (in voucher order): after the heads so far, its own included
    at_row = np.arange(n, dtype="int64") + np.cumsum(first)
    src = np.empty(n + len(heads), dtype="int64")
    src[at_row] = order
    src[at_row[heads] - 1] = order[heads]
    head = np.zeros(n + len(heads), dtype=bool)
    head[at_row[heads] - 1] = True
    # a position is a voucher row's index, plus n on a head row: both read the same source row
    pos = src + np.where(head, n, 0)
    amount = rows["amount"].to_numpy(dtype="int64")
    reg = (rows["reg_date"].to_numpy("datetime64[ns]") if "reg_date" in rows
           else np.full(n, np.datetime64("NaT"), "datetime64[ns]"))
    line, line_missing = whole_numbers(rows["line"])
    account = rows["account"].astype("int64").to_numpy()
    none = np.zeros(n, "int64")
    every = np.ones(n, bool)

    def same(col):   # the voucher row's value on its row and on its voucher's head
        return stacked_text(rows[col], rows[col])

    def rows_only(col):   # the voucher row's value on its row, blank on a head
        values = stacked_text(rows[col], [""])
        return lambda p: values(np.where(p < n, p, n))

    makers = {
        "series": same("series"), "number": same("number"),
        "date": stacked_numbers(rows["date"].to_numpy("datetime64[ns]"), rows["date"].to_numpy("datetime64[ns]")),
        "reg_date": stacked_numbers(np.full(n, np.datetime64("NaT"), "datetime64[ns]"), reg),
        "account": stacked_numbers(account, none, None, every, nullable=True),
        "name": rows_only("name"),
        "text": same("text"),
        "debit": stacked_numbers(np.maximum(amount, 0), none, amount < 0, every, nullable=True),
        "credit": stacked_numbers(np.maximum(-amount, 0), none, amount >= 0, every, nullable=True),
        "source": same("source"),
        "line": stacked_numbers(line, line, line_missing, line_missing, nullable=True),
        "kind": lambda p: pd.Series(np.where(p < n, "row", "head").astype(object)),
    }
    table = SheetRows(pos, makers)
    table.widths = {"number": _longest(rows["number"], 7), "name": _longest(rows["name"]),
                    "text": _longest(rows["text"], 20), "source": _longest(rows["source"])}
    return table


def _codes(values: pd.Series) -> np.ndarray:
    """Integer codes that sort as the values do (missing values last)."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.where(codes < 0, len(uniques), codes).astype("int64")


def _voucher_order(rows: pd.DataFrame) -> np.ndarray:
    """The voucher rows in series and number order (numbers compared as numbers where they are
    ones: 2 before 10), then file, registration order and line (a stable sort)."""
    key = pd.to_numeric(rows["number"], errors="coerce").fillna(np.inf).to_numpy(dtype="float64")
    keys = [rows["line"].to_numpy(), rows["reg_order"].to_numpy(), _codes(rows["source"]),
            _codes(rows["number"]), key, _codes(rows["series"])]
    return np.lexsort(keys).astype("int64") if len(rows) else np.zeros(0, "int64")


def ranges_for(n_rows: int, max_rows: int | None = None) -> list[tuple[str, int, int]]:
    return sheet_ranges(n_rows, max_rows, base=SHEET)


def write(sheets: list[Sheet], rows: pd.DataFrame, ranges: list[tuple[str, int, int]]) -> None:
    columns = [("text", "series", None), ("code", "number", None), ("date", "date", "date"),
               ("date", "reg_date", "date"), ("int", "account", None), ("text", "name", None),
               ("text", "text", None), ("kr", "debit", "kr"), ("kr", "credit", "kr"),
               ("text", "source", None), ("int", "line", None)]
    w = rows.widths if hasattr(rows, "widths") else {c: _longest(rows[c], f) for c, f in
                                                      (("number", 7), ("name", 8), ("text", 20), ("source", 8))}
    widths = {0: 6, 1: w["number"], 2: 11, 3: 11, 4: 7, 5: w["name"],
              6: w["text"], 7: 16, 8: 16, 9: w["source"], 10: 10}
    write_row_sheets(sheets, rows, ranges, HEADERS, columns, widths, "Skriver Verifikationslista")


def total_formula(ranges: list[tuple[str, int, int]], col: int) -> str:
    """``SUM`` over one column of every Verifikationslista sheet."""
    parts = []
    for name, first, stop in ranges:
        last = max(stop - first, 1) + 1
        parts.append(f"{quote_sheet(name)}!{col_name(col)}2:{col_name(col)}{last}")
    return f"SUM({','.join(parts)})"
