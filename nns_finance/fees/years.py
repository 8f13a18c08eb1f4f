"""Fees over the years: each year's rules, fee bases beyond the register, last year's fee.

The fee model (:mod:`nns_finance.fees.model`) works one year at a time; this module gives it what a
year needs, the same way for the fee report, the projection and the scenarios:

- **rules** (:func:`rules_in`): ``[fees.YYYY]`` of ``settings.toml``, or — for a year without its
  own table — the rules of the latest earlier year, carried forward unchanged (a ``fee_date``
  moves to the same day of the new year). :func:`rules_note` says so in Swedish for the output.
- **fee bases** (:func:`bases_in`, the one place for this rule): a year the register has bases
  for uses them as they are; a year after the register's last year with bases uses each
  member's latest base grown by the assumed yearly growth of every year after the register's
  last (``fee_base_growth_percent`` in ``assumptions.toml``, :func:`assumed_growth`), rounded
  once, half up, to the öre. Members made to stay (``carry``) that lack a base in a register
  year keep their latest one, unchanged.
- **last year's fee** (:func:`fee_tables`): the years are computed in order from the first year
  with fee rules, each year's service fees being the next year's "last year's fee", so a
  maximum increase measured against last year's fee works in every year.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from .arithmetic import round_div
from ..core.problems import InputError, Problems, UsageError
from ..core.settings import FeeRule
from ..core.i18n import _

RuleOf = Callable[[int], FeeRule]


# ---------------------------------------------------------------- rules
def rules_year(settings, year: int) -> int:
    """The year whose ``[fees.YYYY]`` applies to ``year``: itself, or the latest earlier one."""
    earlier = [y for y in settings.fees if y <= year]
    if not earlier:
        have = ", ".join(str(y) for y in sorted(settings.fees)) or "none"
        raise UsageError(_("settings.toml has no fee rules for {year} or any earlier year (it has: {have})",
                           year=year, have=have))
    return max(earlier)


def rules_in(settings, year: int) -> FeeRule:
    """The fee rules of ``year``: its own, or the latest earlier year's carried forward."""
    source = rules_year(settings, year)
    rule = settings.fees[source]
    if source == year:
        return rule
    fee_date = rule.fee_date
    if fee_date is not None:
        day = min(fee_date.day, 28) if (fee_date.month, fee_date.day) == (2, 29) else fee_date.day
        fee_date = dt.date(year + (fee_date.year - source), fee_date.month, day)
    return dataclasses.replace(rule, year=year, fee_date=fee_date)


def rules_note(settings, first: int, last: int | None = None) -> str:
    """Swedish: which years of ``first``..``last`` use carried-forward rules ("" if none)."""
    last = first if last is None else last
    carried: dict[int, list[int]] = {}
    for year in range(first, last + 1):
        if year not in settings.fees and any(y < year for y in settings.fees):
            carried.setdefault(rules_year(settings, year), []).append(year)
    notes = []
    for source, years in sorted(carried.items()):
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        notes.append(f"Avgiftsregler för {span} saknas i settings.toml: reglerna för {source} gäller")
    return ". ".join(notes) + ("." if notes else "")


# ---------------------------------------------------------------- fee bases
def last_base_year(fee_bases: pd.DataFrame) -> int | None:
    """The register's last year with fee bases (None without any)."""
    return int(fee_bases["year"].max()) if len(fee_bases) else None


def growth_factor(growth: Mapping[int, Decimal], since: int, year: int) -> Fraction:
    """``Π (1 + g/100)`` over the years ``since+1 .. year`` (``growth``: year → per cent, a year
    not named keeping the nearest earlier year's; key 0 = every year)."""
    from ..books.assumptions import rate_in

    out = Fraction(1)
    for k in range(since + 1, year + 1):
        out *= 1 + Fraction(rate_in(growth, k)) / 100
    return out


def bases_in(fee_bases: pd.DataFrame, year: int, growth: Mapping[int, Decimal] | None = None,
             carry: Iterable[str] = ()) -> pd.DataFrame:
    """Each member's fee base for ``year`` (member_id, year, base öre): see the module docstring."""
    last = last_base_year(fee_bases)
    ids = fee_bases["member_id"].astype(str)
    if last is None or year <= last:
        own = fee_bases[fee_bases["year"] == year]
        wanted = set(carry) - set(ids[fee_bases["year"] == year])
        if not wanted:
            return own
        earlier = fee_bases[(fee_bases["year"] < year) & ids.isin(wanted)]
        latest = earlier.sort_values("year").drop_duplicates("member_id", keep="last")
        return pd.concat([own, latest.assign(year=year)], ignore_index=True).astype(fee_bases.dtypes.to_dict())
    latest = fee_bases[fee_bases["year"] <= last].sort_values("year").drop_duplicates("member_id", keep="last")
    factor = growth_factor(growth or {}, last, year)
    if factor < 0:
        raise UsageError(_("the assumed growth makes the fee bases of {year} negative",
                           year=year))
    grown = round_div(latest["base"].to_numpy().astype(object) * factor.numerator, factor.denominator, 1)
    return pd.DataFrame({"member_id": latest["member_id"].astype(fee_bases["member_id"].dtype),
                         "year": np.full(len(latest), year, dtype="int64"),
                         "base": np.asarray(grown, dtype="int64")}).reset_index(drop=True)


def assumed_growth(books) -> Mapping[int, Decimal]:
    """``fee_base_growth_percent`` of the data folder's ``assumptions.toml`` (none there: 0)."""
    assumptions = getattr(books, "assumptions", None)
    return assumptions.fee_base_growth if assumptions is not None else {}


# ---------------------------------------------------------------- years in order
