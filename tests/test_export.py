"""``nns-finance export`` on the command line: where the workbook goes, and one-line refusals."""
from __future__ import annotations

import openpyxl

from nns_finance.cli import main

from test_workbook import EPOCH, make_data


def test_export_writes_the_year_under_reports(tmp_path, example_dir, monkeypatch, capsys):
    data = make_data(tmp_path / "data", example_dir)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["export", "--year", "2025", "--data", str(data)]) == 0
    out = tmp_path / "reports" / "2025" / "revisorsunderlag-2025.xlsx"
    assert capsys.readouterr().out.strip() == "reports/2025/revisorsunderlag-2025.xlsx"
    assert openpyxl.load_workbook(out).sheetnames[0] == "Info"
    assert [p.name for p in out.parent.iterdir()] == [out.name]      # no temporary file left


def test_export_period_out_and_protect(tmp_path, example_dir):
    data = make_data(tmp_path / "data", example_dir)
    out = tmp_path / "till revisorerna" / "sept.xlsx"
    assert main(["export", "--period", "2025-09", "--data", str(data), "--out", str(out), "--protect"]) == 0
    wb = openpyxl.load_workbook(out)
    assert all(ws.protection.sheet for ws in wb)
    assert {r[0]: r[1] for r in wb["Info"].iter_rows(values_only=True) if r[0]}["Period"] == "januari–september 2025"


def test_export_refuses_bad_requests_in_one_line(tmp_path, example_dir, capsys):
    data = make_data(tmp_path / "data", example_dir)
    assert main(["export", "--period", "2025-13", "--data", str(data)]) == 1
    assert capsys.readouterr().err.strip() == ("nns-finance export: --period '2025-13': there is no month 13 "
                                                "(months are 1–12); write it as YYYY-MM, e.g. 2025-09")
    assert main(["export", "--year", "2024", "--period", "2025-09", "--data", str(data)]) == 1
    assert capsys.readouterr().err.strip() == "nns-finance export: --period 2025-09 is not in --year 2024"
    assert main(["export", "--data", str(data), "--out", str(tmp_path / "x.csv")]) == 1
    assert "give a name ending in .xlsx" in capsys.readouterr().err
    assert main(["export", "--data", str(tmp_path / "nowhere")]) == 1
    assert "not a data folder" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_export_refuses_a_data_folder_with_errors(tmp_path, example_dir, capsys):
    data = make_data(tmp_path / "data", example_dir)
    with open(data / "ledger" / "2025.csv", "a", encoding="utf-8") as f:
        f.write("A;8;2025-11-01;1930;100,00;obalanserad\n")
    out = tmp_path / "x.xlsx"
    assert main(["export", "--data", str(data), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "ledger/2025.csv" in err and err.strip().splitlines()[-1].startswith("1 error")
    assert not out.exists()
