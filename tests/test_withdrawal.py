"""Members leaving: lost fees, result and equity, and the rate that restores the income."""
from __future__ import annotations

from decimal import Decimal

import pytest

import nns_finance
from nns_finance.books.fee_books import load_for_fees
from nns_finance.fees.model import fee_totals, rule_for
from nns_finance.core.problems import InputError
from nns_finance.planning.withdrawal import lost_table, restoring_table, withdrawal_effect

from scenario_helpers import EXAMPLE, small_folder

KR = 100


@pytest.fixture
def books(tmp_path):
    return load_for_fees(small_folder(tmp_path / "data"))


def test_lost_fees_per_kind_and_year(books):
    effect = withdrawal_effect(books, {"M03": "2026-09-30", "M01": "2025-09-30"})
    p = effect.per_year.set_index("year")
    # Södra Vänern from 2026: 200 + 70 000; Mellanby from 2027: 200 + 105 000 + 25 000 indicator
    assert p.loc[2026, ["membership", "service", "indicator", "total"]].tolist() == [
        200 * KR, 70_000 * KR, 0, 70_200 * KR]
    assert p.loc[2027, ["membership", "service", "indicator", "total"]].tolist() == [
        400 * KR, 175_000 * KR, 25_000 * KR, 200_400 * KR]
    assert p.loc[2028, "diff_equity"] == -(70_200 + 200_400 + 200_400) * KR
    assert (p["diff_result"] == -p["total"]).all()
    table = lost_table(effect)
    assert table.iloc[3].tolist() == ["Summa förlorade avgifter", "70 200 kr", "200 400 kr", "200 400 kr"]


def test_no_rate_restores_income_when_the_maximum_fee_binds_everyone(books):
    effect = withdrawal_effect(books, {"M04": "2026-09-30"}, "2027-2027")
    row = effect.restoring.iloc[0]
    assert (row["year"], row["target"], row["rate"]) == (2027, 263_400 * KR, None)
    assert restoring_table(effect).iloc[0]["Sats som återställer intäkten"] == "ingen: maxtaxan hindrar"


def test_restoring_rate_for_sodra_vanern_in_the_example():
    books = nns_finance.load(EXAMPLE)
    effect = withdrawal_effect(books, {"M41": "2025-09-30"}, "2026-2026")
    row = effect.restoring.iloc[0]
    assert row["target"] == 1_766_127 * KR            # 1 732 849 kr + Södra Vänern's 33 278 kr
    assert row["rate"] == Decimal("3.58")
    rule = rule_for(books, 2026)
    at = lambda rate: int(fee_totals(books, 2026, rule_for(books, 2026, rule, service_rate=rate))
                          .set_index("item").at["service", "amount"])
    assert at(Decimal("3.58")) == row["income"] >= row["target"] > at(Decimal("3.57"))


def test_unknown_member_and_bad_date_are_named(books):
    with pytest.raises(InputError) as caught:
        withdrawal_effect(books, {"M77": "2025-09-30", "M02": "30/9"})
    assert [str(p) for p in caught.value.problems] == [
        "notebook parameters: withdrawals[1].member: unknown member 'M77' (not in the member register)",
        "notebook parameters: withdrawals[2].notice_date: expected a date YYYY-MM-DD, got '30/9'",
    ]
