"""Budget phasing: a year amount spread over the months, exactly, evenly or by a profile."""
from __future__ import annotations

from fractions import Fraction

import pytest

import nns_finance
from hypothesis import given, strategies as st

from nns_finance.accounting.phasing import phase_budget, spread
from nns_finance.cli import main
from nns_finance.books.phasing import read_phasing
from nns_finance.core.problems import InputError, Problems
from test_report_helpers import tiny_books


def test_even_spread_gives_the_left_over_ore_to_the_first_months():
    # 100 öre / 12 = 8 r 4: January to April get the four öre left over
    assert spread(100) == [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    # Medlemsavgifter 11 800 kr = 1 180 000 öre: 98 333,33… a month
    months = spread(1_180_000)
    assert months == [98_334] * 4 + [98_333] * 8 and sum(months) == 1_180_000


def test_a_cost_spreads_like_the_same_income_with_the_sign():
    assert spread(-1000, [1, 1, 1] + [0] * 9) == [-334, -333, -333] + [0] * 9


def test_largest_remainders_win_not_the_first_months():
    # weights 1:2 of 100 öre: exact 33,3 and 66,7 -> 33 and 67 (the larger remainder gets it)
    assert spread(100, [1, 2] + [0] * 10)[:2] == [33, 67]


@given(st.integers(min_value=-10**14, max_value=10**14),
       st.lists(st.integers(min_value=0, max_value=1000), min_size=12, max_size=12).filter(lambda w: sum(w) > 0))
def test_months_add_up_exactly_and_stay_within_one_ore_of_the_exact_share(amount, weights):
    months = spread(amount, weights)
    assert sum(months) == amount
    total = sum(weights)
    for m, w in zip(months, weights):
        assert abs(Fraction(m) - Fraction(amount * w, total)) < 1
        if w == 0:
            assert m == 0


def test_spread_refuses_weights_that_add_up_to_nothing():
    with pytest.raises(ValueError):
        spread(100, [0] * 12)


def test_budget_without_a_profile_is_spread_evenly(tmp_path):
    books = tiny_books(tmp_path)
    phased = phase_budget(books, 2025)
    assert list(phased.columns) == ["code", "month", "amount"]
    assert str(phased["amount"].dtype) == "int64" and str(phased["month"].dtype) == "int64"
    staff = phased[phased["code"] == "kostnader.personal"]["amount"].tolist()
    assert staff == [-200_000] * 12                       # -24 000 kr / 12
    assert phased.groupby("code", sort=False)["amount"].sum().to_dict() == {
        "intakter.avgifter": 1_200_000, "intakter.projekt.projekt-a": 600_000,
        "intakter.projekt.projekt-b": 0, "kostnader.personal": -2_400_000, "kostnader.mote": -1_200_000}


PROFILE = """\
code;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec
intakter.avgifter;1;1;1;0;0;0;0;0;0;0;0;0
kostnader.mote;0;0;0;1;0;0;0;0;0;0;0;0
"""


def test_profile_puts_fees_in_the_first_quarter_and_the_meeting_in_april(tmp_path):
    books = tiny_books(tmp_path, phasing_csv=PROFILE)
    phased = phase_budget(books, 2025)
    fees = phased[phased["code"] == "intakter.avgifter"]["amount"].tolist()
    assert fees == [400_000, 400_000, 400_000] + [0] * 9
    meeting = phased[phased["code"] == "kostnader.mote"]["amount"].tolist()
    assert meeting == [0, 0, 0, -1_200_000] + [0] * 8
    # lines without a profile stay even
    assert phased[phased["code"] == "kostnader.personal"]["amount"].tolist() == [-200_000] * 12


def test_a_section_profile_covers_its_lines_and_a_line_profile_wins(tmp_path):
    text = ("kod;år;1;2;3;4;5;6;7;8;9;10;11;12\n"
            "intakter;;0;0;0;0;0;0;1;1;1;1;1;1\n"          # income in the second half …
            "intakter.avgifter;2025;25 %;25 %;50 %;0;0;0;0;0;0;0;0;0\n")   # … fees in Q1 in 2025
    books = tiny_books(tmp_path, phasing_csv=text)
    phased = phase_budget(books, 2025)
    assert phased[phased["code"] == "intakter.avgifter"]["amount"].tolist() == [300_000, 300_000, 600_000] + [0] * 9
    assert phased[phased["code"] == "intakter.projekt.projekt-a"]["amount"].tolist() == [0] * 6 + [100_000] * 6


def test_decimal_comma_weights(tmp_path):
    text = "code;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\nkostnader.personal;0,5;0,5;1;1;1;1;1;1;1;1;1;1\n"
    books = tiny_books(tmp_path, phasing_csv=text)
    staff = phase_budget(books, 2025)
    staff = staff[staff["code"] == "kostnader.personal"]["amount"].tolist()
    # 11 weight units: -2 400 000 / 11 = -218 181,8…; halves in Jan and Feb
    assert sum(staff) == -2_400_000
    assert staff[0] == staff[1] == -109_091 and staff[2] == -218_182


def test_bad_phasing_file_lists_every_problem_with_its_line(tmp_path):
    text = ("code;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\n"
            "intakter.okand;1;1;1;1;1;1;1;1;1;1;1;1\n"
            "kostnader.mote;1;-1;1;1;1;1;1;1;1;1;1;1\n"
            "kostnader.personal;0;0;0;0;0;0;0;0;0;0;0;0\n"
            "intakter.avgifter;1;1;1;1;1;1;1;1;1;1;1;x\n"
            "kostnader.mote;0;0;0;1;0;0;0;0;0;0;0;0\n"
            "kostnader.mote;0;0;0;1;0;0;0;0;0;0;0;0\n")
    books = tiny_books(tmp_path)
    (tmp_path / "phasing.csv").write_text(text, encoding="utf-8")
    problems = Problems()
    profiles = read_phasing(tmp_path, problems, books.budget_lines)
    assert [str(p) for p in problems] == [
        "phasing.csv:2: unknown budget line 'intakter.okand' (not in the budget)",
        "phasing.csv:3: month weight '-1': expected a number of at least 0",
        "phasing.csv:4: the twelve month weights add up to 0",
        "phasing.csv:5: month weight 'x': expected a number of at least 0",
        "phasing.csv:7: 'kostnader.mote' given twice (first on line 6)",
    ]
    assert [p.code for p in profiles] == ["kostnader.mote"]
    with pytest.raises(InputError):         # the load stops on them: nothing reads the file later
        nns_finance.load(tmp_path)


def test_missing_month_columns_are_named(tmp_path):
    books = tiny_books(tmp_path, phasing_csv="code;jan;feb;mar\nintakter.avgifter;1;1;1\n")
    problems = Problems()
    assert read_phasing(tmp_path, problems, books.budget_lines) == []
    assert [str(p) for p in problems] == [
        "phasing.csv:1: missing month column(s) 4, 5, 6, 7, 8, 9, 10, 11, 12 (expected jan … dec or 1 … 12)"]


def test_profile_from_a_workbook(tmp_path):
    import openpyxl

    books = tiny_books(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Budgetrad", "Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti",
               "September", "Oktober", "November", "December"])
    ws.append(["kostnader.mote", 0, 0, 0, 0.5, 0, 0, 0, 0, 0.5, 0, 0, 0])
    ws.append(["kostnader.personal", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -2])
    wb.save(tmp_path / "phasing.xlsx")
    problems = Problems()
    profiles = read_phasing(tmp_path, problems, books.budget_lines)
    assert [str(p) for p in problems] == ["phasing.xlsx:Sheet!M3: month weight '-2': expected a number of at least 0"]
    assert [(p.code, p.where) for p in profiles] == [("kostnader.mote", "phasing.xlsx:2")]
    meeting = phase_budget(books, 2025, profiles=profiles)
    assert meeting[meeting["code"] == "kostnader.mote"]["amount"].tolist() == [0, 0, 0, -600_000, 0, 0, 0, 0,
                                                                               -600_000, 0, 0, 0]


# --- check: a seasonal line without phasing ------------------------------------------------

def test_seasonal_lines_without_phasing_are_named(example_copy):
    """Without phasing.csv the example's January membership invoices and the annual meeting in
    April are named, with their share of the year's outcome."""
    from nns_finance import load
    from nns_finance.accounting.phasing import seasonal_problems

    (example_copy / "phasing.csv").unlink()
    seasonal = [str(p) for p in seasonal_problems(load(example_copy))]
    assert ("phasing.csv: warning: intakter.medlemsavgifter: 100 % of the 2025 outcome falls in "
            "January but the line has no phasing, so Budget ack. spreads it evenly: add a row to "
            "phasing.csv") in seasonal
    assert any("kostnader.konferenser.arsmote-medlemsmote: 100 % of the 2025 outcome falls in April" in s
               for s in seasonal)
    assert not any("serviceavgifter" in s for s in seasonal)     # January–March: under 60 % a month


def test_a_phasing_row_silences_the_warning(example_copy, capsys):
    """The example phases its June campaign (opinionsarbete); without that row, check names it."""
    from nns_finance import load
    from nns_finance.accounting.phasing import seasonal_problems

    assert seasonal_problems(load(example_copy)) == []
    path = example_copy / "phasing.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(r for r in rows if "opinionsarbete" not in r), encoding="utf-8")
    assert [str(p) for p in seasonal_problems(load(example_copy))] == [
        "phasing.csv: warning: kostnader.konferenser.opinionsarbete: 100 % of the 2025 outcome falls "
        "in June but the line has no phasing, so Budget ack. spreads it evenly: add a row to phasing.csv",
        "phasing.csv: warning: kostnader.konferenser.opinionsarbete: 71 % of the 2026 outcome falls "
        "in June but the line has no phasing, so Budget ack. spreads it evenly: add a row to phasing.csv"]
    capsys.readouterr()
    assert main(["check", str(example_copy)]) == 0          # warnings: check still passes
    out = capsys.readouterr().out
    assert "opinionsarbete: 71 % of the 2026 outcome falls in June" in out
    assert out.endswith("0 errors, 2 warnings\n")


def test_a_short_year_is_not_judged(tmp_path):
    """Three months of vouchers say nothing about a season: no warning."""
    import shutil
    from nns_finance import load
    from nns_finance.accounting.phasing import seasonal_problems
    from conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "d")
    (tmp_path / "d" / "phasing.csv").unlink()
    books = load(tmp_path / "d")
    import dataclasses
    early = books.ledger[books.ledger["date"].dt.month <= 3]
    assert seasonal_problems(dataclasses.replace(books, ledger=early)) == []
    assert len(seasonal_problems(books)) >= 4
