"""The ledger loader: voucher exports in CSV/xlsx, the Swedish dialect, opening balances, and one
test per problem rule with its exact message and line."""
from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from nns_finance.core.schema import empty_frame, schema_mismatches
from nns_finance.books.ledger import TEMPLATE_FILES, TEMPLATE_HELP, file_year, read_ledger
from nns_finance.core.problems import Problems
from nns_finance.core.settings import Settings

SETTINGS = Settings(organisation="NNS", fiscal_year=2025)


def folder_with(tmp_path: Path, files: dict[str, str | bytes], encoding: str = "utf-8") -> Path:
    """A data folder whose ledger/ holds ``files`` (name → text or bytes)."""
    (tmp_path / "ledger").mkdir(exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode(encoding)
        (tmp_path / "ledger" / name).write_bytes(data)
    return tmp_path


def load(folder: Path, settings: Settings = SETTINGS):
    problems = Problems()
    ledger, balances = read_ledger(folder, problems, settings)
    return ledger, balances, [str(p) for p in problems.sorted()]


# --- good files --------------------------------------------------------------------------

SWEDISH = (
    "Serie;Vernr;Bokföringsdag;Konto;Belopp;Verifikationstext\n"
    "A;1;2025-01-15;1510;1\u00a0552\u00a0276,50;Serviceavgift Göteborg\n"
    "A;1;2025-01-15;3020;-1 552 276,50;Serviceavgift Göteborg\n"
    "\n"
    "A;2;2025-02-14;1930;200;Medlemsavgift\n"
    "A;2;2025-02-14;3010;−200,00;Medlemsavgift\n"
)


def test_swedish_dialect_cp1252_semicolons_decimal_comma_and_space_thousands(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": SWEDISH.replace("−", "-")}, encoding="cp1252")
    ledger, balances, problems = load(folder)
    assert problems == []
    assert schema_mismatches(ledger, "ledger") == []
    assert ledger["amount"].tolist() == [155227650, -155227650, 20000, -20000]
    assert ledger["account"].tolist() == ["1510", "3020", "1930", "3010"]
    assert ledger["number"].tolist() == ["1", "1", "2", "2"]
    assert ledger["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-15"] * 2 + ["2025-02-14"] * 2
    assert ledger["text"].iloc[0] == "Serviceavgift Göteborg"
    assert ledger["line"].tolist() == [2, 3, 5, 6]          # the blank line 4 is skipped, not renumbered
    assert ledger["reg_order"].tolist() == [1, 2, 3, 4]
    assert set(ledger["source"]) == {"ledger/2025.csv"}
    assert set(ledger["year"]) == {2025}
    assert balances.empty and schema_mismatches(balances, "balances") == []


def test_utf8_with_bom_and_unicode_minus(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": b"\xef\xbb\xbf" + SWEDISH.encode("utf-8")})
    ledger, _, problems = load(folder)
    assert problems == []
    assert ledger["amount"].tolist() == [155227650, -155227650, 20000, -20000]


def test_windows_line_ends_and_other_header_spellings(tmp_path):
    text = ("Verifikationsserie;Ver.nr;Bokföringsdatum;Konto nr;Belopp;Beskrivning\r\n"
            "A;9;2025-04-10;5830;180 000;Årsmöte, lokal\r\n"
            "A;9;2025-04-10;1930;-180 000;Årsmöte, lokal\r\n")
    ledger, _, problems = load(folder_with(tmp_path, {"2025.csv": text}, encoding="cp1252"))
    assert problems == []
    assert ledger[["number", "account", "amount", "text"]].values.tolist() == [
        ["9", "5830", 18000000, "Årsmöte, lokal"], ["9", "1930", -18000000, "Årsmöte, lokal"]]


def test_comma_dialect_with_english_headers_and_decimal_point(tmp_path):
    folder = folder_with(tmp_path, {"vouchers.csv": (
        "series,number,date,account,amount,text\n"
        "B,17,2025-10-01,1930,3264.11,Interest on the fixed-rate account\n"
        "B,17,2025-10-01,8312,-3264.11,Interest on the fixed-rate account\n")})
    ledger, _, problems = load(folder)
    assert problems == []
    assert ledger[["series", "number", "account", "amount"]].values.tolist() == [
        ["B", "17", "1930", 326411], ["B", "17", "8312", -326411]]
    assert set(ledger["year"]) == {2025}       # from settings.toml: the name holds no year


def test_debit_and_credit_columns_instead_of_an_amount(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": (
        "Serie;Verifikationsnummer;Datum;Konto;Debet;Kredit;Text\n"
        "A;5;2025-03-14;6420;65 000,00;;Revisionsarvode\n"
        "A;5;2025-03-14;1930;;65 000,00;Revisionsarvode\n"
        "A;6;2025-03-31;6990;500;0;Bankavgift\n"
        "A;6;2025-03-31;1930;0;500;Bankavgift\n")})
    ledger, _, problems = load(folder)
    assert problems == []
    assert ledger["amount"].tolist() == [6500000, -6500000, 50000, -50000]


def test_xlsx_ledger_with_numbers_and_dates_as_excel_cells(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Verifikationer"
    ws.append(["Serie", "Verifikationsnummer", "Datum", "Konto", "Belopp", "Text"])
    ws.append(["A", 1, dt.datetime(2025, 4, 10), 5830, 180000, "Årsmöte, lokal"])
    ws.append(["A", 1, dt.datetime(2025, 4, 10), 1930, -180000, "Årsmöte, lokal"])
    ws.append(["A", 2, dt.datetime(2025, 4, 30), 6550, 83333.33, "Tjänstepersonstöd april"])
    ws.append(["A", 2, dt.datetime(2025, 4, 30), 2440, -83333.33, "Tjänstepersonstöd april"])
    (tmp_path / "ledger").mkdir()
    wb.save(tmp_path / "ledger" / "2025.xlsx")
    ledger, _, problems = load(tmp_path)
    assert problems == []
    assert ledger["number"].tolist() == ["1", "1", "2", "2"]
    assert ledger["account"].tolist() == ["5830", "1930", "6550", "2440"]
    assert ledger["amount"].tolist() == [18000000, -18000000, 8333333, -8333333]
    assert ledger["line"].tolist() == [2, 3, 4, 5]
    assert ledger["source"].iloc[0] == "ledger/2025.xlsx"


def test_xlsx_problems_point_at_sheet_and_cell(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ver"
    ws.append(["serie", "nr", "datum", "konto", "belopp", "text"])
    ws.append(["A", 1, "2025-04-10", 5830, "12,345", "x"])
    ws.append(["A", 1, "2025-04-10", 1930, -12.34, "x"])
    (tmp_path / "ledger").mkdir()
    wb.save(tmp_path / "ledger" / "2025.xlsx")
    _, _, problems = load(tmp_path)
    assert problems == ["ledger/2025.xlsx:Ver!E2: more than two decimals: '12,345'"]


def test_no_ledger_folder_gives_empty_frames_and_a_warning(tmp_path):
    ledger, balances, problems = load(tmp_path)
    assert problems == ["ledger: warning: no ledger/ folder: the monthly report needs the year's vouchers there, "
                        "as exported by the bookkeeping program (SIE .se/.si, CSV or .xlsx; `nns-finance init` "
                        "writes a template)"]
    assert ledger.empty and balances.empty
    assert schema_mismatches(ledger, "ledger") == [] and schema_mismatches(balances, "balances") == []


def test_the_init_templates_load_as_an_empty_ledger(tmp_path):
    assert sorted(TEMPLATE_FILES) == ["ledger/opening_balances.csv", "ledger/verifikationer.csv"]
    folder = folder_with(tmp_path, {Path(name).name: text for name, text in TEMPLATE_FILES.items()})
    ledger, balances, problems = load(folder)
    assert problems == [] and ledger.empty and balances.empty


def test_template_help_is_swedish_and_names_the_columns():
    assert "verifikationsnummer" in TEMPLATE_HELP and "debet" in TEMPLATE_HELP
    assert all(path.startswith("ledger/") for path in TEMPLATE_FILES)


def test_the_fiscal_year_of_a_file_comes_from_its_name_or_from_settings():
    assert file_year(Path("2024.csv"), SETTINGS) == (2024, "the file name")
    assert file_year(Path("verifikationer_2023.xlsx"), SETTINGS) == (2023, "the file name")
    assert file_year(Path("verifikationer.csv"), SETTINGS) == (2025, "settings.toml")
    assert file_year(Path("export-12345.csv"), SETTINGS) == (2025, "settings.toml")


def test_two_years_in_two_files_may_reuse_voucher_numbers(tmp_path):
    row = "A;1;{y}-06-01;1930;10;x\nA;1;{y}-06-01;3990;-10;x\n"
    head = "serie;nr;datum;konto;belopp;text\n"
    folder = folder_with(tmp_path, {"2024.csv": head + row.format(y=2024), "2025.csv": head + row.format(y=2025)})
    ledger, _, problems = load(folder)
    assert problems == []
    assert ledger.groupby("year")["amount"].sum().to_dict() == {2024: 0, 2025: 0}
    assert ledger["source"].tolist() == ["ledger/2024.csv"] * 2 + ["ledger/2025.csv"] * 2


# --- one test per problem rule ------------------------------------------------------------

HEAD = "serie;verifikationsnummer;datum;konto;belopp;text\n"


def test_missing_column_names_what_the_header_has(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": "serie;datum;konto;belopp\nA;2025-01-01;1930;1\n"})
    ledger, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:1: missing column 'number' (the header has: serie, datum, konto, belopp)"]
    assert ledger.empty


def test_missing_amount_column(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": "serie;nr;datum;konto;summa\nA;1;2025-01-01;1930;1\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:1: missing column 'amount' (or the two columns 'debit' and 'credit') "
                        "(the header has: serie, nr, datum, konto, summa)"]


def test_bad_amounts_say_why(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + (
        "A;1;2025-01-10;1930;12x;a\n"
        "A;1;2025-01-10;3990;-1,234;a\n"
        "A;1;2025-01-10;3990;;a\n")})
    ledger, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: not an amount: '12x'",
                        "ledger/2025.csv:3: more than two decimals: '-1,234'",
                        "ledger/2025.csv:4: empty amount"]
    assert ledger.empty     # rows with errors are reported and left out


def test_bad_debit_and_credit(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": "serie;nr;datum;konto;debet;kredit\n"
                                                "A;1;2025-01-10;1930;abc;\n"
                                                "A;1;2025-01-10;3990;;\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: debit: not an amount: 'abc'",
                        "ledger/2025.csv:3: empty amount: both debit and credit are empty"]


def test_bad_date(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + "A;1;2025-02-30;1930;5;x\nA;1;;3990;-5;x\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: not a date: '2025-02-30' (expected YYYY-MM-DD)",
                        "ledger/2025.csv:3: empty date"]


def test_empty_series_number_and_account(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + (
        ";1;2025-01-10;1930;5;x\n"
        "A;;2025-01-10;3990;-5;x\n"
        "A;1;2025-01-10;;-5;x\n")})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: empty voucher series",
                        "ledger/2025.csv:3: empty voucher number",
                        "ledger/2025.csv:4: empty account"]


def test_account_must_have_four_digits(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + "A;1;2025-01-10;193;5;x\nA;1;2025-01-10;39900;-5;x\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: account '193' is not a 4-digit BAS account",
                        "ledger/2025.csv:3: account '39900' is not a 4-digit BAS account"]


def test_voucher_that_does_not_balance_names_the_voucher_and_its_sum(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + (
        "A;7;2025-03-14;6420;65 000;Revision\n"
        "A;7;2025-03-14;1930;-64 999,50;Revision\n"
        "A;8;2025-03-15;1930;10;ok\n"
        "A;8;2025-03-15;3990;-10;ok\n")})
    ledger, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: voucher A 7 does not balance: debits minus credits = 0,50 kr"]
    assert len(ledger) == 4      # the rows themselves are fine: they stay, the voucher is reported


def test_voucher_balance_is_checked_per_series(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + (
        "A;1;2025-03-14;1930;100;x\n"
        "B;1;2025-03-14;3990;-100;x\n")})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: voucher A 1 does not balance: debits minus credits = 100,00 kr",
                        "ledger/2025.csv:3: voucher B 1 does not balance: debits minus credits = -100,00 kr"]


def test_unreadable_amount_does_not_also_report_the_balance(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + "A;1;2025-03-14;1930;1OO;x\nA;1;2025-03-14;3990;-100;x\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: not an amount: '1OO'"]


def test_one_voucher_number_with_two_dates_is_a_duplicate(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + (
        "A;3;2025-03-01;1930;100;Inbetalning\n"
        "A;3;2025-03-01;3990;-100;Inbetalning\n"
        "A;3;2025-04-02;6110;50;Trycksaker\n"
        "A;3;2025-04-02;1930;-50;Trycksaker\n")})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:4: duplicate voucher number A 3: dated 2025-04-02 here "
                        "but 2025-03-01 at line 2"]


def test_one_voucher_number_in_two_files(tmp_path):
    folder = folder_with(tmp_path, {
        "2025.csv": HEAD + "A;3;2025-03-01;1930;100;x\nA;3;2025-03-01;3990;-100;x\n",
        "2025-tillagg.csv": HEAD + "A;4;2025-03-02;1930;5;y\nA;4;2025-03-02;3990;-5;y\n"
                                   "A;3;2025-03-01;1930;100;x\nA;3;2025-03-01;3990;-100;x\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: duplicate voucher number A 3 (year 2025): "
                        "also in ledger/2025-tillagg.csv:4"]


def test_dates_outside_the_fiscal_year(tmp_path):
    folder = folder_with(tmp_path, {
        "verifikationer.csv": HEAD + "A;1;2024-12-31;1930;5;x\nA;1;2024-12-31;3990;-5;x\n",
        "2024.csv": HEAD + "A;1;2025-01-02;1930;5;x\nA;1;2025-01-02;3990;-5;x\n"})
    ledger, _, problems = load(folder)
    assert problems == [
        "ledger/2024.csv:2: date 2025-01-02 is outside the fiscal year 2024 (from the file name)",
        "ledger/2024.csv:3: date 2025-01-02 is outside the fiscal year 2024 (from the file name)",
        "ledger/verifikationer.csv:2: date 2024-12-31 is outside the fiscal year 2025 (from settings.toml)",
        "ledger/verifikationer.csv:3: date 2024-12-31 is outside the fiscal year 2025 (from settings.toml)"]
    assert ledger.empty


def test_every_problem_of_a_file_at_once(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": HEAD + (
        "A;1;2025-01-10;1930;100;x\n"
        "A;1;2025-01-10;3990;-90;x\n"
        "A;2;2025-13-01;1930;5;x\n"
        "A;2;2025-01-11;19300;-5;x\n"
        "A;3;2025-01-12;1930;5 kr;x\n"
        "A;3;2025-01-12;3990;-5;x\n")})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv:2: voucher A 1 does not balance: debits minus credits = 10,00 kr",
                        "ledger/2025.csv:4: not a date: '2025-13-01' (expected YYYY-MM-DD)",
                        "ledger/2025.csv:5: account '19300' is not a 4-digit BAS account"]


def test_unreadable_files_are_problems_not_tracebacks(tmp_path):
    folder = folder_with(tmp_path, {"2025.csv": b"", "gammal.xls": b"\xd0\xcf\x11\xe0 old excel",
                                    "fel.xlsx": "serie;nr\nA;1\n"})
    _, _, problems = load(folder)
    assert problems == ["ledger/2025.csv: file is empty",
                        "ledger/fel.xlsx: not an Excel workbook: the file is text (a CSV renamed .xlsx?)",
                        "ledger/gammal.xls: .xls files are not read; save it as .xlsx or .csv"]


def test_other_files_in_the_ledger_folder_are_warned_about(tmp_path):
    folder = folder_with(tmp_path, {"2025.pdf": b"%PDF", "huvudbok.json": "{}", "LÄSMIG.md": "x",
                                    ".~lock.2025.csv#": "x"})
    _, _, problems = load(folder)
    assert problems == ["ledger: warning: no voucher files in ledger/: the monthly report needs the year's "
                        "vouchers there, as exported by the bookkeeping program (SIE .se/.si, CSV or .xlsx; "
                        "`nns-finance init` writes a template)",
                        "ledger/2025.pdf: warning: not read: a ledger file is .csv, .xlsx, .se or .si",
                        "ledger/huvudbok.json: warning: not read: a ledger file is .csv, .xlsx, .se or .si"]


# --- opening balances --------------------------------------------------------------------

def test_opening_balances_are_ib_rows(tmp_path):
    folder = folder_with(tmp_path, {"opening_balances.csv": (
        "år;konto;belopp\n"
        "2025;1930;1 645 990,27\n"
        "2025;1510;25 000\n"
        "2025;2067;-1 552 276\n"
        "2025;2440;-107 658,67\n"
        "2025;2710;-5 400\n"
        "2025;2730;-5 655,60\n")})
    ledger, balances, problems = load(folder)
    assert problems == []
    assert ledger.empty
    assert schema_mismatches(balances, "balances") == []
    assert list(balances.columns) == ["year", "account", "kind", "amount"]
    assert balances.set_index("account")["amount"].to_dict() == {
        "1930": 164599027, "1510": 2500000, "2067": -155227600, "2440": -10765867,
        "2710": -540000, "2730": -565560}
    assert set(balances["kind"]) == {"IB"} and set(balances["year"]) == {2025}


def test_opening_balances_without_a_year_column_take_the_fiscal_year(tmp_path):
    folder = folder_with(tmp_path, {"opening_balances.csv": "konto;belopp\n1930;100\n2067;-100\n"})
    _, balances, problems = load(folder)
    assert problems == [] and balances["year"].tolist() == [2025, 2025]


def test_opening_balances_problems(tmp_path):
    folder = folder_with(tmp_path, {"opening_balances.csv": (
        "år;konto;belopp\n"
        "2025;1930;100\n"
        "2025;1930;50\n"
        "2025;3010;-5\n"
        "25;2067;-100\n"
        "2025;193;1\n"
        "2025;2440;abc\n")})
    _, balances, problems = load(folder)
    assert problems == [
        "ledger/opening_balances.csv: opening balances for 2025 do not balance: debits minus credits = 100,00 kr",
        "ledger/opening_balances.csv:3: opening balance of account 1930 for 2025 given twice: first at line 2",
        "ledger/opening_balances.csv:4: account 3010 is a result account: opening balances are for "
        "balance-sheet accounts (1000–2999)",
        "ledger/opening_balances.csv:5: not a year: '25'",
        "ledger/opening_balances.csv:6: account '193' is not a 4-digit BAS account",
        "ledger/opening_balances.csv:7: not an amount: 'abc'"]
    assert balances["account"].tolist() == ["1930"]


def test_opening_balances_in_two_files(tmp_path):
    import openpyxl

    folder = folder_with(tmp_path, {"opening_balances.csv": "år;konto;belopp\n2025;1930;100\n2025;2067;-100\n"})
    wb = openpyxl.Workbook()
    wb.active.append(["år", "konto", "belopp"])
    wb.active.append([2025, 1930, 100])
    wb.active.append([2025, 2067, -100])
    wb.save(folder / "ledger" / "opening_balances.xlsx")
    _, balances, problems = load(folder)
    assert problems == ["ledger/opening_balances.xlsx: opening balances given twice: also in "
                        "ledger/opening_balances.csv; keep one file (this one is not read)"]
    assert balances["amount"].tolist() == [10000, -10000]


# --- SIE files go to nns_finance.books.sie_ledger ----------------------------------------------------------

def test_sie_files_are_read_by_load_for_ledger_and_checked_against_the_csv(tmp_path, monkeypatch):
    calls = []

    def load_for_ledger(path, problems, name):
        calls.append((Path(path).name, name))
        ledger = pd.DataFrame({
            "year": [2025, 2025], "series": ["A", "A"], "number": ["3", "3"],
            "date": pd.to_datetime(["2025-03-01", "2025-03-01"]), "account": ["1930", "3990"],
            "amount": [100, -100], "text": ["x", "x"], "source": [name, name], "line": [12, 13],
            "reg_order": [1, 2]})
        balances = pd.DataFrame({"year": [2025, 2025], "account": ["1930", "2067"], "kind": ["IB", "IB"],
                                 "amount": [100, -100]})
        return ledger, balances

    monkeypatch.setattr("nns_finance.books.sie_ledger.load_for_ledger", load_for_ledger)
    folder = folder_with(tmp_path, {
        "2025.se": "#FLAGGA 0\n",
        "2025.csv": HEAD + "A;3;2025-03-01;1930;100;x\nA;3;2025-03-01;3990;-100;x\n",
        "opening_balances.csv": "år;konto;belopp\n2025;1930;100\n2025;2067;-100\n"})
    ledger, balances, problems = load(folder)
    assert calls == [("2025.se", "ledger/2025.se")]
    assert problems == [
        "ledger/2025.se:12: duplicate voucher number A 3 (year 2025): also in ledger/2025.csv:2",
        "ledger/opening_balances.csv:2: opening balance of account 1930 for 2025 given twice: also in ledger/2025.se",
        "ledger/opening_balances.csv:3: opening balance of account 2067 for 2025 given twice: also in ledger/2025.se"]
    assert schema_mismatches(ledger, "ledger") == [] and len(ledger) == 4
    assert schema_mismatches(balances, "balances") == [] and len(balances) == 2


def test_empty_frames_match_the_schema():
    assert schema_mismatches(empty_frame("ledger"), "ledger") == []
