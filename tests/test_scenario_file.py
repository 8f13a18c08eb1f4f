"""Scenario files: every mistake reported at once, each naming file, line and field."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import nns_finance
from nns_finance.books.fee_books import load_for_fees
from nns_finance.core.problems import InputError
from scenario_helpers import read_scenarios

from scenario_helpers import small_folder, write


@pytest.fixture
def books(tmp_path):
    return load_for_fees(small_folder(tmp_path / "data"))


BAD_TOML = '''name = "Fel"
colour = "blå"

[[withdrawals]]
member = "M99"
notice_date = 2025-09-30

[[withdrawals]]
member = "M02"
notice_date = 2028-10-01

[[withdrawals]]
member = "M03"

[[indicator_endings]]
member = "M02"
end_date = 2026-12-31

[[fee_changes]]
from_year = 2031
service_rate_permille = 4.0

[[line_changes]]
line = "kostnader.utvecklingsverksamhet"
from_year = 2027
amount = -1

[[line_changes]]
line = "kostnader.hyra"
from_year = 2027
percent = "tio"

[meeting]
participants = -5
fee = "tusen"
hall = "Posthuset"
'''

BAD_YAML = '''description: utan namn
meeting:
  date: 2025-04-15
  participants: many
withdrawals:
  - member: M04
    effective_date: 2026-01-01
    notice_date: 2025-09-30
'''

EXPECTED = [
    "members.csv: not a scenario file: expected a .toml, .yaml or .yml file",
    "scenarios/fel.toml:2: colour: unknown key (expected one of: base_growth_percent, description, "
    "fee_changes, indicator_endings, indicator_fee, line_changes, max_fee, max_increase, meeting, "
    "membership_fee, name, service_rate_permille, withdrawals, without, year)",
    "scenarios/fel.toml:5: withdrawals[1].member: unknown member 'M99' (not in the member register)",
    "scenarios/fel.toml:12: withdrawals[3]: give notice_date or effective_date",
    "scenarios/fel.toml:16: indicator_endings[1].member: member 'M02' has no indicator agreement "
    "(member register)",
    "scenarios/fel.toml:24: line_changes[1].line: line 'kostnader.utvecklingsverksamhet' has sub-lines; "
    "change one of them: kostnader.utvecklingsverksamhet.vald-i-nara-relationer, "
    "kostnader.utvecklingsverksamhet.indikatorverksamhet, kostnader.utvecklingsverksamhet.samverkansavtal-msi, "
    "kostnader.utvecklingsverksamhet.nns-forstudie-om-samverkan",
    "scenarios/fel.toml:29: line_changes[2].line: unknown budget line 'kostnader.hyra' (see budget.csv; "
    "codes look like 'kostnader.tjanstepersonstod')",
    "scenarios/fel.toml:31: line_changes[2].percent: expected a percentage, got 'tio'",
    "scenarios/fel.toml:33: meeting: missing date, venue_fixed, per_participant (a meeting plan states date, "
    "participants, fee, venue_fixed, per_participant)",
    "scenarios/fel.toml:34: meeting.participants: expected a whole number of at least 0, got -5",
    "scenarios/fel.toml:35: meeting.fee: expected an amount in kronor: not an amount: 'tusen'",
    "scenarios/fel.toml:36: meeting.hall: unknown key (expected one of: date, dinner_cancellation_days, "
    "fee, grant, minimum_participants, participants, per_participant, venue_cancellation_days, venue_fixed)",
    "scenarios/fel.yaml: name: missing (required)",
    "scenarios/fel.yaml:2: meeting: missing fee, venue_fixed, per_participant (a meeting plan states date, "
    "participants, fee, venue_fixed, per_participant)",
    "scenarios/fel.yaml:4: meeting.participants: expected a whole number, got 'many'",
    "scenarios/fel.yaml:6: withdrawals[1]: give notice_date or effective_date, not both",
    "scenarios/saknas.toml: cannot read file: No such file or directory",
    "scenarios/syntax.toml:2: not valid TOML: Expected ']' at the end of a table declaration",
]


def test_every_invalid_scenario_problem_at_once_with_file_line_and_field(books):
    folder = books.folder
    paths = [write(folder, "fel.toml", BAD_TOML), write(folder, "fel.yaml", BAD_YAML),
             write(folder, "syntax.toml", 'name = "x"\n[meeting\n'), folder / "scenarios" / "saknas.toml",
             folder / "members.csv"]
    with pytest.raises(InputError) as caught:
        read_scenarios(paths, books)
    assert [str(p) for p in caught.value.problems] == EXPECTED


def test_years_outside_given_projection_years(books):
    # with the years given (scenario --years 2026-2028) a later year is outside; checked as it
    # stands (no years given), a file for any year is fine: the years it names widen the check
    folder = books.folder
    path = write(folder, "sent.toml", 'name = "Sent"\n[[fee_changes]]\nfrom_year = 2031\n'
                                      'service_rate_permille = 4.0\n[meeting]\ndate = 2023-04-15\n'
                                      'participants = 120\nfee = 900\nvenue_fixed = 50000\nper_participant = 800\n')
    with pytest.raises(InputError) as caught:
        read_scenarios([path], books, years=(2026, 2028))
    assert [str(p) for p in caught.value.problems] == [
        "scenarios/sent.toml:3: fee_changes[1].from_year: 2031, outside the projection 2026–2028",
        "scenarios/sent.toml:6: meeting.date: 2023-04-15, outside the projection 2026–2028"]
    (s,) = read_scenarios([path], books)
    assert s.fee_changes[0].from_year == 2031 and s.meeting.date == dt.date(2023, 4, 15)


def test_a_change_before_the_projection_holds_from_its_first_year(books):
    path = write(books.folder, "tidigt.toml", 'name = "Tidigt"\n[[withdrawals]]\nmember = "M02"\n'
                                              'effective_date = 2023-01-01\n[[line_changes]]\n'
                                              'line = "kostnader.information"\nfrom_year = 2024\namount = -50000\n')
    (s,) = read_scenarios([path], books, years=(2026, 2028))
    assert [(w.member_id, w.effective_date) for w in s.withdrawals] == [("M02", dt.date(2023, 1, 1))]
    assert s.line_changes[0].from_year == 2026


def test_duplicate_names_and_wrong_types(books):
    a = write(books.folder, "a.toml", 'name = "Samma"\n')
    b = write(books.folder, "b.toml", 'name = "Samma"\nyear = "2027"\nmax_increase = [1]\n'
                                      'without = ["M02", 7]\n')
    with pytest.raises(InputError) as caught:
        read_scenarios([a, b], books)
    assert [str(p) for p in caught.value.problems] == [
        "scenarios/b.toml:2: year: expected a year like 2027, got '2027'",
        "scenarios/b.toml:3: max_increase: expected an amount in kronor, got [1]",
        "scenarios/b.toml:4: without[2]: expected a member id in quotes, got 7",
    ]


def test_a_file_combining_everything_reads_into_records(books):
    path = write(books.folder, "allt.toml", '''name = "Allt"
description = "varje slags förändring"
[[withdrawals]]
member = "M02"
notice_date = 2026-09-30
[[indicator_endings]]
member = "M03"
end_date = 2026-12-31
[[fee_changes]]
from_year = 2027
service_rate_permille = "3,8"
max_increase = 20000
max_increase_basis = "last_year_fee"
max_fee = "none"
[[line_changes]]
line = "intakter.utvecklingsverksamhet.samverkansavtal-msi"
from_year = 2027
amount = 250000
[meeting]
date = 2026-04-15
participants = 150
fee = 1000
venue_fixed = 202300
per_participant = 1500
grant = 300000
''')
    (s,) = read_scenarios([path], books)
    assert (s.name, s.file) == ("Allt", "scenarios/allt.toml")
    assert [(w.member_id, w.effective_date) for w in s.withdrawals] == [("M02", dt.date(2027, 1, 1))]
    assert [(e.member_id, e.end_date) for e in s.indicator_endings] == [("M03", dt.date(2026, 12, 31))]
    assert s.fee_changes[0].from_year == 2027
    assert dict(s.fee_changes[0].changes) == {"service_rate": Decimal("3.8"), "max_fee": None,
                                              "max_increase": 2_000_000,
                                              "max_increase_basis": "last_year_fee"}
    assert (s.line_changes[0].code, s.line_changes[0].amount) == (
        "intakter.utvecklingsverksamhet.samverkansavtal-msi", 25_000_000)
    assert (s.meeting.participants, s.meeting.grant, s.meeting.fee) == (150, 30_000_000, 100_000)


FEE_FILE = '''name = "Höjd sats"
description = "3,8 ‰ och maxtaxa 130 000 kr"
year = 2026
service_rate_permille = "3.8"
max_fee = 130000
max_increase = "none"
without = ["M04"]
base_growth_percent = "2"
'''


def test_the_fee_notebooks_scenario_file_works_in_both(books):
    from scenario_helpers import read_fee_scenarios
    from nns_finance.planning.scenarios import run_scenario

    path = write(books.folder, "hojd-sats.toml", FEE_FILE)
    (fee_scenario,) = read_fee_scenarios(books, 2026, path)
    assert fee_scenario.without == ("M04",) and fee_scenario.base_growth == Decimal("2")
    assert (fee_scenario.rule.service_rate, fee_scenario.rule.max_fee, fee_scenario.rule.max_increase) == (
        Decimal("3.8"), 130_000 * 100, None)
    (s,) = read_scenarios([path], books)
    out = run_scenario(books, s)
    # from 2026, bases +2 %: Storstad 3,8 ‰ of 51 000 000 = 193 800 → maxtaxa 130 000; Mellanby
    # 3,8 ‰ of 30 600 000 = 116 280; Lillby gone: 271 680 kr against 289 000 kr
    diff = dict(zip(out.years["year"], out.years["diff_income"]))
    assert diff == {2026: -17_320 * 100, 2027: -17_320 * 100, 2028: -17_320 * 100}


def test_a_maximum_increase_needs_what_it_is_measured_against(books):
    path = write(books.folder, "tak.toml", 'name = "Tak"\n[[fee_changes]]\nfrom_year = 2027\n'
                                          'max_increase = 30000\n')
    with pytest.raises(InputError) as caught:
        read_scenarios([path], books)
    assert [str(p) for p in caught.value.problems] == [
        "scenarios/tak.toml:4: fee_changes[1].max_increase: the increase is measured against the previous "
        'rate and none is given: add previous_rate_permille, or max_increase_basis = "last_year_fee"']


def test_any_scenario_file_works_for_the_fees_and_says_what_it_leaves_out(books):
    from nns_finance.planning.fee_scenarios import scenario_tables
    from scenario_helpers import read_fee_scenarios

    path = write(books.folder, "allt.yaml", """name: Allt
withdrawals:
  - member: M01
    notice_date: 2025-09-30
  - member: M04
    effective_date: 2026-01-01
  - member: M02
    notice_date: 2026-09-30
indicator_endings:
  - member: M03
    end_date: 2026-12-31
fee_changes:
  - from_year: 2026
    service_rate_permille: 4.0
  - from_year: 2027
    max_fee: none
line_changes:
  - line: kostnader.tjanstepersonstod
    from_year: 2027
    amount: -800000
meeting:
  date: 2026-04-15
  participants: 150
  fee: 1000
  venue_fixed: 202300
  per_participant: 1500
""")
    (s,) = read_fee_scenarios(books, 2026, path)
    assert (s.without, s.rule.service_rate, s.rule.max_fee) == (("M04",), Decimal("4.0"), 123_400 * 100)
    assert s.notes == (
        "M01 har redan utträtt enligt medlemsregistret (från 2026-01-01).",
        "Utträdet för M02 gäller från 2027-01-01: påverkar inte avgifterna 2026.",
        "Avgiftsändringar från 2027: gäller inte 2026.",
        "Används inte för avgifterna: 1 ändring(ar) av budgetrader och årsmötet (se nns-finance scenario).")
    (t,) = scenario_tables(books, 2026, [s])
    # 4 ‰: Storstad 200 000 → maxtaxa 123 400; Mellanby 120 000 and its indicator fee; Lillby gone
    assert dict(zip(t["member_id"], t["service_fee"])) == {"M01": 0, "M02": 123_400 * 100,
                                                           "M03": 120_000 * 100, "M04": 0}
    assert int(t["indicator_fee"].sum()) == 25_000 * 100
    (s27,) = read_fee_scenarios(books, 2027, path)
    (t27,) = scenario_tables(books, 2027, [s27])
    # 2027: no maximum fee; Storstad gone too; Mellanby's indicator agreement ended 2026-12-31
    assert s27.without == ("M04", "M02") and s27.rule.max_fee is None
    assert dict(zip(t27["member_id"], t27["service_fee"])) == {"M02": 0, "M03": 120_000 * 100, "M04": 0}
    assert int(t27["indicator_fee"].sum()) == 0
