"""``nns-finance deposits``: the register at a day, as a Swedish table or machine-readable CSV."""
from __future__ import annotations

from nns_finance.cli import main


def test_csv_at_a_day_in_the_first_term(example_dir, capsys):
    assert main(["deposits", "--data", str(example_dir), "--at", "2025-07-31", "--format", "csv"]) == 0
    assert capsys.readouterr().out == (
        "deposit_id,bank,account,principal,rate,start,maturity,day_count,status,state,interest,accrued\n"
        "P1,Exempelbanken,1880,700000.00,1.85,2025-07-01,2025-10-01,ACT/365,matured,held,3264.11,1099.86\n"
        "P2,Exempelbanken,1880,700000.00,1.85,2025-10-01,2026-01-01,ACT/365,matured,coming,3264.11,0.00\n"
        # the 2026 terms, rolled over each quarter at 1,85 %: 90, 91, 92 and 92 days
        "P3,Exempelbanken,1880,700000.00,1.85,2026-01-01,2026-04-01,ACT/365,matured,coming,3193.15,0.00\n"
        "P4,Exempelbanken,1880,700000.00,1.85,2026-04-01,2026-07-01,ACT/365,matured,coming,3228.63,0.00\n"
        "P5,Exempelbanken,1880,700000.00,1.85,2026-07-01,2026-10-01,ACT/365,matured,coming,3264.11,0.00\n"
        "P6,Exempelbanken,1880,700000.00,1.85,2026-10-01,2027-01-01,ACT/365,active,coming,3264.11,0.00\n")


def test_table_at_the_2025_year_end_shows_accrual_guarantee_and_ledger_check(example_dir, capsys):
    assert main(["deposits", "--data", str(example_dir), "--at", "2025-12-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fasträntekonton per 2025-12-31 (dagens slut)\n")
    assert "P2  Exempelbanken  1880   700 000,00  1,85     2025-10-01  2026-01-01  ACT/365     placerad" in out
    assert "upplupen ränta 3 264,11 kr." in out
    assert "Insättningsgarantin: alla placeringar ryms inom gränsen per bank (1 050 000 kr)." in out
    assert "2025-10-01  P1           3 264,11  3 264,11      0,00" in out
    assert "2025-12-31" not in out.split("ränta på förfallodagen")[1]   # the accrual nets to zero that day


def test_table_at_the_closed_month(example_dir, capsys):
    assert main(["deposits", "--data", str(example_dir)]) == 0      # closed_through = 2026-11
    out = capsys.readouterr().out
    assert out.startswith("Fasträntekonton per 2026-11-30 (dagens slut)\n")
    # P6 placed 2026-10-01: 700 000 × 1,85 % × 61/365 = 2 164,25 accrued by the end of November
    assert "P6  Exempelbanken  1880   700 000,00  1,85     2026-10-01  2027-01-01  ACT/365     placerad" in out
    assert "upplupen ränta 2 164,25 kr." in out
    assert "Insättningsgarantin: alla placeringar ryms inom gränsen per bank (1 150 000 kr)." in out
    # 2026-01-01: the 2025 accrual reversed (+3 264,11 on 8312, −3 264,11 on 1760) and the
    # interest paid (−3 264,11 on 8312): booked = −(0 − 3 264,11) = 3 264,11
    assert "2026-01-01  P2           3 264,11  3 264,11      0,00" in out
    assert "2026-10-01  P5           3 264,11  3 264,11      0,00" in out


def test_bad_register_stops_with_every_problem(example_copy, capsys):
    (example_copy / "deposits.csv").write_text(
        "id;bank;belopp;ränta;startdatum;förfallodag;dagräkning\n"
        "P1;B;100;1,5;2025-05-01;2025-04-01;ACT/365\n"
        "P1;B;100;1,5;2025-05-01;2025-08-01;ACT/364\n", encoding="utf-8")
    assert main(["deposits", "--data", str(example_copy)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "deposits.csv:2: deposit matures on 2025-04-01, not after it starts on 2025-05-01",
        "deposits.csv:3: duplicate deposit id 'P1' (first on line 2)",
        "deposits.csv:3: unknown day count 'ACT/364' (expected one of ACT/365, ACT/360, ACT/ACT, 30/360)",
        "3 errors, 0 warnings",
    ]


def test_a_bad_date_is_a_one_line_message(example_dir, capsys):
    assert main(["deposits", "--data", str(example_dir), "--at", "31/12/2025"]) == 1
    assert capsys.readouterr().err == "nns-finance deposits: --at '31/12/2025': expected a date YYYY-MM-DD\n"
