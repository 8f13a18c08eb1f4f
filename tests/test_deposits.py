"""Term deposits: interest by day count, accrual, the register loader, the deposit guarantee."""
from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pandas as pd
import pytest

import nns_finance
from nns_finance.books.deposits import deposit_records
from nns_finance.treasury import deposits as dep
from nns_finance.treasury.guarantee import guarantee_problems
from nns_finance.treasury.reconciliation import deposit_summary, reconciliation_problems
from nns_finance.core.schema import schema_mismatches
from nns_finance.treasury.guarantee import guarantee_problems, guarantee_status, limit_on
from nns_finance.core.interest import (
    RatePath, accrued_interest, day_count_name, days_30_360, interest, roll_over, year_fraction
)

KR = 100
P = 700_000 * KR
R = Decimal("1.85")


# --- interest: the figures -------------------------------------------------------

@pytest.mark.parametrize("day_count, expected_ore", [
    ("ACT/365", 326_411),   # 700 000 × 1.85 % × 92/365 = 3 264.1096
    ("ACT/360", 330_944),   # × 92/360 = 3 309.4444
    ("30/360", 323_750),    # × 90/360 = 3 237.50
    ("ACT/ACT", 326_411),   # 2025 is not a leap year: as ACT/365
])
def test_interest_for_one_term_of_the_board_deposit(day_count, expected_ore):
    assert interest(P, R, dt.date(2025, 7, 1), dt.date(2025, 10, 1), day_count) == expected_ore


def test_savings_bank_example_from_the_domain_notes():
    # 3.30 % × 92/360 × 100 000 = 843.33 kr
    assert interest(100_000 * KR, Decimal("3.30"), "2025-07-01", "2025-10-01", "ACT/360") == 84_333


def test_rounding_is_to_the_ore_half_up():
    # 100 kr at 1.825 % for 360 days / 360 = 1.825 kr → 1.83 kr (half up, not to even); 1.835 → 1.84
    assert interest(100 * KR, Decimal("1.825"), "2025-01-01", "2025-12-27", "ACT/360") == 183
    assert interest(100 * KR, Decimal("1.835"), "2025-01-01", "2025-12-27", "ACT/360") == 184


def test_leap_year_under_act_act_splits_at_new_year():
    # 2023-12-01 → 2024-03-01: 31 days of 2023 over 365, 60 days of 2024 over 366
    assert year_fraction("2023-12-01", "2024-03-01", "ACT/ACT") == pytest.approx(31 / 365 + 60 / 366)
    # 1 000 000 kr at 2 %: 1 698.63 + 3 278.69 = 4 977.32 kr (exact sum, rounded once)
    assert interest(1_000_000 * KR, Decimal(2), "2023-12-01", "2024-03-01", "ACT/ACT") == 497_732
    # ACT/365 counts 91 days / 365 instead
    assert interest(1_000_000 * KR, Decimal(2), "2023-12-01", "2024-03-01", "ACT/365") == 498_630
    # a whole leap year is exactly one year under ACT/ACT, 366/365 under ACT/365
    assert interest(1_000_000 * KR, Decimal(2), "2024-01-01", "2025-01-01", "ACT/ACT") == 2_000_000
    assert interest(1_000_000 * KR, Decimal(2), "2024-01-01", "2025-01-01", "ACT/365") == 2_005_479


def test_30_360_bond_basis_end_of_month_rules():
    assert days_30_360(dt.date(2025, 1, 31), dt.date(2025, 3, 31)) == 60     # 31st → 30th both ends
    assert days_30_360(dt.date(2025, 1, 15), dt.date(2025, 3, 31)) == 76     # end stays 31 when start < 30
    assert days_30_360(dt.date(2025, 2, 28), dt.date(2025, 3, 31)) == 33     # no February rule


def test_day_count_spellings():
    assert day_count_name("Actual/360") == "ACT/360"
    assert day_count_name("act/365 fixed") == "ACT/365"
    assert day_count_name("faktisk/faktisk") == "ACT/ACT"
    assert day_count_name("30/360 US") == "30/360"
    assert day_count_name("30E/360") is None


# --- accrual -----------------------------------------------------------------------------

def test_accrual_across_a_month_end():
    args = (P, R, dt.date(2025, 7, 1), dt.date(2025, 10, 1), "ACT/365")
    # end of 31 July: 31 nights × 700 000 × 1.85 % / 365 = 1 099.86 kr
    assert accrued_interest(*args, dt.date(2025, 7, 31)) == 109_986
    # end of 1 August: 32 nights = 1 135.34 kr; end of September: all 92 nights = the whole interest
    assert accrued_interest(*args, dt.date(2025, 8, 1)) == 113_534
    assert accrued_interest(*args, dt.date(2025, 9, 30)) == 326_411
    # on the maturity day the interest has been paid: nothing accrued; before the start neither
    assert accrued_interest(*args, dt.date(2025, 10, 1)) == 0
    assert accrued_interest(*args, dt.date(2025, 6, 30)) == 0


def test_accrual_across_a_year_end_belongs_to_the_old_year():
    # the rolled-over term 2025-10-01 → 2026-01-01: at 2025-12-31 all 92 nights are earned
    args = (P, R, dt.date(2025, 10, 1), dt.date(2026, 1, 1), "ACT/365")
    assert accrued_interest(*args, dt.date(2025, 12, 31)) == 326_411
    # a term across New Year under ACT/ACT: 2025-12-01 → 2026-03-01, accrued at 2025-12-31 = 31/365
    across = (P, R, dt.date(2025, 12, 1), dt.date(2026, 3, 1), "ACT/ACT")
    assert accrued_interest(*across, dt.date(2025, 12, 31)) == 109_986
    assert accrued_interest(*across, dt.date(2026, 1, 31)) == 219_973   # 62 nights
    assert interest(P, R, dt.date(2025, 12, 1), dt.date(2026, 3, 1), "ACT/ACT") == 319_315  # 90 nights


def test_roll_over_at_an_assumed_rate_path():
    path = RatePath.by_year({2025: Decimal("1.85"), 2026: Decimal("1.50")})
    terms = roll_over(P, "2025-10-01", "2026-07-01", path, "ACT/365")
    assert list(terms["start"].dt.strftime("%Y-%m-%d")) == ["2025-10-01", "2026-01-01", "2026-04-01"]
    assert list(terms["rate"]) == [Decimal("1.85"), Decimal("1.50"), Decimal("1.50")]
    # 92, 90 and 91 nights: 3 264.11, 2 589.04, 2 617.81 kr
    assert list(terms["interest"]) == [326_411, 258_904, 261_781]
    reinvested = roll_over(P, "2025-10-01", "2026-04-01", path, "ACT/365", reinvest_interest=True)
    assert list(reinvested["principal"]) == [P, P + 326_411]


# --- the register ------------------------------------------------------------------------

def _folder(tmp_path, example_dir, deposits_csv: str, with_ledger=False):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("settings.toml", "budget.csv", "accounts.csv"):
        shutil.copy(example_dir / name, folder / name)
    if with_ledger:
        shutil.copytree(example_dir / "ledger", folder / "ledger")
    (folder / "deposits.csv").write_text(deposits_csv, encoding="utf-8")
    return folder


EXAMPLE_CSV = """\
id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning;status
P1;Exempelbanken;1880;700 000;1,85;2025-07-01;2025-10-01;ACT/365;förfallen
P2;Exempelbanken;1880;700 000;1,85;2025-10-01;2026-01-01;ACT/365;aktiv
"""


def test_register_reads_swedish_headers_into_the_schema(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, EXAMPLE_CSV), strict=False)
    d = books.deposits
    assert schema_mismatches(d, "deposits") == []
    assert list(d["deposit_id"]) == ["P1", "P2"]
    assert list(d["principal"]) == [P, P]
    assert list(d["rate"]) == [R, R] and isinstance(d["rate"].iloc[0], Decimal)
    assert list(d["status"]) == ["matured", "active"]
    assert list(d["line"]) == [2, 3]
    assert [p for p in books.problems if p.file == "deposits.csv"] == []


def test_register_reads_english_headers_and_a_comma_csv(tmp_path, example_dir):
    csv = ("ID,Bank,Account,Principal,Rate,Start,Maturity,Day count,Status\n"
           "A,Sparbanken Syd,1880,250000.00,2.1 %,2025-03-01,2025-06-01,Actual/360,matured\n")
    books = nns_finance.load(_folder(tmp_path, example_dir, csv), strict=False)
    row = books.deposits.iloc[0]
    assert (row["bank"], row["principal"], row["rate"], row["day_count"]) == \
        ("Sparbanken Syd", 250_000 * KR, Decimal("2.1"), "ACT/360")
    assert deposit_records(books.deposits)[0].interest == 134_167   # 250 000 × 2.1 % × 92/360


def test_every_bad_row_is_reported_with_its_line(tmp_path, example_dir):
    csv = EXAMPLE_CSV + (
        "P3;Exempelbanken;1880;100 000;1,5;2025-10-01;2025-09-01;ACT/365;aktiv\n"     # 4: before start
        "P4;Exempelbanken;1880;100 000;1,5;2025-10-01;2026-01-01;30E/360;aktiv\n"     # 5: day count
        "P5;Exempelbanken;1880;tio tusen;1,5;2025-10-01;2026-01-01;ACT/365;aktiv\n"   # 6: amount
        "P6;Exempelbanken;1880;100 000;en och en halv;2025-10-01;2026-01-01;ACT/365;\n"  # 7: rate
        "P7;Exempelbanken;1880;100 000;1,5;2025-02-30;2026-01-01;ACT/365;\n"          # 8: date
        "P1;Exempelbanken;1880;100 000;1,5;2025-10-01;2026-01-01;ACT/365;\n"          # 9: duplicate id
        "P8;Exempelbanken;1880;-5 000;1,5;2025-10-01;2026-01-01;ACT/365;\n"           # 10: negative
        "P9;Exempelbanken;1880;100 000;185;2025-10-01;2026-01-01;ACT/365;\n"          # 11: 185 %
        "P10;Exempelbanken;1880;100 000;1,5;2025-10-01;2026-01-01;;\n"                # 12: no day count
        "P11;Exempelbanken;1880;100 000;1,5;2025-10-01;2026-01-01;ACT/360;pausad\n"   # 13: status
    )
    books = nns_finance.load(_folder(tmp_path, example_dir, csv), strict=False)
    got = [str(p) for p in books.problems if p.file == "deposits.csv"]
    assert got == [
        "deposits.csv:4: deposit matures on 2025-09-01, not after it starts on 2025-10-01",
        "deposits.csv:5: unknown day count '30E/360' (expected one of ACT/365, ACT/360, ACT/ACT, 30/360)",
        "deposits.csv:6: principal: not an amount: 'tio tusen'",
        "deposits.csv:7: not a rate in per cent: 'en och en halv'",
        "deposits.csv:8: start date: not a date (YYYY-MM-DD): '2025-02-30'",
        "deposits.csv:9: duplicate deposit id 'P1' (first on line 2)",
        "deposits.csv:10: principal must be more than 0 kr",
        "deposits.csv:11: interest rate '185' is above 100 % (write per cent: 1,85)",
        "deposits.csv:12: missing day count (the bank's convention: ACT/365, ACT/360, ACT/ACT, 30/360)",
        "deposits.csv:13: unknown status 'pausad' (expected active/aktiv, matured/förfallen or withdrawn/uttagen)",
    ]
    assert list(books.deposits["deposit_id"]) == ["P1", "P2"]   # bad rows left out, never half-read


def test_a_rate_written_as_a_fraction_is_a_warning(tmp_path, example_dir):
    csv = EXAMPLE_CSV.replace("P2;Exempelbanken;1880;700 000;1,85", "P2;Exempelbanken;1940;700 000;0,0185")
    books = nns_finance.load(_folder(tmp_path, example_dir, csv), strict=False)
    got = sorted(str(p) for p in books.problems if p.file == "deposits.csv")
    assert got == [
        "deposits.csv:3: warning: interest rate 0,0185 % is tiny: the rate is in per cent (1,85 for 1.85 %), not a fraction",
        "deposits.csv:3: warning: placement account 1940 is not a deposit account in settings.toml ([accounts] deposits = ['1880'])",
    ]


def test_missing_column_names_what_the_header_has(tmp_path, example_dir):
    csv = "id;bank;belopp;startdatum;förfallodag;dagräkning\nP1;B;100;2025-01-01;2025-04-01;ACT/365\n"
    books = nns_finance.load(_folder(tmp_path, example_dir, csv), strict=False)
    assert [str(p) for p in books.problems if p.file == "deposits.csv"] == [
        "deposits.csv:1: missing column 'rate' (the header has: id, bank, belopp, startdatum, förfallodag, dagräkning)"]


# --- at a date ---------------------------------------------------------------------------

def test_accrued_and_ladder_at_the_year_end(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, EXAMPLE_CSV), strict=False)
    held = dep.accrued(books, dt.date(2025, 12, 31))
    assert list(held["deposit_id"]) == ["P2"]
    assert (int(held["days"][0]), int(held["accrued"][0]), int(held["value"][0])) == (92, 326_411, P + 326_411)
    ladder = dep.ladder(books, dt.date(2025, 8, 31))
    assert list(ladder["deposit_id"]) == ["P1", "P2"]
    assert list(ladder["days_left"]) == [31, 123]
    assert list(ladder["cumulative"]) == [P + 326_411, 2 * (P + 326_411)]
    assert list(dep.ladder(books, dt.date(2025, 8, 31), months=3)["deposit_id"]) == ["P1"]


# --- the deposit guarantee -----------------------------------------------------------------

def test_guarantee_limit_switches_on_new_year():
    assert limit_on(dt.date(2025, 12, 31)) == 1_050_000 * KR
    assert limit_on(dt.date(2026, 1, 1)) == 1_150_000 * KR


BIG_CSV = """\
id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning;status
G1;Storbanken;1880;1 100 000;2,0;2025-10-01;2026-04-01;ACT/365;aktiv
G2;Lillbanken;1880;1 040 000;2,0;2025-10-01;2026-01-01;ACT/365;aktiv
"""


def test_guarantee_exposure_is_principal_plus_accrued_against_the_limit_of_the_day(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, BIG_CSV), strict=False)
    end_2025 = guarantee_status(books, dt.date(2025, 12, 31)).set_index("bank")
    # Lillbanken: 1 040 000 + 92 nights at 2 % (5 242.74) = 1 045 242.74 < 1 050 000
    assert int(end_2025.at["Lillbanken", "exposure"]) == 104_524_274
    assert bool(end_2025.at["Lillbanken", "within"])
    # Storbanken: 1 100 000 + 5 545.21 over 1 050 000 in 2025 ...
    assert int(end_2025.at["Storbanken", "exposure"]) == 110_554_521
    assert not bool(end_2025.at["Storbanken", "within"])
    # ... but within the 1 150 000 from 2026-01-01 (1 100 000 + 5 605.48)
    new_year = guarantee_status(books, dt.date(2026, 1, 1)).set_index("bank")
    assert int(new_year.at["Storbanken", "limit"]) == 115_000_000
    assert bool(new_year.at["Storbanken", "within"])


def test_guarantee_warning_in_check_names_the_worst_day_and_the_register_line(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, BIG_CSV), strict=False)
    got = [str(p) for p in guarantee_problems(books)]
    assert got == ["deposits.csv:2: warning: deposit guarantee: 1 105 545,21 kr at Storbanken on "
                   "2025-12-31 (principal plus interest earned) exceeds the 1 050 000 kr per bank in "
                   "force that day by 55 545,21 kr"]
    assert guarantee_problems(books, dt.date(2026, 2, 1)) == []
    assert [p.line for p in guarantee_problems(books, dt.date(2025, 11, 30))] == [2]


def test_summary_for_the_report(tmp_path, example_dir):
    books = nns_finance.load(_folder(tmp_path, example_dir, EXAMPLE_CSV), strict=False)
    s = deposit_summary(books, dt.date(2025, 11, 30))
    assert (s.principal, s.accrued_interest) == (P, 216_425)   # 61 nights: 12 950 × 61/365 = 2 164.246 kr
    assert list(s.maturing["deposit_id"]) == ["P2"]
    assert s.text_sv()[0] == ("Placerat på fasträntekonton 2025-11-30: 700 000 kr i 1 bank(er); "
                              "upplupen ränta 2 164,25 kr.")
    assert s.problems == ()
    late = deposit_summary(books, dt.date(2026, 1, 31))
    assert [str(p) for p in late.problems] == [
        "deposits.csv:3: warning: deposit P2 is marked active but matured on 2026-01-01: record the "
        "new term (or mark it matured)"]


def test_register_in_a_workbook_points_at_sheet_and_cell(tmp_path, example_dir):
    import openpyxl

    folder = _folder(tmp_path, example_dir, EXAMPLE_CSV)
    (folder / "deposits.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Placeringar"
    ws.append(["Id", "Bank", "Belopp", "Ränta %", "Startdatum", "Förfallodag", "Dagräkning"])
    ws.append(["P1", "Exempelbanken", 700000, 1.85, dt.datetime(2025, 7, 1), dt.datetime(2025, 10, 1), "ACT/360"])
    ws.append(["P2", "Exempelbanken", 700000, 1.85, dt.datetime(2025, 10, 1), dt.datetime(2025, 9, 1), "ACT/360"])
    wb.save(folder / "deposits.xlsx")
    books = nns_finance.load(folder, strict=False)
    assert [str(p) for p in books.problems if p.file == "deposits.xlsx"] == [
        "deposits.xlsx:Placeringar!F3: deposit matures on 2025-09-01, not after it starts on 2025-10-01"]
    row = books.deposits.iloc[0]
    assert (row["account"], row["rate"], deposit_records(books.deposits)[0].interest) == \
        ("1880", Decimal("1.85"), 330_944)


def test_example_writer_reproduces_the_committed_example_files(tmp_path, example_dir):
    from nns_finance.example.deposits import write

    written = write(tmp_path)
    assert sorted(p.name for p in written) == ["assumptions.toml", "commitments.csv", "deposits.csv"]
    for path in written:
        assert path.read_bytes() == (example_dir / path.name).read_bytes()
