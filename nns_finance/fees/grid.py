"""Many fee scenarios at once: rates × maximum fees × maximum increases, vectorised and exact.

:func:`fee_inputs` prepares, once per year, what each paying member's service fee depends on
(base, months, the reference the increase cap is measured from, last year's fee) from the
same calculation :func:`nns_finance.fees.model.fee_table` does. :func:`grid_fees` then computes every
member's fee in every scenario with numpy broadcasting in ``int64`` öre — the rate in
hundredths of a per mille, so ``base × rate`` stays an exact integer — and :func:`fee_grid`
summarises each scenario. 10 000 scenarios over 60 members take a few milliseconds
(``benchmarks/bench_fees.py``). The results equal :func:`fee_table`'s to the öre.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .arithmetic import hundredths_of_per_mille, per_mille_of, round_div, rounding_unit
from .model import KEEP, fee_table, rule_for
from ..core.settings import FeeRule

NO_LIMIT = np.iinfo(np.int64).max // 4   # "no maximum": larger than any fee


@dataclass(frozen=True)
class FeeInputs:
    """What each paying member's service fee for one year depends on (arrays by member).

    rule:         the year's rules (rate, limits, rounding) the inputs were made with
    member_ids:   ids of the paying members
    names:        their names
    base:         fee base, öre (0 where the register has none)
    months:       months charged (12 = full year)
    reference:    what the increase cap is measured from, öre (previous rate × base, or last
                  year's fee); -1 where the member has none (then no cap applies)
    last_year:    last year's service fee, öre; -1 where none
    """

    rule: FeeRule
    member_ids: np.ndarray
    names: np.ndarray
    base: np.ndarray
    months: np.ndarray
    reference: np.ndarray
    last_year: np.ndarray

    @property
    def unit(self) -> int:
        return rounding_unit(self.rule.rounding)


def fee_inputs(books, year: int, rules: FeeRule | None = None, without: Iterable[str] = (),
               base_growth: Decimal | int | str = 0) -> FeeInputs:
    """The paying members' inputs for ``year`` under ``rules`` (settings when None)."""
    rule = rule_for(books, year, rules)
    return inputs_from_table(fee_table(books, year, rule, without, base_growth), rule)


def inputs_from_table(table: pd.DataFrame, rule: FeeRule) -> FeeInputs:
    """The inputs of the paying members of a fee table (:func:`~nns_finance.fees.model.fee_table`)
    computed under ``rule``."""
    paying = table[table["months"] > 0]
    if rule.max_increase_basis == "previous_rate" and rule.previous_rate is not None:
        from .arithmetic import ratio

        pnum, pden = ratio(rule.previous_rate)
        reference = per_mille_of(paying["base"].fillna(0).astype("int64").to_numpy(), pnum, pden,
                                 rounding_unit(rule.rounding)).astype("int64")
    elif rule.max_increase_basis == "last_year_fee":
        reference = paying["last_year_fee"].fillna(-1).astype("int64").to_numpy()
    else:
        reference = np.full(len(paying), -1, dtype="int64")
    return FeeInputs(
        rule=rule,
        member_ids=paying["member_id"].astype(str).to_numpy(),
        names=paying["name"].astype(str).to_numpy(),
        base=paying["base"].fillna(0).astype("int64").to_numpy(),
        months=paying["months"].astype("int64").to_numpy(),
        reference=np.asarray(reference, dtype="int64"),
        last_year=paying["last_year_fee"].fillna(-1).astype("int64").to_numpy(),
    )


def _limits(values, what: str) -> np.ndarray:
    """Öre limits as int64 with None / NaN / negative meaning "no limit"."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            out.append(NO_LIMIT)
        else:
            v = int(v)
            out.append(NO_LIMIT if v < 0 else v)
    return np.asarray(out, dtype="int64")


def grid_fees(inputs: FeeInputs, rates_r100: np.ndarray, max_fees: np.ndarray,
              max_increases: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every member's service fee in every scenario, exact ``int64`` öre.

    ``rates_r100``: rates in hundredths of a per mille, shape (R,); ``max_fees`` and
    ``max_increases``: öre, shapes (F,) and (I,), :data:`NO_LIMIT` for none.
    Returns ``(fees, before, caps)``: fees of shape (R, F, I, M), the fees before limits
    (R, 1, 1, M) and the increase caps (1, 1, I, M).
    """
    unit = inputs.unit
    base = inputs.base[None, None, None, :]
    r = np.asarray(rates_r100, dtype="int64")[:, None, None, None]
    before = per_mille_of(base, r, 100, unit)                    # base × r/100 ‰
    ref = inputs.reference[None, None, None, :]
    inc = np.asarray(max_increases, dtype="int64")[None, None, :, None]
    caps = np.where((ref >= 0) & (inc < NO_LIMIT), ref + np.minimum(inc, NO_LIMIT), NO_LIMIT)
    mf = np.asarray(max_fees, dtype="int64")[None, :, None, None]
    fees = np.minimum(np.minimum(before, caps), mf)
    months = inputs.months[None, None, None, :]
    if (months < 12).any():
        fees = np.where(months >= 12, fees, round_div(fees * months, 12, unit))
    return fees, before, caps


def fee_grid(books, year: int, rates: Sequence, max_fees: Sequence = (KEEP,),
             max_increases: Sequence = (KEEP,), rules: FeeRule | None = None,
             without: Iterable[str] = (), base_growth: Decimal | int | str = 0,
             inputs: FeeInputs | None = None) -> pd.DataFrame:
    """One row per scenario of ``rates × max_fees × max_increases`` (rates in per mille, steps
    of 0.01 ‰; limits in öre, None for no limit, :data:`~nns_finance.fees.model.KEEP` for the rule's).

    Columns: rate (Decimal ‰), max_fee, max_increase (Int64 öre, NA = none), service_income
    (öre), members (paying), at_max_fee (members the maximum fee binds), capped (members the
    increase cap binds), largest_increase (öre, largest rise over last year's fee; NA if no
    member paid last year), pays_more / pays_less (members above / below last year's fee).
    """
    inputs = inputs or fee_inputs(books, year, rules, without, base_growth)
    rule = inputs.rule
    max_fees = [rule.max_fee if v is KEEP else v for v in max_fees]
    max_increases = [rule.max_increase if v is KEEP else v for v in max_increases]
    r100 = np.asarray([hundredths_of_per_mille(x) for x in rates], dtype="int64")
    mf, inc = _limits(max_fees, "max_fee"), _limits(max_increases, "max_increase")
    return summarise(inputs, r100, mf, inc)


def summarise(inputs: FeeInputs, r100: np.ndarray, mf: np.ndarray, inc: np.ndarray) -> pd.DataFrame:
    """The scenario table of :func:`fee_grid` from prepared arrays."""
    fees, before, caps = grid_fees(inputs, r100, mf, inc)
    mf4 = mf[None, :, None, None]
    at_max = (mf4 < before) & (mf4 <= caps)
    capped = (caps < before) & ~at_max
    last = inputs.last_year[None, None, None, :]
    had = last >= 0
    rise = np.where(had, fees - last, np.iinfo(np.int64).min)
    R, F, I, M = fees.shape
    shape = (R, F, I)
    largest = rise.max(axis=3, initial=np.iinfo(np.int64).min) if M else np.full(shape, np.iinfo(np.int64).min)
    rr, ff, ii = (a.ravel() for a in np.meshgrid(np.arange(R), np.arange(F), np.arange(I), indexing="ij"))
    rates = np.asarray([Decimal(int(v)).scaleb(-2) for v in r100], dtype=object)
    largest_flat = pd.array(largest.ravel(), dtype="Int64")
    largest_flat[largest.ravel() == np.iinfo(np.int64).min] = pd.NA
    mf_col = pd.array(mf[ff], dtype="Int64")
    mf_col[mf[ff] >= NO_LIMIT] = pd.NA
    inc_col = pd.array(inc[ii], dtype="Int64")
    inc_col[inc[ii] >= NO_LIMIT] = pd.NA
    return pd.DataFrame({
        "rate": rates[rr],
        "max_fee": mf_col,
        "max_increase": inc_col,
        "service_income": fees.sum(axis=3).ravel().astype("int64"),
        "members": np.full(R * F * I, M, dtype="int64"),
        "at_max_fee": np.broadcast_to(at_max, fees.shape).sum(axis=3).ravel().astype("int64"),
        "capped": np.broadcast_to(capped, fees.shape).sum(axis=3).ravel().astype("int64"),
        "largest_increase": largest_flat,
        "pays_more": (had & (fees > last)).sum(axis=3).ravel().astype("int64"),
        "pays_less": (had & (fees < last)).sum(axis=3).ravel().astype("int64"),
    })


def income_matrix(inputs: FeeInputs, rates: Sequence, max_fees: Sequence) -> np.ndarray:
    """Service-fee income (öre) over rates × maximum fees with the rule's increase cap: the
    heat map's numbers, shape (len(rates), len(max_fees))."""
    r100 = np.asarray([hundredths_of_per_mille(x) for x in rates], dtype="int64")
    fees, _, _ = grid_fees(inputs, r100, _limits(max_fees, "max_fee"),
                           _limits([inputs.rule.max_increase], "max_increase"))
    return fees.sum(axis=3)[:, :, 0]
