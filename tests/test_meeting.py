"""The annual meeting model: the minutes' 622 300 kr for 280 participants, and what follows."""
from __future__ import annotations

import datetime as dt

from nns_finance.planning.meeting import (
    MeetingPlan, break_even_fee, deadlines, meeting_cost, meeting_figures, net_cost_table
)

KR = 100


def test_reproduces_622_300_kr_for_280_participants():
    plan = MeetingPlan()            # 202 300 kr fixed + 1 500 kr per participant
    assert meeting_cost(plan, 280) == 622_300 * KR
    f = meeting_figures(plan)
    assert (f.cost, f.fee_income, f.grant, f.net) == (622_300 * KR, 280_000 * KR, 0, -342_300 * KR)


def test_guaranteed_minimum_is_charged_however_few_come():
    plan = MeetingPlan()
    assert meeting_cost(plan, 60) == meeting_cost(plan, 100) == (202_300 + 100 * 1_500) * KR


def test_break_even_fee_with_and_without_the_grant():
    # without a grant: 622 300 / 280 = 2 222,50 kr → 2 223 kr (rounded up to whole kronor)
    assert break_even_fee(MeetingPlan(), 280) == 2_223 * KR
    # a 300 000 kr grant: (427 300 − 300 000) / 150 = 848,67 → 849 kr
    assert break_even_fee(MeetingPlan(grant=300_000 * KR), 150) == 849 * KR
    # a grant larger than the bill covers only the bill
    f = meeting_figures(MeetingPlan(grant=1_000_000 * KR, fee=0), 100)
    assert (f.grant, f.net, f.break_even_fee) == (352_300 * KR, 0, 0)


def test_net_cost_table_by_participant_count():
    t = net_cost_table(MeetingPlan(grant=300_000 * KR), [100, 150, 280])
    assert t["net"].tolist() == [(100_000 + 300_000 - 352_300) * KR, (150_000 + 300_000 - 427_300) * KR,
                                 (280_000 + 300_000 - 622_300) * KR]
    assert str(t["cost"].dtype) == "int64"


def test_cancellation_deadlines_as_dates():
    d = deadlines(MeetingPlan())
    assert d["last_day"].tolist() == [dt.date(2025, 12, 16), dt.date(2026, 2, 14)]
