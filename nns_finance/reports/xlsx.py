"""Writing cells the auditors and the board can trust: the workbook, its formats, one sheet at a
time (XlsxWriter; the auditors' workbook and every other .xlsx output use it).

Everything that touches XlsxWriter's cell API lives here, so the sheet modules only say *what*
goes where:

- :func:`open_book` makes a streaming (``constant_memory``) XlsxWriter workbook whose creation
  time is the package's "made" time, so the same inputs give the same bytes.
- :class:`Formats`: kronor (``#,##0.00 "kr"``; Excel and LibreOffice show the reader's own
  separators), dates, per cent, per mille, headers, OK/FEL.
- :class:`Sheet` writes rows top to bottom (what streaming needs): text always as text
  (:meth:`Sheet.text` — a voucher text ``=SUM(A1)`` stays the nine characters it is), amounts
  given in öre and written as kronor numbers, and formulas together with the package's own
  figure as the cached value, so a viewer that never recalculates shows the same number.
  :meth:`Sheet.finish` sets column widths that fit, the frozen header row, the filter and,
  when asked, sheet protection.

Amounts are exact öre in the package; ``öre / 100`` is only the cell's representation, and
tests compare it back to the öre.
"""
from __future__ import annotations

import datetime as dt
import functools
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter
import xlsxwriter.workbook

from ..core.outputs import CELL_TEXT_LIMIT, too_long_for_a_cell
from ..core.problems import OutputError
from ..core.i18n import _

KR = '#,##0.00 "kr"'
DATE = "yyyy-mm-dd"
PERCENT = "0.0%"
RATE_PERCENT = "0.00%"
PERMILLE = '0.00 "‰"'
INTEGER = "0"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # day 0 of Excel's 1900 date system (after the leap bug)

# Formula results the workbook shows for a check.
OK, FEL = "OK", "FEL"


@dataclass(frozen=True)
class Formats:
    """The workbook's cell formats (XlsxWriter objects), made once per workbook."""

    header: object
    text: object
    bold: object
    title: object
    kr: object
    kr_bold: object
    date: object
    percent: object
    rate: object
    permille: object
    integer: object
    ok: object
    wrap: object
    fel: object


class CachedText(str):
    """A formula's cached text result. XlsxWriter marks a formula's cached value as a string
    (``t="str"``) unless it is empty; an empty result (``IF(…,"",…)``) would then be stored as
    ``<v></v>`` with no type, which readers take for a number. This text compares unequal to
    ``""`` so XlsxWriter writes ``t="str"`` for it too; its characters are unchanged."""

    __slots__ = ()
    __hash__ = str.__hash__

    def __eq__(self, other):
        if isinstance(other, str) and other == "" and str.__len__(self) == 0:
            return False
        return str.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)


def open_book(path: Path, made: dt.datetime, *, title: str = "", author: str = "") -> tuple:
    """A streaming workbook at ``path`` stamped with ``made``; returns ``(workbook, Formats)``."""
    book = xlsxwriter.Workbook(str(path), {
        "constant_memory": True,       # rows stream to disk: constant memory for any ledger
        "strings_to_formulas": False,  # belt and braces: text never becomes a formula
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "nan_inf_to_errors": False,
    })
    naive = made.astimezone(dt.timezone.utc).replace(tzinfo=None)
    book.set_properties({"title": title, "author": author, "company": author, "created": naive,
                         "comments": "nns-finance"})
    book.set_calc_mode("auto")
    add = book.add_format
    fmts = Formats(
        header=add({"bold": True, "bottom": 1, "bg_color": "#DDE5EE", "text_wrap": True,
                    "valign": "top"}),
        text=add({"num_format": "@"}),
        bold=add({"bold": True}),
        title=add({"bold": True, "font_size": 14}),
        kr=add({"num_format": KR}),
        kr_bold=add({"num_format": KR, "bold": True}),
        date=add({"num_format": DATE}),
        percent=add({"num_format": PERCENT}),
        rate=add({"num_format": RATE_PERCENT}),
        permille=add({"num_format": PERMILLE}),
        integer=add({"num_format": INTEGER}),
        ok=add({"bold": True, "align": "center"}),
        wrap=add({"text_wrap": True, "valign": "top"}),
        fel=add({"bg_color": "#F4C7C3", "font_color": "#9C0006", "bold": True}),
    )
    return book, fmts


PACKING_LEVEL = 1   # zlib level of the sheets in the xlsx (zip) file


def close_book(book: xlsxwriter.Workbook) -> None:
    """Close ``book``: its sheets are packed into the xlsx file at zlib level 1, not
    XlsxWriter's default 6 (a third of the time for a million voucher rows, 2.7 GB of sheet
    XML: 10 s instead of 31 s; the file is about a third bigger; the same bytes every time).
    XlsxWriter has no option for it, so the ``ZipFile`` its workbook module makes is given the
    level while the book closes — when that module packs with the standard library's
    ``zipfile.ZipFile``; otherwise at its default."""
    module = xlsxwriter.workbook
    original = getattr(module, "ZipFile", None)
    if original is not zipfile.ZipFile:
        book.close()
        return
    module.ZipFile = functools.partial(original, compresslevel=PACKING_LEVEL)
    try:
        book.close()
    finally:
        module.ZipFile = original


def kr(ore) -> float | None:
    """Öre as the kronor number a cell holds (None for a missing amount)."""
    if ore is None or ore is pd.NA or (isinstance(ore, float) and ore != ore):
        return None
    return int(ore) / 100


def excel_serial(dates: pd.Series) -> pd.Series:
    """Dates as Excel day numbers (vectorised; NaT stays NaN)."""
    return (pd.to_datetime(dates) - EXCEL_EPOCH) / pd.Timedelta(days=1)


def col_name(col: int) -> str:
    """0 → ``A``, 27 → ``AB``."""
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def cell(row: int, col: int, *, sheet: str | None = None, absolute: bool = False) -> str:
    """A1-style reference of a 0-based (row, col), optionally on another sheet."""
    d = "$" if absolute else ""
    ref = f"{d}{col_name(col)}{d}{row + 1}"
    return f"{quote_sheet(sheet)}!{ref}" if sheet else ref


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


class Sheet:
    """One worksheet written top to bottom, remembering how wide each column needs to be."""

    def __init__(self, book, fmts: Formats, name: str, *, protect: bool = False,
                 cached_values: bool = True):
        self.book, self.fmts, self.name = book, fmts, name
        self.ws = book.add_worksheet(name)
        self.protect = protect
        self.cached_values = cached_values
        self.widths: dict[int, float] = {}
        self.header_row: int | None = None
        self.ncols = 0
        self.last_row = -1

    # --- widths ---------------------------------------------------------------------------
    def fit(self, col: int, chars: float) -> None:
        if chars > self.widths.get(col, 0):
            self.widths[col] = chars

    def _seen(self, row: int, col: int, chars: float) -> None:
        self.fit(col, chars)
        if row > self.last_row:
            self.last_row = row

    # --- cells ----------------------------------------------------------------------------
    def _whole(self, row: int, col: int, value: str) -> str:
        """``value``, if a cell holds it whole; XlsxWriter would cut a longer text without a
        word, so the run stops instead (inputs are checked when read: this is the last guard)."""
        if len(value) > CELL_TEXT_LIMIT:
            raise OutputError(_("{sheet}!{cell}: {reason}: nothing written", sheet=self.name, cell=cell(row, col),
                                 reason=too_long_for_a_cell(len(value))))
        return value

    def text(self, row: int, col: int, value, fmt=None) -> None:
        """Text exactly as given: never a formula, number or link (``write_string``)."""
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            value = ""
        value = str(value)
        self._whole(row, col, value)
        if value == "":
            self.ws.write_blank(row, col, None, fmt)
        else:
            self.ws.write_string(row, col, value, fmt)
        self._seen(row, col, max((len(s) for s in value.split("\n")), default=0) * 1.1)

    def number(self, row: int, col: int, value, fmt=None) -> None:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            self.ws.write_blank(row, col, None, fmt)
            self._seen(row, col, 0)
            return
        self.ws.write_number(row, col, value, fmt)
        self._seen(row, col, len(f"{value:,.2f}") + 4)

    def amount(self, row: int, col: int, ore, fmt=None) -> None:
        """An amount in öre, written as kronor with the kronor format."""
        self.number(row, col, kr(ore), fmt or self.fmts.kr)

    def code(self, row: int, col: int, value, fmt=None) -> None:
        """An account or voucher number: a number when it is a plain whole number (so Excel
        sorts 2 before 10 and raises no "number stored as text"), else text as it is."""
        text = "" if value is None or value is pd.NA else str(value)
        if text.isdigit() and (text == "0" or not text.startswith("0")) and len(text) <= 15:
            self.ws.write_number(row, col, int(text), fmt if fmt is not None else self.fmts.integer)
            self._seen(row, col, len(text) + 1)
        else:
            self.text(row, col, text, fmt)

    def date(self, row: int, col: int, value, fmt=None) -> None:
        if value is None or pd.isna(value):
            self.ws.write_blank(row, col, None, fmt or self.fmts.date)
        else:
            self.ws.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), fmt or self.fmts.date)
        self._seen(row, col, 11)

    def formula(self, row: int, col: int, formula: str, value, fmt=None, *, ore: bool = True) -> None:
        """An Excel formula with the package's own result stored as its value.

        ``value`` is öre when ``ore`` (written as kronor), else a number or text as it is.
        """
        shown = kr(value) if ore and not isinstance(value, str) else value
        if not self.cached_values:   # only for the recalculation test: prove the program computes
            shown = "" if isinstance(shown, str) else 0
        if shown is None:
            shown = 0
        if isinstance(shown, str):
            shown = CachedText(shown)   # t="str" even for an empty result
        self.ws.write_formula(row, col, formula, fmt if fmt is not None else
                              (self.fmts.kr if ore and not isinstance(value, str) else None), shown)
        self._seen(row, col, (len(str(shown)) if isinstance(shown, str) else
                              len(f"{shown:,.2f}") + 4))

    def link(self, row: int, col: int, text: str, target: str | None, tip: str = "", fmt=None) -> None:
        """Text that is also a link to a place in the workbook (``'Huvudbok'!A2:K14``); plain
        text when there is no target. The text is written as text, never a formula."""
        if not target or not str(text):
            self.text(row, col, text, fmt)
            return
        self._whole(row, col, str(text))
        self.ws.write_url(row, col, f"internal:{target}", fmt, str(text), tip or None)
        self._seen(row, col, len(str(text)) * 1.1)

    def check(self, row: int, col: int, formula: str, ok: bool) -> None:
        """An ``OK``/``FEL`` formula cell whose cached value is the package's verdict."""
        self.formula(row, col, formula, OK if ok else FEL, self.fmts.ok, ore=False)

    def highlight_fel(self, first_row: int, last_row: int, col: int, last_col: int | None = None) -> None:
        """Conditional formatting: a cell in ``col`` (rows ``first_row``..``last_row``) whose value
        is ``FEL`` is shown red, whether the package or the spreadsheet program computed it."""
        if last_row < first_row:
            return
        self.ws.conditional_format(first_row, col, last_row, col if last_col is None else last_col,
                                   {"type": "cell", "criteria": "==", "value": f'"{FEL}"',
                                    "format": self.fmts.fel})

    # --- structure ------------------------------------------------------------------------
    def title(self, row: int, text: str) -> None:
        """The sheet's title in its own, taller row (a 14-point title in a 15-point row would be
        cut off and run into the rows below)."""
        self.ws.set_row(row, 21)
        self.ws.write_string(row, 0, self._whole(row, 0, text), self.fmts.title)
        self.last_row = max(self.last_row, row)

    def header(self, row: int, labels: list[str]) -> None:
        """The column headings; the rows above and including it stay frozen on screen. The row is
        made tall enough for the longest heading wrapped in its column (a column is at least
        ~20 characters wide for a heading), so no heading is cut off or runs into the row above."""
        lines = max((-(-len(label) // 18) for label in labels), default=1)
        if lines > 1:
            self.ws.set_row(row, 15 * lines)
        for col, label in enumerate(labels):
            self.ws.write_string(row, col, self._whole(row, col, label), self.fmts.header)
            self.fit(col, min(len(label), 18) * 1.1 + 2)
        self.header_row = row
        self.ncols = max(self.ncols, len(labels))
        self.last_row = max(self.last_row, row)

    def finish(self, *, filter: bool = True, min_width: float = 6, max_width: float = 60,
               widths: dict[int, float] | None = None) -> None:
        for col, chars in sorted({**self.widths, **(widths or {})}.items()):
            self.ws.set_column(col, col, round(min(max(chars + 1, min_width), max_width), 1))
        if self.header_row is not None:
            self.ws.freeze_panes(self.header_row + 1, 0)
            if filter and self.ncols:
                self.ws.autofilter(self.header_row, 0, max(self.last_row, self.header_row),
                                   self.ncols - 1)
        # printing: A4 landscape, one page wide, the heading rows on every page, sheet and page
        self.ws.set_paper(9)
        self.ws.set_landscape()
        self.ws.fit_to_pages(1, 0)
        if self.header_row is not None:
            self.ws.repeat_rows(self.header_row)
        self.ws.set_footer("&L&A&RSida &P av &N")
        if self.protect:
            self.ws.protect("", {"autofilter": True, "sort": True, "format_columns": True,
                                 "select_locked_cells": True, "select_unlocked_cells": True})
