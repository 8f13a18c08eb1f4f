"""Solve for the service-fee rate that brings in a target income.

Income is never decreasing in the rate (the maximum fee and the increase cap do not depend on
it), so a bisection over rates in steps of ``step`` per mille finds the *lowest* rate whose
income reaches the target. At the default step of 0.01 ‰ one step moves NNS's income by about
0.01 ‰ of the uncapped members' bases (≈ 5 000 kr), so the income found may exceed the target
by up to that; with a finer step (``Decimal("0.000001")``) it is within one krona per paying
member of the target. All arithmetic is exact (Python integers).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

import numpy as np

from .grid import NO_LIMIT, FeeInputs, fee_inputs
from .arithmetic import pro_rata, ratio, round_div
from .model import KEEP, rule_for
from ..core.money import format_kr
from ..core.problems import UsageError
from ..core.settings import FeeRule
from ..core.i18n import _

MAX_RATE = Decimal(1000)   # per mille: the whole base


@dataclass(frozen=True)
class RateSolution:
    """The answer to "which rate brings in ``target``?".

    rate:         the lowest rate (‰, a multiple of ``step``) whose income reaches the target
    income:       service-fee income at ``rate``, öre
    rate_below:   ``rate − step`` (None when rate is 0)
    income_below: income at ``rate_below``, öre (below the target)
    target:       the target income, öre
    step:         the rate's resolution, ‰
    members:      paying members
    """

    rate: Decimal
    income: int
    rate_below: Decimal | None
    income_below: int | None
    target: int
    step: Decimal
    members: int

    def __str__(self) -> str:
        text = (f"{_permille(self.rate)} ger {format_kr(self.income)} "
                f"(mål {format_kr(self.target)}")
        if self.rate_below is not None:
            text += f"; {_permille(self.rate_below)} ger {format_kr(self.income_below)}"
        return text + ")"


class TargetUnreachable(UsageError):
    """No rate up to 1000 ‰ brings in ``target``: the maximum fee and the increase caps hold the
    service-fee income at ``best`` (öre, the income at 1000 ‰) from ``members`` paying members."""

    def __init__(self, target: int, best: int, members: int):
        super().__init__(_("no rate reaches {target}: at most {best} from {members} paying members with "
                           "these limits", target=format_kr(target), best=format_kr(best), members=members))
        self.target, self.best, self.members = target, best, members


def _permille(rate: Decimal) -> str:
    text = f"{rate:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + " ‰"


def income_at(inputs: FeeInputs, rate: Decimal, max_fee: int | None, max_increase: int | None) -> int:
    """Exact service-fee income (öre) of the prepared members at ``rate`` ‰."""
    unit = inputs.unit
    num, den = ratio(rate)
    base = inputs.base.astype(object)
    before = round_div(base * num, 1000 * den, unit)
    fees = before
    if max_increase is not None:
        ref = inputs.reference.astype(object)
        caps = np.where(inputs.reference >= 0, ref + max_increase, NO_LIMIT)
        fees = np.minimum(fees, caps)
    if max_fee is not None:
        fees = np.minimum(fees, max_fee)
    return int(pro_rata(fees, inputs.months, unit).sum())


def solve_rate(books, year: int, target_income_ore: int, max_fee=KEEP, max_increase=KEEP,
               without: Iterable[str] = (), base_growth: Decimal | int | str = 0,
               rules: FeeRule | None = None, step: Decimal | str = Decimal("0.01"),
               inputs: FeeInputs | None = None) -> RateSolution:
    """The lowest rate (a multiple of ``step`` ‰) whose service-fee income reaches
    ``target_income_ore`` under ``max_fee`` / ``max_increase`` (öre; None = no limit; KEEP =
    as the year's rules), without the members ``without`` and with bases grown by
    ``base_growth`` per cent. Raises :class:`TargetUnreachable` (a :class:`UsageError`) when no
    rate up to 1000 ‰ reaches it.
    """
    step = Decimal(str(step))
    if step <= 0:
        raise UsageError(_("rate step must be positive, got {step}", step=step))
    rule = rule_for(books, year, rules, max_fee=max_fee, max_increase=max_increase)
    inputs = inputs or fee_inputs(books, year, rule, without, base_growth)
    target = int(target_income_ore)

    def income(k: int) -> int:
        return income_at(inputs, step * k, rule.max_fee, rule.max_increase)

    top = int(MAX_RATE / step)
    if target <= 0:
        return RateSolution(Decimal(0), income(0), None, None, target, step, len(inputs.base))
    best = income(top)
    if best < target:
        raise TargetUnreachable(target, best, len(inputs.base))
    lo, hi = 0, top            # income(lo) < target <= income(hi) (income(0) is 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if income(mid) >= target:
            hi = mid
        else:
            lo = mid
    return RateSolution(rate=step * hi, income=income(hi),
                        rate_below=step * lo, income_below=income(lo), target=target,
                        step=step, members=len(inputs.base))
