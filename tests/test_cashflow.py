"""The twelve-month cash forecast: phased budget, commitments, deposits maturing before payments."""
from __future__ import annotations

import datetime as dt

import nns_finance
from nns_finance.treasury.cashflow import cash_forecast, maturities
from nns_finance.accounting.trial_balance import balance_at

KR = 100


def _even(folder):
    """The example folder without its phasing profiles: every line spread evenly."""
    (folder / "phasing.csv").unlink(missing_ok=True)
    return nns_finance.load(folder, strict=False)


def test_example_forecast_for_2026(example_copy):
    books = _even(example_copy)
    at = dt.date(2025, 12, 31)
    cash = cash_forecast(books, at)
    m = cash.months
    assert cash.opening == balance_at(books, ["1930"], at)
    assert list(m["month"]) == [f"2026-{i:02d}" for i in range(1, 13)]
    # the budget's 3 249 kr result, with the annual meeting's −340 000 kr taken out of the line
    # because the two commitments name that line and replace it: 343 249 kr spread over the year
    assert m["budget"].sum() == 343_249 * KR
    assert list(m["commitments"][m["commitments"] != 0]) == [-250_000 * KR, -90_000 * KR]
    assert m["bank"].iloc[-1] == cash.opening + 3_249 * KR
    assert (m["bank"] == cash.opening + m["net"].cumsum()).all()
    assert cash.lowest_month == "2026-04"
    assert cash.lowest == cash.opening + int(m["net"].iloc[:4].sum())
    # P2 matures 2026-01-01 (703 264,11 kr), then rolls over quarterly: 90 nights to 2026-04-01
    assert m.set_index("month").at["2026-01", "maturing"] == 70_326_411
    assert m.set_index("month").at["2026-04", "maturing"] == 70_319_315
    # only the venue (250 000 kr) is a large payment; the last maturity before it is 2026-01-01
    p = cash.payments
    assert len(p) == 1
    row = p.iloc[0]
    assert (f"{row['date']:%Y-%m-%d}", row["amount"], row["deposit_id"], row["days_before"]) == \
        ("2026-03-16", -250_000 * KR, "P2", 74)
    assert row["bank_before"] == m.set_index("month").at["2026-02", "bank"]
    assert bool(row["covered"])
    assert cash.notes == () and cash.problems == ()


def test_a_commitment_without_a_line_comes_on_top_of_the_budget(example_copy):
    (example_copy / "commitments.csv").write_text(
        "datum;belopp;text\n2026-02-10;-1 200 000;Stor betalning\n", encoding="utf-8")
    books = _even(example_copy)
    cash = cash_forecast(books, dt.date(2025, 12, 31), opening=1_000_000 * KR)
    m = cash.months.set_index("month")
    assert m["budget"].sum() == 3_249 * KR                       # the whole budget, phased evenly
    assert m.at["2026-02", "commitments"] == -1_200_000 * KR
    assert cash.lowest_month == "2026-02"
    row = cash.payments.iloc[0]
    assert row["bank_before"] == m.at["2026-01", "bank"] and not bool(row["covered"])
    assert row["deposit_id"] == "P2" and row["days_before"] == 40


def test_bad_commitments_are_problems_and_later_years_reuse_the_last_budget(example_copy):
    (example_copy / "commitments.csv").write_text(
        "datum;belopp;text;budgetrad\n"
        "2026-13-01;-5 000;Fel datum;\n"
        "2026-08-01;-5 000;Okänd rad;kostnader.resor\n"
        "2026-09-01;5 000;Fel tecken;kostnader.information\n", encoding="utf-8")
    books = nns_finance.load(example_copy, strict=False)
    cash = cash_forecast(books, dt.date(2026, 6, 30), opening=0)
    assert [str(p) for p in books.problems if p.file == "commitments.csv"] == [
        "commitments.csv:2: not a date (YYYY-MM-DD): '2026-13-01'",
        "commitments.csv:3: unknown budget line 'kostnader.resor' (a line code without sub-lines)",
        "commitments.csv:4: warning: a payment on a cost line is written with a minus sign",
    ]
    assert cash.notes == ("budget 2026 används för 2027",)
    assert list(cash.months["month"])[-1] == "2027-06"


def test_maturities_roll_over_only_the_last_term_of_a_chain(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    due = maturities(books, dt.date(2025, 8, 31), dt.date(2026, 3, 31))
    assert [(f"{d:%Y-%m-%d}", i) for d, i in zip(due["maturity"], due["deposit_id"])] == [
        ("2025-10-01", "P1"), ("2026-01-01", "P2")]


def test_with_the_example_phasing_the_lowest_point_is_the_lowest_month_end(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    cash = cash_forecast(books, dt.date(2025, 12, 31))
    assert cash.lowest == cash.months["bank"].min()
    assert cash.months["budget"].sum() == 343_249 * KR          # phasing moves money, not totals
    assert cash.months["bank"].iloc[-1] == cash.opening + 3_249 * KR
