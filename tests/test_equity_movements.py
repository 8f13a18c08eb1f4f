"""Equity that moves outside the result: a gift booked straight to equity, worked by hand on
another association's year (Föreningen Kustbygden 2023), in the roll-forward, the monthly
report, the auditors' workbook and check; and a period's figures from its own vouchers."""
from __future__ import annotations

import dataclasses

import openpyxl
import pandas as pd
import pytest

import nns_finance
from nns_finance.accounting.equity import equity_problems, other_movements, roll_forward
from nns_finance.reports import tables as rt
from nns_finance.reports.monthly import build_report
from nns_finance.workbook import export_workbook
from nns_finance.workbook.scope import scope_for

from test_balance_sheet import _folder

BUDGET = """\
kod;avsnitt;rad;underrad;2023 Budget
;Intäkter;Medlemsavgifter;;12 000
;Kostnader;Lokaler;;-30 000
;Kostnader;Information;;-12 000
;Kostnader;Avskrivningar;;-12 000
"""


@pytest.fixture
def folder(tmp_path):
    folder = _folder(tmp_path)
    (folder / "budget.csv").write_text(BUDGET, encoding="utf-8")
    return folder


def _ledger_row(frame):
    return frame[frame["source"] == "ledger"].iloc[-1]


def test_the_gift_is_its_own_movement(folder):
    books = nns_finance.load(folder, strict=False)
    moves = other_movements(books, 2023, 6)
    assert list(zip(moves["series"], moves["number"], moves["account"], moves["amount"])) == [
        ("A", "4", "2067", 50_000_000)]
    assert moves["date"].iloc[0] == pd.Timestamp("2023-05-20")
    assert other_movements(books, 2023, 4).empty


def test_roll_forward_through_june(folder):
    row = _ledger_row(roll_forward(nns_finance.load(folder, strict=False), 2023, 6))
    # 260 000 + (12 000 − 15 000 − 8 000,50) + 500 000 = 748 999,50; within the year there is no
    # independent closing to compare with
    assert (row.opening, row.result, row.other, row.closing) == (26_000_000, -1_100_050, 50_000_000, 74_899_950)
    assert pd.isna(row.closing_stated) and row.closing_from == "" and row.through_month == 6


def test_the_year_checked_against_next_years_opening(folder):
    # the 2024 opening balances say 744 999,50 on 2067 (the result −15 000,50 booked): agrees
    text = (folder / "ledger" / "opening_balances.csv").read_text(encoding="utf-8")
    extra = "2024;1220;36 000\n2024;1930;732 000\n2024;1931;-15 000\n2024;2067;-744 999,50\n2024;2440;-8 000,50\n"
    (folder / "ledger" / "opening_balances.csv").write_text(text + extra, encoding="utf-8")
    books = nns_finance.load(folder, strict=False)
    row = _ledger_row(roll_forward(books, 2023, 12))
    assert (row.result, row.other, row.closing, row.closing_stated, row.closing_from, row.difference) == \
        (-1_500_050, 50_000_000, 74_499_950, 74_499_950, "IB 2024", 0)
    assert [p for p in equity_problems(books) if "2023 bokföring" in p.message and "closing (" in p.message] == []


def test_the_check_can_fail(folder):
    # the same, but 2024 opens as if the gift had been left out: 244 999,50
    text = (folder / "ledger" / "opening_balances.csv").read_text(encoding="utf-8")
    extra = "2024;1930;244 999,50\n2024;2067;-244 999,50\n"
    (folder / "ledger" / "opening_balances.csv").write_text(text + extra, encoding="utf-8")
    books = nns_finance.load(folder, strict=False)
    row = _ledger_row(roll_forward(books, 2023, 12))
    assert row.difference == -50_000_000
    assert any("equity 2023 bokföring: opening 260 000 kr + result -15 000,50 kr + other movements 500 000 kr = "
               "744 999,50 kr, but the closing (IB 2024) is 244 999,50 kr" in p.message for p in equity_problems(books))


def test_a_year_known_only_from_res(folder):
    books = nns_finance.load(folder, strict=False)
    # 2022 from a SIE file's -1 year: IB 254 000, #RES income 10 000 and costs 4 000, #UB 260 000
    extra = pd.DataFrame({"year": [2022] * 6, "account": ["2067", "1930", "3010", "5010", "2067", "1930"],
                          "kind": ["IB", "IB", "RES", "RES", "UB", "UB"],
                          "amount": [-25_400_000, 25_400_000, -1_000_000, 400_000, -26_000_000, 26_000_000]})
    books = dataclasses.replace(books, balances=pd.concat([books.balances, extra.astype(books.balances.dtypes.to_dict())],
                                                          ignore_index=True))
    frame = roll_forward(books)
    row = frame[(frame["year"] == 2022) & (frame["source"] == "ledger")].iloc[0]
    assert (row.opening, row.result, row.closing, row.closing_stated, row.difference) == \
        (25_400_000, 600_000, 26_000_000, 26_000_000, 0)


def test_a_booked_result_is_not_another_movement(folder):
    closing = ("A;8;2023-12-31;8999;15 000,50;Årets resultat\n"
               "A;8;2023-12-31;2069;-15 000,50;Årets resultat\n")
    ledger = folder / "ledger" / "2023.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8") + closing, encoding="utf-8")
    (folder / "settings.toml").write_text((folder / "settings.toml").read_text(encoding="utf-8")
                                          .replace('equity = ["2067"]', 'equity = ["2067", "2069"]'), encoding="utf-8")
    (folder / "accounts.csv").write_text((folder / "accounts.csv").read_text(encoding="utf-8")
                                         + "2069;Årets resultat;\n8999;Årets resultat;\n", encoding="utf-8")
    books = nns_finance.load(folder, strict=False)
    row = _ledger_row(roll_forward(books, 2023, 12))
    assert (row.result, row.other, row.closing) == (-1_500_050, 50_000_000, 74_499_950)


def test_the_report_rolls_equity_forward_with_the_gift(folder):
    report = build_report(nns_finance.load(folder, strict=False), "2023-06", "sv")
    # forecast: 18 000 − 30 000 − 14 000,50 − 6 000 = −32 000,50 (outcome + the even budget July–Dec)
    assert report.figure("arets-resultat", "forecast_year") == -3_200_050
    # forecast closing = 260 000 + 500 000 (the gift, to date) − 32 000,50 = 727 999,50
    assert report.equity_forecast_closing == 72_799_950
    assert list(report.equity["other"]) == [0, 0, 0, 0, 50_000_000, 0]
    assert int(report.equity["equity"].iloc[-1]) == 74_899_950
    rows = rt.equity(report).values.tolist()
    assert rows == [   # amounts in whole kronor, half up: −11 000,50 → −11 001
        ["Ingående eget kapital", "260 000 kr"],
        ["Resultat hittills i år", "-11 001 kr"],
        ["Verifikation A 4 2023-05-20: Gåva till eget kapital (2067)", "500 000 kr"],
        ["Eget kapital vid periodens slut", "749 000 kr"],   # 748 999,50
        ["Prognos årets resultat", "-32 001 kr"],
        ["Övriga förändringar hittills", "500 000 kr"],
        ["Utgående eget kapital, prognos", "728 000 kr"],    # 727 999,50
    ]
    assert rt.key_figures(report).values.tolist()[2][1:] == [
        "260 000 kr → 728 000 kr", "ingående + övriga förändringar hittills + prognos årets resultat"]
    figures = report.record_figures()
    assert figures["equity_other_ytd"] == 50_000_000 and figures["equity_closing_forecast"] == 72_799_950
    assert figures["balance_sheet"]["assets_closing"] == 77_200_000
    assert figures["balance_sheet"]["difference_closing"] == 0
    assert all(isinstance(v, int) for k, v in figures.items() if k not in ("unit", "period", "balance_sheet"))
    bs = rt.balance_sheet(report).values.tolist()
    assert bs[0] == ["Tillgångar", "", ""] and ["Summa tillgångar", "290 000", "772 000"] in bs


def test_a_period_workbook_uses_the_period_only(example_dir, tmp_path):
    books = nns_finance.load(example_dir, strict=False)
    path = export_workbook(books, scope_for(None, "2025-09", 2025), tmp_path / "wb.xlsx")
    ws = openpyxl.load_workbook(path, data_only=True)["Eget kapital"]
    rows = {(r[0].value, r[2].value): [c.value for c in r] for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)}
    ledger = rows[(2025, "Bokföring t.o.m. månad 9")]
    # 1 552 276 + the result January–September 527 872,78 = 2 080 148,78; no independent figure
    assert ledger[3:7] == [1_552_276, 527_872.78, 0, 2_080_148.78]
    assert ledger[7] in ("", None)
    checks = openpyxl.load_workbook(path, data_only=True)["Kontroller"]
    verdicts = [(r[0].value, r[4].value) for r in checks.iter_rows(min_row=5) if r[4].value in ("OK", "FEL")]
    assert [v for v in verdicts if v[1] == "FEL"] == []
    assert not any("utgående enligt" in str(name) and "Bokföring" in str(name) for name, _ in verdicts)


# --- last year, the budget's own forecast, the treasurer's comments (issue 13, point 4) ------

BUDGET_WITH_HISTORY = """\
kod;avsnitt;rad;underrad;2022 Utfall;2023 Budget;2023 Prognos helår
;Intäkter;Medlemsavgifter;;11 000;12 000;12 000
;Kostnader;Lokaler;;-28 000;-30 000;-30 000
;Kostnader;Information;;-9 500;-12 000;-15 000
;Kostnader;Avskrivningar;;-12 000;-12 000;-12 000
"""


def test_last_year_from_the_budgets_utfall_column_and_its_forecast_beside(folder):
    (folder / "budget.csv").write_text(BUDGET_WITH_HISTORY, encoding="utf-8")
    (folder / "forecast.csv").write_text("kod;år;belopp;kommentar\n"
                                         "kostnader.information;2023;-16 000;Tryck av årsberättelsen i december\n",
                                         encoding="utf-8")
    report = build_report(nns_finance.load(folder, strict=False), "2023-06", "sv")
    t = report.result.set_index("code")
    # no 2022 ledger and no #RES: the budget's 2022 Utfall column, a whole year
    assert "last_year_ytd" not in t and int(t.loc["kostnader.information", "last_year_year"]) == -950_000
    assert int(t.loc["arets-resultat", "last_year_year"]) == (11_000 - 28_000 - 9_500 - 12_000) * 100
    # the budget's own Prognos helår beside the computed forecast (information: given −16 000)
    assert int(t.loc["kostnader.information", "budget_forecast_year"]) == -1_500_000
    assert int(t.loc["kostnader.information", "forecast_year"]) == -1_600_000
    assert report.notes == ("Utfall fg år: från budgetens kolumn 2022 Utfall (helår).",
                            "* Information: Tryck av årsberättelsen i december")
    columns = list(rt.result(report).columns)
    assert columns[-2:] == ["Prognos helår enl. budget", "Utfall fg år helår"]
    assert "* Information: Tryck av årsberättelsen i december" in rt.section(report, "result")


def test_last_year_from_res_when_the_ledger_has_no_vouchers_for_it(folder):
    (folder / "budget.csv").write_text(BUDGET_WITH_HISTORY, encoding="utf-8")
    books = nns_finance.load(folder, strict=False)
    res = pd.DataFrame({"year": [2022, 2022, 2022], "account": ["3010", "5010", "6110"], "kind": ["RES"] * 3,
                        "amount": [-1_050_000, 2_900_000, 1_000_050]})
    books = dataclasses.replace(books, balances=pd.concat([books.balances, res.astype(books.balances.dtypes.to_dict())],
                                                          ignore_index=True))
    report = build_report(books, "2023-06", "sv")
    t = report.result.set_index("code")
    # #RES wins over the budget's Utfall column: 10 500 − 29 000 − 10 000,50
    assert int(t.loc["arets-resultat", "last_year_year"]) == 1_050_000 - 2_900_000 - 1_000_050
    assert report.notes[0] == "Utfall fg år: från #RES för 2022 i SIE-filen (helår)."


def test_the_sie_files_ub_is_used_only_when_it_holds_every_voucher_of_the_year(folder):
    books = nns_finance.load(folder, strict=False)
    # a #UB as the SIE export had it before the vouchers of a second file were added: only the gift
    ub = pd.DataFrame({"year": [2023] * 4, "account": ["1220", "1930", "2067", "2440"], "kind": ["UB"] * 4,
                       "amount": [4_000_000, 75_000_000, -76_000_000, -3_000_000]})
    balances = pd.concat([books.balances, ub.astype(books.balances.dtypes.to_dict())], ignore_index=True)
    led = books.ledger.assign(source="ledger/2023.se")
    one = dataclasses.replace(books, balances=balances, ledger=led)
    row = _ledger_row(roll_forward(one, 2023, 12))
    assert (row.closing_from, row.closing_stated) == ("#UB", 76_000_000)     # the SIE's own UB: 760 000
    two = dataclasses.replace(books, balances=balances,
                              ledger=led.assign(source=led["source"].where(led["number"] != "5", "ledger/2023.xlsx")))
    row = _ledger_row(roll_forward(two, 2023, 12))
    assert row.closing_from == "" and pd.isna(row.closing_stated)            # not that file's UB: no check
