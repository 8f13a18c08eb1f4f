"""Reading the treasurer's tables: dialects, places, refusals."""
from __future__ import annotations

import openpyxl

from nns_finance.core.problems import Problems
from nns_finance.books.grids import read_grid


def test_semicolon_cp1252_csv_keeps_source_lines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("konto;namn\n\n1930;Företagskonto\n".encode("cp1252"))
    problems = Problems()
    grid = read_grid(path, problems, name="a.csv")
    assert not problems
    assert grid.cells.loc[3].tolist() == ["1930", "Företagskonto"]


def test_formula_without_saved_value_is_an_error_at_its_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["rad", "2026 Budget"])
    ws.append(["Medlemsavgifter", "=200*57"])   # openpyxl saves no cached value
    wb.save(tmp_path / "budget.xlsx")
    problems = Problems()
    assert read_grid(tmp_path / "budget.xlsx", problems, name="budget.xlsx") is None
    assert [str(p) for p in problems] == [
        "budget.xlsx:Budget!B2: formula without a saved value (the file was not saved by a "
        "spreadsheet program): open it in Excel or LibreOffice and save it"]


def test_renamed_csv_is_not_a_workbook(tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_text("id,namn\n1,Test\n", encoding="utf-8")
    problems = Problems()
    assert read_grid(path, problems, name="members.xlsx") is None
    assert [str(p) for p in problems] == [
        "members.xlsx: not an Excel workbook: the file is text (a CSV renamed .xlsx?)"]
