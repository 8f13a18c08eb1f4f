"""The annual meeting model: the minutes' 622 300 kr for 280 participants, and what follows."""
from __future__ import annotations

import datetime as dt

from dataclasses import replace

import pytest

from nns_finance.core.settings import BudgetLines
from nns_finance.core.problems import UsageError
from nns_finance.planning.meeting import (
    MeetingPlan, break_even_fee, deadlines, meeting_cost, meeting_figures, meeting_lines, net_cost_table
)

KR = 100
#: the minutes' offer (Posthuset, 15 April 2026), split as the example's scenario files split it:
#: 202 300 kr fixed + 1 500 kr per participant, at least 100, cancellation 120 and 60 days before
POSTHUSET = MeetingPlan(date=dt.date(2026, 4, 15), participants=280, fee=1_000 * KR, venue_fixed=202_300 * KR,
                        per_participant=1_500 * KR, minimum_participants=100, venue_cancellation_days=120,
                        dinner_cancellation_days=60)


def plan(**changes) -> MeetingPlan:
    return replace(POSTHUSET, **changes)


def test_reproduces_622_300_kr_for_280_participants():
    p = plan()
    assert meeting_cost(p, 280) == 622_300 * KR
    f = meeting_figures(p)
    assert (f.cost, f.fee_income, f.grant, f.net) == (622_300 * KR, 280_000 * KR, 0, -342_300 * KR)


def test_guaranteed_minimum_is_charged_however_few_come():
    p = plan()
    assert meeting_cost(p, 60) == meeting_cost(p, 100) == (202_300 + 100 * 1_500) * KR


def test_break_even_fee_with_and_without_the_grant():
    # without a grant: 622 300 / 280 = 2 222,50 kr → 2 223 kr (rounded up to whole kronor)
    assert break_even_fee(plan(), 280) == 2_223 * KR
    # a 300 000 kr grant: (427 300 − 300 000) / 150 = 848,67 → 849 kr
    assert break_even_fee(plan(grant=300_000 * KR), 150) == 849 * KR
    # a grant larger than the bill covers only the bill
    f = meeting_figures(plan(grant=1_000_000 * KR, fee=0), 100)
    assert (f.grant, f.net, f.break_even_fee) == (352_300 * KR, 0, 0)


def test_net_cost_table_by_participant_count():
    t = net_cost_table(plan(grant=300_000 * KR), [100, 150, 280])
    assert t["net"].tolist() == [(100_000 + 300_000 - 352_300) * KR, (150_000 + 300_000 - 427_300) * KR,
                                 (280_000 + 300_000 - 622_300) * KR]
    assert str(t["cost"].dtype) == "int64"


def test_cancellation_deadlines_as_dates():
    d = deadlines(plan())
    assert d["last_day"].tolist() == [dt.date(2025, 12, 16), dt.date(2026, 2, 14)]


def test_a_plan_without_cancellation_terms_has_no_deadlines_and_no_minimum():
    p = MeetingPlan(date=dt.date(2031, 9, 3), participants=40, fee=500 * KR, venue_fixed=10_000 * KR,
                    per_participant=250 * KR)
    assert deadlines(p).empty
    assert meeting_cost(p, 10) == (10_000 + 10 * 250) * KR        # no guaranteed minimum


def test_the_meeting_is_booked_on_the_lines_settings_name():
    named = BudgetLines(meeting_income="intakter.konferens", meeting_cost="kostnader.konferens")
    assert meeting_lines(plan(grant=300_000 * KR), named) == {
        "intakter.konferens": (280_000 + 300_000) * KR, "kostnader.konferens": -622_300 * KR}
    with pytest.raises(UsageError, match=r"\[budget_lines\] meeting_income"):
        meeting_lines(plan(), BudgetLines())
