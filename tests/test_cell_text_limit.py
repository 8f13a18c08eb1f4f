"""Text longer than a workbook cell holds is never cut without a word: refused where it is read
(``file:line``, see ``tests/bad_inputs/third_round.py``), and, as the last guard, the xlsx writer
stops with a message rather than write a shortened cell."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from nns_finance.core.outputs import CELL_TEXT_LIMIT
from nns_finance.core.problems import OutputError
from nns_finance.reports.xlsx import Sheet, open_book
from nns_finance.workbook.fast_rows import escape_text


def test_a_text_that_fits_is_written_whole(tmp_path):
    path = tmp_path / "ok.xlsx"
    book, fmts = open_book(path, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    sheet = Sheet(book, fmts, "Blad")
    sheet.text(0, 0, "å" * CELL_TEXT_LIMIT)
    book.close()
    assert openpyxl.load_workbook(path)["Blad"]["A1"].value == "å" * 32_767


@pytest.mark.parametrize("write", [
    lambda s, v: s.text(3, 2, v),
    lambda s, v: s.link(3, 2, v, "'Blad'!A1"),
    lambda s, v: s.header(3, ["a", "b", v]),
])
def test_a_longer_text_stops_the_writer_naming_the_cell(tmp_path, write):
    book, fmts = open_book(tmp_path / "x.xlsx", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    sheet = Sheet(book, fmts, "Blad")
    with pytest.raises(OutputError, match=r"^Blad!C4: text of 32 768 characters: a workbook cell holds at most "
                                          r"32 767; shorten it: nothing written$"):
        write(sheet, "x" * 32_768)
    book.close()


def test_the_fast_row_writer_never_cuts_either():
    assert escape_text(pd.Series(["a" * 32_767]))[0] == ">" + "a" * 32_767
    with pytest.raises(OutputError, match="text of 40 000 characters"):
        escape_text(pd.Series(["kort", "b" * 40_000]))
