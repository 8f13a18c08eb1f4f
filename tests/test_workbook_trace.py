"""Following a figure to its vouchers: Resultaträkning line → its accounts → their Huvudbok rows.

An account's outcome on Resultaträkning is a SUMIF on the Huvudbok's rows (LibreOffice recomputes
it in test_workbook_recalc), and the account number on Resultaträkning and Saldobalans is a link
to the block of that account's rows — on the sheet where they begin when the ledger is split.
"""
from __future__ import annotations

import openpyxl

from nns_finance.workbook import export_workbook, scope_for

from test_workbook import books, make_data, ore  # noqa: F401 - fixture


def test_account_number_links_to_its_huvudbok_rows(books, tmp_path):  # noqa: F811
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(path)
    bank = next(r for r in wb["Saldobalans"].iter_rows(min_row=5) if r[0].value == 1930)
    target = bank[1].hyperlink.location           # the account's name links to its page
    assert target == "'Huvudbok'!A8:M15"          # IB, the six 1930 rows, UB — after 1510 and 1880
    rows = [r for r in wb["Huvudbok"].iter_rows(min_row=8, max_row=15, values_only=True)]
    assert {r[0] for r in rows} == {1930} and wb["Huvudbok"]["A16"].value == 2067
    assert sum((r[8] or 0) * 100 - (r[9] or 0) * 100 for r in rows) == 151_917_978  # the bank's movement
    interest = next(r for r in wb["Resultaträkning"].iter_rows(min_row=5) if r[1].value == 8312)
    assert interest[0].hyperlink.location == "'Huvudbok'!A33:M35"
    assert wb["Huvudbok"]["A34"].value == 8312 and wb["Huvudbok"]["J34"].value == 3264.11


def test_account_outcome_is_a_sumif_on_the_huvudbok(books, tmp_path):  # noqa: F811
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx", max_rows=6)
    formulas = openpyxl.load_workbook(path)["Resultaträkning"]
    values = openpyxl.load_workbook(path, data_only=True)["Resultaträkning"]
    header = [c.value for c in formulas[4]]
    ytd, month = header.index("Utfall ack."), header.index("Utfall perioden")
    row = next(r for r in formulas.iter_rows(min_row=5) if r[1].value == 8312)
    assert row[ytd].value.startswith("=-(SUMIF('Huvudbok'!$A$2:$A$6,8312,'Huvudbok'!$I$2:$I$6)"
                                     "-SUMIF('Huvudbok'!$A$2:$A$6,8312,'Huvudbok'!$J$2:$J$6)"
                                     "+SUMIF('Huvudbok 2'!$A$2:$A$6,8312,'Huvudbok 2'!$I$2:$I$6)")
    assert row[ytd].value.endswith("-SUMIF('Huvudbok 7'!$A$2:$A$5,8312,'Huvudbok 7'!$J$2:$J$5))")
    assert "'Huvudbok 7'!$D$2:$D$5,\"2025-12\"" in row[month].value
    assert ore(values[row[ytd].coordinate].value) == 326_411       # the October interest, income positive
    assert ore(values[row[month].coordinate].value) == 0             # nothing booked in December
    # on a split ledger the link goes to the sheet where the account's rows begin
    link = next(r for r in formulas.iter_rows(min_row=5) if r[1].value == 8312)[0].hyperlink.location
    assert link == "'Huvudbok 7'!A3:M5"


def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_headings(books, tmp_path):  # noqa: F811
    wb = openpyxl.load_workbook(export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx"))
    for ws in wb:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.page_setup.fitToWidth in (None, 1), ws.title                # 1 is the default
    assert wb["Huvudbok"].print_title_rows == "$1:$1"
    assert wb["Kontroller"].print_title_rows == "$4:$4"
