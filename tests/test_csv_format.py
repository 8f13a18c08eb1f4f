"""Every command that prints figures offers ``--format csv``: UTF-8, comma-separated, a header
row, kronor with a ``.`` decimal point and no thousands separator — read here with nothing but
the csv module, as a script or a spreadsheet would, and checked against the example's figures."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from nns_finance.cli import main

EXAMPLE = str(Path(__file__).resolve().parents[1] / "data" / "example")
KRONOR = re.compile(r"^-?\d+\.\d{2}$")          # 1552276.00, -3264.11: no spaces, no comma


def run_csv(capsys, argv: list[str]) -> list[dict[str, str]]:
    assert main(argv) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")                          # printable as UTF-8 (å, ä, ö in names)
    return list(csv.DictReader(io.StringIO(out)))


def by(rows, key, value):
    return next(r for r in rows if r[key] == value)


def test_budget(capsys):
    rows = run_csv(capsys, ["budget", EXAMPLE, "--format", "csv"])
    assert list(rows[0]) == ["code", "name", "level", "kind", "2024 Utfall", "2025 Budget",
                             "2025 Prognos helår", "2026 Budget"]
    assert by(rows, "code", "summa-intakter")["2025 Prognos helår"] == "2683726.00"
    assert by(rows, "code", "kostnader.information")["2025 Prognos helår"] == "-85500.00"
    assert by(rows, "code", "utgaende-eget-kapital")["2026 Budget"] == "1583551.00"
    assert by(rows, "code", "intakter")["2024 Utfall"] == ""          # a section has no figures


def test_balance(capsys):
    rows = run_csv(capsys, ["balance", EXAMPLE, "--period", "2025-12", "--format", "csv"])
    assert list(rows[0]) == ["account", "name", "opening", "period", "year_to_date", "closing"]
    assert by(rows, "account", "2067")["opening"] == "-1552276.00"
    assert by(rows, "account", "8312")["closing"] == "-6528.22"      # P1's interest + the accrual of P2's
    assert by(rows, "account", "1760")["closing"] == "3264.11"
    rows = run_csv(capsys, ["balance", EXAMPLE, "--format", "csv"])  # closed_through 2026-11
    assert by(rows, "account", "2067")["opening"] == "-1580302.00"   # 1 552 276 + the 2025 result 28 026
    assert by(rows, "account", "1760")["closing"] == "0.00"          # the accrual reversed on 2026-01-01


def test_deposits(capsys):
    rows = run_csv(capsys, ["deposits", "--data", EXAMPLE, "--at", "2025-11-30", "--format", "csv"])
    p2 = by(rows, "deposit_id", "P2")
    assert (p2["principal"], p2["rate"], p2["interest"], p2["start"]) == \
        ("700000.00", "1.85", "3264.11", "2025-10-01")
    assert p2["accrued"] == "2164.25"   # 700 000 × 1.85 % × 61/365 (1 Oct to the end of 30 Nov)


def test_fees(capsys):
    rows = run_csv(capsys, ["fees", "--data", EXAMPLE, "--year", "2026", "--format", "csv"])
    assert by(rows, "member_id", "M01")["service_fee"] == "123400.00"         # the maximum fee
    assert sum(int(r["service_fee"].replace(".", "")) for r in rows) == 173_284_900   # 1 732 849 kr
    assert by(rows, "member_id", "M41")["total_fee"] == "0.00"                 # Södra Vänern has left


def test_projection(capsys, tmp_path):
    rows = run_csv(capsys, ["projection", "--data", EXAMPLE, "--last", "2027", "--format", "csv",
                            "--out", str(tmp_path / "reports")])
    assert list(rows[0]) == ["year", "income", "costs", "result", "interest", "opening_equity",
                             "closing_equity", "months_covered"]
    assert (rows[0]["year"], rows[0]["income"], rows[0]["result"], rows[0]["closing_equity"]) == \
        ("2026", "2534249.00", "3249.00", "1583551.00")
    assert not (tmp_path / "reports").exists()   # the figures only: no notebook is made


@pytest.mark.parametrize("argv, money", [
    (["budget", EXAMPLE], ["2025 Budget"]),
    (["balance", EXAMPLE], ["opening", "period", "year_to_date", "closing"]),
    (["deposits", "--data", EXAMPLE], ["principal", "interest", "accrued"]),
    (["fees", "--data", EXAMPLE], ["base", "service_fee", "membership_fee", "total_fee"]),
    (["projection", "--data", EXAMPLE], ["income", "costs", "result", "closing_equity"]),
])
def test_every_amount_is_plain_kronor(capsys, argv, money):
    rows = run_csv(capsys, [*argv, "--format", "csv"])
    for row in rows:
        for column in money:
            assert row[column] == "" or KRONOR.match(row[column]), (column, row[column])
