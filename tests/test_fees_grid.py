"""The scenario grid equals the exact member table; properties of the fee model; solving the rate."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType, SimpleNamespace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from nns_finance import load
from nns_finance.core.schema import empty_frame
from nns_finance.fees.grid import fee_grid, fee_inputs, income_matrix
from nns_finance.fees.solve import solve_rate
from nns_finance.fees.model import fee_table
from nns_finance.core.problems import UsageError
from nns_finance.core.settings import FeeRule, Settings

KR = 100


@pytest.fixture(scope="module")
def example():
    from conftest import EXAMPLE

    return load(EXAMPLE, strict=False)


def test_grid_equals_the_member_table_in_every_scenario(example):
    rates = ["2.5", "3.5", "4.25"]
    max_fees = [None, 100_000 * KR, 123_400 * KR]
    incs = [None, 20_000 * KR]
    grid = fee_grid(example, 2025, rates, max_fees, incs)
    assert len(grid) == 18
    base_rule = example.settings.fee_rule(2025)
    for rec in grid.itertuples():
        rule = dataclasses.replace(base_rule, service_rate=rec.rate,
                                   max_fee=None if pd.isna(rec.max_fee) else int(rec.max_fee),
                                   max_increase=None if pd.isna(rec.max_increase) else int(rec.max_increase))
        t = fee_table(example, 2025, rule)
        assert rec.service_income == int(t["service_fee"].sum())
        assert rec.at_max_fee == int((t["limit"] == "max_fee").sum())
        assert rec.capped == int((t["limit"] == "max_increase").sum())
        paying = t[t["months"] > 0]
        rise = (paying["service_fee"] - paying["last_year_fee"]).dropna()   # members that pay this year
        assert rec.largest_increase == int(rise.max())
        assert (rec.pays_more, rec.pays_less) == (int((rise > 0).sum()), int((rise < 0).sum()))


def test_grid_keeps_the_rules_limits_by_default(example):
    grid = fee_grid(example, 2026, [Decimal("3.5")])
    assert grid.loc[0, "service_income"] == 1_732_849 * KR
    assert grid.loc[0, "max_fee"] == 123_400 * KR and pd.isna(grid.loc[0, "max_increase"])
    assert grid.loc[0, "at_max_fee"] == 2


def test_grid_refuses_rates_finer_than_a_hundredth(example):
    with pytest.raises(UsageError, match="steps of 0.01"):
        fee_grid(example, 2026, ["3.505"])


def test_income_matrix_is_rates_by_max_fees(example):
    inputs = fee_inputs(example, 2026)
    m = income_matrix(inputs, ["3.5", "3.6"], [123_400 * KR, None])
    assert m.shape == (2, 2) and m[0, 0] == 1_732_849 * KR
    assert m[0, 1] > m[0, 0] and m[1, 0] > m[0, 0]


# --- solving for the rate ---------------------------------------------------------------

def test_rate_that_keeps_2026_income_at_the_2025_budget(example):
    s = solve_rate(example, 2026, 1_794_449 * KR)
    assert s.rate == Decimal("3.65") and s.rate_below == Decimal("3.64")
    assert s.income_below < s.target <= s.income
    assert s.income == fee_grid(example, 2026, ["3.65"]).loc[0, "service_income"]
    fine = solve_rate(example, 2026, 1_794_449 * KR, step="0.000001")
    assert abs(fine.income - fine.target) <= fine.members * KR


def test_unreachable_target_is_a_usage_error(example):
    with pytest.raises(UsageError, match="no rate reaches"):
        solve_rate(example, 2026, 10_000_000 * KR)   # 57 members × 123 400 < 10 MSEK


# --- properties ---------------------------------------------------------------------------

def fake_books(bases_kr, rule: FeeRule, last_bases_kr=None):
    """A minimal Books with members M0.. and the given bases (kronor) for rule.year."""
    n = len(bases_kr)
    ids = [f"M{i}" for i in range(n)]
    members = empty_frame("members").reindex(range(n))
    members["member_id"] = pd.array(ids, dtype="string")
    members["name"] = pd.array(ids, dtype="string")
    members["org_number"] = pd.array([""] * n, dtype="string")
    rows = [(m, rule.year, b * KR) for m, b in zip(ids, bases_kr)]
    fees = {rule.year: rule}
    if last_bases_kr is not None:
        rows += [(m, rule.year - 1, b * KR) for m, b in zip(ids, last_bases_kr)]
        fees[rule.year - 1] = dataclasses.replace(rule, year=rule.year - 1, max_fee=None, max_increase=None)
    bases = pd.DataFrame(rows, columns=["member_id", "year", "base"]).astype(
        {"member_id": "string", "year": "int64", "base": "int64"})
    settings = Settings(organisation="Test", fiscal_year=2026, fees=MappingProxyType(fees))
    return SimpleNamespace(members=members, fee_bases=bases, settings=settings, budget=empty_frame("budget"),
                           folder=Path("."))


bases_st = st.lists(st.integers(min_value=0, max_value=60_000_000), min_size=1, max_size=25)
rate_st = st.integers(min_value=0, max_value=800).map(lambda r: Decimal(r).scaleb(-2))
limit_st = st.one_of(st.none(), st.integers(min_value=0, max_value=300_000))
rule_st = st.builds(
    lambda rate, prev, mf, inc, basis, rounding: FeeRule(
        year=2026, membership_fee=200 * KR, service_rate=rate, previous_rate=prev,
        max_fee=None if mf is None else mf * KR, max_increase=None if inc is None else inc * KR,
        max_increase_basis=basis, rounding=rounding),
    rate_st, rate_st, limit_st, limit_st, st.sampled_from(["previous_rate", "last_year_fee"]),
    st.sampled_from(["krona", "ore"]))
FAST = hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def table_for(bases, rule, last=None, without=()):
    books = fake_books(bases, rule, last)
    return fee_table(books, 2026, without=without), books


@FAST
@given(bases=bases_st, last=st.lists(st.integers(0, 60_000_000), min_size=25, max_size=25), rule=rule_st)
def test_no_fee_above_the_maximum_and_total_is_the_sum(bases, last, rule):
    table, books = table_for(bases, rule, last[:len(bases)])
    if rule.max_fee is not None:
        assert (table["service_fee"] <= rule.max_fee).all()
    assert (table["service_fee"] <= table["fee_before_limits"]).all()
    capped = table["increase_cap"].notna()
    assert (table.loc[capped, "service_fee"] <= table.loc[capped, "increase_cap"]).all()
    from nns_finance.fees.model import totals_of

    totals = totals_of(table).set_index("item")["amount"]
    assert totals["service"] == sum(int(v) for v in table["service_fee"])
    assert totals["total"] == totals["service"] + totals["membership"] + totals["indicator"]
    # the vectorised grid agrees with the exact table
    grid = fee_grid(books, 2026, [rule.service_rate])
    assert grid.loc[0, "service_income"] == totals["service"]


@FAST
@given(bases=bases_st, extra=st.lists(st.integers(0, 5_000_000), min_size=25, max_size=25), rule=rule_st)
def test_fee_never_falls_when_the_base_grows(bases, extra, rule):
    rule = dataclasses.replace(rule, max_increase_basis="previous_rate")
    low, _ = table_for(bases, rule)
    high, _ = table_for([b + e for b, e in zip(bases, extra)], rule)
    assert (high["service_fee"].to_numpy() >= low["service_fee"].to_numpy()).all()


@FAST
@given(bases=bases_st, rule=rule_st, more=st.integers(min_value=0, max_value=300))
def test_fee_never_falls_when_the_rate_rises(bases, rule, more):
    low, _ = table_for(bases, rule)
    higher = dataclasses.replace(rule, service_rate=rule.service_rate + Decimal(more).scaleb(-2))
    high, _ = table_for(bases, higher)
    assert (high["service_fee"].to_numpy() >= low["service_fee"].to_numpy()).all()


@FAST
@given(bases=st.lists(st.integers(min_value=100_000, max_value=60_000_000), min_size=1, max_size=25),
       rule=rule_st, share=st.integers(min_value=1, max_value=99))
def test_solved_rate_brings_in_the_target_within_a_krona_per_member(bases, rule, share):
    rule = dataclasses.replace(rule, max_increase=None, rounding="krona")
    books = fake_books(bases, rule)
    reachable = fee_grid(books, 2026, ["1000"]).loc[0, "service_income"]
    target = reachable * share // 100
    fine = solve_rate(books, 2026, target, step="0.0000001")
    assert 0 <= fine.income - target <= fine.members * KR
    coarse = solve_rate(books, 2026, target)
    assert coarse.income >= target and (coarse.income_below is None or coarse.income_below < target)
