"""The full-year forecast: outcome to the cut-off plus the remaining phased budget, or the
treasurer's own figure for a line."""
from __future__ import annotations

import pandas as pd
import pytest

import nns_finance

from nns_finance.accounting.forecast import forecast_year
from nns_finance.books.forecast import read_forecast
from nns_finance.accounting.phasing import phase_budget
from nns_finance.core.problems import Problems
from nns_finance.accounting.result import outcome_by_line
from test_report_helpers import tiny_books


def _forecast(books, month, given=None):
    phased = phase_budget(books, 2025)
    outcome = outcome_by_line(books, 2025, month)
    return forecast_year(outcome, phased, month, given, 2025).set_index("code")


def test_outcome_to_march_plus_the_rest_of_the_budget(tmp_path):
    fc = _forecast(tiny_books(tmp_path), 3)
    # Personal: outcome Jan–Mar -2 000 -2 000 -2 500 = -6 500; Apr–Dec 9 × -2 000 = -18 000
    assert fc.loc["kostnader.personal", "forecast"] == -2_450_000
    # Möte: -500 + 9 × -1 000 = -9 500
    assert fc.loc["kostnader.mote", "forecast"] == -950_000
    # Avgifter: 12 000 already in, and the phased budget still counts 9 × 1 000 to come
    assert fc.loc["intakter.avgifter", "forecast"] == 2_100_000
    assert not fc["given"].any()


def test_in_december_the_forecast_is_the_outcome(tmp_path):
    fc = _forecast(tiny_books(tmp_path), 12)
    assert fc.loc["kostnader.personal", "forecast"] == -650_000
    assert fc.loc["intakter.projekt.projekt-a", "forecast"] == 150_000


FORECAST = """\
kod;år;belopp;kommentar
kostnader.mote;2025;-11 000;dyrare lokal
kostnader.mote;2024;-1;another year: not used for 2025
"""


def test_the_treasurers_forecast_replaces_the_line_and_is_marked(tmp_path):
    books = tiny_books(tmp_path, forecast_csv=FORECAST)
    problems = Problems()
    given = read_forecast(books.folder, problems, books.budget_lines)
    assert not problems
    assert given[["code", "year", "amount", "comment", "where"]].values.tolist() == [
        ["kostnader.mote", 2025, -1_100_000, "dyrare lokal", "forecast.csv:2"],
        ["kostnader.mote", 2024, -100, "another year: not used for 2025", "forecast.csv:3"]]
    fc = _forecast(books, 3, given)
    assert fc.loc["kostnader.mote", "forecast"] == -1_100_000
    assert bool(fc.loc["kostnader.mote", "given"]) and fc.loc["kostnader.mote", "where"] == "forecast.csv:2"
    assert fc.loc["kostnader.personal", "forecast"] == -2_450_000 and not fc.loc["kostnader.personal", "given"]


def test_bad_forecast_rows_are_each_reported(tmp_path):
    text = ("code;year;amount\n"
            "kostnader.okand;2025;-1 000\n"
            "intakter.projekt;2025;1 000\n"
            "kostnader.mote;25;-1 000\n"
            "kostnader.personal;2025;tio\n"
            "kostnader.personal;2025;-20 000\n"
            "kostnader.personal;2025;-21 000\n"
            "kostnader.mote;2025;9 000\n")
    books = tiny_books(tmp_path)
    (tmp_path / "forecast.csv").write_text(text, encoding="utf-8")
    problems = Problems()
    given = read_forecast(tmp_path, problems, books.budget_lines)
    assert [str(p) for p in problems] == [
        "forecast.csv:2: unknown budget line 'kostnader.okand' (not in the budget)",
        "forecast.csv:3: 'intakter.projekt' has sub-lines: give the forecast per sub-line",
        "forecast.csv:4: year '25': expected YYYY",
        "forecast.csv:5: not an amount: 'tio'",
        "forecast.csv:7: 'kostnader.personal' 2025 given twice (first on line 6)",
        "forecast.csv:8: warning: cost line forecast above 0: income is positive and costs "
        "negative (sign typed the other way?)",
    ]
    assert given[["code", "amount"]].values.tolist() == [["kostnader.personal", -2_000_000],
                                                         ["kostnader.mote", 900_000]]


def test_no_forecast_file_gives_no_rows(tmp_path):
    books = tiny_books(tmp_path)
    given = read_forecast(tmp_path, Problems(), books.budget_lines)
    assert given.empty and list(given.columns) == ["code", "year", "amount", "comment", "where"]


def test_a_broken_forecast_file_stops_the_report(tmp_path):
    from nns_finance.core.problems import InputError
    tiny_books(tmp_path, forecast_csv="code;year;amount\nkostnader.mote;2025;abc\n")
    with pytest.raises(InputError) as err:      # the load stops: the report never starts
        nns_finance.load(tmp_path)
    assert str(err.value) == "forecast.csv:2: not an amount: 'abc'"
