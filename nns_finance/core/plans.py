"""The board's plans as records: the annual meeting as a scenario file or the notebook gives it.

The defaults are the example's meeting (see :mod:`nns_finance.planning.meeting` for the model
that turns a plan into income and cost).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

KR = 100


@dataclass(frozen=True)
class MeetingPlan:
    """The annual meeting as the board plans it (amounts in öre).

    date:                     the meeting's first day (the dinner is that evening)
    participants:             expected participants
    fee:                      participant fee, per participant
    venue_fixed:              the venue's fixed part, whatever the attendance
    per_participant:          cost per participant (meals, dinner)
    minimum_participants:     the guaranteed minimum the venue charges per-participant costs for
    grant:                    a grant covering part of the cost (e.g. Vinnova); 0 = none
    venue_cancellation_days:  days before ``date`` the venue can be cancelled without charge
    dinner_cancellation_days: days before ``date`` the dinner can be cancelled without charge
    """

    date: dt.date = dt.date(2026, 4, 15)
    participants: int = 280
    fee: int = 1_000 * KR
    venue_fixed: int = 202_300 * KR
    per_participant: int = 1_500 * KR
    minimum_participants: int = 100
    grant: int = 0
    venue_cancellation_days: int = 120
    dinner_cancellation_days: int = 60

    @property
    def year(self) -> int:
        return self.date.year
