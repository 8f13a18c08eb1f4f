"""Writing SIE: a ledger and balances as SIE 4 in CP437 that reads back the same; the budget
as #PBUDGET rows that read back as the same budget."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from nns_finance.core.schema import SCHEMAS
from nns_finance.core.problems import Problems
from nns_finance.sie import parse_sie, read_sie, render_sie, write_sie
from nns_finance.books.sie_ledger import load_for_ledger
from nns_finance.sie.budget_export import budget_by_line, budget_rows


def ledger_frame(rows):
    cols = list(SCHEMAS["ledger"])
    f = pd.DataFrame(rows, columns=cols)
    return f.astype({c: ("str" if t == "str" else t) for c, t in SCHEMAS["ledger"].items()})


LEDGER = ledger_frame([
    (2025, "A", "1", pd.Timestamp("2025-01-15"), "1510", 12340050, 'Serviceavgift "Nord" – Q1', "x", 1, 1),
    (2025, "A", "1", pd.Timestamp("2025-01-15"), "3020", -12340050, "Serviceavgift Nord", "x", 2, 2),
    (2025, "A", "2", pd.Timestamp("2025-02-01"), "1930", -70000000, "Placering 1,85 %", "x", 3, 3),
    (2025, "A", "2", pd.Timestamp("2025-02-01"), "1880", 70000000, "Placering 1,85 %", "x", 4, 4),
    (2024, "A", "9", pd.Timestamp("2024-12-31"), "1930", 100, "förra året", "x", 5, 5),
])
BALANCES = pd.DataFrame({"year": [2025, 2025, 2024, 2024], "account": ["1930", "2067", "1930", "2067"],
                         "kind": ["IB", "IB", "UB", "UB"], "amount": [155227600, -155227600, 155227600, -155227600]}
                        ).astype({"account": "str", "kind": "str"})
ACCOUNTS = pd.DataFrame({"account": ["1930", "3020", "1510"], "name": ["Företagskonto", "Serviceavgifter", "Kundfordringar"],
                         "line": ["", "intakter.serviceavgifter", ""]})


def test_round_trip_gives_the_same_ledger_and_balances(tmp_path):
    path = write_sie(tmp_path / "2025.se", LEDGER, BALANCES, company="Föreningen NNS", org_number="802400-0000",
                     fiscal_year=2025, accounts=ACCOUNTS)
    problems = Problems()
    ledger, balances = load_for_ledger(path, problems, "ledger/2025.se")
    assert list(problems) == []
    cols = ["year", "series", "number", "date", "account", "amount"]
    expected = LEDGER[LEDGER["year"] == 2025].reset_index(drop=True)
    pd.testing.assert_frame_equal(ledger[cols], expected[cols])
    assert ledger["text"].tolist() == ['Serviceavgift "Nord" - Q1', "Serviceavgift Nord",
                                       "Placering 1,85 %", "Placering 1,85 %"]  # – is not in CP437
    pd.testing.assert_frame_equal(balances.sort_values(["year", "account"]).reset_index(drop=True),
                                  BALANCES.sort_values(["year", "account"]).reset_index(drop=True))
    sie = read_sie(path, Problems())
    assert sie.checksum[0] == sie.checksum[1] and sie.encoding == "cp437"
    assert sie.accounts[["account", "name"]].values.tolist()[:2] == [["1510", "Kundfordringar"], ["1880", ""]]


def test_the_bytes_are_cp437_with_the_spec_records():
    data = render_sie(LEDGER, BALANCES, company="Föreningen NNS", org_number="802400-0000", ksumma=False,
                      generated=dt.date(2026, 1, 15))
    text = data.decode("cp437").split("\n")
    assert text[:6] == ["#FLAGGA 0", '#PROGRAM "nns-finance" "0.1.0"', "#FORMAT PC8", "#GEN 20260115",
                        "#SIETYP 4", "#ORGNR 802400-0000"]
    assert "#FNAMN \"Föreningen NNS\"" in text and "#RAR -1 20240101 20241231" in text
    assert "#IB 0 1930 1552276.00" in text and "#UB -1 1930 1552276.00" in text
    i = text.index('#VER A 1 20250115 "Serviceavgift \\"Nord\\" - Q1"')
    assert text[i + 1:i + 5] == ["{", '#TRANS 1510 {} 123400.50 20250115 "Serviceavgift \\"Nord\\" - Q1"',
                                 '#TRANS 3020 {} -123400.50 20250115 "Serviceavgift Nord"', "}"]
    assert "ö".encode("cp437") in data  # CP437, not UTF-8


def test_same_input_same_bytes():
    a = render_sie(LEDGER, BALANCES, company="NNS", org_number="1")
    b = render_sie(LEDGER.sample(frac=1, random_state=3), BALANCES, company="NNS", org_number="1")
    assert a == b
    assert b"#GEN 20251231" in a  # by default the fiscal year's last day


def test_budget_export_reads_back_as_the_same_budget():
    phased = pd.DataFrame({"code": ["intakter.serviceavgifter"] * 12 + ["kostnader.information"] * 12,
                           "month": list(range(1, 13)) * 2,
                           "amount": [14440400] * 11 + [14440400 + 56] + [-833333] * 11 + [-833337]})
    accounts = pd.DataFrame({"account": ["3021", "3020", "6110"], "name": ["", "", ""],
                             "line": ["intakter.serviceavgifter", "intakter.serviceavgifter", "kostnader.information"]})
    rows, unmapped = budget_rows(phased, accounts)
    assert unmapped == []
    assert rows["account"].unique().tolist() == ["3020", "6110"]  # the first account in account order
    assert rows["amount"].iloc[0] == -14440400                     # income is credit: negative in SIE
    from nns_finance.sie import render_budget_sie
    data = render_budget_sie(rows, company="NNS", org_number="802400-0000", fiscal_year=2026, accounts=accounts)
    assert b"#PBUDGET 0 202601 3020 {} -144404.00" in data
    problems = Problems()
    sie = parse_sie(data, problems, "budget.se")
    assert list(problems) == []
    back = budget_by_line(sie.period_balances, accounts, 2026).set_index("code")["amount"].to_dict()
    assert back == {"intakter.serviceavgifter": 173284856, "kostnader.information": -10000000}


def test_budget_line_without_an_account_is_named():
    phased = pd.DataFrame({"code": ["intakter.ovrigt"] * 12, "month": range(1, 13), "amount": [100] * 12})
    accounts = pd.DataFrame({"account": ["3010"], "name": [""], "line": ["intakter.medlemsavgifter"]})
    assert budget_rows(phased, accounts)[1] == ["intakter.ovrigt"]


def test_sie_budget_command_on_the_example(example_dir, tmp_path):
    pytest.importorskip("nns_finance.accounting.phasing")
    from nns_finance.cli import main
    from nns_finance.books.load import load

    out = tmp_path / "budget2026.se"
    assert main(["sie-budget", "--year", "2026", "--data", str(example_dir), "--out", str(out)]) == 0
    books = load(example_dir, strict=False)
    problems = Problems()
    sie = read_sie(out, problems)
    assert list(problems) == [] and sie.company.sie_type == "2"
    back = budget_by_line(sie.period_balances, books.accounts, 2026).set_index("code")["amount"]
    budget = books.budget[(books.budget["version"] == "budget") & (books.budget["year"] == 2026)]
    budget = budget.groupby("code")["amount"].sum()
    assert back.sort_index().to_dict() == budget[budget != 0].sort_index().to_dict()
    assert back.sum() == 324900  # Årets resultat 2026: 3 249 kr
