"""What an auditor opening the workbook beside a Fortnox or Visma export expects: numbers that
are numbers, failures in red, sources in words, text results typed as text, a fee rule to try
in the spreadsheet, and no workbook for a year without vouchers."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from nns_finance.cli import main
from nns_finance.workbook import export_workbook, scope_for

from test_workbook import books, make_data, ore, rows_of  # noqa: F401 - fixture
from test_workbook_recalc import SOFFICE, recalculated


def test_fel_is_highlighted_by_conditional_formatting(books, tmp_path):  # noqa: F811
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(path)["Kontroller"]
    rules = [(str(rng.sqref), rule) for rng in ws.conditional_formatting for rule in rng.rules]
    assert len(rules) == 1
    where, rule = rules[0]
    last = 4 + sum(1 for r in rows_of(ws, 5) if r[4] and str(r[4]).startswith("=IF"))
    assert where == f"E5:E{last}"
    assert (rule.type, rule.operator, rule.formula) == ("cellIs", "equal", ['"FEL"'])
    assert rule.dxf.fill.fgColor.rgb.endswith("F4C7C3") or rule.dxf.fill.bgColor.rgb.endswith("F4C7C3")


def test_kontroller_names_its_sources_in_words(books, tmp_path):  # noqa: F811
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(path)["Kontroller"]
    sources = [r[5] for r in rows_of(ws, 5) if r[5]]
    assert len(sources) > 15
    for text in sources:
        assert "nns_finance" not in text and not re.search(r"\w+\.\w+\(|_\w", text), text


def test_formulas_with_a_text_result_carry_a_string_value(tmp_path, example_dir):
    """Resultaträkning's per-cent variance is ``IF(budget=0,"",…)``: its "" is stored as a string
    (``t="str"``), never as an untyped empty value."""
    import nns_finance

    books = nns_finance.load(example_dir)
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    untyped, typed_empty = [], 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                for c in re.findall(r'<c [^>]*><f>[^<]*</f><v></v></c>', xml):
                    if 't="str"' in c:
                        typed_empty += 1
                    else:
                        untyped.append(c)
    assert untyped == []
    assert typed_empty >= 6


def test_titles_have_their_own_taller_row(books, tmp_path):  # noqa: F811
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    for ws in openpyxl.load_workbook(path):
        if ws["A1"].font.sz == 14:
            assert ws.row_dimensions[1].height >= 20, ws.title


def test_export_refuses_a_year_without_vouchers(tmp_path, example_dir, capsys):
    data = make_data(tmp_path / "data", example_dir)
    assert main(["export", "--year", "2024", "--data", str(data)]) == 1
    assert capsys.readouterr().err.strip() == ("nns-finance export: year 2024: the ledger has no vouchers "
                                               "for 2024 (it holds 2025)")
    for f in (data / "ledger").iterdir():
        f.unlink()
    (data / "ledger" / "opening_balances.csv").write_text("år;konto;belopp\n2025;1930;100\n2025;2067;-100\n",
                                                        encoding="utf-8")
    assert main(["export", "--year", "2025", "--data", str(data), "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "the ledger has no vouchers" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_the_fee_rule_cells_drive_every_members_fee(books, tmp_path):  # noqa: F811
    """The board tries a rule in the spreadsheet: a maximum fee of 50 000 kr (2025 has none) and
    a rate of 4 ‰ typed into the rule cells; LibreOffice recomputes every member's fee."""
    from nns_finance.fees.model import fee_table

    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Avgifter"]
    labels = {ws.cell(r, 1).value: r for r in range(1, 10)}
    ws.cell(labels["Serviceavgift, sats (promille av underlaget)"], 5).value = 4
    ws.cell(labels["Maxtaxa"], 5).value = 50_000
    changed = tmp_path / "changed" / "w.xlsx"
    changed.parent.mkdir()
    wb.save(changed)
    theirs = openpyxl.load_workbook(recalculated(changed, tmp_path), data_only=True)["Avgifter"]
    head = next(r for r in range(1, 20) if theirs.cell(r, 1).value == "Medlem")
    header = [c.value for c in theirs[head]]
    col = {h: header.index(h) for h in header}
    table = fee_table(books, 2025).set_index("member_id")
    seen = 0
    for row in rows_of(theirs, head + 1):
        if not row[0] or row[0] == "Summa" or row[col["Månader"]] == 0:
            continue
        rec = table.loc[row[0]]
        before = (int(rec.base) * 4 + 50_000) // 100_000 * 100     # 4 ‰ of the base, whole kronor half up
        cap = None if rec.increase_cap is None or str(rec.increase_cap) == "<NA>" else int(rec.increase_cap)
        expected = min(x for x in (before, cap, 5_000_000) if x is not None)
        assert ore(row[col["Avgift före tak"]]) == before, row[0]
        assert ore(row[col["Serviceavgift"]]) == expected, row[0]
        if expected == 5_000_000 and before > 5_000_000 and (cap is None or cap > 5_000_000):
            assert row[col["Begränsning"]] == "maxtaxa"
        seen += 1
    assert seen > 50


def test_balansrakning_sheet_by_bas_group_traces_to_saldobalans(books, tmp_path):  # noqa: F811
    """The hand-made 2025: bank 852 276 → 2 371 455,78 kr, the deposit 700 000 kr; equity 1 552 276
    kr and the unbooked result 1 519 179,78 kr; assets = equity and liabilities."""
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    values = openpyxl.load_workbook(path, data_only=True)["Balansräkning"]
    formulas = openpyxl.load_workbook(path)["Balansräkning"]
    rows = {(r[0], r[1]): r for r in rows_of(values, 5) if r[0] or r[1]}
    assert [ore(x) for x in rows[(1930, "Företagskonto")][2:]] == [85_227_600, 237_145_578]
    assert [ore(x) for x in rows[(None, "Årets resultat (ej bokfört)")][2:]] == [0, 151_917_978]
    assert [ore(x) for x in rows[("Summa tillgångar", None)][2:]] == [155_227_600, 307_145_578]
    assert [ore(x) for x in rows[("Summa eget kapital och skulder", None)][2:]] == [155_227_600, 307_145_578]
    bank_row = next(r for r in formulas.iter_rows(min_row=5) if r[0].value == 1930)
    assert bank_row[3].value.startswith("='Saldobalans'!")
    checks = {r[0]: r[4] for r in rows_of(openpyxl.load_workbook(path, data_only=True)["Kontroller"], 5) if r[0]}
    assert checks["Balansräkningen 2025-12-31: tillgångar = eget kapital och skulder"] == "OK"


def test_long_headings_get_a_row_tall_enough_to_wrap(books, tmp_path):  # noqa: F811
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(path)["Eget kapital"]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "År")
    longest = max(len(str(c.value or "")) for c in ws[head])
    assert longest > 18 and ws.row_dimensions[head].height >= 30


def test_verifikationslista_shows_the_registration_date_from_sie(tmp_path):
    """A SIE voucher's registration date (#VER … regdate) reaches the Verifikationslista's head row."""
    from nns_finance.books.sie_ledger import load_for_ledger
    from nns_finance.core.problems import Problems
    from nns_finance.workbook import voucher_list
    from nns_finance.workbook.general_ledger import ledger_rows
    from nns_finance.workbook.scope import Scope

    sie = ('#FLAGGA 0\n#SIETYP 4\n#RAR 0 20250101 20251231\n#KONTO 1930 "Bank"\n#KONTO 3010 "Avgifter"\n'
           '#VER A 12 20250115 "Medlemsavgift" 20250120\n{\n#TRANS 1930 {} 200.00\n#TRANS 3010 {} -200.00\n}\n')
    path = tmp_path / "2025.se"
    path.write_text(sie, encoding="utf-8")
    problems = Problems()
    ledger, _ = load_for_ledger(path, problems, "ledger/2025.se")
    assert [p for p in problems if p.is_error] == []
    assert list(ledger["reg_date"].dt.date.astype(str)) == ["2025-01-20", "2025-01-20"]

    class Books:   # just what ledger_rows reads
        accounts = __import__("pandas").DataFrame({"account": ["1930", "3010"], "name": ["Bank", "Avgifter"]})

    Books.ledger = ledger
    rows = voucher_list.voucher_rows(ledger_rows(Books, Scope(2025))).frame()
    head = rows.iloc[0]
    assert (head["kind"], head["number"], str(head["reg_date"].date())) == ("head", "12", "2025-01-20")
    assert rows["reg_date"].iloc[1:].isna().all()
