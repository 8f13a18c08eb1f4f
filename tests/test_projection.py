"""The years ahead: all-zero assumptions repeat the 2026 budget; stated assumptions, hand-worked."""
from __future__ import annotations

import shutil

import pytest

import nns_finance
from nns_finance.problems import InputError, UsageError
from nns_finance.projection import assumptions_table, load_assumptions, project, projection_table

KR = 100

ZERO = """\
base_year = 2026
[income]
fee_base_growth_percent = 0
other_growth_percent = 0
[costs]
inflation_percent = 0
[deposits]
placed = 700000
rate_percent = 0
budgeted_interest = 0
"""


def _folder(tmp_path, example_dir, assumptions: str | None):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("settings.toml", "budget.csv", "accounts.csv"):
        shutil.copy(example_dir / name, folder / name)
    if assumptions is not None:
        (folder / "assumptions.toml").write_text(assumptions, encoding="utf-8")
    return folder


def test_all_zero_assumptions_repeat_the_2026_budget_year_after_year(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, ZERO), strict=False)
    result = project(books, load_assumptions(books), 2026, 2030)
    years = result.years
    assert list(years["year"]) == [2026, 2027, 2028, 2029, 2030]
    assert set(years["income"]) == {2_534_249 * KR}
    assert set(years["costs"]) == {-2_531_000 * KR}
    assert set(years["result"]) == {3_249 * KR}
    assert list(years["closing_equity"] // KR) == [1_583_551, 1_586_800, 1_590_049, 1_593_298, 1_596_547]
    budget = books.budget[(books.budget["version"] == "budget") & (books.budget["year"] == 2026)]
    expected = dict(zip(budget["code"], budget["amount"]))
    for year, lines in result.lines.groupby("year"):
        assert dict(zip(lines["code"], lines["amount"])) == expected, year


def test_example_assumptions_hand_worked(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    result = project(books, load_assumptions(books), 2026, 2030)
    line = {(r.code, r.year): r.amount // KR for r in result.lines.itertuples()}
    # service fees: (1 732 849 − 45 000 for the member leaving in 2027) × 1.02 = 1 721 605.98
    assert line[("intakter.serviceavgifter", 2027)] == 1_721_606
    assert line[("intakter.serviceavgifter", 2028)] == 1_756_038            # × 1.02² = 1 756 038.10
    assert line[("intakter.medlemsavgifter", 2027)] == 11_200               # one member fewer
    # interest on 700 000 kr at 1.75 % (2027) and 1.5 % (2028 on) on the Övrigt line
    assert line[("intakter.ovrigt", 2027)] == 30_000 + 12_250
    assert line[("intakter.ovrigt", 2029)] == 30_000 + 10_500
    assert line[("intakter.utvecklingsverksamhet.samverkansavtal-msi", 2028)] == 500_000
    assert line[("intakter.utvecklingsverksamhet.samverkansavtal-msi", 2029)] == 250_000
    # staff support: budget + 2 % in 2027, the stated 1 100 000 in 2028, then + 2 %
    assert [line[("kostnader.tjanstepersonstod", y)] for y in (2026, 2027, 2028, 2029)] == \
        [-1_000_000, -1_020_000, -1_100_000, -1_122_000]
    assert line[("kostnader.utvecklingsverksamhet.samverkansavtal-msi", 2030)] == -250_000  # 0 % stated
    assert line[("kostnader.information", 2027)] == -102_000
    # totals are the sums of the lines; closing = opening + result, year after year
    years = result.years.set_index("year")
    assert years.at[2027, "income"] == result.lines[(result.lines["year"] == 2027) &
                                                    (result.lines["section"] == "income")]["amount"].sum()
    assert (years["opening_equity"] + years["result"] == years["closing_equity"]).all()
    assert years.at[2026, "closing_equity"] == 1_583_551 * KR
    assert years.at[2027, "opening_equity"] == 1_583_551 * KR
    table = projection_table(result)
    assert list(table.columns)[:4] == ["År", "Intäkter", "Kostnader", "Årets resultat"]
    shown = dict(zip(assumptions_table(result)["Antagande"], assumptions_table(result)["Värde"]))
    assert shown["Räntebana"] == "2027: 1,75 %; 2028: 1,5 %"
    assert shown["Utträde: Samordningsförbundet Exempelby"] == \
        "från 2027: serviceavgift 45 000 kr, medlemsavgift 200 kr"


def test_first_year_later_than_the_base_shows_only_those_years(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    result = project(books, load_assumptions(books), 2028, 2029)
    assert list(result.years["year"]) == [2028, 2029]
    assert result.years["opening_equity"].iloc[0] == project(books, load_assumptions(books)).years.set_index(
        "year").at[2028, "opening_equity"]
    with pytest.raises(UsageError, match="starts in its base year 2026"):
        project(books, load_assumptions(books), 2025, 2030)


def test_bad_assumptions_are_reported_with_their_lines(tmp_path, example_dir):
    text = ZERO.replace("inflation_percent = 0", "inflation_percent = \"två\"\n[costs.lines]\n"
                        "\"kostnader.resor\" = 2.0") + "[[withdrawals]]\nmember = \"X\"\n"
    books = nns_finance.load(_folder(tmp_path, example_dir, text), strict=False)
    with pytest.raises(InputError) as err:
        load_assumptions(books)
    assert [str(p) for p in err.value.problems] == [
        "assumptions.toml:6: costs.inflation_percent: expected a rate in per cent, got 'två'",
        "assumptions.toml:8: costs.lines: 'kostnader.resor' is not a budget line with figures",
        "assumptions.toml:13: withdrawal 1: needs member, from_year and service_fee",
    ]


def test_without_an_assumptions_file_everything_is_zero(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, None), strict=False)
    result = project(books, load_assumptions(books), last=2027)
    assert list(result.years["result"] // KR) == [3_249, 3_249]
