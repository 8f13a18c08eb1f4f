"""The trial balance (``nns-finance balance``): opening, month, year to date, closing; totals last."""
from __future__ import annotations

import pandas as pd

from nns_finance.cli import main

SIE = """#FLAGGA 0
#SIETYP 4
#RAR 0 20250101 20251231
#KONTO 1930 "Företagskonto"
#KONTO 2067 "Balanserat kapital"
#KONTO 3010 "Medlemsavgifter"
#KONTO 6110 "Information"
#IB 0 1930 1552276.00
#IB 0 2067 -1552276.00
#UB 0 1930 1552676.00
#UB 0 2067 -1552276.00
#RES 0 3010 -11800.00
#RES 0 6110 11400.00
#VER A 1 20250115 "Medlemsavgifter"
{
#TRANS 1930 {} 11800.00
#TRANS 3010 {} -11800.00
}
#VER A 2 20250203 "Trycksaker"
{
#TRANS 6110 {} 11400.00
#TRANS 1930 {} -11400.00
}
"""


def test_balance_of_a_sie_file_through_january(tmp_path, capsys):
    path = tmp_path / "2025.se"
    path.write_bytes(SIE.encode("cp437"))
    assert main(["balance", str(path), "--period", "2025-01", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out == ("account,name,opening,period,year_to_date,closing\n"
                   "1930,Företagskonto,1552276.00,11800.00,11800.00,1564076.00\n"
                   "2067,Balanserat kapital,-1552276.00,0.00,0.00,-1552276.00\n"
                   "3010,Medlemsavgifter,0.00,-11800.00,-11800.00,-11800.00\n"
                   "Summa,,0.00,0.00,0.00,0.00\n")


def test_balance_defaults_to_the_last_month_and_prints_a_table(tmp_path, capsys):
    path = tmp_path / "2025.se"
    path.write_bytes(SIE.encode("cp437"))
    assert main(["balance", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Saldobalans 2025, perioden 2025-02"
    assert lines[1].split("  ")[0] == "Konto"
    assert lines[3].split() == ["1930", "Företagskonto", "1", "552", "276", "-11", "400", "400", "1", "552", "676"]
    assert lines[-1].split() == ["Summa", "0", "0", "0", "0"]


def test_balance_problems(tmp_path, capsys):
    path = tmp_path / "2025.se"
    path.write_bytes(SIE.replace("#TRANS 1930 {} -11400.00", "#TRANS 1930 {} -11000.00").encode("cp437"))
    assert main(["balance", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:19: voucher A 2 (2025-02-03) does not balance: its #TRANS rows sum to 400,00 kr, not 0" in err
    path.write_bytes(SIE.encode("cp437"))
    assert main(["balance", str(path), "--period", "2024-12"]) == 1
    assert "outside the fiscal year 2025-01–2025-12" in capsys.readouterr().err
    assert main(["balance", str(path), "--period", "09-2025"]) == 1
    assert "--period '09-2025': the year comes first; write it as YYYY-MM, e.g. 2025-09" in capsys.readouterr().err


def test_trial_balance_opening_from_last_years_ub():
    from nns_finance.accounting.trial_balance import trial_balance

    ledger = pd.DataFrame({"year": [2026, 2026], "date": pd.to_datetime(["2026-03-02", "2026-03-02"]),
                           "account": ["1930", "3010"], "amount": [500, -500]})
    balances = pd.DataFrame({"year": [2025], "account": ["1930"], "kind": ["UB"], "amount": [1000]})
    tb = trial_balance(ledger, balances, 2026, pd.Period("2026-02", "M"))
    assert tb[["account", "opening", "period", "year_to_date", "closing"]].values.tolist() == [
        ["1930", 1000, 0, 0, 1000], ["Summa", 1000, 0, 0, 1000]]  # 3010 moves only in March


def test_balance_of_the_example_data_folder(example_dir, capsys):
    assert main(["balance", str(example_dir), "--period", "2025-12", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "account,name,opening,period,year_to_date,closing"
    assert rows[-1] == "Summa,,0.00,0.00,0.00,0.00"
    equity = [r for r in rows if r.startswith("2067,")]
    assert equity and equity[0].split(",")[2] == "-1552276.00"  # opening equity 1 552 276 kr
