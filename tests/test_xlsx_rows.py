"""A workbook with more rows than are read in reasonable time is refused up front, with its
size counted from the file before any cell is parsed (issue 15: a 1 048 576-row ledger took
minutes). The limit is configured small here; nothing is timed."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from nns_finance.books import xlsx as reader
from nns_finance.books.grids import read_grid
from nns_finance.cli import main
from nns_finance.core.problems import Problems

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["serie", "verifikationsnummer", "datum", "konto", "belopp", "text"]


def ledger_xlsx(path: Path, vouchers: int, *, dimension: str | None = None) -> Path:
    """A balanced ledger of ``vouchers`` two-row vouchers on sheet 'Huvudbok' (1 + 2n rows);
    ``dimension`` rewrites the sheet's ``<dimension ref=…>``, as a careless writer may."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("Huvudbok")
    ws.write_row(0, 0, HEADER)
    for v in range(1, vouchers + 1):
        ws.write_row(2 * v - 1, 0, ["B", v, "2024-05-02", 1930, 250.0, "Kursavgift"])
        ws.write_row(2 * v, 0, ["B", v, "2024-05-02", 3040, -250.0, "Kursavgift"])
    book.close()
    data = buf.getvalue()
    if dimension:
        src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "xl/worksheets/sheet1.xml":
                    body = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), body)
                dst.writestr(info.filename, body)
        data = out.getvalue()
    path.write_bytes(data)
    return path


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(reader, "MAX_XLSX_ROWS", 20)


def message(rows: int) -> str:
    return (f"ledger/2024.xlsx: the sheet 'Huvudbok' has {rows} rows; a workbook is read up to 20 rows (more "
            "would take minutes): save it as CSV (a ledger also as SIE), which is read in seconds")


@pytest.mark.parametrize("dimension", [None, "A1:A1"])      # the real extent, or a wrong one
def test_a_sheet_over_the_limit_is_refused_before_any_cell_is_read(tmp_path, small_limit, monkeypatch, dimension):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    def no_parsing(*args, **kwargs):
        raise AssertionError("the cells were parsed")

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", no_parsing)
    path = ledger_xlsx(tmp_path / "2024.xlsx", 10, dimension=dimension)    # 21 rows
    problems = Problems()
    assert read_grid(path, problems, name="ledger/2024.xlsx", kind="ledger") is None
    assert [str(p) for p in problems] == [message(21)]


def test_a_sheet_at_the_limit_is_read(tmp_path, small_limit):
    path = ledger_xlsx(tmp_path / "2024.xlsx", 9, dimension="A1:A1")     # 19 rows
    problems = Problems()
    grid = read_grid(path, problems, name="ledger/2024.xlsx", kind="ledger")
    assert list(problems) == [] and grid.cells.shape == (19, 6)


def test_the_treasurer_sees_one_line_and_exit_1(tmp_path, small_limit, capsys):
    data = tmp_path / "förening"
    shutil.copytree(ROOT / "data" / "example", data)
    for old in (data / "ledger").iterdir():
        old.unlink()
    ledger_xlsx(data / "ledger" / "2024.xlsx", 30)                        # 61 rows
    assert main(["check", str(data)]) == 1
    assert message(61) in capsys.readouterr().out.splitlines()      # check prints its findings


def test_rows_are_counted_across_the_blocks_the_sheet_is_read_in(tmp_path, monkeypatch):
    path = ledger_xlsx(tmp_path / "2024.xlsx", 400)
    data = path.read_bytes()
    member = "xl/worksheets/sheet1.xml"
    whole = reader.sheet_scan(data, member)
    real_read = zipfile.ZipExtFile.read
    monkeypatch.setattr(zipfile.ZipExtFile, "read", lambda self, n=-1: real_read(self, 7 if n and n > 0 else n))
    assert reader.sheet_scan(data, member) == whole == (801, False)
