"""The fee model, worked by hand: each rule and their combinations, in exact kronor."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from nns_finance.books.fee_books import load_for_fees as load   # a fees-only folder: no ledger
from nns_finance.fees.model import fee_table, fee_totals, totals_of
from nns_finance.core.problems import UsageError

KR = 100


def data(tmp_path: Path, members: str, fees: str) -> Path:
    (tmp_path / "settings.toml").write_text(
        '[organisation]\nname = "Test"\nfiscal_year = 2026\n\n[notice]\ndeadline = "09-30"\n\n' + fees,
        encoding="utf-8")
    (tmp_path / "members.csv").write_text(members, encoding="utf-8")
    return tmp_path


def row(table, member_id):
    return table.set_index("member_id").loc[member_id]


RATE_ONLY = """\
[fees.2026]
membership_fee = 200
service_rate_permille = 3.5
rounding = "krona"
"""


def test_rate_times_base_rounded_half_up_to_whole_kronor(tmp_path):
    books = load(data(tmp_path, "id;namn;underlag 2026\n"
                                "A;Ett;10 000 000\n"      # 35 000
                                "B;Två;1 234 567\n"       # 4 320,98… → 4 321
                                "C;Tre;3 000\n"           # 10,50 → 11 (half up)
                                "D;Fyra;2 999\n", RATE_ONLY))   # 10,4965 → 10
    t = fee_table(books, 2026)
    assert t["service_fee"].tolist() == [35_000 * KR, 4_321 * KR, 11 * KR, 10 * KR]
    assert t["limit"].tolist() == ["none"] * 4
    assert t["membership_fee"].tolist() == [200 * KR] * 4
    assert (t["total_fee"] == t["service_fee"] + t["membership_fee"] + t["indicator_fee"]).all()


def test_rounding_to_the_ore(tmp_path):
    books = load(data(tmp_path, "id;namn;underlag 2026\nB;Två;1 234 567\n",
                      RATE_ONLY.replace('"krona"', '"ore"')))
    assert fee_table(books, 2026)["service_fee"].tolist() == [432_098]   # 4 320,9845 → 4 320,98


INCREASE_PREVIOUS_RATE = """\
[fees.2026]
membership_fee = 200
service_rate_permille = 3.5
previous_rate_permille = 2.5
max_increase = 30000
max_increase_basis = "previous_rate"
"""


def test_maximum_increase_over_the_fee_at_the_previous_rate(tmp_path):
    books = load(data(tmp_path, "id;namn;underlag 2026\nA;Stor;40 000 000\nB;Mellan;20 000 000\n",
                      INCREASE_PREVIOUS_RATE))
    t = fee_table(books, 2026)
    a, b = row(t, "A"), row(t, "B")
    # A: 3,5 ‰ gives 140 000; 2,5 ‰ gives 100 000, + 30 000 = 130 000 binds
    assert (a["fee_before_limits"], a["increase_reference"], a["increase_cap"], a["service_fee"], a["limit"]) == \
        (140_000 * KR, 100_000 * KR, 130_000 * KR, 130_000 * KR, "max_increase")
    # B: 70 000 is below 50 000 + 30 000
    assert (b["service_fee"], b["increase_cap"], b["limit"]) == (70_000 * KR, 80_000 * KR, "none")


LAST_YEAR = """\
[fees.2025]
membership_fee = 200
service_rate_permille = 3.0

[fees.2026]
membership_fee = 200
service_rate_permille = 3.5
max_increase = 10000
max_increase_basis = "last_year_fee"
"""


def test_maximum_increase_over_last_years_fee(tmp_path):
    books = load(data(tmp_path, "id;namn;inträde;underlag 2025;underlag 2026\n"
                                "A;Gammal;2010-01-01;40 000 000;40 000 000\n"
                                "B;Ny;2026-01-01;;40 000 000\n", LAST_YEAR))
    t = fee_table(books, 2026)
    a, b = row(t, "A"), row(t, "B")
    # A paid 3 ‰ × 40 MSEK = 120 000 in 2025; 140 000 is capped at 120 000 + 10 000
    assert (a["last_year_fee"], a["service_fee"], a["limit"], a["change"]) == \
        (120_000 * KR, 130_000 * KR, "max_increase", 10_000 * KR)
    assert a["change_percent"] == pytest.approx(10_000 / 120_000)
    # B paid nothing last year: no cap
    assert (b["service_fee"], b["limit"]) == (140_000 * KR, "none")
    assert pd.isna(b["last_year_fee"]) and pd.isna(b["change"])


MAX_FEE = """\
[fees.2025]
membership_fee = 200
service_rate_permille = 3.5
previous_rate_permille = 2.5
max_increase = 30000

[fees.2026]
membership_fee = 200
service_rate_permille = 3.5
max_fee = 123400
"""


def test_maximum_fee_and_change_against_last_year(tmp_path):
    books = load(data(tmp_path, "id;namn;underlag 2025;underlag 2026\n"
                                "A;Störst;37 360 000;40 000 000\n"
                                "B;Liten;2 000 000;2 000 000\n", MAX_FEE))
    t = fee_table(books, 2026)
    a = row(t, "A")
    # 2025: 2,5 ‰ × 37 360 000 + 30 000 = 123 400 (the maxtaxa's origin); 2026: 140 000 → 123 400
    assert (a["last_year_fee"], a["fee_before_limits"], a["service_fee"], a["limit"], a["change"]) == \
        (123_400 * KR, 140_000 * KR, 123_400 * KR, "max_fee", 0)
    assert row(t, "B")["service_fee"] == 7_000 * KR
    assert fee_totals(books, 2026).set_index("item").loc["service", "amount"] == 130_400 * KR


def test_maximum_fee_and_increase_together_the_lower_binds(tmp_path):
    both = INCREASE_PREVIOUS_RATE + "max_fee = 125000\n"
    books = load(data(tmp_path, "id;namn;underlag 2026\nA;Stor;40 000 000\nB;Större;48 000 000\n", both))
    t = fee_table(books, 2026)
    # A: cap 130 000, max fee 125 000 → maxtaxa; B: 168 000 before, cap 120 000 + 30 000 = 150 000,
    # maxtaxa 125 000 → maxtaxa
    assert (row(t, "A")["service_fee"], row(t, "A")["limit"]) == (125_000 * KR, "max_fee")
    lower_cap = INCREASE_PREVIOUS_RATE.replace("30000", "20000") + "max_fee = 125000\n"
    books = load(data(tmp_path, "id;namn;underlag 2026\nA;Stor;40 000 000\n", lower_cap))
    a = row(fee_table(books, 2026), "A")
    assert (a["service_fee"], a["limit"]) == (120_000 * KR, "max_increase")   # 100 000 + 20 000 < 125 000
    tie = INCREASE_PREVIOUS_RATE + "max_fee = 130000\n"
    books = load(data(tmp_path, "id;namn;underlag 2026\nA;Stor;40 000 000\n", tie))
    a = row(fee_table(books, 2026), "A")
    assert (a["service_fee"], a["limit"]) == (130_000 * KR, "max_fee")        # a tie: the maximum fee


TWO_YEARS = """\
[fees.2025]
membership_fee = 200
service_rate_permille = 3.5
indicator_fee = 25000

[fees.2026]
membership_fee = 200
service_rate_permille = 3.5
indicator_fee = 25000
joining = "{joining}"
"""


REGISTER = ("id;namn;inträde;utträde anmält;utträde från;indikatoravtal från;indikatoravtal till;"
            "underlag 2025;underlag 2026\n"
            "A;Lämnar;2010-01-01;2025-09-30;;2024-01-01;;10 000 000;10 000 000\n"
            "B;Sent besked;2010-01-01;2025-10-01;;;;10 000 000;10 000 000\n"
            "C;Ny i april;2026-04-15;;;;;;10 000 000\n"
            "D;Avtal slut;2010-01-01;;;2024-01-01;2025-10-31;10 000 000;10 000 000\n")


def test_who_pays_withdrawal_joining_full_and_indicator(tmp_path):
    books = load(data(tmp_path, REGISTER, TWO_YEARS.format(joining="full")))
    t25, t26 = fee_table(books, 2025), fee_table(books, 2026)
    # 2025: A, B and D pay; C is not yet a member; A and D have indicator agreements
    assert t25["member_id"].tolist() == ["A", "B", "D"]
    assert t25["service_fee"].tolist() == [35_000 * KR] * 3
    assert t25["indicator_fee"].tolist() == [25_000 * KR, 0, 25_000 * KR]
    # 2026: A's notice on 30 September took effect 2026-01-01 → nothing; B's late notice → pays;
    # C joins in April and pays the full fee; D's agreement ended in 2025 → no indicator fee
    assert t26.set_index("member_id")["status"].to_dict() == {"A": "withdrawn", "B": "member", "C": "joins", "D": "member"}
    assert t26["service_fee"].tolist() == [0, 35_000 * KR, 35_000 * KR, 35_000 * KR]
    assert t26["indicator_fee"].tolist() == [0, 0, 0, 0]
    assert row(t26, "A")["change"] == -35_000 * KR
    assert totals_of(t26).set_index("item")["members"].to_dict() == \
        {"membership": 3, "service": 3, "indicator": 0, "total": 3}


def test_joining_pro_rata_by_month(tmp_path):
    books = load(data(tmp_path, REGISTER, TWO_YEARS.format(joining="pro_rata")))
    c = row(fee_table(books, 2026), "C")
    # April to December = 9 months: 35 000 × 9/12 = 26 250; 200 × 9/12 = 150
    assert (c["months"], c["service_fee"], c["membership_fee"]) == (9, 26_250 * KR, 150 * KR)


def test_joining_mid_year_full_or_pro_rata_rounded_half_up(tmp_path):
    register = ("id;namn;inträde;underlag 2026\n"
                "E;Från årsskiftet;2026-01-01;10 000 000\n"    # on the register on the fee date
                "F;I augusti;2026-08-20;10 000 000\n"          # August–December: 5 months
                "G;I december;2026-12-31;1 000 000\n")         # December: 1 month
    full = row_fees(fee_table(load(data(tmp_path, register, TWO_YEARS.format(joining="full"))), 2026))
    assert full == {"E": (12, 35_000 * KR, 200 * KR), "F": (12, 35_000 * KR, 200 * KR),
                    "G": (12, 3_500 * KR, 200 * KR)}
    pro = fee_table(load(data(tmp_path, register, TWO_YEARS.format(joining="pro_rata"))), 2026)
    # 35 000 × 5/12 = 14 583,33 → 14 583; 200 × 5/12 = 83,33 → 83;
    # 3 500 × 1/12 = 291,67 → 292; 200 × 1/12 = 16,67 → 17
    assert row_fees(pro) == {"E": (12, 35_000 * KR, 200 * KR), "F": (5, 14_583 * KR, 83 * KR),
                             "G": (1, 292 * KR, 17 * KR)}
    assert pro.set_index("member_id")["status"].to_dict() == {"E": "member", "F": "joins", "G": "joins"}
    assert totals_of(pro).set_index("item")["amount"].to_dict() == {
        "membership": 300 * KR, "service": 49_875 * KR, "indicator": 0, "total": 50_175 * KR}


def row_fees(table):
    return {m: (int(n), int(s), int(f)) for m, n, s, f in
            zip(table["member_id"], table["months"], table["service_fee"], table["membership_fee"])}


def test_scenario_without_a_member_and_with_grown_bases(tmp_path):
    books = load(data(tmp_path, REGISTER, TWO_YEARS.format(joining="full")))
    t = fee_table(books, 2026, without=["B"], base_growth=Decimal("2"))
    assert row(t, "B")["status"] == "without" and row(t, "B")["total_fee"] == 0
    # 10 000 000 × 1,02 = 10 200 000 → 35 700
    assert row(t, "D")["base"] == 1_020_000_000 and row(t, "D")["service_fee"] == 35_700 * KR


def test_changed_rules_and_bad_requests(tmp_path):
    books = load(data(tmp_path, REGISTER, TWO_YEARS.format(joining="full")))
    rule = dataclasses.replace(books.settings.fee_rule(2026), service_rate=Decimal("4"), max_fee=3_000_000)
    assert fee_table(books, 2026, rule)["service_fee"].tolist() == [0, 30_000 * KR, 30_000 * KR, 30_000 * KR]
    with pytest.raises(UsageError, match="unknown member id: X"):
        fee_table(books, 2026, without=["X"])
    with pytest.raises(UsageError, match="no fee rules for 2024 or any earlier year"):
        fee_table(books, 2024)
    needs_previous = dataclasses.replace(rule, max_increase=100)
    with pytest.raises(UsageError, match="previous_rate_permille"):
        fee_table(books, 2026, needs_previous)


LATER_YEARS = LAST_YEAR   # the 2026 rules carried into later years


def test_later_years_carry_the_rules_and_grow_the_bases_and_the_cap_keeps_working(tmp_path):
    folder = data(tmp_path, "id;namn;underlag 2025;underlag 2026\n"
                            "A;Stor;40 000 000;40 000 000\n"
                            "B;Liten;1 000 001;1 000 001\n", LATER_YEARS)
    (folder / "assumptions.toml").write_text("[income]\nfee_base_growth_percent = 10\n", encoding="utf-8")
    books = load(folder)
    t27, t28 = fee_table(books, 2027), fee_table(books, 2028)
    a27, a28 = row(t27, "A"), row(t28, "A")
    # 2025: 3 ‰ × 40 MSEK = 120 000; 2026: 140 000 capped at 130 000. 2027 (the 2026 rules, no
    # [fees.2027]): base 44 000 000 → 154 000, capped at last year's 130 000 + 10 000 = 140 000
    assert (a27["base"], a27["fee_before_limits"], a27["last_year_fee"], a27["service_fee"], a27["limit"]) == \
        (44_000_000 * KR, 154_000 * KR, 130_000 * KR, 140_000 * KR, "max_increase")
    # 2028: base 40 MSEK × 1,1² = 48 400 000 → 169 400, capped at 140 000 + 10 000
    assert (a28["base"], a28["service_fee"], a28["change"]) == (48_400_000 * KR, 150_000 * KR, 10_000 * KR)
    # B: 1 000 001 × 1,21 = 1 210 001,21 kr (rounded once, to the öre) → 3,5 ‰ = 4 235,004… → 4 235
    assert (row(t28, "B")["base"], row(t28, "B")["service_fee"]) == (121_000_121, 4_235 * KR)
    # growth given explicitly wins over the data folder's assumptions
    assert row(fee_table(books, 2027, growth={0: Decimal(0)}), "A")["base"] == 40_000_000 * KR


def test_a_year_with_its_own_rules_uses_them_and_a_note_says_when_they_are_carried(tmp_path):
    from nns_finance.fees.years import rules_in, rules_note

    books = load(data(tmp_path, "id;namn;underlag 2026\nA;Ett;1 000 000\n",
                      LATER_YEARS + '\n[fees.2029]\nmembership_fee = 300\nservice_rate_permille = 4.0\n'
                                    'fee_date = 2029-02-01\n'))
    settings = books.settings
    assert rules_in(settings, 2028) == dataclasses.replace(settings.fees[2026], year=2028)
    assert rules_in(settings, 2030).fee_date.isoformat() == "2030-02-01"
    assert rules_in(settings, 2030).service_rate == Decimal("4.0")
    assert rules_note(settings, 2026) == ""
    assert rules_note(settings, 2027, 2030) == ("Avgiftsregler för 2027–2028 saknas i settings.toml: reglerna "
                                                "för 2026 gäller. Avgiftsregler för 2030 saknas i settings.toml: "
                                                "reglerna för 2029 gäller.")
