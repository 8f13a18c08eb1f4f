"""Bad inputs, issue 15 finished: an unclosed quote in every CSV input, dates outside
1900–2200 said as such, text too long for any workbook cell, and a ledger workbook too large
to read.

Appended to :data:`~bad_inputs.cases.CASES` when ``cases`` is imported (after
``second_round``). Expected lines are worked out from the example's own text, as in ``cases.py``.
"""
from __future__ import annotations

from .cases import (ACCOUNTS, BUDGET_TEXT, CASES, CLEAN, DEPOSITS_TEXT, LEDGER, MEMBERS, OPENING, REPORT, _a2,
                    _m05, _members_row, _p2, case, line_of)
from .files import example_text


def add(c) -> None:
    CASES.append(c)


# --- an unclosed quote: the lines after it would be read into one field ---------------------
UNCLOSED = ("a quote opened here is never closed ({span} would be read into this one field); "
            "close the quote or remove it")


def lines(first: int, last: int) -> str:
    return f"line {first}" if last <= first else f"lines {first}–{last}"


def quote_field(text: str, line: int, col: int, close_at: int | None = None, sep: str = ";") -> bytes:
    """``text`` with a quote opening field ``col`` (0-based) of ``line``, never closed; or closed
    by a stray quote typed at the start of the last field of ``close_at``."""
    rows = text.split("\n")
    cells = rows[line - 1].split(sep)
    cells[col] = '"' + cells[col]
    rows[line - 1] = sep.join(cells)
    if close_at is not None:
        cells = rows[close_at - 1].split(sep)
        cells[-1] = 'slut"' + cells[-1]
        rows[close_at - 1] = sep.join(cells)
    return "\n".join(rows).encode()


def last_line(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def unclosed(name, kind, file, text, line, col, *, close_at=None, commands=None, extra=None):
    end = close_at if close_at is not None else last_line(text)
    files = {file: quote_field(text, line, col, close_at), **(extra or {})}
    expected = f"{file}:{line}: " + UNCLOSED.format(span=lines(line + 1, end))
    kw = {"commands": commands} if commands is not None else {}
    add(case(name, kind, expected, files, **kw))


unclosed("members-unclosed-quote", "members", "members.csv", MEMBERS, _m05, 1)
unclosed("members-quote-closed-lines-later", "members", "members.csv", MEMBERS, _m05, 1, close_at=_m05 + 15)
unclosed("budget-unclosed-quote", "budget", "budget.csv", BUDGET_TEXT, _members_row, 0)
unclosed("accounts-unclosed-quote", "accounts", "accounts.csv", ACCOUNTS, line_of(ACCOUNTS, "1930;"), 1)
unclosed("deposits-unclosed-quote", "deposits", "deposits.csv", DEPOSITS_TEXT, _p2, 1)
PHASING = example_text("phasing.csv")
unclosed("phasing-unclosed-quote", "phasing", "phasing.csv", PHASING, 3, 0, commands=(REPORT,))
COMMITMENTS = example_text("commitments.csv")
unclosed("commitments-unclosed-quote", "commitments", "commitments.csv", COMMITMENTS, 2, 2, commands=(REPORT,))
FORECAST = ("kod;år;belopp;kommentar\n"
            "kostnader.konferenser.arsmote-medlemsmote;2025;-224 000;fler deltagare än väntat\n"
            "intakter.medlemsavgifter;2025;11 800;som budget\n"
            "intakter.serviceavgifter;2025;1 794 449;som budget\n")
unclosed("forecast-unclosed-quote", "forecast", "forecast.csv", FORECAST, 2, 3, commands=(REPORT,))
_ledger_files = {"ledger/opening_balances.csv": OPENING}
add(case("ledger-unclosed-quote", "ledger-csv", f"ledger/2025.csv:{_a2}: " + UNCLOSED.format(
    span=lines(_a2 + 1, last_line(LEDGER))), {**_ledger_files, "ledger/2025.csv": quote_field(LEDGER, _a2, 5)}))
_note = MEMBERS.split("\n")
_note[_m05 - 1] = _note[_m05 - 1].rsplit(";", 1)[0] + ';"Anmärkning över\ntvå rader; med semikolon"'
add(case("members-note-over-two-lines", "members", CLEAN, {"members.csv": "\n".join(_note).encode()}, exit_ok=True))


# --- dates outside 1900–2200: the message says the range -------------------------------------
from .cases import MEETING, SCENARIO, SETTINGS, SIE, _ver_line, edit  # noqa: E402
from dataclasses import replace  # noqa: E402

OUTSIDE = "is outside 1900–2200"
_mh = MEMBERS.splitlines()[0].split(";")
_m05_cells = MEMBERS.splitlines()[_m05 - 1].split(";")


def _m05_cell(col: int, new: str) -> bytes:
    cells = list(_m05_cells)
    cells[col] = new
    return MEMBERS.replace(MEMBERS.splitlines()[_m05 - 1], ";".join(cells), 1).encode()


add(case("members-left-year-10000", "members", f"members.csv:{_m05}: date '10000-01-01' {OUTSIDE}",
         {"members.csv": _m05_cell(_mh.index("utträde från"), "10000-01-01")}))
add(case("members-notice-compact-1899", "members", f"members.csv:{_m05}: date '18991231' {OUTSIDE}",
         {"members.csv": _m05_cell(_mh.index("utträde anmält"), "18991231")}))
_dh = DEPOSITS_TEXT.splitlines()[0].split(";")
_p2_cells = DEPOSITS_TEXT.splitlines()[_p2 - 1].split(";")
_p2_cells[_dh.index("förfallodag")] = "2201-01-01"
add(case("deposits-maturity-2201", "deposits", f"deposits.csv:{_p2}: maturity date: '2201-01-01' {OUTSIDE}",
         {"deposits.csv": DEPOSITS_TEXT.replace(DEPOSITS_TEXT.splitlines()[_p2 - 1], ";".join(_p2_cells), 1).encode()}))
_a2_cells = LEDGER.splitlines()[_a2 - 1].split(";")
_a2_cells[2] = "18991231"
_rows = LEDGER.splitlines(keepends=True)
_rows[_a2 - 1] = ";".join(_a2_cells) + "\n"
add(case("ledger-date-1899", "ledger-csv", f"ledger/2025.csv:{_a2}: date '18991231' {OUTSIDE}",
         {**_ledger_files, "ledger/2025.csv": "".join(_rows).encode()}))
_ver_at = SIE.index("#VER A 2 ")
_ver_date = SIE[_ver_at:].split()[3]
add(case("sie-voucher-dated-0001", "sie", f"ledger/2025.se:{_ver_line}: #VER: '00010101' {OUTSIDE}",
         {"ledger/2025.se": SIE.replace(f"#VER A 2 {_ver_date}", "#VER A 2 00010101", 1).encode("cp437")}))
_closed = line_of(SETTINGS, "closed_through")
_closed_value = SETTINGS.splitlines()[_closed - 1].split('"')[1]
add(case("settings-closed-through-9999", "settings", f"settings.toml:{_closed}: setting 'organisation.closed_through' = "
         f"'9999-11': the year 9999 {OUTSIDE}",
         {"settings.toml": edit(SETTINGS, f'closed_through = "{_closed_value}"', 'closed_through = "9999-11"').encode()}))


def scenario(name, expected, data: bytes, file="scenarios/trasig.yaml"):
    command = ("scenario", "{data}/" + file, "--data", "{data}", "--out", "{out}")
    add(case(name, "scenario", expected, {file: data}, commands=(command,)))


_meeting_date = line_of(MEETING, "date:")
_md = MEETING.splitlines()[_meeting_date - 1].split("date:")[1].split()[0]
scenario("scenario-yaml-date-9999", f"scenarios/trasig.yaml:{_meeting_date}: meeting.date: '9999-12-31' {OUTSIDE}",
         MEETING.replace(f"date: {_md}", "date: 9999-12-31", 1).encode())
scenario("scenario-yaml-date-year-0", f"scenarios/trasig.yaml:{_meeting_date}: date '0000-01-01' {OUTSIDE}",
         MEETING.replace(f"date: {_md}", "date: 0000-01-01", 1).encode())
scenario("scenario-yaml-date-30-february", f"scenarios/trasig.yaml:{_meeting_date}: not a date: '2025-02-30'",
         MEETING.replace(f"date: {_md}", "date: 2025-02-30", 1).encode())
_notice = line_of(SCENARIO, "notice_date")
_nd = SCENARIO.splitlines()[_notice - 1].split("=")[1].split()[0]
scenario("scenario-toml-notice-date-9999", f"scenarios/trasig.toml:{_notice}: withdrawals[1].notice_date: "
         f"'9999-12-31' {OUTSIDE}", SCENARIO.replace(f"notice_date = {_nd}", "notice_date = 9999-12-31", 1).encode(),
         file="scenarios/trasig.toml")
scenario("scenario-toml-notice-date-0001", f"scenarios/trasig.toml:{_notice}: withdrawals[1].notice_date: "
         f"'0001-01-01' {OUTSIDE}", SCENARIO.replace(f"notice_date = {_nd}", "notice_date = 0001-01-01", 1).encode(),
         file="scenarios/trasig.toml")


def cli(name, expected, command):
    add(replace(case(name, "cli", expected, commands=(command,)), checked=False))


cli("report-period-9999", f"nns-finance report: period '9999-09': the year 9999 {OUTSIDE}",
    ("report", "--period", "9999-09", "--data", "{data}", "--out", "{out}"))
cli("report-period-year-0", f"nns-finance report: period '0000-09': the year 0 {OUTSIDE}",
    ("report", "--period", "0000-09", "--data", "{data}", "--out", "{out}"))
cli("balance-period-1816", f"nns-finance balance: --period '1816-03': the year 1816 {OUTSIDE}",
    ("balance", "{data}", "--period", "1816-03"))
cli("export-period-9999", f"nns-finance export: --period '9999-09': the year 9999 {OUTSIDE}",
    ("export", "--period", "9999-09", "--data", "{data}", "--out", "{out}/x.xlsx"))
cli("deposits-at-year-0", "nns-finance deposits: --at '0000-01-01': not a date between 1900 and 2200",
    ("deposits", "--data", "{data}", "--at", "0000-01-01"))


# --- a text longer than any workbook cell holds: refused where it is typed, never cut --------
from .cases import _typed_rows  # noqa: E402
from .files import _replace_member, xlsx_bytes  # noqa: E402

LONG = "text of 40 000 characters: a workbook cell holds at most 32 767; shorten it"
_long = "Lång anteckning " * 2499 + "Lång anteckning."     # 40 000 characters
assert len(_long) == 40_000
_note_col = _mh.index("anmärkning")
add(case("members-note-40000-chars", "members", f"members.csv:{_m05}: column {_note_col + 1} (anmärkning): {LONG}",
         {"members.csv": _m05_cell(_note_col, _long)}))
def _long_cell_xlsx(rows, placeholder: str) -> bytes:
    """A workbook whose cell holding ``placeholder`` holds ``_long`` instead: no spreadsheet
    program saves such a cell (openpyxl cuts it too), a program that writes the XML can."""
    import io
    import zipfile

    good = xlsx_bytes(rows)
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert sheet.count(f"<t>{placeholder}</t>") == 1
    return _replace_member(good, "xl/worksheets/sheet1.xml",
                           sheet.replace(f"<t>{placeholder}</t>", f"<t>{_long}</t>").encode("utf-8"))


_acc = line_of(ACCOUNTS, "1930;")
add(case("accounts-name-40000-chars", "accounts", f"accounts.csv:{_acc}: column 2 ({ACCOUNTS.splitlines()[0].split(';')[1]}): {LONG}",
         {"accounts.csv": ACCOUNTS.replace("1930;Företagskonto", f"1930;{_long}", 1).encode()}))
_a2_text = LEDGER.splitlines()[_a2 - 1].split(";")
_a2_text[5] = _long
_rows = LEDGER.splitlines(keepends=True)
_rows[_a2 - 1] = ";".join(_a2_text) + "\n"
add(case("ledger-text-40000-chars", "ledger-csv", f"ledger/2025.csv:{_a2}: column 6 ({LEDGER.splitlines()[0].split(';')[5]}): {LONG}",
         {**_ledger_files, "ledger/2025.csv": "".join(_rows).encode()}))
add(case("ledger-xlsx-text-40000-chars", "ledger-xlsx", f"ledger/2025.xlsx:Blad1!F{_a2}: {LONG}",
         {**_ledger_files, "ledger/2025.xlsx": _long_cell_xlsx(_typed_rows(
             lambda i, r: r[:5] + ["PLATS"] if i == _a2 else r), "PLATS")}))
_ver_text = SIE[_ver_at:].split('"')[1]
add(case("sie-voucher-text-40000-chars", "sie", f"ledger/2025.se:{_ver_line}: {LONG}",
         {"ledger/2025.se": SIE.replace(f'#VER A 2 {_ver_date} "{_ver_text}"', f'#VER A 2 {_ver_date} "{_long}"',
                                        1).encode("cp437")}))
scenario("scenario-description-40000-chars", f"scenarios/trasig.toml:{line_of(SCENARIO, 'description')}: "
         f"description: {LONG}", "\n".join(f'description = "{_long}"' if ln.startswith("description =") else ln
                                   for ln in SCENARIO.split("\n")).encode(),
         file="scenarios/trasig.toml")


# --- a workbook whose saved extent is wrong: every row is read all the same -----------------
def _wrong_extent(rows) -> bytes:
    """The workbook with ``<dimension ref="A1:A1"/>``: a reader that trusts it reads one cell."""
    import io
    import re
    import zipfile

    good = xlsx_bytes(rows)
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml")
    sheet, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:A1"/>', sheet)
    assert n == 1
    return _replace_member(good, "xl/worksheets/sheet1.xml", sheet)


add(case("ledger-xlsx-wrong-extent", "ledger-xlsx", CLEAN,
         {**_ledger_files, "ledger/2025.xlsx": _wrong_extent(_typed_rows(lambda i, r: r))}, exit_ok=True))
