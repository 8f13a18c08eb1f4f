"""Checks across files, and ``nns-finance check``: every problem, sorted, then the count."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from nns_finance import load
from nns_finance.books.checks import cross_checks, fee_base_members, ledger_years, near_codes
from nns_finance.cli import main
from nns_finance.core.schema import empty_frame

LEDGER = """\
serie;verifikationsnummer;datum;konto;belopp;text
A;1;2025-01-15;1930;11 800;Medlemsavgifter
A;1;2025-01-15;3010;-11 800;Medlemsavgifter
A;2;2025-02-10;4010;500;Kontorsmaterial
A;2;2025-02-10;1930;-500;Kontorsmaterial
A;3;2025-03-10;4010;250;Kontorsmaterial
A;3;2025-03-10;6991;1 000;Övrigt
A;3;2025-03-10;1930;-1 250;Kontorsmaterial
"""


@pytest.fixture
def folder(tmp_path: Path, example_dir: Path) -> Path:
    """Settings, budget and chart of the example, plus a three-voucher ledger for 2025."""
    for name in ("settings.toml", "budget.csv", "accounts.csv"):
        shutil.copy(example_dir / name, tmp_path / name)
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "2025.csv").write_text(LEDGER, encoding="utf-8")
    # the equity the year opens with (so the roll-forward from 2024 holds), and a year still open
    (tmp_path / "ledger" / "opening_balances.csv").write_text(
        "år;konto;belopp\n2025;1930;1 552 276\n2025;2067;-1 552 276\n", encoding="utf-8")
    settings = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    (tmp_path / "settings.toml").write_text(settings.replace('closed_through = "2026-11"', "")
                                            .replace("fiscal_year = 2026", "fiscal_year = 2025"),
                                            encoding="utf-8")
    return tmp_path


def add_accounts(folder: Path, rows: str) -> None:
    with open(folder / "accounts.csv", "a", encoding="utf-8") as f:
        f.write(rows)


def messages(folder: Path) -> list[str]:
    """The cross-file problems of the chart and the ledger (the tiny ledger here leaves the
    equity roll-forward and the deposit register unreconciled; those have their own tests)."""
    return [str(p) for p in load(folder, strict=False).problems
            if not p.message.startswith(("equity", "deposit", "placement", "interest"))]


def test_ledger_accounts_missing_from_the_chart_and_without_a_line(folder):
    add_accounts(folder, "6991;Övriga externa kostnader;\n")
    assert messages(folder) == [
        "accounts.csv:37: result account 6991 has no budget line, but the ledger has 1 row on it "
        "(1 000 kr debit, first at ledger/2025.csv:7): they would be missing from the result table",
        "accounts.csv:37: warning: result account 6991 has no budget line: its outcome falls outside "
        "every budget line",
        "ledger/2025.csv:4: account 4010 is not in the chart of accounts (accounts.csv): used in 2 ledger rows, "
        "this is the first",
    ]


def test_account_lines_must_be_leaf_budget_lines(folder):
    add_accounts(folder, "4010;Kontorsmaterial;kostnader.utvecklingsverksamhet\n"
                         "6991;Övrigt;kostnader.ovrigr\n"
                         "6992;Övrigt;Kostnader.Tjänstepersonstöd\n"
                         "6993;Övrigt;kostnader.helt-okand\n")
    assert messages(folder) == [
        "accounts.csv:37: account 4010: budget line 'kostnader.utvecklingsverksamhet' has sub-lines; map "
        "the account to one of them (kostnader.utvecklingsverksamhet.vald-i-nara-relationer, "
        "kostnader.utvecklingsverksamhet.indikatorverksamhet, kostnader.utvecklingsverksamhet."
        "samverkansavtal-msi, kostnader.utvecklingsverksamhet.nns-forstudie-om-samverkan)",
        "accounts.csv:38: account 6991: budget line 'kostnader.ovrigr' is not in the budget (did you mean "
        "kostnader.ovrigt?)",
        "accounts.csv:39: account 6992: budget line 'Kostnader.Tjänstepersonstöd' is not in the budget "
        "(did you mean kostnader.tjanstepersonstod?)",
        "accounts.csv:40: account 6993: budget line 'kostnader.helt-okand' is not in the budget",
    ]


def test_income_account_on_a_cost_line_and_unmapped_budget_line(folder):
    text = (folder / "accounts.csv").read_text(encoding="utf-8")
    text = text.replace("3990;Övriga intäkter;intakter.ovrigt", "3990;Övriga intäkter;kostnader.ovrigt")
    text = text.replace("8312;Ränteintäkter kortfristiga placeringar;intakter.ovrigt\n", "")
    text += "4010;Kontorsmaterial;kostnader.information\n6991;Övrigt;kostnader.ovrigt\n"
    (folder / "accounts.csv").write_text(text, encoding="utf-8")
    assert messages(folder) == [
        "accounts.csv: warning: budget line 'intakter.ovrigt' has figures but no account maps to it: "
        "its outcome will always be 0",
        "accounts.csv:20: warning: account 3990 is an income account (3000–3999) but maps to the cost "
        "line 'kostnader.ovrigt'",
        "settings.toml:20: warning: [accounts] interest: 8312 not in the chart of accounts (accounts.csv)",
    ]


def test_settings_accounts_and_fiscal_year_budget(folder):
    text = (folder / "settings.toml").read_text(encoding="utf-8")
    text = text.replace('interest = ["8312"]', 'interest = ["8311", "8312"]').replace(
        "fiscal_year = 2025", "fiscal_year = 2027")
    (folder / "settings.toml").write_text(text, encoding="utf-8")
    shutil.rmtree(folder / "ledger")
    assert messages(folder) == [
        "ledger: warning: no ledger/ folder: the monthly report needs the year's vouchers there, as exported by "
        "the bookkeeping program (SIE .se/.si, CSV or .xlsx; `nns-finance init` writes a template)",
        "settings.toml:8: warning: the budget has no '2027 Budget' column for the fiscal year 2027 (it has: "
        "2024 Utfall, 2025 Budget, 2025 Prognos helår, 2026 Budget): the monthly report needs it to compare "
        "the year's outcome with",
        "settings.toml:20: warning: [accounts] interest: 8311 not in the chart of accounts (accounts.csv)",
    ]


def test_no_chart_of_accounts_but_a_ledger(folder):
    (folder / "accounts.csv").unlink()
    assert messages(folder) == [       # one error, not one per ledger account
        "accounts.csv: warning: no chart of accounts (accounts.xlsx or accounts.csv): the monthly report needs "
        "it to put the ledger's accounts on budget lines (`nns-finance init` writes a template)"]


def test_an_empty_chart_of_accounts_but_a_ledger(folder):
    (folder / "accounts.csv").write_text("konto;namn;budgetrad\n", encoding="utf-8")
    assert messages(folder) == [
        "ledger/2025.csv:2: there is no chart of accounts (accounts.csv) but the ledger uses 4 accounts"]


def test_dates_outside_the_fiscal_year_once_per_file(example_dir):
    books = load(example_dir, strict=False)
    ledger = pd.DataFrame({
        "year": [2025, 2025, 2025], "series": ["A", "A", "B"], "number": ["1", "1", "1"],
        "date": pd.to_datetime(["2025-12-31", "2026-01-02", "2026-01-05"]),
        "account": ["1930", "3010", "1930"], "amount": [100, -100, 0],
        "text": ["", "", ""], "source": ["ledger/2025.se"] * 3, "line": [10, 11, 20],
        "reg_order": [1, 2, 3]}).astype(empty_frame("ledger").dtypes.to_dict())
    problems = ledger_years(replace(books, ledger=ledger))
    assert [str(p) for p in problems] == [
        "ledger/2025.se:11: date 2026-01-02 is outside the fiscal year 2025 (2 rows in this file)"]


def test_fee_base_for_an_unknown_member(example_dir):
    books = load(example_dir, strict=False)
    members = empty_frame("members")
    bases = pd.DataFrame({"member_id": ["M99", "M99"], "year": [2025, 2026], "base": [100, 200]}).astype(
        empty_frame("fee_bases").dtypes.to_dict())
    problems = fee_base_members(replace(books, members=members, fee_bases=bases))
    assert [str(p) for p in problems] == [
        "members: fee base for member 'M99' (2025, 2026) but the member register has no such member"]


def test_near_codes():
    codes = ["intakter.serviceavgifter", "intakter.medlemsavgifter", "kostnader.ovrigt"]
    assert near_codes("Intäkter.Serviceavgifter", codes) == ["intakter.serviceavgifter"]
    assert near_codes("serviceavgifter", codes) == ["intakter.serviceavgifter"]
    assert near_codes("kostnader.ovrigr", codes) == ["kostnader.ovrigt"]
    assert near_codes("nagot-annat", codes) == []


def test_ledger_account_check_is_vectorised_over_many_rows(example_dir):
    books = load(example_dir, strict=False)
    n = 300_000
    accounts = pd.Series(["1930", "3010", "4010", "6550"] * (n // 4), dtype="str")
    ledger = pd.DataFrame({
        "year": 2025, "series": "A", "number": (pd.RangeIndex(n) // 2).astype(str),
        "date": pd.Timestamp("2025-06-30"), "account": accounts, "amount": 100,
        "text": "", "source": "ledger/2025.csv", "line": pd.RangeIndex(2, n + 2),
        "reg_order": pd.RangeIndex(1, n + 1)}).astype(empty_frame("ledger").dtypes.to_dict())
    problems = cross_checks(replace(books, ledger=ledger, settings=replace(books.settings, closed_through="2025-03")))
    assert [str(p) for p in problems if not p.message.startswith("equity")] == [
        "ledger/2025.csv:4: account 4010 is not in the chart of accounts (accounts.csv): used in 75000 "
        "ledger rows, this is the first"]


# --- the command ------------------------------------------------------------------------

def test_check_clean_folder_exits_0(folder, capsys):
    (folder / "ledger" / "2025.csv").write_text(LEDGER.replace("4010", "6110").replace("6991", "6110"),
                                                encoding="utf-8")
    assert main(["check", str(folder)]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings\n"


def test_check_example_exits_0(example_dir, capsys):
    assert main(["check", str(example_dir)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("0 errors")


def test_check_broken_folder_lists_every_problem_sorted_and_exits_1(folder, capsys):
    text = (folder / "budget.csv").read_text(encoding="utf-8")
    (folder / "budget.csv").write_text(text.replace("Summa intäkter;4 097 852", "Summa intäkter;4 097 853"),
                                       encoding="utf-8")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert main(["check", str(folder)]) == 1
    assert capsys.readouterr().out == (
        "budget.csv:14: budget total disagrees with its lines: 'Summa intäkter' 2024 Utfall is 4 097 853 kr, "
        "the intäkter lines sum to 4 097 852 kr\n"
        "ledger/2025.csv:4: account 4010 is not in the chart of accounts (accounts.csv): used in 2 ledger "
        "rows, this is the first\n"
        "ledger/2025.csv:7: account 6991 is not in the chart of accounts (accounts.csv): used in 1 ledger "
        "row, this is the first\n"
        "3 errors, 0 warnings\n")
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_check_unusable_folder_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err == f"nns-finance check: {tmp_path / 'nowhere'}: not a data folder (no such directory)\n"
    (tmp_path / "settings.toml").write_text("[organisation\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("settings.toml:1: not valid TOML") and err[1] == "1 error, 0 warnings"


def test_check_reads_the_optional_files_too(example_copy, capsys):
    """phasing, forecast and scenario files are checked by `check`, not first by a report."""
    phasing = example_copy / "phasing.csv"
    lines = phasing.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(";1;", ";x;", 1)
    phasing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (example_copy / "scenarios" / "fel.toml").write_text("name = 5\n", encoding="utf-8")
    assert main(["check", str(example_copy)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "phasing.csv:2: month weight 'x': expected a number of at least 0",
        "scenarios/fel.toml:1: name: expected text in quotes, got 5",
        "2 errors, 0 warnings",
    ]


# --- what the monthly report needs, and files that cannot be read --------------------------

NO_BUDGET = ("budget.csv: no budget (budget.xlsx or budget.csv): the monthly report needs it to compare the "
             "ledger with (`nns-finance init` writes a template)")
NO_CHART = ("accounts.csv: no chart of accounts (accounts.xlsx or accounts.csv): the monthly report needs it "
            "to put the ledger's accounts on budget lines (`nns-finance init` writes a template)")
NO_LEDGER = ("ledger: no ledger/ folder: the monthly report needs the year's vouchers there, as exported by the "
             "bookkeeping program (SIE .se/.si, CSV or .xlsx; `nns-finance init` writes a template)")


@pytest.mark.parametrize("missing, message", [("budget.csv", NO_BUDGET), ("accounts.csv", NO_CHART),
                                              ("ledger", NO_LEDGER)])
def test_a_folder_without_what_the_report_needs_fails_the_check_and_the_report(
        example_copy, capsys, missing, message):
    """One error for the missing file, not one per phasing row or ledger account that needs it;
    the report stops at loading with that same line, writing nothing. (``load`` itself calls it
    a warning: a folder for the fee work alone needs no ledger.)"""
    shutil.rmtree(example_copy / missing) if missing == "ledger" else (example_copy / missing).unlink()
    assert main(["check", str(example_copy)]) == 1
    assert capsys.readouterr().out == f"{message}\n1 error, 0 warnings\n"
    assert [str(p) for p in load(example_copy).problems] == [message.replace(": no ", ": warning: no ", 1)]
    out = example_copy.parent / "reports"
    assert main(["report", "--data", str(example_copy), "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"nns-finance report: {message}\n"
    assert not out.exists()


def test_a_budget_saved_under_another_name_is_pointed_at(example_copy, capsys):
    (example_copy / "budget.csv").rename(example_copy / "Budget 2026.csv")
    assert main(["check", str(example_copy)]) == 1
    assert capsys.readouterr().out == (
        "budget.csv: no budget (budget.xlsx or budget.csv): the monthly report needs it to compare the ledger "
        "with; found Budget 2026.csv: rename it budget.csv\n1 error, 0 warnings\n")


def test_an_empty_ledger_folder_is_an_error(example_copy, capsys):
    for path in (example_copy / "ledger").iterdir():
        path.unlink()
    assert main(["check", str(example_copy)]) == 1
    assert capsys.readouterr().out == (
        "ledger: no voucher files in ledger/: the monthly report needs the year's vouchers there, as exported "
        "by the bookkeeping program (SIE .se/.si, CSV or .xlsx; `nns-finance init` writes a template)\n"
        "1 error, 0 warnings\n")


def _empty(folder: Path, name: str) -> None:
    (folder / name).write_bytes(b"")


def _renamed_csv(folder: Path, name: str) -> None:
    (folder / name).rename(folder / name.replace(".csv", ".xlsx"))


def _utf16(folder: Path, name: str) -> None:
    (folder / name).write_bytes((folder / name).read_text(encoding="utf-8").encode("utf-16"))


def _bad_bytes(folder: Path, name: str) -> None:
    (folder / name).write_bytes(b"konto;namn;budgetrad\n3010;Medlems\x81avgifter;intakter.medlemsavgifter\n")


def _a_folder(folder: Path, name: str) -> None:
    (folder / name).unlink()
    (folder / name).mkdir()


def _a_zip(folder: Path, name: str) -> None:
    import zipfile

    (folder / name).unlink()
    with zipfile.ZipFile(folder / name.replace(".csv", ".xlsx"), "w") as z:
        z.writestr("bilder/logga.txt", "inte en arbetsbok")


@pytest.mark.parametrize("spoil, name, message", [
    (_empty, "budget.csv", "budget.csv: file is empty"),
    (_empty, "members.csv", "members.csv: file is empty"),
    (_renamed_csv, "members.csv", "members.xlsx: not an Excel workbook: the file is text (a CSV renamed .xlsx?)"),
    (_a_zip, "deposits.csv", "deposits.xlsx: not an Excel workbook: a zip archive without [Content_Types].xml"),
    (_utf16, "accounts.csv", "accounts.csv:1: file contains NUL bytes: not a text file (UTF-16? binary?)"),
    (_bad_bytes, "accounts.csv", "accounts.csv:2: cannot decode text: neither UTF-8 nor Windows-1252 (byte 0x81); "
                                 "save the file as UTF-8"),
    (_a_folder, "members.csv", "members.csv: is a folder, expected a file"),
])
def test_a_file_that_cannot_be_read_is_one_line_not_a_cascade(example_copy, capsys, spoil, name, message):
    spoil(example_copy, name)
    before = {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()}
    assert main(["check", str(example_copy)]) == 1
    assert capsys.readouterr().out == f"{message}\n1 error, 0 warnings\n"
    assert {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()} == before


def test_a_file_the_system_will_not_let_us_read(example_copy, capsys, monkeypatch):
    """A file locked by another program or without read permission (root reads anything, so the
    refusal is simulated)."""
    import io

    real_open = io.open

    def locked(path, *args, **kwargs):
        if Path(str(path)).name in ("deposits.csv", "sodra-vanern.toml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(io, "open", locked)
    monkeypatch.setattr("builtins.open", locked)
    assert main(["check", str(example_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "deposits.csv: cannot read file: Permission denied"
    assert "scenarios/sodra-vanern.toml: cannot read file: Permission denied" in out


def test_no_budget_for_the_fiscal_year_fails_the_check(folder, capsys):
    text = (folder / "settings.toml").read_text(encoding="utf-8").replace("fiscal_year = 2025", "fiscal_year = 2027")
    (folder / "settings.toml").write_text(text, encoding="utf-8")
    shutil.rmtree(folder / "ledger")
    (folder / "ledger").mkdir()
    (folder / "ledger" / "2027.csv").write_text("serie;verifikationsnummer;datum;konto;belopp;text\n"
                                               "A;1;2027-01-15;1930;200;Medlemsavgift\n"
                                               "A;1;2027-01-15;3010;-200;Medlemsavgift\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "ledger: warning: equity 2027 bokföring: opening 0 kr is not the closing of 2026 budget (1 583 551 kr)",
        "settings.toml:8: the budget has no '2027 Budget' column for the fiscal year 2027 (it has: 2024 "
        "Utfall, 2025 Budget, 2025 Prognos helår, 2026 Budget): the monthly report needs it to compare the "
        "year's outcome with",
        "1 error, 1 warning"]


def test_a_folder_for_the_fee_work_alone_loads(example_dir, tmp_path):
    """settings.toml and the member register are all the fee commands need: ``load`` warns about
    the rest, it does not refuse."""
    for name in ("settings.toml", "members.csv"):
        shutil.copy(example_dir / name, tmp_path / name)
    books = load(tmp_path)
    assert len(books.members) == 64
    assert [p.file for p in books.problems] == ["accounts.csv", "budget.csv", "ledger"]
    assert not books.errors


def test_check_lists_everything_the_report_would_refuse(example_copy, capsys):
    # closed_through two months past the ledger, in a year with neither vouchers nor a budget
    settings = example_copy / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('closed_through = "2026-11"',
                                                                     'closed_through = "2027-02"'), encoding="utf-8")
    assert main(["check", str(example_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "settings.toml:10: period 2027-02: the budget has no 2027 budget to compare with "
        "(closed_through in settings.toml; or give --period)",
        "settings.toml:10: period 2027-02: the ledger has no vouchers for 2027 (it holds 2025, 2026) "
        "(closed_through in settings.toml; or give --period)",
        "2 errors, 0 warnings"]
    assert main(["report", "--data", str(example_copy), "--out", str(example_copy / "out")]) == 1
    assert "the ledger has no vouchers for 2027" in capsys.readouterr().err
    # a month past the ledger's last voucher within its year
    settings.write_text(settings.read_text(encoding="utf-8").replace('"2027-02"', '"2026-12"'), encoding="utf-8")
    assert main(["check", str(example_copy)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "settings.toml:10: period 2026-12 is beyond the ledger: its last voucher in 2026 is dated 2026-11-30 "
        "(closed_through in settings.toml; or give --period)", "1 error, 0 warnings"]


def test_a_scenario_file_for_any_year_passes_check(example_copy, capsys):
    from nns_finance.books.scenario_file import plan_years

    (example_copy / "scenarios" / "tidigt.toml").write_text(
        'name = "Tidigt"\n[[withdrawals]]\nmember = "M05"\neffective_date = 2023-01-01\n'
        '[meeting]\ndate = 2023-04-15\nparticipants = 120\nfee = 900\nvenue_fixed = 50000\n'
        'per_participant = 800\n', encoding="utf-8")
    (example_copy / "scenarios" / "sent.toml").write_text(
        'name = "Sent"\n[[line_changes]]\nline = "kostnader.information"\nfrom_year = 2031\namount = -50000\n',
        encoding="utf-8")
    assert main(["check", str(example_copy)]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings\n"
    # the planning years run from the latest budget year through the last year a file names
    assert plan_years(load(example_copy)) == (2026, 2031)


def test_budget_lines_settings_name_must_be_budget_lines(example_copy, capsys):
    settings = example_copy / "settings.toml"
    text = settings.read_text(encoding="utf-8").replace(
        'indicator_fees = "intakter.utvecklingsverksamhet.indikatorverksamhet"',
        'indicator_fees = "intakter.utvecklingsverksamhet.indikatorverksamheten"').replace(
        'meeting_cost = "kostnader.konferenser.arsmote-medlemsmote"', 'meeting_cost = "kostnader.arsmote"')
    settings.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = {key: next(i for i, line in enumerate(lines, 1) if line.startswith(key)) for key in
          ("indicator_fees", "meeting_cost")}
    # the fee line is a warning (the report does not need it); the meeting's line stops the
    # scenario files that plan a meeting
    assert main(["check", str(example_copy)]) == 1
    captured = capsys.readouterr()
    err = (captured.out + captured.err).splitlines()
    assert [line for line in err if "arsmote-med-bidrag-280" in line] == [
        "scenarios/arsmote-med-bidrag-280.toml:5: meeting: the budget has no line 'kostnader.arsmote' to book "
        "the annual meeting on (settings.toml [budget_lines])"]
    assert err[-1] == "4 errors, 2 warnings"
    assert [line for line in err if "[budget_lines]" in line and line.startswith("settings")] == [
        f"settings.toml:{at['indicator_fees']}: warning: [budget_lines] indicator_fees: the budget has no line "
        "'intakter.utvecklingsverksamhet.indikatorverksamheten' to book on (did you mean "
        "intakter.utvecklingsverksamhet.indikatorverksamhet?)",
        f"settings.toml:{at['meeting_cost']}: warning: [budget_lines] meeting_cost: the budget has no line "
        "'kostnader.arsmote' to book on"]
