"""The annual meeting (årsmöte/medlemsmöte): what it costs, what it brings in, where it breaks even.

A venue quotes one price for an expected attendance; the plan (a scenario file's ``[meeting]``)
splits it into

- a **fixed part** the venue charges whatever the attendance (rooms, technology, staff), and
- a **part per participant** (meals, coffee, the dinner).

(The example's scenario files split the 622 300 kr quoted for 280 participants into 202 300 kr
+ 280 × 1 500 kr; the split is their stated assumption.) The per-participant part is charged for at least
the plan's guaranteed minimum, however few come. A grant covers part of the cost (never more than the
cost). Participants pay the fee. Every amount is integer öre.

``net`` is income minus cost (the budget's sign: a net cost is negative), so it can stand in for
the budget's two meeting lines (settings.toml ``[budget_lines] meeting_income``/``meeting_cost``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.i18n import _
from ..core.plans import KR, MeetingPlan  # noqa: F401  (the record a scenario file gives)
from ..core.problems import UsageError
from ..core.settings import BudgetLines


@dataclass(frozen=True)
class MeetingFigures:
    """One participant count worked through (öre): ``net = fee_income + grant - cost``."""

    participants: int
    cost: int
    fee_income: int
    grant: int
    net: int
    break_even_fee: int


def meeting_cost(plan: MeetingPlan, participants: int | None = None) -> int:
    """The venue's bill: fixed part + per-participant part × max(participants, minimum)."""
    n = plan.participants if participants is None else participants
    return plan.venue_fixed + plan.per_participant * max(n, plan.minimum_participants)


def meeting_figures(plan: MeetingPlan, participants: int | None = None) -> MeetingFigures:
    """Cost, fee income, grant used, net and break-even fee for one participant count."""
    n = plan.participants if participants is None else participants
    row = net_cost_table(plan, [n]).iloc[0]
    return MeetingFigures(int(row["participants"]), int(row["cost"]), int(row["fee_income"]),
                          int(row["grant"]), int(row["net"]), int(row["break_even_fee"]))


def break_even_fee(plan: MeetingPlan, participants: int | None = None) -> int:
    """The lowest fee, in whole kronor, at which fees plus the grant cover the cost (öre)."""
    return meeting_figures(plan, participants).break_even_fee


def net_cost_table(plan: MeetingPlan, counts=None) -> pd.DataFrame:
    """Per participant count: cost, fee income, grant, net (income − cost) and break-even fee.

    ``counts`` defaults to the guaranteed minimum up to 300 in steps of 20, plus the plan's own
    count. All columns are int64 öre (participants a count). The break-even fee is rounded up to
    whole kronor; 0 when the grant alone covers the cost.
    """
    if counts is None:
        counts = sorted(set(range(plan.minimum_participants, 301, 20)) | {plan.participants})
    n = np.asarray(list(counts), dtype=np.int64)
    charged = np.maximum(n, plan.minimum_participants)
    cost = plan.venue_fixed + plan.per_participant * charged
    grant = np.minimum(plan.grant, cost)
    fee_income = plan.fee * n
    net = fee_income + grant - cost
    uncovered = cost - grant
    safe_n = np.maximum(n, 1)
    whole_kr = -(-uncovered // (safe_n * KR))           # ceiling division, whole kronor
    break_even = np.where(n > 0, whole_kr * KR, 0)
    return pd.DataFrame({"participants": n, "cost": cost.astype("int64"),
                         "fee_income": fee_income.astype("int64"), "grant": grant.astype("int64"),
                         "net": net.astype("int64"), "break_even_fee": break_even.astype("int64")})


def deadlines(plan: MeetingPlan) -> pd.DataFrame:
    """The cancellation deadlines as dates: what, days before, last day to cancel."""
    rows = [(w, d) for w, d in (("venue", plan.venue_cancellation_days), ("dinner", plan.dinner_cancellation_days))
            if d is not None]
    return pd.DataFrame({
        "what": [w for w, _ in rows],
        "days_before": pd.Series([d for _, d in rows], dtype="int64"),
        "last_day": [plan.date - dt.timedelta(days=d) for _, d in rows],
    })


def meeting_codes(named: BudgetLines) -> tuple[str, str]:
    """The budget lines (income, cost) the meeting is booked on: settings.toml's
    ``[budget_lines] meeting_income`` and ``meeting_cost``; a usage error when either is unnamed."""
    if not (named.meeting_income and named.meeting_cost):
        raise UsageError(_("the annual meeting needs the budget lines it is booked on: name them in "
                           "settings.toml, [budget_lines] meeting_income = \"<line code>\" and "
                           "meeting_cost = \"<line code>\""))
    return named.meeting_income, named.meeting_cost


def meeting_lines(plan: MeetingPlan, named: BudgetLines) -> dict[str, int]:
    """The meeting on the budget's two lines (budget sign): income = fees + grant, cost = −bill."""
    income, cost = meeting_codes(named)
    f = meeting_figures(plan)
    return {income: f.fee_income + f.grant, cost: -f.cost}
