"""The example data reproduces the seed budget's fee lines for 2024, 2025 and 2026 exactly."""
from __future__ import annotations

import pandas as pd
import pytest

from nns_finance import load
from nns_finance.core.schema import schema_mismatches
from nns_finance.example import members as example_members
from nns_finance.fees.model import fee_reconciliation, fee_table, fee_totals

KR = 100
# DOMAIN.md: Medlemsavgifter and Serviceavgifter, 2024 outcome / 2025 budget / 2026 budget
EXPECTED = {2024: (62, 12_400, 2_007_991, 3), 2025: (59, 11_800, 1_794_449, 3), 2026: (57, 11_400, 1_732_849, 0)}


@pytest.fixture(scope="module")
def books():
    from conftest import EXAMPLE

    return load(EXAMPLE, strict=False)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_example_reproduces_the_budget_lines(books, year):
    members, membership, service, capped = EXPECTED[year]
    totals = fee_totals(books, year).set_index("item")
    assert totals.loc["membership", "members"] == members
    assert totals.loc["membership", "amount"] == membership * KR
    assert totals.loc["service", "amount"] == service * KR
    table = fee_table(books, year)
    assert int(table["service_fee"].sum()) == service * KR          # totals are the sum of members
    assert (table["limit"] == "max_increase").sum() == capped


def test_2026_largest_members_pay_the_maximum_fee(books):
    table = fee_table(books, 2026)
    at_max = table[table["limit"] == "max_fee"]
    assert len(at_max) == 2 and (at_max["service_fee"] == 123_400 * KR).all()


def test_sodra_vanern_leaves_2026_after_notice_2025_09_30(books):
    m = books.members.set_index("name").loc["Samordningsförbundet Södra Vänern"]
    assert m["notice_date"] == pd.Timestamp("2025-09-30")
    assert m["withdrawal_date"] == pd.Timestamp("2026-01-01")     # computed from the notice rule
    row = fee_table(books, 2026).set_index("name").loc["Samordningsförbundet Södra Vänern"]
    assert row["status"] == "withdrawn" and row["total_fee"] == 0 and row["last_year_fee"] > 0


def test_three_indicator_agreements_end_in_2025(books):
    counts = {y: int(fee_table(books, y)["indicator"].sum()) for y in (2024, 2025, 2026)}
    assert counts == {2024: 8, 2025: 13, 2026: 10}
    ends = books.members["indicator_to"].dropna()
    assert sorted(d.date().isoformat() for d in ends) == ["2025-09-30", "2025-10-31", "2025-11-30"]


def test_reconciliation_with_the_budget_is_exact(books):
    if books.budget.empty:
        pytest.skip("budget loader not available")
    for year, versions in ((2024, ["outcome"]), (2025, ["budget", "forecast"]), (2026, ["budget"])):
        recon = fee_reconciliation(books, year)
        assert sorted(set(recon["version"])) == sorted(versions)
        assert len(recon) == 2 * len(versions)
        assert (recon["difference"] == 0).all()


def test_example_register_is_clean_and_fits_the_schema(books):
    assert [str(p) for p in books.problems if p.file.startswith("members")] == []
    assert schema_mismatches(books.members, "members") == []
    assert schema_mismatches(books.fee_bases, "fee_bases") == []
    assert len(books.members) == 64


def test_generator_is_deterministic_and_matches_the_committed_file(tmp_path):
    from conftest import EXAMPLE

    written = example_members.write(tmp_path)
    assert [p.name for p in written] == ["members.csv"]
    assert written[0].read_bytes() == (EXAMPLE / "members.csv").read_bytes()
    assert example_members.render() == written[0].read_text(encoding="utf-8")
    assert "Syntetiskt exempel" in written[0].read_text(encoding="utf-8")
