"""The chart of accounts: BAS account → name and budget line."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from nns_finance.books.accounts import read_accounts
from nns_finance.core.schema import schema_mismatches
from nns_finance.core.problems import Problems


def read(folder: Path):
    problems = Problems()
    frame = read_accounts(folder, problems, None)
    return frame, [str(p) for p in problems.sorted()]


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "accounts.csv").write_text(text, encoding="utf-8")
    return tmp_path


def test_example_chart_of_accounts(example_dir):
    frame, problems = read(example_dir)
    assert problems == []
    assert schema_mismatches(frame, "accounts") == []
    assert len(frame) == 35
    row = frame[frame["account"] == "3020"].iloc[0]
    assert (row["name"], row["line"], row["source"], row["row"]) == (
        "Serviceavgifter", "intakter.serviceavgifter", "accounts.csv", 13)
    assert frame[frame["account"] == "1930"]["line"].tolist() == [""]
    # balance-sheet accounts without a line are kept (reported, never dropped)
    assert frame["account"].tolist()[:2] == ["1510", "1760"]


def test_english_headers_and_comma_separator(tmp_path):
    frame, problems = read(write(tmp_path, "Account,Name,Line\n3010,Member fees,intakter.medlemsavgifter\n"))
    assert problems == []
    assert frame[["account", "name", "line"]].values.tolist() == [
        ["3010", "Member fees", "intakter.medlemsavgifter"]]


def test_account_must_be_four_digits(tmp_path):
    frame, problems = read(write(tmp_path, "konto;namn;budgetrad\n301;Medlemsavgifter;intakter.medlemsavgifter\n"
                                           ";Utan konto;\n3010A;X;\n"))
    assert problems == ["accounts.csv:2: account must be four digits (BAS), got '301'",
                        "accounts.csv:3: no account number in column 'konto'",
                        "accounts.csv:4: account must be four digits (BAS), got '3010A'"]
    assert frame.empty


def test_duplicate_account_is_an_error(tmp_path):
    _, problems = read(write(tmp_path, "konto;namn;budgetrad\n3010;A;intakter.a\n3020;B;intakter.b\n"
                                       "3010;C;intakter.c\n"))
    assert problems == ["accounts.csv:4: account 3010 appears twice (first on line 2)"]


def test_result_account_without_line_is_a_warning_and_kept(tmp_path):
    frame, problems = read(write(tmp_path, "konto;namn;budgetrad\n6991;Övriga externa kostnader;\n"
                                           "1930;Bank;kostnader.ovrigt\n"))
    assert problems == [
        "accounts.csv:2: warning: result account 6991 has no budget line: its outcome falls outside "
        "every budget line",
        "accounts.csv:3: warning: account 1930 is not a result account (3000–8999) but has the budget "
        "line 'kostnader.ovrigt'",
    ]
    assert frame["account"].tolist() == ["6991", "1930"]


def test_line_code_with_spaces(tmp_path):
    frame, problems = read(write(tmp_path, "konto;namn;budgetrad\n3010;Medlemsavgifter;Intäkter Medlemsavgifter\n"))
    assert problems == ["accounts.csv:2: account 3010: budget line 'Intäkter Medlemsavgifter' contains "
                        "spaces (write the line's code, e.g. intakter.serviceavgifter)"]
    assert frame["line"].tolist() == [""]


def test_missing_column_and_missing_file(tmp_path):
    _, problems = read(tmp_path)
    assert problems == ["accounts.csv: warning: no chart of accounts (accounts.xlsx or accounts.csv): the monthly "
                        "report needs it to put the ledger's accounts on budget lines (`nns-finance init` writes a "
                        "template)"]
    _, problems = read(write(tmp_path, "nummer;namn\n3010;A\n"))
    assert problems == ["accounts.csv:1: missing column 'account' (the header has: nummer, namn)"]


def test_xlsx_wins_and_numbers_stay_text(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kontoplan"
    ws.append(["Konto", "Namn", "Budgetrad"])
    ws.append([3010, "Medlemsavgifter", "intakter.medlemsavgifter"])
    ws.append([3010.0, "Igen", "intakter.medlemsavgifter"])
    wb.save(tmp_path / "accounts.xlsx")
    write(tmp_path, "konto;namn;budgetrad\n")
    frame, problems = read(tmp_path)
    assert problems == ["accounts.csv: warning: ignored: accounts.xlsx is read instead (remove one of the two)",
                        "accounts.xlsx:Kontoplan!A3: account 3010 appears twice (first on row 2)"]
    assert frame[["account", "source", "sheet", "row"]].values.tolist() == [
        ["3010", "accounts.xlsx", "Kontoplan", 2]]
