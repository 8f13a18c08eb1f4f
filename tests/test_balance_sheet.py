"""The balance sheet: BAS groups, the chart's balansgrupp override, the unbooked result and the
check that assets = equity + liabilities, worked by hand on another association's year."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import nns_finance
from nns_finance.accounting.balance_sheet import balance_sheet
from nns_finance.core.bas import balance_group_code, default_balance_group

SETTINGS = '[organisation]\nname = "Föreningen Kustbygden"\nfiscal_year = 2023\n\n' \
           '[accounts]\nbank = ["1930"]\nequity = ["2067"]\n'
ACCOUNTS = """\
konto;namn;budgetrad;balansgrupp
1220;Inventarier;;
1229;Ackumulerade avskrivningar inventarier;;
1510;Kundfordringar;;
1930;Bankkonto;;
1931;Checkräkningskredit;;Kortfristiga skulder
2067;Eget kapital;;
2440;Leverantörsskulder;;
3010;Medlemsavgifter;intakter.medlemsavgifter;
5010;Lokalhyra;kostnader.lokaler;
6110;Information;kostnader.information;
7832;Avskrivningar inventarier;kostnader.avskrivningar;
"""
OPENING = "år;konto;belopp\n2023;1220;40 000\n2023;1930;250 000\n2023;2067;-260 000\n2023;2440;-30 000\n"
VOUCHERS = """\
serie;nr;datum;konto;belopp;text
A;1;2023-02-10;1510;12 000,00;Medlemsavgifter 2023
A;1;2023-02-10;3010;-12 000,00;Medlemsavgifter 2023
A;2;2023-03-05;1930;12 000,00;Inbetalning medlemsavgifter
A;2;2023-03-05;1510;-12 000,00;Inbetalning medlemsavgifter
A;3;2023-04-15;2440;30 000,00;Betalning leverantör
A;3;2023-04-15;1930;-30 000,00;Betalning leverantör
A;4;2023-05-20;1930;500 000,00;Gåva till eget kapital
A;4;2023-05-20;2067;-500 000,00;Gåva till eget kapital
A;5;2023-06-15;5010;15 000,00;Lokalhyra
A;5;2023-06-15;1931;-15 000,00;Lokalhyra
A;6;2023-06-30;6110;8 000,50;Trycksaker
A;6;2023-06-30;2440;-8 000,50;Trycksaker
A;7;2023-09-30;7832;4 000,00;Avskrivning inventarier
A;7;2023-09-30;1229;-4 000,00;Avskrivning inventarier
"""
KR = 100


def _folder(tmp_path, accounts=ACCOUNTS):
    folder = tmp_path / "kustbygden"
    (folder / "ledger").mkdir(parents=True)
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    (folder / "accounts.csv").write_text(accounts, encoding="utf-8")
    (folder / "ledger" / "opening_balances.csv").write_text(OPENING, encoding="utf-8")
    (folder / "ledger" / "2023.csv").write_text(VOUCHERS, encoding="utf-8")
    return folder


def _groups(sheet):
    return {r.group: (r.opening, r.closing) for r in sheet.groups.itertuples()}


def test_bas_groups_and_the_chart_override():
    assert default_balance_group("1930") == "kassa-och-bank"
    assert default_balance_group("1229") == "anlaggningstillgangar"
    assert default_balance_group("1760") == "fordringar"
    assert default_balance_group("1880") == "kortfristiga-placeringar"
    assert default_balance_group("2220") == "avsattningar"
    assert default_balance_group("2350") == "langfristiga-skulder"
    assert default_balance_group("2990") == "kortfristiga-skulder"
    assert default_balance_group("3010") is None
    assert balance_group_code("Kortfristiga skulder") == "kortfristiga-skulder"
    assert balance_group_code("current liabilities") == "kortfristiga-skulder"
    assert balance_group_code("skulder") is None


def test_balance_sheet_at_june_with_a_direct_equity_booking(tmp_path):
    books = nns_finance.load(_folder(tmp_path), strict=False)
    assert [p for p in books.problems if p.severity == "error"] == []
    sheet = balance_sheet(books, 2023, 6)
    # 2023-06-30: inventories 40 000; bank 250 000 + 12 000 − 30 000 + 500 000 = 732 000;
    # equity 260 000 + 500 000 (the gift, booked on 2067) + result (12 000 − 15 000 − 8 000,50
    # = −11 000,50) = 748 999,50; the credit line 1931 (15 000) is moved to current
    # liabilities by the chart, beside 2440 (8 000,50): 23 000,50. 772 000 on both sides.
    assert _groups(sheet) == {
        "anlaggningstillgangar": (40_000 * KR, 40_000 * KR),
        "fordringar": (0, 0),                           # invoiced and paid: shown, at 0
        "kassa-och-bank": (250_000 * KR, 732_000 * KR),
        "eget-kapital": (260_000 * KR, 74_899_950),
        "kortfristiga-skulder": (30_000 * KR, 2_300_050),
    }
    assert sheet.totals["opening"] == {"assets": 29_000_000, "equity_liabilities": 29_000_000, "difference": 0}
    assert sheet.totals["closing"] == {"assets": 77_200_000, "equity_liabilities": 77_200_000, "difference": 0}
    assert sheet.problems() == []
    equity = sheet.accounts[sheet.accounts["group"] == "eget-kapital"]
    assert list(zip(equity["account"], equity["name"], equity["closing"])) == [
        ("2067", "Eget kapital", 76_000_000), ("", "Årets resultat (ej bokfört)", -1_100_050)]
    # every group is the sum of its rows
    sums = sheet.accounts.groupby("group")[["opening", "closing"]].sum()
    for r in sheet.groups.itertuples():
        assert (sums.loc[r.group, "opening"], sums.loc[r.group, "closing"]) == (r.opening, r.closing)
    assert sheet.date == pd.Timestamp("2023-06-30")


def test_balance_sheet_at_september_after_depreciation(tmp_path):
    sheet = balance_sheet(nns_finance.load(_folder(tmp_path), strict=False), 2023, 9, language="en")
    # depreciation 4 000 on 1229: fixed assets 36 000, result −15 000,50, equity 744 999,50
    assert _groups(sheet)["anlaggningstillgangar"] == (4_000_000, 3_600_000)
    assert _groups(sheet)["eget-kapital"] == (26_000_000, 74_499_950)
    assert sheet.totals["closing"]["assets"] == 76_800_000 == sheet.totals["closing"]["equity_liabilities"]
    assert list(sheet.groups["name"]) == ["Fixed assets", "Current receivables", "Cash and bank", "Equity", "Current liabilities"]


def test_without_the_override_the_credit_line_is_negative_cash(tmp_path):
    books = nns_finance.load(_folder(tmp_path, ACCOUNTS.replace("Kortfristiga skulder", "")), strict=False)
    sheet = balance_sheet(books, 2023, 6)
    assert _groups(sheet)["kassa-och-bank"] == (25_000_000, 71_700_000)   # 732 000 − 15 000
    assert _groups(sheet)["kortfristiga-skulder"] == (3_000_000, 800_050)
    assert sheet.totals["closing"]["difference"] == 0


def test_a_difference_is_an_error(tmp_path):
    books = nns_finance.load(_folder(tmp_path), strict=False)
    extra = pd.DataFrame({"year": [2023], "account": ["1930"], "kind": ["IB"], "amount": [150]})
    books = dataclasses.replace(books, balances=pd.concat([books.balances, extra.astype(books.balances.dtypes.to_dict())]))
    sheet = balance_sheet(books, 2023, 6)
    assert sheet.totals["opening"]["difference"] == 150 == sheet.totals["closing"]["difference"]
    messages = [p.message for p in sheet.problems()]
    assert len(messages) == 2 and all(p.severity == "error" for p in sheet.problems())
    assert "difference 1,50 kr" in messages[1] and "2023-06-30" in messages[1]


def test_bad_balansgrupp_cells_are_errors_at_their_line(tmp_path):
    accounts = ACCOUNTS.replace("1220;Inventarier;;", "1220;Inventarier;;Skulder") \
        .replace("3010;Medlemsavgifter;intakter.medlemsavgifter;", "3010;Medlemsavgifter;intakter.medlemsavgifter;eget-kapital")
    books = nns_finance.load(_folder(tmp_path, accounts), strict=False)
    found = [(p.file, p.line, p.message) for p in books.problems if p.file == "accounts.csv" and p.severity == "error"]
    assert found == [
        ("accounts.csv", 2, "account 1220: balansgrupp 'Skulder' is not one of anlaggningstillgangar, varulager, "
         "fordringar, kortfristiga-placeringar, kassa-och-bank, eget-kapital, obeskattade-reserver, "
         "avsattningar, langfristiga-skulder, kortfristiga-skulder"),
        ("accounts.csv", 9, "account 3010: balansgrupp is only for balance-sheet accounts (1000–2999), got 'eget-kapital'"),
    ]


@pytest.mark.parametrize("month, equity, assets", [
    # 2025-09: 1 552 276 + the result to September 527 872,78; 2025-12: + 28 026 = 1 580 302
    (9, 208_014_878, 217_453_771),
    (12, 158_030_200, 167_469_093),
])
def test_the_example_2025(example_dir, month, equity, assets):
    sheet = balance_sheet(nns_finance.load(example_dir, strict=False), 2025, month)
    assert _groups(sheet)["eget-kapital"] == (155_227_600, equity)
    assert sheet.totals["closing"]["assets"] == assets == sheet.totals["closing"]["equity_liabilities"]
    assert _groups(sheet)["kortfristiga-placeringar"] == (0, 70_000_000)
    assert sheet.problems() == []


def _corpus_books(tmp_path, corpus_dir, name, year):
    folder = tmp_path / name
    (folder / "ledger").mkdir(parents=True)
    (folder / "ledger" / name).write_bytes((corpus_dir / name).read_bytes())
    (folder / "settings.toml").write_text(f'[organisation]\nname = "X"\nfiscal_year = {year}\n', encoding="utf-8")
    return nns_finance.load(folder, strict=False)


@pytest.mark.parametrize("name, year, assets", [
    # closing assets of the SIE files' own years, 1000–1999 at 31 December
    ("siefile_SIE4_Exempelfil.SE", 2021, 425_757_213),
    ("jsisie_Test4.SE", 2008, 189_333_200),
])
def test_corpus_years_balance(tmp_path, corpus_dir, name, year, assets):
    sheet = balance_sheet(_corpus_books(tmp_path, corpus_dir, name, year), year, 12)
    assert sheet.totals["closing"] == {"assets": assets, "equity_liabilities": assets, "difference": 0}
    assert sheet.problems() == []


def test_corpus_opening_out_of_balance_is_found(tmp_path, corpus_dir):
    # Avendo's #IB 0 rows sum to 1 151 678,15 (last year's result not carried to equity)
    sheet = balance_sheet(_corpus_books(tmp_path, corpus_dir, "jsisie_transaktioner_ovnbolag.se", 2011), 2011, 12)
    assert sheet.totals["opening"]["difference"] == 115_167_815 == sheet.totals["closing"]["difference"]
    assert len(sheet.problems()) == 2
