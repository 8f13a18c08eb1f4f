"""The auditors' workbook: the example year exported and read back equals the package's figures.

The data folder is the example one with a small hand-made 2025 ledger (seven vouchers, three
of them with texts that look like formulas), so every figure below is worked by hand.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import nns_finance
from nns_finance.workbook import export_workbook, gather, scope_for
from nns_finance.workbook import general_ledger

LEDGER_2025 = """\
serie;verifikationsnummer;datum;konto;belopp;text
A;1;2025-01-15;1510;1 794 449,00;Serviceavgifter 2025
A;1;2025-01-15;3020;-1 794 449,00;Serviceavgifter 2025
A;2;2025-02-10;1930;1 794 449,00;Inbetalning serviceavgifter
A;2;2025-02-10;1510;-1 794 449,00;Inbetalning serviceavgifter
A;3;2025-03-31;6550;83 333,33;=SUM(A1) tjänstepersonstöd
A;3;2025-03-31;1930;-83 333,33;=SUM(A1) tjänstepersonstöd
A;4;2025-04-20;5830;205 000,00;+Årsmöte Posthuset
A;4;2025-04-20;1930;-205 000,00;+Årsmöte Posthuset
A;5;2025-05-05;1930;11 800,00;-medlemsavgifter
A;5;2025-05-05;3010;-11 800,00;-medlemsavgifter
A;6;2025-06-01;6990;2 000,00;@övrigt
A;6;2025-06-01;1930;-2 000,00;@övrigt
A;7;2025-10-01;1930;3 264,11;Ränta P1
A;7;2025-10-01;8312;-3 264,11;Ränta P1
"""
OPENING = "år;konto;belopp\n2025;1930;852 276\n2025;1880;700 000\n2025;2067;-1 552 276\n"
INJECTIONS = ["=SUM(A1) tjänstepersonstöd", "+Årsmöte Posthuset", "-medlemsavgifter", "@övrigt"]
EPOCH = "1767225600"  # 2026-01-01 00:00 UTC


def make_data(dest: Path, example: Path) -> Path:
    """The example data folder with the hand-made ledger above in place of its own."""
    shutil.copytree(example, dest)
    ledger = dest / "ledger"
    shutil.rmtree(ledger, ignore_errors=True)
    ledger.mkdir()
    (ledger / "2025.csv").write_text(LEDGER_2025, encoding="utf-8")
    (ledger / "opening_balances.csv").write_text(OPENING, encoding="utf-8")
    settings = dest / "settings.toml"      # a 2025 ledger: the settings of a folder in 2025
    text = settings.read_text(encoding="utf-8")
    text = text.replace("fiscal_year = 2026", "fiscal_year = 2025").replace('closed_through = "2026-11"',
                                                                           'closed_through = "2025-12"')
    settings.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture
def books(tmp_path, example_dir):
    return nns_finance.load(make_data(tmp_path / "data", example_dir))


@pytest.fixture
def workbook(books, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "out" / "revisorsunderlag-2025.xlsx")
    return path


def ore(value) -> int:
    """A kronor cell back to öre (the cell holds a float; the package's figure is exact öre)."""
    return int(round(float(value) * 100))


def rows_of(ws, first: int) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=first, values_only=True)]


def test_sheets_in_order_with_swedish_names(workbook):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["Info", "Kontroller", "Resultaträkning", "Saldobalans", "Balansräkning", "Huvudbok",
                             "Verifikationslista", "Avgifter", "Placeringar", "Eget kapital"]


def kr_or_0(value) -> int:
    return 0 if value is None else ore(value)


def test_huvudbok_holds_every_voucher_row_with_its_source(workbook, books):
    ws = openpyxl.load_workbook(workbook, data_only=True)["Huvudbok"]
    rows = rows_of(ws, 2)
    vouchers = [r for r in rows if r[4]]                 # voucher rows have a series
    assert len(vouchers) == len(books.ledger) == 14
    assert sum(kr_or_0(r[8]) - kr_or_0(r[9]) for r in vouchers) == 0
    salary = [r for r in vouchers if r[0] == 6550][0]
    # konto, namn, datum (a real date), period, serie, ver.nr, reg.ordning, text, debet, kredit, saldo, källfil, rad
    assert salary[2] == pd.Timestamp("2025-03-31").to_pydatetime()
    assert salary[3:7] == ("2025-03", "A", 3, 5)
    assert ore(salary[8]) == 8_333_333 and salary[9] is None and ore(salary[10]) == 8_333_333
    assert salary[11:] == ("ledger/2025.csv", 6)


def test_huvudbok_per_account_opening_debit_credit_running_and_closing_balance(workbook):
    """As Fortnox and Visma print it: the bank account 1930 from its opening balance 852 276 kr
    through six vouchers to its closing balance 2 371 455,78 kr, the balance after every row."""
    ws = openpyxl.load_workbook(workbook, data_only=True)["Huvudbok"]
    bank = [r for r in rows_of(ws, 2) if r[0] == 1930]
    assert [r[7] for r in (bank[0], bank[-1])] == ["Ingående balans", "Utgående balans"]
    assert bank[0][2] == pd.Timestamp("2025-01-01").to_pydatetime()
    assert bank[-1][2] == pd.Timestamp("2025-12-31").to_pydatetime()
    assert [(kr_or_0(r[8]), kr_or_0(r[9]), ore(r[10])) for r in bank] == [
        (0, 0, 85_227_600),                       # IB
        (179_444_900, 0, 264_672_500),            # A 2 service fees paid in
        (0, 8_333_333, 256_339_167),              # A 3 staff support
        (0, 20_500_000, 235_839_167),             # A 4 annual meeting
        (1_180_000, 0, 237_019_167),              # A 5 membership fees
        (0, 200_000, 236_819_167),                # A 6 other costs
        (326_411, 0, 237_145_578),                # A 7 interest
        (0, 0, 237_145_578)]                      # UB = 852 276 + 1 519 179,78
    # an account with an opening balance and no movement still has its page
    deposit = [r for r in rows_of(ws, 2) if r[0] == 1880]
    assert [(r[7], ore(r[10])) for r in deposit] == [("Ingående balans", 70_000_000),
                                                       ("Utgående balans", 70_000_000)]


def test_verifikationslista_each_voucher_with_its_rows(workbook, books):
    ws = openpyxl.load_workbook(workbook, data_only=True)["Verifikationslista"]
    rows = rows_of(ws, 2)
    assert len(rows) == 14 + 7                              # seven vouchers, a head row each
    head, first, second = rows[6:9]                         # A 3, the staff support
    assert head[:5] == ("A", 3, pd.Timestamp("2025-03-31").to_pydatetime(), None, None)
    assert head[6] == "=SUM(A1) tjänstepersonstöd"
    assert (first[4], first[5], ore(first[7]), first[8]) == (6550, "Tjänstepersonstöd (konsultarvoden)",
                                                              8_333_333, None)
    assert (second[4], second[7], ore(second[8])) == (1930, None, 8_333_333)
    assert sum(kr_or_0(r[7]) for r in rows) == sum(kr_or_0(r[8]) for r in rows) == 389_429_544


def test_saldobalans_equals_the_ledgers_trial_balance(workbook, books):
    from nns_finance.accounting.outcome import trial_balance

    ws = openpyxl.load_workbook(workbook, data_only=True)["Saldobalans"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Konto", "Kontonamn", "IB", "jan"] and header[-2:] == ["Summa rörelser", "UB"]
    got = {str(r[0]): (ore(r[2]), ore(r[-2]), ore(r[-1])) for r in rows_of(ws, 5) if r[0] and r[0] != "Summa"}
    tb = trial_balance(books, 2025)
    assert got == {a: (o, m, c) for a, o, m, c in zip(tb["account"], tb["opening"], tb["movement"], tb["closing"])}
    assert got["1930"] == (85_227_600, 151_917_978, 237_145_578)   # 852 276 + 1 519 179,78
    oct_col = header.index("okt")
    bank = [r for r in rows_of(ws, 5) if r[0] == 1930][0]
    assert ore(bank[oct_col]) == 326_411


def test_resultatrakning_equals_the_monthly_reports_result_table(workbook, books):
    from nns_finance.core.dates import Period
    from nns_finance.reports.monthly import build_report

    table = build_report(books, Period(2025, 12)).result
    ws = openpyxl.load_workbook(workbook, data_only=True)["Resultaträkning"]
    header = [c.value for c in ws[4]]
    col = {name: header.index(name) for name in header if name}
    by_code = {r[1]: r for r in rows_of(ws, 5) if r[1]}
    by_name = {r[0]: r for r in rows_of(ws, 5) if r[0] and not r[1]}
    for rec in table.itertuples(index=False):
        if rec.kind == "section":
            continue
        row = by_code[rec.code] if rec.kind in ("line", "subline") else by_name[rec.name]
        for key, label in (("outcome_ytd", "Utfall ack."), ("budget_ytd", "Budget ack."),
                           ("variance_ytd", "Avvikelse ack. kr"), ("budget_year", "Budget helår"),
                           ("forecast_year", "Prognos helår"), ("outcome_month", "Utfall perioden")):
            assert ore(row[col[label]]) == getattr(rec, key), (rec.code, key)
    result = by_name["Årets resultat"]
    assert ore(result[col["Utfall ack."]]) == 151_917_978
    # under the line its accounts: 8312 interest makes up Övrigt's outcome
    assert ore(by_code[8312][col["Utfall ack."]]) == 326_411
    assert ore(by_code["intakter.ovrigt"][col["Utfall ack."]]) == 326_411


def test_avgifter_per_member_equal_the_fee_table(workbook, books):
    from nns_finance.fees.model import fee_table

    fees = fee_table(books, 2025)
    ws = openpyxl.load_workbook(workbook, data_only=True)["Avgifter"]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Medlem")
    header = [c.value for c in ws[head]]
    rows = {r[0]: r for r in rows_of(ws, head + 1) if r[0] and r[0] != "Summa"}
    assert len(rows) == len(fees)
    for rec in fees.itertuples(index=False):
        row = rows[rec.member_id]
        assert ore(row[header.index("Serviceavgift")]) == rec.service_fee
        assert ore(row[header.index("Summa avgifter")]) == rec.total_fee
    total = [r for r in rows_of(ws, head + 1) if r[0] == "Summa"][0]
    assert ore(total[header.index("Serviceavgift")]) == 179_444_900   # the 2025 Serviceavgifter line
    assert ore(total[header.index("Medlemsavgift")]) == 1_180_000     # 59 members × 200 kr


def test_placeringar_interest_and_accrual(workbook):
    ws = openpyxl.load_workbook(workbook, data_only=True)["Placeringar"]
    rows = {r[0]: r for r in rows_of(ws, 6) if r[0] in ("P1", "P2")}
    assert ore(rows["P1"][9]) == 326_411            # 700 000 × 1,85 % × 92/365
    assert ore(rows["P1"][10]) == 0                  # matured: nothing accrued at year end
    assert ore(rows["P2"][10]) == 326_411            # placed 1 Oct – 1 Jan: all 92 nights earned by 31 Dec
    assert rows["P1"][4] == pytest.approx(0.0185)


def test_eget_kapital_rolls_forward(workbook):
    ws = openpyxl.load_workbook(workbook, data_only=True)["Eget kapital"]
    rows = {(r[0], r[2]): r for r in rows_of(ws, 5) if r[0]}
    assert ore(rows[(2025, "Prognos helår")][6]) == 158_030_200    # 1 552 276 + 28 026 + 0 other
    assert ore(rows[(2025, "Bokföring")][3]) == 155_227_600


def test_kontroller_all_ok_and_every_problem_listed(workbook):
    ws = openpyxl.load_workbook(workbook, data_only=True)["Kontroller"]
    checks = [r for r in rows_of(ws, 5) if r[4] in ("OK", "FEL", "–")]
    assert len(checks) >= 15
    assert [r[0] for r in checks if r[4] != "OK"] == []
    names = " | ".join(r[0] for r in checks)
    for what in ("balanserar", "saldobalansens rörelser", "resultaträkningens utfall", "Placeringsregistret",
                 "bokförd ränta", "Serviceavgifter enligt medlemsregistret", "Budgetfilens summarader",
                 "Eget kapital 2025"):
        assert what in names


def test_a_failed_check_shows_fel(books, tmp_path):
    led = books.ledger.copy()
    led.loc[led["account"] == "8312", "amount"] -= 100     # 1 kr more interest booked, voucher unbalanced
    bad = type(books)(**{**books.__dict__, "ledger": led})
    path = export_workbook(bad, scope_for(2025, None, 2025), tmp_path / "bad.xlsx")
    ws = openpyxl.load_workbook(path, data_only=True)["Kontroller"]
    verdict = {r[0]: r[4] for r in rows_of(ws, 5) if r[4] in ("OK", "FEL")}
    assert verdict["Antal verifikationer som inte balanserar"] == "FEL"
    assert verdict["Ränta enligt registret = bokförd ränta (förfallna placeringar)"] == "FEL"
    assert verdict["Huvudbokens rader = saldobalansens rörelser"] == "OK"


def test_injection_texts_stay_text(workbook):
    wb = openpyxl.load_workbook(workbook)      # formulas as written, not values
    ws = wb["Huvudbok"]
    texts = [ws.cell(r, 8) for r in range(2, ws.max_row + 1)]
    found = {c.value for c in texts if c.value in INJECTIONS}
    assert found == set(INJECTIONS)
    assert all(c.data_type == "s" for c in texts if c.value in INJECTIONS)


def test_member_name_that_looks_like_a_formula_stays_text(books, tmp_path):
    members = books.members.copy()
    members.loc[0, "name"] = "=HYPERLINK(\"http://x\")"
    odd = type(books)(**{**books.__dict__, "members": members})
    path = export_workbook(odd, scope_for(2025, None, 2025), tmp_path / "odd.xlsx")
    ws = openpyxl.load_workbook(path)["Avgifter"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=HYPERLINK(\"http://x\")"]
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_real_types_formats_frozen_header_and_filter(workbook):
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Huvudbok"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:M35"                 # 14 voucher rows + IB and UB of 10 accounts
    assert ws["C2"].is_date and ws["C2"].number_format == "yyyy-mm-dd"
    assert '"kr"' in ws["I3"].number_format and '"kr"' in ws["K2"].number_format
    assert ws.column_dimensions["H"].width >= 20
    assert ws["A2"].data_type == "n" and ws["F3"].data_type == "n"   # Konto and Ver.nr are numbers
    dep = wb["Placeringar"]
    assert dep["E6"].number_format == "0.00%"
    assert wb["Saldobalans"].freeze_panes == "A5"
    assert not ws.protection.sheet


def test_protect_locks_every_sheet_but_keeps_filters(books, tmp_path):
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "p.xlsx", protect=True)
    wb = openpyxl.load_workbook(path)
    assert all(ws.protection.sheet for ws in wb)
    assert wb["Huvudbok"].protection.autoFilter is False   # False = filtering allowed


def test_two_runs_give_identical_bytes(books, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    a = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "a" / "x.xlsx")
    b = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "b" / "x.xlsx")
    assert a.read_bytes() == b.read_bytes()
    info = openpyxl.load_workbook(a)["Info"]
    assert ["Framtagen", "2026-01-01 01:00:00+01:00"] in [[c.value for c in r[:2]] for r in info.iter_rows()]


def test_info_names_inputs_with_sha256_version_and_period(workbook, books):
    ws = openpyxl.load_workbook(workbook)["Info"]
    pairs = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert pairs["Programversion"] == f"nns-finance {nns_finance.__version__}"
    assert pairs["Period"] == "räkenskapsåret 2025 (januari–december)"
    for src in books.sources:
        assert pairs[src.name] == src.sha256
    assert pairs["Huvudbok"] == "Huvudboken har 14 rader och ryms på ett blad."


def test_period_export_covers_january_through_the_month(books, tmp_path):
    path = export_workbook(books, scope_for(None, "2025-09", 2025), tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path, data_only=True)
    header = [c.value for c in wb["Saldobalans"][4]]
    assert header[3:12] == ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep"]
    assert len([r for r in rows_of(wb["Huvudbok"], 2) if r[4]]) == 12   # the October interest voucher is left out
    fee_rows = [r for r in rows_of(wb["Kontroller"], 5) if r[0] and r[0].startswith("Serviceavgifter")]
    assert fee_rows[0][4] == "–"                            # a year's fees against nine months: no verdict


def test_huvudbok_continues_on_further_sheets_beyond_the_row_limit(books, tmp_path):
    path = export_workbook(books, scope_for(2025, None, 2025), tmp_path / "split.xlsx", max_rows=6)
    wb = openpyxl.load_workbook(path, data_only=True)
    assert [n for n in wb.sheetnames if n.startswith("Huvudbok")] == ["Huvudbok"] + [f"Huvudbok {k}" for k in range(2, 8)]
    assert [n for n in wb.sheetnames if n.startswith("Verifikationslista")] == [
        "Verifikationslista"] + [f"Verifikationslista {k}" for k in range(2, 6)]
    sizes = [len(rows_of(wb[n], 2)) for n in wb.sheetnames if n.startswith("Huvudbok")]
    assert sizes == [5] * 6 + [4]                           # 34 rows: 14 voucher rows, IB and UB of 10 accounts
    assert [c.value for c in wb["Huvudbok 2"][1]] == general_ledger.HEADERS
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(values_only=True) if r[0]}
    assert info["Huvudbok"] == ("Huvudboken har 14 rader, fler än ett blad rymmer (5 rader under "
                                "rubrikraden); den fortsätter på Huvudbok 2, Huvudbok 3, Huvudbok 4, "
                                "Huvudbok 5, Huvudbok 6, Huvudbok 7.")
    formulas = openpyxl.load_workbook(path)["Kontroller"]
    sums = [c.value for row in formulas.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=SUM('Huvudbok'")]
    assert "'Huvudbok 7'!I2:I5" in sums[0] and "'Huvudbok 7'!J2:J5" in sums[0]


def test_the_real_row_limit_is_excels():
    import xlsxwriter.worksheet

    assert general_ledger.MAX_ROWS == 1_048_576
    assert xlsxwriter.Workbook.__init__ and xlsxwriter.worksheet.Worksheet().xls_rowmax == general_ledger.MAX_ROWS
    assert general_ledger.sheet_ranges(0) == [("Huvudbok", 0, 0)]
    assert general_ledger.sheet_ranges(1_048_575) == [("Huvudbok", 0, 1_048_575)]
    assert general_ledger.sheet_ranges(1_048_576) == [("Huvudbok", 0, 1_048_575),
                                                       ("Huvudbok 2", 1_048_575, 1_048_576)]
    assert general_ledger.sheet_ranges(3_000_000)[-1] == ("Huvudbok 3", 2_097_150, 3_000_000)


def test_nothing_is_left_behind_when_writing_fails(books, tmp_path, monkeypatch):
    from nns_finance.workbook import equity

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(equity, "write", broken)
    out = tmp_path / "out" / "x.xlsx"
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_workbook(books, scope_for(2025, None, 2025), out)
    assert list(out.parent.iterdir()) == []


def test_gather_gives_the_figures_the_sheets_show(books):
    figures = gather(books, scope_for(2025, None, 2025))
    assert int(figures["balances"]["movement"].sum()) == 0
    assert len(figures["ledger"]) == 14


def test_awkward_texts_and_amounts_come_back_exactly(books, tmp_path):
    from nns_finance.workbook.fast_rows import kronor_text

    texts = ["Faktura <12> & moms", " inledande blanksteg", "tabb\tslut ", "styr\x01tecken",
             "_x0041_ bokstavligt", "ÅÄÖ åäö – €", "=1+1"]
    led = books.ledger.copy()
    led.loc[: len(texts) - 1, "text"] = texts
    odd = type(books)(**{**books.__dict__, "ledger": led})
    path = export_workbook(odd, scope_for(2025, None, 2025), tmp_path / "odd.xlsx")
    ws = openpyxl.load_workbook(path)["Huvudbok"]
    back = {c.value for c in ws["H"][1:]}
    for t in texts:
        # openpyxl does not undo Excel's _xHHHH_ escapes (Excel and LibreOffice do): as XlsxWriter writes them
        expected = t.replace("\x01", "_x0001_").replace("_x0041_", "_x005F_x0041_")
        assert expected in back, t
    assert kronor_text([8_333_333, -8_333_333, 100, 150, 0, -5]) == ["83333.33", "-83333.33", "1", "1.5",
                                                                      "0", "-0.05"]
