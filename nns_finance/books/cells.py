"""A table of text cells with their places: what the CSV and .xlsx readers both give."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Grid:
    """All cells of one table as text.

    file:   name to show in messages
    sheet:  sheet name for a workbook, None for CSV
    cells:  DataFrame of ``str`` (blank is ``""``), columns 0..n-1, index = 1-based source
            line (CSV) or sheet row (xlsx)
    """

    file: str
    sheet: str | None
    cells: pd.DataFrame

    def place(self, row: int, col: int | None = None) -> dict:
        """Keyword arguments for :meth:`Problems.error` pointing at a row (and column)."""
        if self.sheet is None:
            return {"file": self.file, "line": int(row)}
        cell = f"{column_letter(col)}{int(row)}" if col is not None else None
        return {"file": self.file, "line": int(row), "sheet": self.sheet, "cell": cell}


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    col += 1
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
