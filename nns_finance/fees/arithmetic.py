"""Exact fee arithmetic: a per-mille rate times a fee base, rounded half up, in integer öre.

A service fee is ``rate ‰ × base``. The rate is a :class:`~decimal.Decimal` (3.5 ‰ is 7/2),
the base is integer öre, so the fee is the fraction ``base × num / (1000 × den)`` öre, rounded
half up to whole kronor (``unit=100``) or to the öre (``unit=1``) with integer arithmetic only.
The functions take numpy arrays (any shape; they broadcast) and return integer arrays: ``int64``
while the products fit, Python integers in an ``object`` array beyond that — never floats.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np

from ..core.problems import UsageError
from ..core.i18n import _

ORE_PER_KRONA = 100
UNITS = {"krona": 100, "ore": 1}
_INT64_SAFE = 2**62


def rounding_unit(rounding: str) -> int:
    """Öre per rounding step: ``"krona"`` → 100, ``"ore"`` → 1."""
    try:
        return UNITS[rounding]
    except KeyError:
        raise UsageError(_("unknown fee rounding {rounding!r}: use krona or ore",
                           rounding=rounding)) from None


def ratio(rate: Decimal | Fraction | int | str) -> tuple[int, int]:
    """A rate as an exact fraction ``(numerator, denominator)``: ``Decimal("3.5")`` → ``(7, 2)``."""
    if isinstance(rate, str):
        rate = Decimal(rate.replace(",", "."))
    if isinstance(rate, Decimal) and not rate.is_finite():
        raise UsageError(_("not a rate: {rate}", rate=rate))
    frac = Fraction(rate)
    return frac.numerator, frac.denominator


def _as_exact(*arrays):
    """int64 arrays, or object arrays of Python ints when a product could overflow int64."""
    return [np.asarray(a, dtype=object) for a in arrays]


def round_div(numerator, denominator: int, unit: int):
    """``round_half_up(numerator / denominator / unit) × unit`` for non-negative numerators."""
    step = denominator * unit
    return ((2 * numerator + step) // (2 * step)) * unit


def per_mille_of(base, num, den: int, unit: int):
    """``num/den`` per mille of ``base`` öre, rounded half up to ``unit`` öre (exact).

    ``num`` may be an int or an integer array that broadcasts against ``base`` (a grid of rates).
    """
    base = np.asarray(base)
    num_arr = np.asarray(num)
    biggest = int(np.abs(base).max(initial=0)) * int(np.abs(num_arr).max(initial=0)) * 2 \
        + 1000 * den * unit
    if biggest < _INT64_SAFE and base.dtype != object and num_arr.dtype != object:
        return round_div(base.astype(np.int64) * num_arr.astype(np.int64), 1000 * den, unit)
    base_o, num_o = _as_exact(base, num_arr)
    return round_div(base_o * num_o, 1000 * den, unit)


def pro_rata(fee, months, unit: int):
    """``fee × months / 12`` rounded half up to ``unit`` öre; 12 months leaves the fee as it is."""
    fee = np.asarray(fee)
    months = np.asarray(months)
    return np.where(months >= 12, fee, round_div(fee * months, 12, unit))


def grow(base, percent: Decimal | int | str):
    """Fee bases grown by ``percent`` per cent, rounded half up to the öre (exact)."""
    num, den = ratio(Decimal(str(percent)) if not isinstance(percent, Decimal) else percent)
    if num == 0:
        return np.asarray(base)
    # base × (100 + p) / 100 with p = num/den  →  base × (100·den + num) / (100·den)
    factor = 100 * den + num
    if factor < 0:
        raise UsageError(_("a base growth of {percent} % would make fee bases negative",
                           percent=percent))
    base = np.asarray(base)
    if int(np.abs(base).max(initial=0)) * factor * 2 < _INT64_SAFE and base.dtype != object:
        return round_div(base.astype(np.int64) * factor, 100 * den, 1)
    return np.asarray(round_div(base.astype(object) * factor, 100 * den, 1)).astype(np.int64)


def hundredths_of_per_mille(rate) -> int:
    """A rate in steps of 0.01 ‰ (``3.5`` → 350); refuses finer rates (``3.505``)."""
    if isinstance(rate, (float, np.floating)):
        scaled = float(rate) * 100
        near = round(scaled)
        if abs(scaled - near) > 1e-6:
            raise UsageError(_("rate {rate} ‰ is not in steps of 0.01 ‰", rate=rate))
        return int(near)
    num, den = ratio(rate if not isinstance(rate, (int, np.integer)) else int(rate))
    scaled = Fraction(num, den) * 100
    if scaled.denominator != 1:
        raise UsageError(_("rate {rate} ‰ is not in steps of 0.01 ‰", rate=rate))
    return int(scaled)
