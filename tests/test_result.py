"""The result table of the monthly report, worked by hand on the tiny data folder
(see test_report_helpers for the budget and the vouchers)."""
from __future__ import annotations

import math

import pandas as pd

from nns_finance.reports.monthly import build_report
from test_report_helpers import tiny_books

COLUMNS = ["outcome_month", "outcome_ytd", "budget_ytd", "variance_ytd", "budget_year", "forecast_year"]


def _rows(report):
    t = report.result.set_index("code")
    return {code: [int(v) for v in t.loc[code, COLUMNS]] for code in t.index}


def test_result_table_through_march_by_hand(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03")
    t = report.result
    assert t["name"].tolist() == ["Intäkter", "Avgifter", "Projekt", "Projekt A", "Projekt B",
                                  "Summa intäkter", "Kostnader", "Personal", "Möte",
                                  "Summa totala kostnader", "Årets resultat"]
    assert t["kind"].tolist() == ["section", "line", "line", "subline", "subline", "total",
                                  "section", "line", "line", "total", "result"]
    rows = _rows(report)
    #                                    month     ytd   budget ytd  variance   budget    forecast
    assert rows["intakter.avgifter"] == [0, 1_200_000, 300_000, 900_000, 1_200_000, 2_100_000]
    assert rows["intakter.projekt.projekt-a"] == [150_000, 150_000, 150_000, 0, 600_000, 600_000]
    assert rows["intakter.projekt"] == rows["intakter.projekt.projekt-a"]          # B is all zero
    assert rows["summa-intakter"] == [150_000, 1_350_000, 450_000, 900_000, 1_800_000, 2_700_000]
    # staff: -6 500 against -6 000: 500 kr unfavourable; the meeting 2 500 kr favourable
    assert rows["kostnader.personal"] == [-250_000, -650_000, -600_000, -50_000, -2_400_000, -2_450_000]
    assert rows["kostnader.mote"] == [-50_000, -50_000, -300_000, 250_000, -1_200_000, -950_000]
    assert rows["summa-kostnader"] == [-300_000, -700_000, -900_000, 200_000, -3_600_000, -3_400_000]
    assert rows["arets-resultat"] == [-150_000, 650_000, -450_000, 1_100_000, -1_800_000, -700_000]
    pct = t.set_index("code")["variance_pct"]
    assert math.isclose(pct["kostnader.personal"], -50_000 / 600_000)
    assert math.isclose(pct["kostnader.mote"], 250_000 / 300_000)
    assert math.isnan(pct["intakter.projekt.projekt-b"])                         # no budget: no per cent
    assert "last_year_ytd" not in t                                            # no 2024 ledger


def test_every_total_is_the_sum_of_its_lines(tmp_path):
    t = build_report(tiny_books(tmp_path), "2025-02").result.set_index("code")
    for col in COLUMNS:
        assert str(t[col].dtype) == "int64"
        assert t.loc["intakter.projekt", col] == t.loc[["intakter.projekt.projekt-a", "intakter.projekt.projekt-b"], col].sum()
        income = t.loc[["intakter.avgifter", "intakter.projekt"], col].sum()
        costs = t.loc[["kostnader.personal", "kostnader.mote"], col].sum()
        assert t.loc["summa-intakter", col] == income and t.loc["summa-kostnader", col] == costs
        assert t.loc["arets-resultat", col] == income + costs


def test_the_treasurers_forecast_is_marked(tmp_path):
    books = tiny_books(tmp_path, forecast_csv="kod;år;belopp\nkostnader.mote;2025;-11 000\n")
    report = build_report(books, "2025-03")
    t = report.result.set_index("code")
    assert t.loc["kostnader.mote", "forecast_year"] == -1_100_000 and t.loc["kostnader.mote", "forecast_given"]
    assert t.loc["arets-resultat", "forecast_year"] == 2_100_000 + 600_000 - 2_450_000 - 1_100_000
    assert not t.loc["kostnader.personal", "forecast_given"] and not t.loc["arets-resultat", "forecast_given"]
    from nns_finance.reports import tables as report_tables
    shown = report_tables.result(report).set_index("Budgetrad")
    assert shown.loc["Möte", "Prognos helår"] == "-11 000 *"
    assert shown.loc["Personal", "Prognos helår"] == "-24 500"


LEDGER_2024 = """\
serie;verifikationsnummer;datum;konto;belopp;text
A;1;2024-02-10;1930;10 000;Avgifter
A;1;2024-02-10;3010;-10 000;Avgifter
A;2;2024-05-31;6550;3 000;Personal maj
A;2;2024-05-31;1930;-3 000;Personal maj
"""


def test_last_years_outcome_to_the_same_month_when_the_ledger_has_it(tmp_path):
    books = tiny_books(tmp_path, ledger__2024_csv=LEDGER_2024)
    t = build_report(books, "2025-03").result.set_index("code")
    assert t.loc["intakter.avgifter", "last_year_ytd"] == 1_000_000
    assert t.loc["kostnader.personal", "last_year_ytd"] == 0              # May is after March
    assert t.loc["arets-resultat", "last_year_ytd"] == 1_000_000


def test_english_labels_do_not_change_the_figures(tmp_path):
    books = tiny_books(tmp_path)
    sv, en = build_report(books, "2025-03", "sv"), build_report(books, "2025-03", "en")
    pd.testing.assert_frame_equal(sv.result.drop(columns="name"), en.result.drop(columns="name"))
    assert en.result.set_index("code").loc["arets-resultat", "name"] == "Result for the year"
    assert en.result.set_index("code").loc["kostnader.mote", "name"] == "Möte"    # the budget's own name
