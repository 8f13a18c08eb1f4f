"""The grid of control positions on the board's page, from the data or from the treasurer.

Rates move in steps of 0.01 ‰ (held as integer hundredths of a per mille, 3.65 ‰ → 365); the
maximum fee and the maximum increase move over positions in whole kronor (held in öre) at a
round step, with the values the rules and scenarios use put in among them. The default ranges
lie around the rules in force: rates 2 ‰ either side of every rate on offer, maximum fees from
half to twice the largest one in the rules (or the largest member's fee when no rule has one),
maximum increases from 0 to twice the largest one. The heat map takes every few positions so it
stays readable.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

import numpy as np

from ...fees.arithmetic import hundredths_of_per_mille
from ...core.money import AmountError, parse_ore
from ...core.problems import UsageError
from ...core.i18n import _

KR = 100
RATE_MARGIN = 200            # 2 ‰ either side of the rates on offer
MAX_RATE_POSITIONS = 2001    # 20 ‰ of span at 0.01 ‰
MAX_AMOUNT_POSITIONS = 1000
HEAT_ROWS, HEAT_COLUMNS = 81, 41


@dataclass(frozen=True)
class Grid:
    """The page's control positions.

    rate_first, rate_last: the rate range in hundredths of a per mille (both ends included)
    max_fees:      maximum-fee positions, öre, increasing
    max_increases: maximum-increase positions, öre, increasing
    heat_rates:    indexes into the rates for the heat map's rows
    heat_fees:     indexes into ``max_fees`` for the heat map's columns (the rules' own among them)
    """

    rate_first: int
    rate_last: int
    max_fees: tuple[int, ...]
    max_increases: tuple[int, ...]
    heat_rates: tuple[int, ...]
    heat_fees: tuple[int, ...]

    @property
    def rates_r100(self) -> np.ndarray:
        return np.arange(self.rate_first, self.rate_last + 1, dtype="int64")

    def rate_index(self, rate) -> int | None:
        """The position of a rate (Decimal ‰) on the grid, None when it is off the grid."""
        r = hundredths_of_per_mille(rate)
        return r - self.rate_first if self.rate_first <= r <= self.rate_last else None


def nice_step(span: int, positions: int) -> int:
    """A round step (1, 2 or 5 × 10^k kronor, in öre) giving at most about ``positions``."""
    want = max(span // max(positions, 1), KR)
    step = KR
    while True:
        for m in (1, 2, 5):
            if step * m >= want:
                return step * m
        step *= 10


def positions(first: int, last: int, step: int, extra: Iterable[int] = ()) -> tuple[int, ...]:
    """``first, first+step, … ≤ last`` with the ``extra`` values put in (öre, sorted, unique)."""
    values = set(range(first, last + 1, step)) | {int(v) for v in extra if v is not None}
    return tuple(sorted(v for v in values if v >= 0))


def _round_down(value: int, step: int) -> int:
    return value // step * step


def _round_up(value: int, step: int) -> int:
    return -(-value // step) * step


def parse_rate_range(text: str) -> tuple[int, int]:
    """``"1,5:6"`` (FROM:TO, per mille) → (150, 600)."""
    try:
        a, b = (Decimal(p.strip().replace(",", ".")) for p in str(text).split(":"))
        first, last = hundredths_of_per_mille(a), hundredths_of_per_mille(b)
    except (ValueError, InvalidOperation, UsageError):
        raise UsageError(_("--rates {text!r}: expected FROM:TO in per mille, steps of 0.01, e.g. 1,5:6",
                           text=text)) from None
    if not 0 <= first < last or last - first >= MAX_RATE_POSITIONS:
        raise UsageError(_("--rates {text!r}: needs 0 <= FROM < TO, at most 20 ‰ apart",
                           text=text))
    return first, last


def parse_amount_range(text: str, flag: str) -> tuple[int, int, int]:
    """``"60000:250000:1000"`` (FROM:TO:STEP, kronor) → öre."""
    try:
        first, last, step = (parse_ore(p) for p in str(text).split(":"))
    except (ValueError, AmountError):
        raise UsageError(_("{flag} {text!r}: expected FROM:TO:STEP in kronor, e.g. 60000:250000:1000",
                           flag=flag, text=text)) from None
    if not (0 <= first < last and step > 0) or (last - first) // step >= MAX_AMOUNT_POSITIONS:
        raise UsageError(_("{flag} {text!r}: needs 0 <= FROM < TO, a positive STEP and at most "
                           "{positions} positions",
                           flag=flag, text=text, positions=MAX_AMOUNT_POSITIONS))
    return first, last, step


def _every(count: int, most: int) -> tuple[int, ...]:
    k = -(-count // most)
    idx = list(range(0, count, k))
    if idx[-1] != count - 1:
        idx.append(count - 1)
    return tuple(idx)


def make_grid(rates_r100: Iterable[int], max_fees: Iterable[int | None], max_increases: Iterable[int | None],
              largest_fee: int, rates: str | None = None, max_fee_range: str | None = None,
              increase_range: str | None = None, other_fees: Iterable[int | None] = (),
              other_increases: Iterable[int | None] = ()) -> Grid:
    """The grid around the rules in force (``rates_r100``: every rate to offer, in hundredths of
    a per mille; ``max_fees``, ``max_increases``: the rules' amounts in öre, None = no limit);
    ``largest_fee`` (öre) stands in for a maximum fee when no rule has one; ``other_…``: the
    scenarios' amounts, put in among the positions. The text arguments override the ranges (the
    command's ``--rates``, ``--max-fees``, ``--max-increases``); the rule values are always put in
    among the positions."""
    rates_r100 = sorted({int(r) for r in rates_r100})
    if rates:
        first, last = parse_rate_range(rates)
    else:
        first = max(0, rates_r100[0] - RATE_MARGIN)
        last = rates_r100[-1] + RATE_MARGIN
        if last - first >= MAX_RATE_POSITIONS:
            raise UsageError(_("the rates on offer lie more than 20 ‰ apart: give --rates FROM:TO"))
    fees = [int(v) for v in max_fees if v is not None]
    incs = [int(v) for v in max_increases if v is not None]
    if max_fee_range:
        f_first, f_last, f_step = parse_amount_range(max_fee_range, "--max-fees")
    else:
        ref = max(fees) if fees else max(largest_fee, 1000 * KR)
        f_step = nice_step(2 * ref - ref // 2, 100)
        f_first, f_last = _round_down(ref // 2, f_step), _round_up(2 * ref, f_step)
    if increase_range:
        i_first, i_last, i_step = parse_amount_range(increase_range, "--max-increases")
    else:
        ref = max(incs) if incs else max(largest_fee // 4, 1000 * KR)
        i_step = nice_step(2 * ref, 60)
        i_first, i_last = 0, _round_up(2 * ref, i_step)
    fee_positions = positions(f_first, f_last, f_step, [*fees, *other_fees])
    inc_positions = positions(i_first, i_last, i_step, [*incs, *other_increases])
    heat_fees = sorted(set(_every(len(fee_positions), HEAT_COLUMNS)) | {fee_positions.index(f) for f in fees})
    return Grid(first, last, fee_positions, inc_positions, _every(last - first + 1, HEAT_ROWS), tuple(heat_fees))
