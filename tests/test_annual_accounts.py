"""The simplified annual accounts (BFNAR 2010:1 appendix 2) from the books.

A hand-made association — Föreningen Exempelgården, fiscal year 2024, another chart and ledger
than the example — with a voucher for every item of both statements, each figure below worked
out by hand in öre; then the example 2025; the checks failing on broken mappings; and the
command writing PDF, HTML and an Excel workbook that LibreOffice recalculates to the package's
figures.
"""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import nns_finance
from nns_finance.accounting.annual_accounts import annual_accounts
from nns_finance.cli import main
from nns_finance.core.annual_items import annual_item_code, default_item
from nns_finance.treasury.year_end import year_end_checklist

from test_workbook_recalc import SOFFICE, recalculated, same

SETTINGS = """\
[organisation]
name = "Föreningen Exempelgården"
org_number = "802500-1234"
fiscal_year = 2024
closed_through = "2024-12"

[accounts]
bank = ["1930"]
deposits = ["1810"]
interest = ["8310"]
accrued_interest = ["1760"]
equity = ["2067", "2069"]
"""

BUDGET = """\
avsnitt;rad;2024 Budget
Intäkter;Avgifter;40000
Intäkter;Bidrag;80000
Intäkter;Kurser och försäljning;20000
Intäkter;Övrigt;2000
Kostnader;Verksamhet;-35000
Kostnader;Lokaler;-25000
Kostnader;Personal;-55000
Kostnader;Avskrivningar och övrigt;-12000
Kostnader;Finansiellt och skatt;-10000
"""

ACCOUNTS = """\
konto;namn;budgetrad;bokslutspost
1010;Hemsida;;
1110;Föreningshuset;;
1220;Inventarier;;
1229;Ackumulerade avskrivningar inventarier;;
1460;Lager av tröjor;;
1510;Kundfordringar;;
1760;Upplupna ränteintäkter;;
1810;Placering;;
1930;Bank;;
2067;Balanserat kapital;;
2150;Ackumulerade överavskrivningar;;
2350;Banklån;;
2440;Leverantörsskulder;;
2710;Personalskatt;;
2990;Upplupna kostnader;;
3010;Medlemsavgifter;intakter.avgifter;
3110;Kursavgifter;intakter.kurser-och-forsaljning;
3510;Försäljning tröjor;intakter.kurser-och-forsaljning;Försäljningsintäkter
3987;Bidrag från kommunen;intakter.bidrag;
3990;Övriga intäkter;intakter.ovrigt;
4010;Material till verksamheten;kostnader.verksamhet;
4510;Tröjor sålda;kostnader.verksamhet;forsaljningskostnader
5010;Hyra;kostnader.lokaler;
6110;Kontorsmaterial;kostnader.lokaler;
7010;Löner;kostnader.personal;
7510;Arbetsgivaravgifter;kostnader.personal;
7832;Avskrivningar inventarier;kostnader.avskrivningar-och-ovrigt;
7970;Övriga kostnader;kostnader.avskrivningar-och-ovrigt;
8310;Ränteintäkter;intakter.ovrigt;
8410;Räntekostnader;kostnader.finansiellt-och-skatt;
8850;Förändring överavskrivningar;kostnader.finansiellt-och-skatt;
8910;Skatt;kostnader.finansiellt-och-skatt;
"""

OPENING = """\
år;konto;belopp
2024;1010;20000
2024;1110;500000
2024;1220;60000
2024;1229;-12000
2024;1460;8000
2024;1510;15000
2024;1810;100000
2024;1930;150000
2024;2067;-520000
2024;2150;-10000
2024;2350;-300000
2024;2440;-9000
2024;2710;-2000
"""

VOUCHERS = [  # (number, date, text, [(account, kronor)])
    (1, "2024-01-20", "Medlemsavgifter 2024", [("1930", "45000"), ("3010", "-45000")]),
    (2, "2024-02-10", "Bidrag från kommunen", [("1930", "80000"), ("3987", "-80000")]),
    (3, "2024-03-15", "Kursavgifter vårterminen", [("1930", "12500,50"), ("3110", "-12500,50")]),
    (4, "2024-04-01", "Faktura tröjor", [("1510", "6250"), ("3510", "-6250")]),
    (5, "2024-05-01", "Övrig intäkt", [("1930", "1000,25"), ("3990", "-1000,25")]),
    (6, "2024-05-10", "Material", [("4010", "30000"), ("1930", "-30000")]),
    (7, "2024-05-20", "Tröjor ur lager", [("4510", "2500"), ("1460", "-2500")]),
    (8, "2024-06-01", "Hyra", [("5010", "24000"), ("2440", "-24000")]),
    (9, "2024-06-30", "Löner juni", [("7010", "40000"), ("7510", "12568"), ("2710", "-12000"),
                                     ("1930", "-40568")]),
    (10, "2024-09-01", "Övrig kostnad", [("7970", "300"), ("1930", "-300")]),
    (11, "2024-10-01", "Ränta bankkonto", [("1930", "1234,56"), ("8310", "-1234,56")]),
    (12, "2024-11-30", "Ränta banklån", [("8410", "9000"), ("1930", "-9000")]),
    (13, "2024-12-10", "Medlemsavgifter 2025", [("1510", "3000"), ("3010", "-3000")]),
    (14, "2024-12-15", "Betald leverantörsskuld", [("2440", "9000"), ("1930", "-9000")]),
    (15, "2024-12-20", "Amortering banklån", [("2350", "50000"), ("1930", "-50000")]),
    (16, "2024-12-31", "Avskrivning inventarier", [("7832", "12000"), ("1229", "-12000")]),
    (17, "2024-12-31", "Överavskrivning", [("8850", "5000"), ("2150", "-5000")]),
    (18, "2024-12-31", "Skatt", [("8910", "1500"), ("2710", "-1500")]),
    (19, "2024-12-31", "Upplupen ränta placering P1", [("1760", "501,37"), ("8310", "-501,37")]),
    (20, "2024-12-31", "Upplupna kostnader", [("6110", "1750,75"), ("2990", "-1750,75")]),
]

DEPOSITS = """\
id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning
P1;Sparbanken Exempel;1810;100000;3,00;2024-11-01;2025-02-01;ACT/365
"""

# the statements worked by hand, öre
INCOME_2024 = {
    "medlemsavgifter": 4_800_000,                 # 45 000 + 3 000 (next year's, invoiced in December)
    "gavor-och-bidrag": 8_000_000,                # 3987 by its BAS range
    "ovriga-verksamhetsintakter": 1_250_050,      # 3110
    "forsaljningsintakter": 625_000,              # 3510, bokslutspost by its Swedish heading
    "ovriga-intakter": 100_025,                   # 3990
    "summa-intakter": 14_775_075,
    "verksamhetskostnader": -3_000_000,           # 4010
    "forsaljningskostnader": -250_000,            # 4510, bokslutspost by code
    "ovriga-externa-kostnader": -2_575_075,       # 24 000 rent + 1 750,75 accrued office costs
    "personalkostnader": -5_256_800,              # 40 000 salaries + 12 568 contributions
    "av-och-nedskrivningar": -1_200_000,          # 7832
    "ovriga-kostnader": -30_000,                  # 7970
    "summa-kostnader": -12_311_875,
    "verksamhetens-resultat": 2_463_200,
    "finansiella-intakter": 173_593,              # 1 234,56 bank + 501,37 accrued on P1
    "finansiella-kostnader": -900_000,
    "resultat-efter-finansiella-poster": 1_736_793,
    "bokslutsdispositioner": -500_000,
    "skatt": -150_000,
    "arets-resultat": 1_086_793,
}
BALANCE_2024 = {  # (2024-12-31, 2023-12-31 = the opening balances)
    "immateriella-anlaggningstillgangar": (2_000_000, 2_000_000),
    "byggnader-och-mark": (50_000_000, 50_000_000),
    "inventarier": (3_600_000, 4_800_000),        # 60 000 − 12 000 − 12 000 depreciation (1229 contra)
    "varulager": (550_000, 800_000),
    "kundfordringar": (2_425_000, 1_500_000),
    "ovriga-fordringar": (50_137, 0),             # 1760 accrued interest
    "finansiella-placeringar": (10_000_000, 10_000_000),
    "kassa-och-bank": (15_086_731, 15_000_000),
    "summa-tillgangar": (83_711_868, 84_100_000),
    "balanserat-over-underskott": (52_000_000, 52_000_000),
    "arets-over-underskott": (1_086_793, 0),      # the result, not yet booked to equity
    "summa-eget-kapital": (53_086_793, 52_000_000),
    "obeskattade-reserver": (1_500_000, 1_000_000),
    "laneskulder": (25_000_000, 30_000_000),
    "leverantorsskulder": (2_400_000, 900_000),
    "skatteskulder": (1_550_000, 200_000),
    "ovriga-skulder": (175_075, 0),
    "summa-skulder": (29_125_075, 31_100_000),
    "summa-eget-kapital-och-skulder": (83_711_868, 84_100_000),
}


def make_association(dest: Path, *, accounts: str = ACCOUNTS, extra: list = ()) -> Path:
    dest.mkdir(parents=True)
    (dest / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    (dest / "budget.csv").write_text(BUDGET, encoding="utf-8")
    (dest / "accounts.csv").write_text(accounts, encoding="utf-8")
    (dest / "deposits.csv").write_text(DEPOSITS, encoding="utf-8")
    (dest / "ledger").mkdir()
    (dest / "ledger" / "opening_balances.csv").write_text(OPENING, encoding="utf-8")
    lines = ["serie;verifikationsnummer;datum;konto;belopp;text"]
    for number, date, text, rows in [*VOUCHERS, *extra]:
        lines += [f"V;{number};{date};{account};{amount};{text}" for account, amount in rows]
    (dest / "ledger" / "2024.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


@pytest.fixture
def association(tmp_path):
    return make_association(tmp_path / "exempelgarden")


def figures(aa, statement: str) -> dict:
    lines = aa.income_statement if statement == "RR" else aa.balance_sheet
    return {x.code: (x.current if statement == "RR" else (x.current, x.previous))
            for x in lines if x.kind != "heading"}


def test_every_item_of_both_statements_worked_by_hand(association):
    books = nns_finance.load(association)
    aa = annual_accounts(books, 2024)
    assert aa.problems == []
    assert figures(aa, "RR") == INCOME_2024
    assert figures(aa, "BR") == BALANCE_2024
    assert aa.result == 1_086_793
    assert [c.ok for c in aa.checks] == [True] * len(aa.checks)
    assert not aa.has_previous_income and aa.has_previous_balance   # no 2023 vouchers; 2024 has #IB
    # each item traces to its accounts
    assert aa.line("RR", "personalkostnader").accounts == ("7010", "7510")
    assert aa.line("BR", "inventarier").accounts == ("1220", "1229")
    # the change in equity: 520 000 + the year's 10 867,93 = 530 867,93
    assert aa.equity_change == [("Ingående balans", 52_000_000, 0, 52_000_000),
                                ("Årets över-/underskott", 0, 1_086_793, 1_086_793),
                                ("Utgående balans", 52_000_000, 1_086_793, 53_086_793)]
    assert list(aa.placements["deposit_id"]) == ["P1"]
    assert aa.k1.over == () and 2024 in aa.k1.incomes


def test_items_without_amounts_are_left_out(tmp_path):
    only_fees = [v for v in VOUCHERS if v[0] in (1, 6)]
    folder = make_association(tmp_path / "small")
    lines = ["serie;verifikationsnummer;datum;konto;belopp;text"]
    for number, date, text, rows in only_fees:
        lines += [f"V;{number};{date};{a};{x};{text}" for a, x in rows]
    (folder / "ledger" / "2024.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    aa = annual_accounts(nns_finance.load(folder), 2024)
    items = [x.code for x in aa.income_statement if x.kind == "item"]
    assert items == ["medlemsavgifter", "verksamhetskostnader"]
    assert aa.line("RR", "arets-resultat").current == 1_500_000
    # the balance sheet keeps the equity items even at 0, leaves out empty others
    br = [x.code for x in aa.balance_sheet if x.kind == "item"]
    assert "ovriga-skulder" not in br and "arets-over-underskott" in br


def test_the_example_2025():
    books = nns_finance.load(Path(__file__).resolve().parents[1] / "data" / "example")
    aa = annual_accounts(books, 2025)
    assert aa.problems == [] and all(c.ok for c in aa.checks)
    rr = figures(aa, "RR")
    assert rr["medlemsavgifter"] == 180_624_900            # 11 800 + 1 794 449
    assert "gavor-och-bidrag" not in rr                    # no account in 3985–3989, none moved there
    assert rr["ovriga-verksamhetsintakter"] == 82_747_700  # 3110 206 065 + 3120 371 412 + 3130 250 000
    # other income 3990 is 3 264,11 less than before the year-end accrual of P2's interest
    assert rr["summa-intakter"] == 268_046_189 - 326_411
    assert rr["summa-kostnader"] == -265_570_000           # the 2025 forecast's costs
    assert rr["finansiella-intakter"] == 2 * 326_411       # P1's interest and P2's accrued on 1760
    assert rr["arets-resultat"] == 2_802_600               # = 2025 Prognos helår, Årets resultat
    br = figures(aa, "BR")
    assert br["summa-eget-kapital"] == (158_030_200, 155_227_600)   # 1 552 276 + 28 026 = 1 580 302
    assert br["finansiella-placeringar"] == (70_000_000, 0)
    assert br["summa-tillgangar"][0] == br["summa-eget-kapital-och-skulder"][0] == 167_469_093
    assert aa.k1.over == (2024,)                            # 4 097 852 kr in 2024 (budget outcome)
    assert "4\u00a0097\u00a0852\u00a0kr" in aa.k1.text() and "K2" in aa.k1.text()


def test_the_item_column_takes_codes_and_headings():
    assert annual_item_code("Försäljningsintäkter") == "forsaljningsintakter"
    assert annual_item_code("balanserat över-/underskott") == "balanserat-over-underskott"
    assert annual_item_code("något annat") is None
    assert (default_item("3010"), default_item("3987"), default_item("8999"), default_item("8710")) == \
        ("medlemsavgifter", "gavor-och-bidrag", "arets-resultat-bokslut", None)
    assert (default_item("2069"), default_item("2067"), default_item("2440"), default_item("2710")) == \
        ("arets-over-underskott", "balanserat-over-underskott", "leverantorsskulder", "skatteskulder")


def test_a_broken_mapping_fails_the_checks(tmp_path):
    """The bank put under the loans by mistake: assets fall by 150 867,31 kr and the liabilities
    rise by as much, so assets ≠ equity and liabilities, in both years."""
    broken = ACCOUNTS.replace("1930;Bank;;", "1930;Bank;;laneskulder")
    aa = annual_accounts(nns_finance.load(make_association(tmp_path / "b", accounts=broken)), 2024)
    verdict = {c.name: c.ok for c in aa.checks}
    assert verdict["Summa tillgångar = summa eget kapital och skulder, årets slut"] is False
    assert verdict["Summa tillgångar = summa eget kapital och skulder, årets början"] is False
    closing = next(c for c in aa.checks if c.name.endswith("årets slut"))
    assert closing.left - closing.right == -2 * 15_086_731
    assert verdict["Resultaträkningen = bokföringens resultat (resultatkontona summerade ur verifikationerna)"]


def test_an_item_of_the_other_statement_and_an_unmapped_account_are_errors_naming_them(tmp_path):
    broken = ACCOUNTS.replace("3990;Övriga intäkter;intakter.ovrigt;", "3990;Övriga intäkter;intakter.ovrigt;kassa-och-bank") \
        + "8710;Extraordinär intäkt;intakter.ovrigt;\n"
    extra = [(21, "2024-12-31", "Extraordinär", [("1930", "100"), ("8710", "-100")])]
    aa = annual_accounts(nns_finance.load(make_association(tmp_path / "b", accounts=broken, extra=extra)), 2024)
    assert [str(p) for p in aa.problems] == [
        "accounts.csv:21: account 3990 Övriga intäkter: bokslutspost 'kassa-och-bank' is an item of the balance "
        "sheet, but the account belongs to the income statement",
        "accounts.csv:34: account 8710 Extraordinär intäkt has a balance or movement but no item of the annual "
        "accounts: name one in the column bokslutspost of the chart of accounts (e.g. ovriga-intakter)"]
    assert {c.name: c.ok for c in aa.checks}["Konton utan bokslutspost (antal)"] is False


def test_an_unknown_item_in_the_chart_is_an_error_at_its_cell(tmp_path):
    broken = ACCOUNTS.replace("3110;Kursavgifter;intakter.kurser-och-forsaljning;",
                              "3110;Kursavgifter;intakter.kurser-och-forsaljning;kursintäkter")
    books = nns_finance.load(make_association(tmp_path / "b", accounts=broken), strict=False)
    messages = [str(p) for p in books.problems if "bokslutspost" in str(p)]
    assert len(messages) == 1 and messages[0].startswith("accounts.csv:18: account 3110: bokslutspost "
                                                         "'kursintäkter' is not one of medlemsavgifter")


def test_year_end_checklist_of_the_association(association):
    items = {i.key: i for i in year_end_checklist(nns_finance.load(association), 2024)}
    # P1 100 000 kr at 3 % from 1 November: 61 nights to 31 December = 501,37 kr, booked on 1760
    assert items["accrued_interest"].status == "ok"
    assert "501,37" in items["accrued_interest"].summary
    # the December invoice names 2025 and nothing is deferred on 2970–2979
    deferred = items["deferred_income"]
    assert deferred.status == "kontrollera" and len(deferred.findings) == 1
    assert deferred.findings[0].amount == 300_000 and deferred.findings[0].line == 29
    assert items["opening"].status == "ej tillämplig"        # no 2023 closing in the books
    assert items["sign"].status == "ok"


def test_year_end_checklist_flags_a_liability_in_debit_and_a_short_accrual(tmp_path):
    extra = [(21, "2024-12-31", "Förskott till leverantör", [("2440", "30000"), ("1930", "-30000")]),
             (22, "2024-12-31", "Återför upplupen ränta", [("8310", "501,37"), ("1760", "-501,37")])]
    items = {i.key: i for i in year_end_checklist(nns_finance.load(make_association(tmp_path / "b", extra=extra)),
                                                  2024)}
    assert items["sign"].status == "kontrollera"
    assert [f.amount for f in items["sign"].findings] == [600_000]    # 2440: 24 000 − 30 000 = 6 000 kr debit
    accrual = items["accrued_interest"]
    assert accrual.status == "åtgärda" and [f.amount for f in accrual.findings] == [50_137]
    assert (accrual.findings[0].file, accrual.findings[0].line) == ("deposits.csv", 2)


def test_check_prints_the_example_years_missing_accrual(example_copy, capsys):
    # the example books P2's 2025 interest on 1760 at the year end; without that voucher the
    # year-end check finds it missing
    from nns_finance.example import ledger as example_ledger

    assert main(["check", str(example_copy)]) == 0
    assert "accrued interest income" not in capsys.readouterr().out
    frame = example_ledger.ledger_frame()
    frame = frame[frame["text"] != example_ledger.ACCRUAL_TEXT]
    (example_copy / "ledger" / "2025.se").unlink()
    (example_copy / "ledger" / "2025.csv").write_text(example_ledger.render_csv(frame), encoding="utf-8")
    (example_copy / "ledger" / "opening_balances.csv").write_text(
        example_ledger.render_opening(example_ledger.balances_frame()), encoding="utf-8")
    (example_copy / "ledger" / "2026.se").unlink()          # the folder as it was at the 2025 year end
    settings = example_copy / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("fiscal_year = 2026", "fiscal_year = 2025")
                        .replace('closed_through = "2026-11"', 'closed_through = "2025-12"'), encoding="utf-8")
    main(["check", str(example_copy)])
    out = capsys.readouterr().out
    assert ("deposits.csv:3: warning: year-end 2025: deposit P2 runs over the year end (matures 2026-01-01): "
            "3 264,11 kr interest earned 2025-10-01 to 2025-12-31 is not booked as accrued interest income "
            "on 1760 (balance 0,00 kr)").replace(" kr", "\u00a0kr").replace("3 264", "3\u00a0264") in out


def test_check_runs_the_year_end_checklist_of_last_year_too(example_copy, capsys):
    # the folder as it is in November 2026 (fiscal year 2026 open), with the 2025 accrual of P2's
    # interest missing: last year's checklist still finds it, beside the equity that no longer rolls
    from nns_finance.example import ledger as example_ledger

    frame = example_ledger.ledger_frame()
    frame = frame[frame["text"] != example_ledger.ACCRUAL_TEXT]
    (example_copy / "ledger" / "2025.se").unlink()
    (example_copy / "ledger" / "2025.csv").write_text(example_ledger.render_csv(frame), encoding="utf-8")
    (example_copy / "ledger" / "opening_balances.csv").write_text(
        example_ledger.render_opening(example_ledger.balances_frame()), encoding="utf-8")
    assert main(["check", str(example_copy)]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert ("deposits.csv:3: warning: year-end 2025: deposit P2 runs over the year end (matures 2026-01-01): "
            "3 264,11 kr interest earned 2025-10-01 to 2025-12-31 is not booked as accrued interest income "
            "on 1760 (balance 0,00 kr)") in out.splitlines()
    # 3 264,11 kr less result in 2025: 1 552 276 + 24 761,89 = 1 577 037,89 kr, not the IB 1 580 302 kr
    assert ("ledger: warning: equity 2025 bokföring: opening 1 552 276 kr + result 24 761,89 kr = "
            "1 577 037,89 kr, but the closing (IB 2026) is 1 580 302 kr") in out.splitlines()


def test_command_writes_pdf_html_xlsx_and_record(association, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    out = tmp_path / "ut"
    assert main(["annual-accounts", "--year", "2024", "--data", str(association), "--out", str(out)]) == 0
    folder = out / "2024"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["arsbokslut-2024.html", "arsbokslut-2024.json", "arsbokslut-2024.pdf", "arsbokslut-2024.xlsx"]
    page = (folder / "arsbokslut-2024.html").read_text(encoding="utf-8")
    assert "Föreningen Exempelgården" in page and "10\u00a0867,93" in page and "837\u00a0118,68" in page
    assert "http" not in page.replace("http-equiv", "")                     # opens offline
    record = json.loads((folder / "arsbokslut-2024.json").read_text(encoding="utf-8"))
    assert record["result"]["arets_over_underskott_ore"] == 1_086_793
    assert {o["file"] for o in record["outputs"]} == set(names) - {"arsbokslut-2024.json"}
    checks = [r for r in openpyxl.load_workbook(folder / "arsbokslut-2024.xlsx")["Kontroller"].iter_rows(values_only=True)]
    assert ("Avgifter fakturerade för nästa år", None, None, None, "Kontrollera") in checks
    pdf = (folder / "arsbokslut-2024.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    again = tmp_path / "igen"
    assert main(["annual-accounts", "--year", "2024", "--data", str(association), "--out", str(again)]) == 0
    assert (again / "2024" / "arsbokslut-2024.pdf").read_bytes() == pdf     # reproducible
    assert "year-end 2024: voucher V 13" in capsys.readouterr().err


def test_command_refuses_a_year_without_vouchers_and_unmapped_accounts(association, tmp_path, capsys):
    assert main(["annual-accounts", "--year", "2023", "--data", str(association), "--out", str(tmp_path)]) == 1
    assert "the ledger has no vouchers for 2023 (it holds 2024)" in capsys.readouterr().err
    broken = make_association(tmp_path / "b", accounts=ACCOUNTS + "8710;Extraordinär intäkt;intakter.ovrigt;\n",
                              extra=[(21, "2024-12-31", "X", [("1930", "100"), ("8710", "-100")])])
    out = tmp_path / "ut"
    assert main(["annual-accounts", "--data", str(broken), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "accounts.csv:34: account 8710 Extraordinär intäkt has a balance or movement but no item" in err
    assert not out.exists()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("folder", ["association", "example"])
def test_libreoffice_recalculates_the_annual_accounts_to_the_packages_figures(folder, association, example_dir,
                                                                               tmp_path):
    import datetime as dt

    from nns_finance.reports.annual_accounts_xlsx import write_annual_accounts_xlsx

    books = nns_finance.load(association if folder == "association" else example_dir)
    year = 2024 if folder == "association" else 2025
    aa = annual_accounts(books, year)
    made = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    ours = write_annual_accounts_xlsx(aa, books, tmp_path / "ours.xlsx", made)
    blank = write_annual_accounts_xlsx(aa, books, tmp_path / "blank" / "ours.xlsx", made, cached_values=False)
    theirs = openpyxl.load_workbook(recalculated(blank, tmp_path), data_only=True)
    formulas, values = openpyxl.load_workbook(ours), openpyxl.load_workbook(ours, data_only=True)
    checked, wrong = 0, []
    for ws in formulas:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    checked += 1
                    expected, got = values[ws.title][c.coordinate].value, theirs[ws.title][c.coordinate].value
                    if not same(expected, got):
                        wrong.append(f"{ws.title}!{c.coordinate} {c.value}: package {expected!r}, LibreOffice {got!r}")
    assert wrong == [] and checked > 40
    # the statements' figures are the package's, to the öre
    rr = {r[1]: r[2] for r in theirs["Resultaträkning"].iter_rows(min_row=5, values_only=True) if r[1]}
    lines = {x.code: x.current for x in aa.income_statement if x.kind == "item"}
    assert {k: round(v * 100) for k, v in rr.items()} == lines
    verdicts = [r[4] for r in theirs["Kontroller"].iter_rows(min_row=4, values_only=True) if r[4]]
    assert verdicts and set(verdicts) == {"OK"}


def test_last_years_income_statement_stands_beside_this_years(association):
    """With the 2023 vouchers in the ledger folder the income statement gets its 2023 column:
    40 000 kr fees, 22 000 kr rent and 500 kr interest paid — a surplus of 17 500 kr."""
    (association / "ledger" / "2023.csv").write_text(
        "serie;verifikationsnummer;datum;konto;belopp;text\n"
        "V;1;2023-03-01;1930;40000;Medlemsavgifter 2023\nV;1;2023-03-01;3010;-40000;Medlemsavgifter 2023\n"
        "V;2;2023-06-01;5010;22000;Hyra\nV;2;2023-06-01;1930;-22000;Hyra\n"
        "V;3;2023-09-01;8410;500;Ränta\nV;3;2023-09-01;1930;-500;Ränta\n", encoding="utf-8")
    aa = annual_accounts(nns_finance.load(association, strict=False), 2024)
    assert aa.has_previous_income
    previous = {x.code: x.previous for x in aa.income_statement if x.kind != "heading"}
    assert previous["medlemsavgifter"] == previous["summa-intakter"] == 4_000_000
    assert previous["ovriga-externa-kostnader"] == previous["summa-kostnader"] == -2_200_000
    assert previous["gavor-och-bidrag"] == 0 and previous["finansiella-kostnader"] == -50_000
    assert previous["arets-resultat"] == 1_750_000
    assert aa.line("RR", "arets-resultat").current == 1_086_793          # this year unchanged
    assert aa.k1.incomes[2023] == (4_000_000, "bokföringen")
