"""Properties that hold for every ledger, budget, fee rule and deposit, checked on generated ones
(hypothesis): SIE write → read gives back the same ledger; every total of the budget table and
of the report's result table is the sum of its lines; a fee never exceeds the maximum fee and
never falls when the base grows; interest never falls when the days grow; the trial balance of
a balanced ledger sums to zero. Example counts are kept modest so the suite stays quick.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nns_finance.books.budget import structure_table
from nns_finance.core.schema import SCHEMAS, empty_frame, schema_mismatches
from nns_finance.fees.model import compute_fees
from nns_finance.core.interest import DAY_COUNTS, interest
from nns_finance.accounting.outcome import trial_balance
from nns_finance.core.problems import Problems
from nns_finance.accounting.result import result_table
from nns_finance.core.settings import FeeRule
from nns_finance.sie import parse_sie, render_sie
from nns_finance.books.sie_ledger import ledger_frames
from nns_finance.accounting.trial_balance import trial_balance as sie_trial_balance

QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YEAR = 2025
KR = 100  # öre per krona

# --- generated ledgers ------------------------------------------------------------------------

# printable characters a SIE file (CP437) can carry, Swedish letters and quotes included
SIE_TEXT = st.text(alphabet=st.sampled_from(list("abcxyzÅÄÖåäöéü 0123456789-.,:;/&%'\"()")), max_size=30) \
    .map(lambda t: " ".join(t.split()))          # the format has no way to keep runs of spaces
ACCOUNTS = st.sampled_from(["1510", "1880", "1930", "2440", "2710", "3010", "3020", "5800", "6550", "8312"])
AMOUNTS = st.integers(min_value=-10**11, max_value=10**11).filter(lambda x: x != 0)


@st.composite
def vouchers(draw):
    """One balanced voucher: 1–4 rows of any amount, and a last row that balances them."""
    rows = draw(st.lists(st.tuples(ACCOUNTS, AMOUNTS, SIE_TEXT), min_size=1, max_size=4))
    rest = -sum(a for _, a, _ in rows)
    rows.append((draw(ACCOUNTS), rest, draw(SIE_TEXT)))
    day = draw(st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)))
    return day, [r for r in rows if r[1] != 0] or [(rows[0][0], 0, rows[0][2])]


@st.composite
def ledgers(draw):
    """A ledger frame (SCHEMAS ``ledger``) of balanced vouchers, numbered 1, 2, … per series."""
    series = draw(st.lists(st.sampled_from(["A", "B", "LEV"]), min_size=1, max_size=8))
    numbers: dict[str, int] = {}
    records = []
    for s in series:
        numbers[s] = numbers.get(s, 0) + 1
        day, rows = draw(vouchers())
        for account, amount, text in rows:
            records.append((s, str(numbers[s]), day, account, amount, text))
    s, n, d, a, x, t = zip(*records)
    size = len(records)
    frame = pd.DataFrame({
        "year": np.full(size, YEAR, dtype=np.int64), "series": pd.array(s, dtype="str"),
        "number": pd.array(n, dtype="str"), "date": pd.to_datetime(list(d)).astype("datetime64[ns]"),
        "account": pd.array(a, dtype="str"), "amount": np.array(x, dtype=np.int64),
        "text": pd.array(t, dtype="str"), "source": pd.array(["2025.se"] * size, dtype="str"),
        "line": np.arange(1, size + 1, dtype=np.int64), "reg_order": np.arange(1, size + 1, dtype=np.int64)})
    return frame


@st.composite
def opening_balances(draw):
    """Balances (SCHEMAS ``balances``) of kind IB for a few balance accounts, summing to zero."""
    accounts = draw(st.lists(st.sampled_from(["1510", "1880", "1930", "2067", "2440"]), unique=True,
                             min_size=0, max_size=4))
    amounts = [draw(AMOUNTS) for _ in accounts[:-1]]
    if accounts:
        amounts.append(-sum(amounts))
    return pd.DataFrame({"year": np.full(len(accounts), YEAR, dtype=np.int64),
                         "account": pd.array(accounts, dtype="str"),
                         "kind": pd.array(["IB"] * len(accounts), dtype="str"),
                         "amount": np.array(amounts, dtype=np.int64)})


KEY = ["year", "series", "number", "date", "account", "amount", "text"]


@QUICK
@given(ledgers(), opening_balances())
def test_sie_written_then_read_gives_back_the_same_ledger(ledger, balances):
    data = render_sie(ledger, balances, company="Förbundet \"Åsen\"", org_number="802400-0000",
                      fiscal_year=YEAR)
    problems = Problems()
    sie = parse_sie(data, problems, "2025.se")
    back, back_balances = ledger_frames(sie, "2025.se", problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    assert schema_mismatches(back, "ledger") == [] and schema_mismatches(back_balances, "balances") == []
    pd.testing.assert_frame_equal(back[KEY].reset_index(drop=True), ledger[KEY].reset_index(drop=True),
                                  check_dtype=False)
    ib = back_balances[back_balances["kind"] == "IB"].sort_values("account").reset_index(drop=True)
    pd.testing.assert_frame_equal(ib, balances.sort_values("account").reset_index(drop=True), check_dtype=False)


@QUICK
@given(ledgers(), opening_balances(), st.integers(1, 12))
def test_the_trial_balance_of_a_balanced_ledger_sums_to_zero(ledger, balances, month):
    books = SimpleNamespace(ledger=ledger, balances=balances, accounts=empty_frame("accounts"))
    tb = trial_balance(books, YEAR, month)
    assert int(tb["opening"].sum()) == 0
    assert int(tb["movement"].sum()) == 0
    assert int(tb["closing"].sum()) == 0
    assert (tb["closing"] == tb["opening"] + tb["movement"]).all()
    saldo = sie_trial_balance(ledger, balances, YEAR, pd.Period(year=YEAR, month=month, freq="M"))
    assert saldo.iloc[-1][["opening", "period", "year_to_date", "closing"]].tolist() == [0, 0, 0, 0]


# --- generated budgets ------------------------------------------------------------------------

@st.composite
def budgets(draw):
    """``budget_lines`` (SCHEMAS) with 1–4 lines per section, some with sub-lines, and leaf values."""
    rows, leaves = [], []
    order = 0
    for section, prefix in (("income", "intakter"), ("cost", "kostnader")):
        for i in range(draw(st.integers(1, 4))):
            code = f"{prefix}.rad-{i}"
            order += 1
            rows.append((code, section, f"Rad {i}", "", 1, order))
            subs = draw(st.integers(0, 3))
            for j in range(subs):
                order += 1
                rows.append((f"{code}.del-{j}", section, f"Del {j}", code, 2, order))
                leaves.append((f"{code}.del-{j}", section))
            if not subs:
                leaves.append((code, section))
    lines = pd.DataFrame(rows, columns=list(SCHEMAS["budget_lines"])).astype(SCHEMAS["budget_lines"])
    amount = st.integers(0, 10**13)
    values = {code: draw(amount) * (1 if section == "income" else -1) for code, section in leaves}
    return lines, values


@QUICK
@given(budgets())
def test_every_budget_total_is_the_sum_of_its_lines(budget):
    lines, values = budget
    leaf = pd.DataFrame({"Budget": pd.Series(values, dtype="int64")})
    table = structure_table(lines, leaf)
    by_code = table.set_index("code")["Budget"]
    parents = lines[lines["level"] == 1]
    for line in parents.itertuples():
        subs = lines[lines["parent"] == line.code]["code"]
        expected = sum(values[c] for c in subs) if len(subs) else values[line.code]
        assert by_code[line.code] == expected
    income = sum(v for c, v in values.items() if c.startswith("intakter."))
    cost = sum(v for c, v in values.items() if c.startswith("kostnader."))
    totals = table[table["kind"] == "total"]["Budget"].tolist()
    assert totals == [income, cost]
    assert table[table["kind"] == "result"]["Budget"].tolist() == [income + cost]


@QUICK
@given(budgets(), st.integers(1, 12), st.randoms(use_true_random=False))
def test_every_result_table_total_is_the_sum_of_its_lines(budget, month, rnd):
    lines, values = budget
    codes = list(values)
    months = range(1, 13)
    outcome = pd.DataFrame([(c, m, rnd.randint(-10**9, 10**9)) for c in codes for m in months],
                           columns=["code", "month", "amount"])
    phased = pd.DataFrame([(c, m, rnd.randint(-10**9, 10**9)) for c in codes for m in months],
                          columns=["code", "month", "amount"])
    forecast = pd.DataFrame({"code": codes, "forecast": [rnd.randint(-10**10, 10**10) for _ in codes],
                             "given": [False] * len(codes)})
    table = result_table(lines, outcome, phased, forecast, month)
    amounts = ["outcome_month", "outcome_ytd", "budget_ytd", "variance_ytd", "budget_year", "forecast_year"]
    leaf_rows = table[table["code"].isin(codes)]
    for section, prefix in (("income", "intakter."), ("cost", "kostnader.")):
        in_section = leaf_rows[leaf_rows["code"].str.startswith(prefix)]
        total = table[(table["kind"] == "total") & (table["section"] == section)]
        assert total[amounts].to_numpy().tolist() == [in_section[amounts].sum().tolist()]
    result = table[table["kind"] == "result"]
    assert result[amounts].to_numpy().tolist() == [leaf_rows[amounts].sum().tolist()]
    for line in lines[lines["level"] == 1].itertuples():
        subs = table[table["code"].str.startswith(line.code + ".")]
        if len(subs):
            assert table[table["code"] == line.code][amounts].to_numpy().tolist() == [subs[amounts].sum().tolist()]


# --- fees -------------------------------------------------------------------------------------

RATES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20"), places=2)
KRONOR = st.integers(min_value=0, max_value=10**7).map(lambda kr: kr * KR)


def _register(bases: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(bases)
    ids = [f"M{i:03d}" for i in range(n)]
    nat = pd.Series([pd.NaT] * n, dtype="datetime64[ns]")
    members = pd.DataFrame({
        "member_id": pd.array(ids, dtype="str"), "name": pd.array(ids, dtype="str"),
        "org_number": pd.array([""] * n, dtype="str"),
        "joined": pd.Series([pd.Timestamp("2008-01-01")] * n, dtype="datetime64[ns]"),
        "notice_date": nat, "withdrawal_date": nat, "indicator_from": nat, "indicator_to": nat})
    fee_bases = pd.DataFrame({"member_id": pd.array(ids, dtype="str"), "year": np.full(n, 2026, dtype=np.int64),
                              "base": np.array(bases, dtype=np.int64)})
    return members, fee_bases


@QUICK
@given(st.lists(st.integers(0, 10**11), min_size=1, max_size=30), RATES, st.one_of(st.none(), KRONOR),
       st.one_of(st.none(), st.tuples(RATES, KRONOR)), st.sampled_from(["krona", "ore"]))
def test_fees_never_exceed_the_maximum_and_never_fall_as_the_base_grows(bases, rate, max_fee, cap, rounding):
    previous, max_increase = cap if cap else (None, None)
    rule = FeeRule(year=2026, membership_fee=200 * KR, service_rate=rate, max_fee=max_fee,
                   previous_rate=previous, max_increase=max_increase, rounding=rounding)
    bases = sorted(bases)
    members, fee_bases = _register(bases)
    table = compute_fees(members, fee_bases, 2026, rule).set_index("member_id")
    fees = table.loc[[f"M{i:03d}" for i in range(len(bases))], "service_fee"].astype("int64").to_numpy()
    if max_fee is not None:
        assert (fees <= max_fee).all()
    assert (np.diff(fees) >= 0).all(), list(zip(bases, fees))
    assert (fees >= 0).all()


# --- interest ---------------------------------------------------------------------------------

@QUICK
@given(st.integers(1, 10**11), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("15"), places=2),
       st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 800), st.integers(0, 800),
       st.sampled_from(DAY_COUNTS))
def test_interest_never_falls_when_the_days_grow(principal, rate, start, days_a, days_b, day_count):
    short, long = sorted((days_a, days_b))
    a = interest(principal, rate, start, start + dt.timedelta(days=short), day_count)
    b = interest(principal, rate, start, start + dt.timedelta(days=long), day_count)
    assert 0 <= a <= b


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**11), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("15"), places=2),
       st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 400),
       st.sampled_from(DAY_COUNTS))
def test_one_more_day_never_gives_less_interest(principal, rate, start, days, day_count):
    end = start + dt.timedelta(days=days)
    assert interest(principal, rate, start, end, day_count) <= \
        interest(principal, rate, start, end + dt.timedelta(days=1), day_count)
