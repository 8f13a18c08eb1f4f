"""``nns-finance fees`` and ``fees-report`` on the example data: outputs and one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import openpyxl
import pytest

from nns_finance.cli import main


def test_fees_table_shows_members_totals_and_budget(example_dir, capsys):
    assert main(["fees", "--year", "2026", "--data", str(example_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Avgifter 2026: serviceavgift 3,5 ‰ av underlaget, maxtaxa 123 400 kr")
    assert "Samordningsförbundet Södra Vänern" in out and "utträtt" in out
    summa = [line for line in out.splitlines() if line.startswith("Summa  ")][0]
    assert "1 732 849" in summa and "11 400" in summa
    assert "Serviceavgifter  Budget   1 732 849  1 732 849          0" in out


def test_the_summa_row_reconciles_last_years_income_to_this_years(example_dir, capsys):
    # 2026: last year's service fees add up to the 2025 budget line (1 794 449), this year's to
    # the 2026 one (1 732 849); the members' changes add up to the difference, −61 600 = −3,4 %
    assert main(["fees", "--year", "2026", "--data", str(example_dir)]) == 0
    summa = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Summa  ")][0]
    assert summa.split()[1:] == ["1", "732", "849", "1", "794", "449", "-61", "600", "-3,4", "%",
                                 "11", "400", "250", "000", "1", "994", "249"]
    # 2025 against the 2024 outcome: 2 007 991 → 1 794 449, −213 542 … of which −240 259 from the
    # members that paid both years; no last year's fee for 2024 (no 2023 rules), so blank sums
    assert main(["fees", "--year", "2025", "--data", str(example_dir)]) == 0
    summa = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Summa  ")][0]
    assert "1 794 449            2 007 991       -240 259       -12,0 %" in summa
    assert main(["fees", "--year", "2024", "--data", str(example_dir)]) == 0
    summa = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Summa  ")][0]
    assert summa.split()[1:4] == ["2", "007", "991"]


def test_fees_for_a_year_after_the_rules_and_the_register_says_how(example_dir, capsys):
    assert main(["fees", "--year", "2028", "--data", str(example_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Avgifter 2028: serviceavgift 3,5 ‰ av underlaget, maxtaxa 123 400 kr")
    assert lines[1] == "Avgiftsregler för 2028 saknas i settings.toml: reglerna för 2026 gäller."
    assert lines[2].startswith("Underlag 2028: medlemsregistrets underlag 2026 × den antagna ökningen")
    # Ekbacken: 38 640 000 × 1,02² = 40 201 056 kr, over the maximum fee
    ekbacken = next(line for line in lines if line.startswith("M01 "))
    assert "40 201 056" in ekbacken and "123 400" in ekbacken and "maxtaxa" in ekbacken


def test_fees_csv_is_machine_readable(example_dir, capsys):
    assert main(["fees", "--year", "2025", "--data", str(example_dir), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("member_id,name,status,months,base,fee_before_limits,increase_reference")
    assert lines[1] == ("M01,Samordningsförbundet Ekbacken (exempel),member,12,37900000.00,132650.00,94750.00,"
                        "124750.00,,max_increase,124750.00,123400.00,1350.00,0.010940,200.00,no,0.00,124950.00")


def test_fees_what_if_and_solved_rate(example_dir, capsys):
    assert main(["fees", "--year", "2026", "--data", str(example_dir), "--max-fee", "none",
                 "--target-income", "1 794 449", "--without", "M13"]) == 0
    out = capsys.readouterr().out
    assert "ingen maxtaxa" in out
    assert out.splitlines()[1].startswith("Lägsta sats som når målet: ")
    assert "Utan: M13" in out


def test_fees_xlsx_needs_out_and_writes_a_workbook(example_dir, tmp_path, capsys):
    assert main(["fees", "--year", "2026", "--data", str(example_dir), "--format", "xlsx"]) == 1
    assert "give --out FILE.xlsx" in capsys.readouterr().err
    out = tmp_path / "avgifter.xlsx"
    assert main(["fees", "--year", "2026", "--data", str(example_dir), "--format", "xlsx", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Avgifter", "Summering", "Underlag"]
    ws = wb["Summering"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, 9)}   # the totals block
    assert values["Serviceavgifter"] == 1_732_849 and values["Medlemsavgifter"] == 11_400
    # the member sheet's Summa row: formulas an auditor can follow, with their values cached
    sheet, cached = wb["Avgifter"], openpyxl.load_workbook(out, data_only=True)["Avgifter"]
    heads = [c.value for c in sheet[1]]
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "Summa"
    col = {h: i + 1 for i, h in enumerate(heads)}
    assert sheet.cell(last, col["Serviceavgift"]).value == f"=SUM(K2:K{last - 1})"
    assert {h: cached.cell(last, col[h]).value for h in ("Serviceavgift", "Serviceavgift fg år",
                                                         "Förändring kr", "Summa avgifter")} == \
        {"Serviceavgift": 1_732_849, "Serviceavgift fg år": 1_794_449, "Förändring kr": -61_600,
         "Summa avgifter": 1_994_249}
    assert round(cached.cell(last, col["Förändring %"]).value, 4) == -0.0343


@pytest.mark.parametrize("argv, message", [
    (["--without", "M99"], "nns-finance fees: unknown member id: M99"),
    (["--rate", "3,5x"], "nns-finance fees: --rate: not a number: '3,5x'"),
    (["--max-fee", "12.345"], "nns-finance fees: --max-fee: more than two decimals: '12.345'"),
    (["--year", "2020"], "nns-finance fees: settings.toml has no fee rules for 2020 or any earlier year"),
])
def test_fees_bad_requests_are_one_line(example_dir, capsys, argv, message):
    assert main(["fees", "--data", str(example_dir), "--year", "2026", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and len(err.strip().splitlines()) == 1


def test_fees_bad_register_lists_every_problem(example_copy, capsys):
    (example_copy / "members.csv").write_text("id;namn;underlag 2026\nA;Ett;-1\nA;Två;1\n", encoding="utf-8")
    assert main(["fees", "--data", str(example_copy), "--year", "2026"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "members.csv:2: negative fee base 2026: -1" in err
    assert "members.csv:3: duplicate member id 'A' (first on line 2)" in err


def test_fees_report_refuses_a_bad_scenario_file_before_running(example_dir, tmp_path, capsys):
    bad = tmp_path / "s.toml"
    bad.write_text('name = "X"\nmax_fee = "mycket"\ncolour = 1\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["fees-report", "--data", str(example_dir), "--year", "2026", "--scenarios", str(bad),
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "s.toml:2: max_fee: expected an amount in kronor: not an amount: 'mycket'" in err
    assert "s.toml:3: colour: unknown key" in err
    assert not out.exists()


def test_fees_report_writes_notebook_and_html(example_dir, tmp_path, capsys):
    scen = tmp_path / "scen"
    scen.mkdir()
    (scen / "a.toml").write_text('name = "Höjd sats"\nyear = 2026\nservice_rate_permille = "3.8"\n'
                                 'max_fee = 130000\n', encoding="utf-8")
    (scen / "b.toml").write_text('name = "Utan maxtaxa"\nmax_fee = "none"\nwithout = ["M13"]\n', encoding="utf-8")
    # a general scenario file: the meeting is left out and said so; the withdrawal counts
    (scen / "c.yaml").write_text("name: Årsmöte och utträde\nmeeting:\n  date: 2026-04-15\n  participants: 150\n"
                                 "  fee: 1000\n  venue_fixed: 202300\n  per_participant: 1500\n"
                                 "withdrawals:\n  - member: M02\n    effective_date: 2026-01-01\n"
                                 "  - member: M03\n    notice_date: 2026-03-01\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["fees-report", "--data", str(example_dir), "--year", "2026", "--scenarios", str(scen),
                 "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["fee_scenarios_2026.html", "fee_scenarios_2026.ipynb",
                                                     "fee_scenarios_2026.json"]
    record = json.loads((out / "fee_scenarios_2026.json").read_text(encoding="utf-8"))
    assert {"a.toml", "b.toml", "c.yaml"} <= {Path(i["file"]).name for i in record["inputs"]}
    assert record["parameters"]["year"] == 2026 and record["notebook"] == "notebooks/fee_scenarios.ipynb"
    html = (out / "fee_scenarios_2026.html").read_text(encoding="utf-8")
    assert "Höjd sats" in html and "Utan maxtaxa" in html and "1 732 849 kr" in html
    assert "Årsmöte och utträde" in html and "Utträder: M02." in html
    assert "Används inte för avgifterna: årsmötet" in html
    assert "Utträdet för M03 gäller från 2027-01-01: påverkar inte avgifterna 2026." in html
    assert "compare_scenarios(" not in html                 # no code in the page
    nb = nbformat.read(str(out / "fee_scenarios_2026.ipynb"), as_version=4)
    pngs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]
    assert len(pngs) == 3
