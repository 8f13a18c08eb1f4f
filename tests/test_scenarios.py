"""The scenario engine, on a four-member register worked by hand (see scenario_helpers)."""
from __future__ import annotations

import glob

import pytest

import nns_finance
from nns_finance.books.fee_books import load_for_fees
from nns_finance.core.problems import Problems
from scenario_helpers import read_scenario, read_scenarios
from nns_finance.reports.scenario_tables import compare, most_affected, side_by_side, summary
from nns_finance.planning.scenarios import baseline, run_scenario, totals

from scenario_helpers import EXAMPLE, small_folder, write

KR = 100


@pytest.fixture
def books(tmp_path):
    return load_for_fees(small_folder(tmp_path / "data"))


def run(books, text, name="s.toml", years=(2026, 2028)):
    problems = Problems()
    scenario = read_scenario(write(books.folder, name, text), problems, books, years)
    assert not problems.items, [str(p) for p in problems]
    return run_scenario(books, scenario, years)


def by_year(frame, column):
    return dict(zip(frame["year"], frame[column]))


def test_sodra_vanern_departure_lowers_2026_fee_income_by_exactly_its_fees(books):
    out = run(books, 'name = "Södra Vänern lämnar"\n'
                     '[[withdrawals]]\nmember = "M01"\nnotice_date = 2025-09-30\n')
    # 3.5 ‰ of 20 000 000 kr = 70 000 kr service fee + 200 kr membership fee
    assert by_year(out.years, "diff_income") == {2026: -70_200 * KR, 2027: -70_200 * KR, 2028: -70_200 * KR}
    assert by_year(out.years, "diff_costs") == {2026: 0, 2027: 0, 2028: 0}
    assert by_year(out.years, "diff_equity") == {2026: -70_200 * KR, 2027: -140_400 * KR, 2028: -210_600 * KR}
    lines = out.lines[(out.lines["year"] == 2026) & (out.lines["difference"] != 0)]
    assert dict(zip(lines["code"], lines["difference"])) == {
        "intakter.medlemsavgifter": -200 * KR, "intakter.serviceavgifter": -70_000 * KR}
    sv = out.members[(out.members["member_id"] == "M01") & (out.members["year"] == 2026)].iloc[0]
    assert (sv["ref_total"], sv["total"], sv["difference"]) == (70_200 * KR, 0, -70_200 * KR)
    # the register already holds the departure: the scenario itself is the baseline
    assert out.reference == "baseline with Samordningsförbundet Södra Vänern staying"
    base = totals(books, baseline(books).lines, baseline(books).opening)
    assert by_year(out.years, "result") == by_year(base, "result")


def test_notice_one_day_after_the_deadline_moves_the_effect_a_year(books):
    on_time = run(books, 'name = "i tid"\n[[withdrawals]]\nmember = "M04"\nnotice_date = 2026-09-30\n')
    late = run(books, 'name = "för sent"\n[[withdrawals]]\nmember = "M04"\nnotice_date = 2026-10-01\n')
    # Lillby: 3.5 ‰ of 10 000 000 kr = 35 000 kr + 200 kr
    assert by_year(on_time.years, "diff_result") == {2026: 0, 2027: -35_200 * KR, 2028: -35_200 * KR}
    assert by_year(late.years, "diff_result") == {2026: 0, 2027: 0, 2028: -35_200 * KR}


def test_a_scenario_that_changes_nothing_equals_the_baseline(books):
    out = run(books, 'name = "Inget"\ndescription = "ingen förändring"\n')
    base = baseline(books)
    expected = totals(books, base.lines, base.opening)
    for col in ("income", "costs", "result", "equity"):
        assert by_year(out.years, col) == by_year(expected, col)
        assert set(out.years[f"diff_{col}"]) == {0}
    assert set(out.members["difference"]) == {0}
    # the 2026 budget: result 3 249 kr, closing equity 1 583 551 kr
    assert by_year(out.years, "result")[2026] == 3_249 * KR
    assert by_year(out.years, "equity")[2026] == 1_583_551 * KR


def test_service_fee_four_per_mille_without_maximum_fee_from_2027(books):
    out = run(books, 'name = "4 promille"\nyear = 2027\nservice_rate_permille = 4.0\nmax_fee = "none"\n')
    # 2027: 200 000 + 120 000 + 40 000 = 360 000 kr against 123 400 + 105 000 + 35 000 = 263 400 kr
    assert by_year(out.years, "diff_income") == {2026: 0, 2027: 96_600 * KR, 2028: 96_600 * KR}
    storstad = out.members[(out.members["member_id"] == "M02") & (out.members["year"] == 2027)].iloc[0]
    assert (storstad["ref_service"], storstad["service"]) == (123_400 * KR, 200_000 * KR)


def test_line_changes_amount_change_and_percent(books):
    out = run(books, 'name = "Rader"\n'
                     '[[line_changes]]\nline = "kostnader.tjanstepersonstod"\nfrom_year = 2027\namount = -800000\n'
                     '[[line_changes]]\nline = "intakter.utvecklingsverksamhet.samverkansavtal-msi"\n'
                     'from_year = 2028\npercent = -10\n'
                     '[[line_changes]]\nline = "kostnader.information"\nfrom_year = 2026\nchange = -5000,50\n'
                     .replace("-5000,50", '"-5 000,50"'))
    # staff support 1 000 000 → 800 000 kr; MSI 500 000 kr − 10 %; information 5 000,50 kr more
    assert by_year(out.years, "diff_costs") == {2026: -500_050, 2027: 19_499_950, 2028: 19_499_950}
    assert by_year(out.years, "diff_income") == {2026: 0, 2027: 0, 2028: -50_000 * KR}


def test_indicator_agreement_ending_stops_the_indicator_fee_the_year_after(books):
    out = run(books, 'name = "Indikator"\n[[indicator_endings]]\nmember = "M03"\nend_date = 2026-12-31\n')
    assert by_year(out.years, "diff_income") == {2026: 0, 2027: -25_000 * KR, 2028: -25_000 * KR}
    line = out.lines[(out.lines["difference"] != 0)]
    assert set(line["code"]) == {"intakter.utvecklingsverksamhet.indikatorverksamhet"}


def test_annual_meeting_replaces_the_budgets_meeting_lines(books):
    out = run(books, 'name = "Årsmöte"\n[meeting]\ndate = 2026-04-15\nparticipants = 280\nfee = 1000\n'
                        'venue_fixed = 202300\nper_participant = 1500\n')
    # 622 300 kr cost − 280 000 kr fees = −342 300 kr net against the budget's −340 000 kr
    assert by_year(out.years, "diff_result") == {2026: -2_300 * KR, 2027: 0, 2028: 0}
    lines = out.lines[(out.lines["year"] == 2026) & out.lines["code"].str.contains("arsmote")]
    assert dict(zip(lines["code"], lines["scenario"])) == {
        "intakter.konferenser.arsmote-medlemsmote": 280_000 * KR,
        "kostnader.konferenser.arsmote-medlemsmote": -622_300 * KR}


def test_side_by_side_and_most_affected(books):
    paths = [write(books.folder, "a.toml", 'name = "Storstad lämnar"\n[[withdrawals]]\nmember = "M02"\n'
                                           'effective_date = 2027-01-01\n'),
             write(books.folder, "b.yaml", 'name: Inget\n')]
    c = compare(books, read_scenarios(paths, books))
    s = summary(c)
    assert list(s["scenario"].unique()) == ["Bas", "Storstad lämnar", "Inget"]
    row = s[(s["scenario"] == "Storstad lämnar") & (s["year"] == 2028)].iloc[0]
    assert (row["diff_result"], row["diff_equity"]) == (-123_600 * KR, -247_200 * KR)
    table = side_by_side(c)
    skillnad = table[(table["Scenario"] == "Storstad lämnar") & (table["Post"] == "Skillnad eget kapital")]
    assert skillnad[["2026", "2027", "2028"]].values.tolist() == [["0 kr", "-123 600 kr", "-247 200 kr"]]
    top = most_affected(c)
    assert top.values.tolist() == [["Storstad lämnar", "Samordningsförbundet Storstad", "0 kr",
                                    "-123 600 kr", "-123 600 kr", "-247 200 kr"]]


def test_example_sodra_vanern_file_shows_the_size_of_its_departure():
    books = nns_finance.load(EXAMPLE, strict=False)
    scenarios = read_scenarios(sorted(glob.glob(str(EXAMPLE / "scenarios" / "*"))), books)
    assert len(scenarios) == 7
    sv = run_scenario(books, next(s for s in scenarios if s.name == "Södra Vänern lämnar"))
    # 3.5 ‰ of its last base 9 508 078 kr = 33 278 kr (rounded) + 200 kr membership fee
    assert by_year(sv.years, "diff_income")[2026] == -33_478 * KR


ASSUMED = """\
base_year = 2026
[income]
fee_base_growth_percent = 10
[costs]
inflation_percent = 2
[[withdrawals]]
member = "M04"
from_year = 2028
"""


@pytest.fixture
def projected(tmp_path):
    folder = small_folder(tmp_path / "data")
    (folder / "assumptions.toml").write_text(ASSUMED, encoding="utf-8")
    return load_for_fees(folder)


def test_a_scenario_that_changes_nothing_equals_the_projection_year_by_year(projected):
    from nns_finance.planning.projection import load_assumptions, project

    p = project(projected, load_assumptions(projected), 2026, 2028)
    out = run(projected, 'name = "Inget"\n')
    assert by_year(out.years, "income") == by_year(p.years, "income")
    assert by_year(out.years, "result") == by_year(p.years, "result")
    assert by_year(out.years, "equity") == by_year(p.years, "closing_equity")
    lines = out.lines.merge(p.lines, on=["code", "year"])
    assert (lines["scenario"] == lines["amount"]).all() and len(lines) == len(p.lines)
    # the projection's fee lines are the members' fees: 2027 Storstad 123 400 (maximum fee),
    # Mellanby 115 500, Lillby 38 500 (bases + 10 %); 2028 without Lillby (assumptions.toml)
    fees = out.members.groupby("year")["service"].sum()
    assert fees.loc[2027] == 277_400 * KR and fees.loc[2028] == 246_800 * KR
    assert p.lines.set_index(["code", "year"]).at[("intakter.serviceavgifter", 2028), "amount"] == 246_800 * KR


def test_increase_cap_against_last_years_fee_works_in_projected_years(projected):
    out = run(projected, 'name = "Tak"\n[[fee_changes]]\nfrom_year = 2027\nmax_fee = "none"\n'
                         'max_increase = 5000\nmax_increase_basis = "last_year_fee"\n')
    service = out.members.pivot_table(index="member_id", columns="year", values="service", aggfunc="sum")
    # 2027: last year's fee + 5 000: Storstad 128 400 (192 500 before), Mellanby 110 000 (115 500),
    # Lillby 38 500 stays under 40 000; 2028 on the scenario's own 2027 fees: Storstad 133 400,
    # Mellanby 115 000; Lillby gone (assumptions.toml)
    assert service.loc[["M02", "M03", "M04"], 2027].tolist() == [128_400 * KR, 110_000 * KR, 38_500 * KR]
    assert service.loc[["M02", "M03", "M04"], 2028].tolist() == [133_400 * KR, 115_000 * KR, 0]
    # against the projection: 276 900 − 277 400 kr in 2027, 248 400 − 246 800 kr in 2028
    assert by_year(out.years, "diff_income") == {2026: 0, 2027: -500 * KR, 2028: 1_600 * KR}


def test_a_scenario_letting_an_assumed_leaver_leave_shows_its_size(projected):
    out = run(projected, 'name = "Lillby"\n[[withdrawals]]\nmember = "M04"\neffective_date = 2028-01-01\n')
    # assumptions.toml already lets Lillby go in 2028: compared with it staying, 2028 loses its
    # 3,5 ‰ × 12 100 000 = 42 350 kr service fee and 200 kr membership fee
    assert out.reference == "baseline with Samordningsförbundet Lillby staying"
    assert by_year(out.years, "diff_income") == {2026: 0, 2027: 0, 2028: -42_550 * KR}


def test_a_meeting_in_an_earlier_budget_year_starts_the_plan_there(tmp_path):
    """Another association (Norrsken, 2030–2031), the budget already holding next year: a
    scenario for this year's meeting works without --years, booked on the lines its settings
    name. 40 participants × 500 kr = 20 000 kr income; 10 000 kr fixed + 40 × 250 kr = 20 000 kr
    cost: net 0 against the budget's 0 + −6 000 kr, so the 2030 result is 6 000 kr better."""
    import shutil

    from nns_finance.books.scenario_file import plan_years, scenarios_from

    data = tmp_path / "norrsken"
    shutil.copytree(EXAMPLE.parent.parent / "tests" / "fixtures" / "budget-proposal-norrsken", data)
    budget = (data / "budget.csv").read_text(encoding="utf-8").splitlines()
    rows = [budget[0] + ";2031 Budget"] + [r + ";" + r.rsplit(";", 1)[1] for r in budget[1:]]
    rows.insert(3, ";Intäkter;Mötesavgifter;;0;0")
    (data / "budget.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    settings = data / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[budget_lines]\nmeeting_income = '
                        '"intakter.motesavgifter"\nmeeting_cost = "kostnader.moten"\n', encoding="utf-8")
    path = data / "stamma.toml"
    path.write_text('name = "Stämma 2030"\n[meeting]\ndate = 2030-05-20\nparticipants = 40\nfee = 500\n'
                    'venue_fixed = 10000\nper_participant = 250\n', encoding="utf-8")
    books = nns_finance.load(data, scenarios=[path])
    assert plan_years(books) == (2030, 2033)
    (scenario,) = scenarios_from(books)
    out = run_scenario(books, scenario)
    assert by_year(out.years, "diff_result") == {2030: 6_000 * KR, 2031: 0, 2032: 0, 2033: 0}
    lines = out.lines[(out.lines["year"] == 2030) & (out.lines["difference"] != 0)]
    assert dict(zip(lines["code"], lines["scenario"])) == {"intakter.motesavgifter": 20_000 * KR,
                                                           "kostnader.moten": -20_000 * KR}
