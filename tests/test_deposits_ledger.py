"""The deposit register against the example ledger (helper B books the 700 000 kr on 1880 on
2025-07-01 and the interest of 3 264,11 kr on 8312 on 2025-10-01)."""
from __future__ import annotations

import datetime as dt

import nns_finance
from nns_finance.books.deposits import deposit_records
from nns_finance.treasury import deposits as dep
from nns_finance.treasury.guarantee import guarantee_problems
from nns_finance.treasury.reconciliation import deposit_summary, reconciliation_problems
from nns_finance.treasury.reconciliation import interest_reconciliation, principal_reconciliation
from nns_finance.example.deposits import DEPOSITS_CSV


def test_example_register_agrees_with_the_example_ledger(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    principal = principal_reconciliation(books, dt.date(2025, 12, 31))
    assert principal.to_dict("records") == [
        {"account": "1880", "register": 70_000_000, "ledger": 70_000_000, "difference": 0}]
    before = principal_reconciliation(books, dt.date(2025, 6, 30))
    assert before.to_dict("records") == [{"account": "1880", "register": 0, "ledger": 0, "difference": 0}]
    interest = interest_reconciliation(books, dt.date(2025, 12, 31))
    assert [(f"{r.date:%Y-%m-%d}", r.deposits, r.computed, r.booked, r.difference)
            for r in interest.itertuples()] == [("2025-10-01", "P1", 326_411, 326_411, 0)]
    assert reconciliation_problems(books) == []


def test_differences_with_the_ledger_are_reported(example_copy):
    # the treasurer typed the wrong rate for the first term and the wrong principal for the second
    (example_copy / "deposits.csv").write_text(
        DEPOSITS_CSV.replace("P1;Exempelbanken;1880;700 000;1,85", "P1;Exempelbanken;1880;700 000;1,90")
                    .replace("P2;Exempelbanken;1880;700 000", "P2;Exempelbanken;1880;650 000"),
        encoding="utf-8")
    books = nns_finance.load(example_copy, strict=False)
    got = [str(p) for p in reconciliation_problems(books, dt.date(2025, 12, 31))]
    assert got == [
        "deposits.csv: warning: placement account 1880 on 2025-12-31: the register has 650 000,00 kr "
        "placed, the ledger 700 000,00 kr (difference 50 000,00 kr)",
        # 700 000 × 1.90 % × 92/365 = 3 352.33 kr
        "deposits.csv:2: warning: interest on P1 maturing 2025-10-01: computed 3 352,33 kr, booked on "
        "8312 that day 3 264,11 kr (difference -88,22 kr)",
    ]
