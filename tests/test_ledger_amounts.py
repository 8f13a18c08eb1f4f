"""The fast amount column parser reads exactly what money.parse_ore_series reads."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from nns_finance.books.ledger_amounts import ore_column
from nns_finance.core.money import parse_ore_series


def test_swedish_and_plain_amounts_to_the_ore():
    cells = pd.Series(["1 552 276,50", "1\u00a0552\u00a0276", "-85 500", "−200,00", "–3 264,11", "1552276.5",
                       "12,", "0,05", "", "  ", "'", "200 kr", "+5", "1,234", "abc", "1 000 000 000 000"],
                      dtype="str")
    ore, reasons = ore_column(cells)
    assert ore.tolist()[:8] == [155227650, 155227600, -8550000, -20000, -326411, 155227650, 1200, 5]
    assert ore.iloc[8:].isna().tolist() == [True, True, True, False, True, True, True, True]
    assert ore.iloc[11] == 20000                      # "200 kr": the slow path reads the unit
    assert reasons.tolist()[8:] == ["", "", "not an amount: \"'\"", "", "not an amount: '+5'",
                                    "more than two decimals: '1,234'", "not an amount: 'abc'",
                                    "amount beyond 10^12 kr: '1 000 000 000 000'"]


def test_long_cells_take_the_slow_path():
    ore, reasons = ore_column(pd.Series(["1" * 40, "5"], dtype="str"))
    assert pd.isna(ore.iloc[0]) and ore.iloc[1] == 500
    assert reasons.iloc[0].startswith("not an amount") or reasons.iloc[0].startswith("amount beyond")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789,.- \u00a0\u2212'+k", max_size=20), min_size=1, max_size=30))
def test_same_as_parse_ore_series(cells):
    series = pd.Series(cells, dtype="str")
    fast, fast_reasons = ore_column(series)
    slow, slow_reasons = parse_ore_series(series)
    assert fast.isna().tolist() == slow.isna().tolist()
    assert fast.dropna().tolist() == slow.dropna().tolist()
    assert fast_reasons.tolist() == slow_reasons.tolist()
