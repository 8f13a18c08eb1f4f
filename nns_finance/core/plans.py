"""The board's plans as records: the annual meeting as a scenario file gives it.

A plan states its own date and figures: nothing here defaults to any association's meeting (see
:mod:`nns_finance.planning.meeting` for the model that turns a plan into income and cost).
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
    venue_cancellation_days:  days before ``date`` the venue can be cancelled without charge;
                              None = the plan states no such term
    dinner_cancellation_days: days before ``date`` the dinner can be cancelled without charge;
                              None = the plan states no such term
    """

    date: dt.date
    participants: int
    fee: int
    venue_fixed: int
    per_participant: int
    minimum_participants: int = 0
    grant: int = 0
    venue_cancellation_days: int | None = None
    dinner_cancellation_days: int | None = None

    @property
    def year(self) -> int:
        return self.date.year
