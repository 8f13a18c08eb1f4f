"""The years ahead: all-zero assumptions repeat the 2026 budget; stated assumptions, hand-worked."""
from __future__ import annotations

import shutil

import pytest

import nns_finance
from nns_finance.core.problems import InputError, UsageError
from nns_finance.planning.projection import (
    assumptions_table, load_assumptions, project, projection_table
)

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


def _folder(tmp_path, example_dir, assumptions: str | None, register: bool = False):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("settings.toml", "budget.csv", "accounts.csv") + (("members.csv",) if register else ()):
        shutil.copy(example_dir / name, folder / name)
    if assumptions is not None:
        (folder / "assumptions.toml").write_text(assumptions, encoding="utf-8")
    return folder


def test_all_zero_assumptions_repeat_the_2026_budget_year_after_year(tmp_path, example_dir):
    # the example register: its fees at the 2026 rules are the 2026 budget's fee lines to the
    # krona, and it records no change after 2026-01-01, so "all zero" repeats the budget
    books = nns_finance.load(_folder(tmp_path, example_dir, ZERO, register=True), strict=False)
    result = project(books, load_assumptions(books), 2026, 2030)
    assert result.fees is not None and sorted(result.fees) == [2026, 2027, 2028, 2029, 2030]
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


def test_a_withdrawal_in_the_register_after_the_base_year_is_a_real_change(tmp_path, example_dir):
    folder = _folder(tmp_path, example_dir, ZERO, register=True)
    text = (folder / "members.csv").read_text(encoding="utf-8")
    # Sälgängen (M02, base 10 754 604 kr → 3,5 ‰ = 37 641 kr) gives notice 2027-03-01: gone 2028
    (folder / "members.csv").write_text(text.replace("M02;Samordningsförbundet Sälgängen (exempel);222999-0029;"
                                                     "2008-06-01;;", "M02;Samordningsförbundet Sälgängen (exempel);"
                                                     "222999-0029;2008-06-01;2027-03-01;"), encoding="utf-8")
    books = nns_finance.load(folder, strict=False)
    result = project(books, load_assumptions(books), 2026, 2030)
    assert list(result.years["result"] // KR) == [3_249, 3_249, 3_249 - 37_841, 3_249 - 37_841, 3_249 - 37_841]
    shown = dict(zip(assumptions_table(result)["Antagande"], assumptions_table(result)["Värde"]))
    assert shown["Utträde: Samordningsförbundet Sälgängen (exempel) (M02)"] == "från 2028-01-01 (medlemsregistret)"


def test_example_assumptions_hand_worked(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    result = project(books, load_assumptions(books), 2026, 2030)
    line = {(r.code, r.year): r.amount // KR for r in result.lines.itertuples()}
    # service fees from the fee model: the 2026 rules carried forward, bases 2026 × 1,02 a year,
    # Lönnängen (M53, 31 964 kr in 2026) gone from 2027, Ekbacken and Granbacken at the maximum
    # fee 123 400 kr: about (1 732 849 − 31 964 − 2 × 123 400) × 1,02 + 2 × 123 400 = 1 729 967,
    # member by member rounded to whole kronor
    assert line[("intakter.serviceavgifter", 2026)] == 1_732_849                # the budget
    assert line[("intakter.serviceavgifter", 2027)] == 1_729_970
    for year in range(2027, 2031):
        table = result.fees[year].set_index("member_id")
        assert line[("intakter.serviceavgifter", year)] * KR == table["service_fee"].sum()
        assert line[("intakter.medlemsavgifter", year)] * KR == table["membership_fee"].sum()
        assert table.loc[["M01", "M13"], "service_fee"].tolist() == [123_400 * KR] * 2
    m53 = result.fees[2027].set_index("member_id").loc["M53"]
    assert (m53["status"], m53["service_fee"], m53["last_year_fee"]) == ("withdrawn", 0, 31_964 * KR)
    assert line[("intakter.medlemsavgifter", 2027)] == 11_200               # one member fewer
    # Indikatorverksamhet: 260 000 kr, of which 10 indicator fees × 25 000 kr, unchanged
    assert line[("intakter.utvecklingsverksamhet.indikatorverksamhet", 2030)] == 260_000
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
    assert shown["Utträde: Samordningsförbundet Lönnängen (exempel) (M53)"] == "från 2027 (antagande)"
    assert shown["Avgiftsregler"] == "Avgiftsregler för 2027–2030 saknas i settings.toml: reglerna för 2026 gäller."
    assert "Serviceavgifter 2026 enligt avgiftsmodellen" not in shown       # the model is the budget


SMALL = """\
base_year = 2026
[income]
fee_base_growth_percent = 10
[[withdrawals]]
member = "M04"
from_year = 2028
"""


def test_fee_lines_member_by_member_on_a_small_register(tmp_path):
    from scenario_helpers import small_folder

    folder = small_folder(tmp_path / "data")
    (folder / "assumptions.toml").write_text(SMALL, encoding="utf-8")
    books = nns_finance.load(folder)
    result = project(books, load_assumptions(books), 2026, 2028)
    line = {(r.code, r.year): r.amount // KR for r in result.lines.itertuples()}
    # 2026 is the budget. 2027, bases + 10 %: Storstad 55 MSEK → 192 500 capped at 123 400;
    # Mellanby 33 MSEK → 115 500; Lillby 11 MSEK → 38 500. 2028 without Lillby: Storstad 123 400,
    # Mellanby 36,3 MSEK → 127 050 capped at 123 400
    assert [line[("intakter.serviceavgifter", y)] for y in (2026, 2027, 2028)] == [1_732_849, 277_400, 246_800]
    assert [line[("intakter.medlemsavgifter", y)] for y in (2026, 2027, 2028)] == [11_400, 600, 400]
    # Indikatorverksamhet: 260 000 − Mellanby's 25 000 stays, plus the model's 25 000
    assert line[("intakter.utvecklingsverksamhet.indikatorverksamhet", 2028)] == 260_000
    shown = dict(zip(assumptions_table(result)["Antagande"], assumptions_table(result)["Värde"]))
    assert shown["Serviceavgifter 2026 enligt avgiftsmodellen"] == \
        "263 400 kr (budgeten 1 732 849 kr); åren efter basåret följer modellen"
    assert shown["Medlemsavgifter 2026 enligt avgiftsmodellen"] == \
        "600 kr (budgeten 11 400 kr); åren efter basåret följer modellen"
    assert shown["Utträde: Samordningsförbundet Lillby (M04)"] == "från 2028 (antagande)"


def test_withdrawals_name_register_members_with_file_and_line(tmp_path):
    from scenario_helpers import small_folder

    folder = small_folder(tmp_path / "data")
    (folder / "assumptions.toml").write_text(
        "base_year = 2026\n"
        "[[withdrawals]]\nmember = \"Samordningsförbundet Exempelby\"\nfrom_year = 2027\n"
        "service_fee = 45000\n"
        "[[withdrawals]]\nmember = \"M01\"\nfrom_year = 2027\n"
        "[[withdrawals]]\nmember = \"M02\"\nfrom_year = 2026\n"
        "[[withdrawals]]\nmember = \"M03\"\nfrom_year = \"2027\"\n", encoding="utf-8")
    books = nns_finance.load(folder, strict=False)
    assert len([p for p in books.problems if p.file == "assumptions.toml"]) == 5     # `check` finds them
    with pytest.raises(InputError) as err:
        nns_finance.load(folder, needs=("assumptions",))
    assert [str(p) for p in err.value.problems] == [
        "assumptions.toml:3: withdrawals[1].member: unknown member 'Samordningsförbundet Exempelby' (not in the "
        "member register; use its member id, e.g. 'M41')",
        "assumptions.toml:5: withdrawals[1].service_fee: unknown key (expected member, from_year) (no longer "
        "used: the fees come from the fee model, member by member)",
        "assumptions.toml:7: withdrawals[2].member: member 'M01' already leaves on 2026-01-01 (member register)",
        "assumptions.toml:10: withdrawals[3].from_year: 2026: the base year 2026 is its budget unchanged; "
        "a withdrawal counts from a later year",
        "assumptions.toml:14: withdrawals[4].from_year: expected a year like 2027, got '2027'",
    ]


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
    with pytest.raises(InputError) as err:
        nns_finance.load(_folder(tmp_path, example_dir, text), needs=("assumptions",))
    assert [str(p) for p in err.value.problems] == [
        "assumptions.toml:6: costs.inflation_percent: expected a rate in per cent, got 'två'",
        "assumptions.toml:8: costs.lines: 'kostnader.resor' is not a budget line with figures",
        "assumptions.toml:13: withdrawals[1].from_year: expected a year like 2027, got None",
    ]


def test_without_an_assumptions_file_everything_is_zero(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, None), strict=False)
    result = project(books, load_assumptions(books), last=2027)
    assert list(result.years["result"] // KR) == [3_249, 3_249]


def test_lines_with_amounts_of_their_own_on_another_association(tmp_path):
    """Norrsken (2030): Bidrag/Region stated at 55 000 kr from 2032; Personal stated at 100 000 kr
    from 2032, before that and after it 10 % inflation a year from 2031:
    Region 40 000, 40 000, 55 000, 55 000; Personal −90 000, −99 000, −100 000, −110 000."""
    from pathlib import Path

    folder = tmp_path / "norrsken"
    shutil.copytree(Path(__file__).parent / "fixtures" / "budget-proposal-norrsken", folder)
    (folder / "assumptions.toml").write_text(
        'base_year = 2030\n[costs]\ninflation_percent = { 2031 = 10 }\n'
        '[income.amounts]\n"intakter.bidrag.region" = { 2032 = 55000 }\n'
        '[costs.amounts]\n"kostnader.personal" = { 2032 = "100 000" }\n', encoding="utf-8")
    books = nns_finance.load(folder)
    p = project(books, load_assumptions(books), last=2033)
    lines = p.lines.set_index(["code", "year"])["amount"]
    assert [lines[("intakter.bidrag.region", y)] for y in range(2030, 2034)] == \
        [40_000 * KR, 40_000 * KR, 55_000 * KR, 55_000 * KR]
    assert [lines[("kostnader.personal", y)] for y in range(2030, 2034)] == \
        [-90_000 * KR, -99_000 * KR, -100_000 * KR, -110_000 * KR]
    table = dict(assumptions_table(p).itertuples(index=False))
    assert table["Region"] == "2032: 55 000 kr"
    assert table["Personal"] == "2032: 100 000 kr; därefter + kostnadsökning"


def test_an_amount_for_a_line_the_budget_lacks_is_an_error_with_its_line(tmp_path, example_dir):
    folder = _folder(tmp_path, example_dir, 'base_year = 2026\n[income.amounts]\n"intakter.msi" = { 2029 = 1 }\n'
                                            '[costs.amounts]\n"kostnader.personal" = 5\n')
    with pytest.raises(InputError) as caught:
        nns_finance.load(folder)
    assert [str(p) for p in caught.value.problems] == [
        "assumptions.toml:3: income.amounts: 'intakter.msi' is not a budget line with figures",
        "assumptions.toml:5: costs.amounts: 'kostnader.personal': give the amount per year: { 2027 = 100000 }"]
