"""The second round of bad inputs (issue 15): values outside their domain, files that are not
files, encodings mixed in one file, hidden sheets and linked workbooks, and command-line values
that would have crashed or silently given another answer.

Appended to :data:`~bad_inputs.cases.CASES` when ``cases`` is imported. Every expected line is
worked out from the example's own text, as in ``cases.py``.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from .cases import (BUDGET_TEXT, CASES, CLEAN, DEPOSITS, LEDGER, MEETING, MEMBERS, OPENING, SCENARIO, SETTINGS, SIE,
                    ACCOUNTS, BALANCE, DEPOSITS_TEXT, FEES, REPORT, _a2, _fee_line, _m05, _maxfee, _members_row,
                    _p2, _typed_rows, _ver_line, case, edit, line_of)
from .files import csv_bytes, example_text, grid_of, xlsx_bytes

FIFO = "is a named pipe (FIFO), not a file: only ordinary files are read"
LOOP = "a symbolic link that leads back to itself (a link loop)"
OUTSIDE = "a link to a file outside the data folder ({}): only files in the data folder are read; copy the file into it"
MIXED = ("this line is in another encoding than the rest of the file (UTF-8 mixed with Windows-1252 or CP437: "
         "two files pasted together?)")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def add(c) -> None:
    CASES.append(c)


def odd_cell(file: str, line: int, col: int, header: str, what: str, value: str) -> str:
    """The grid reader's line for a cell with a foreign digit or an invisible character."""
    return f"{file}:{line}: column {col} ({header}): {what}: {value!r}; retype it"


def digit(ch: str, name: str) -> str:
    return f"{ch!r} ({name}) is not a digit 0–9"


def invisible(code: int, name: str) -> str:
    return f"invisible character U+{code:04X} ({name})"


# --- members.csv: digits, invisible characters, dates, encodings, files ---------------------
_mh = MEMBERS.splitlines()[0].split(";")
_m05_cells = MEMBERS.splitlines()[_m05 - 1].split(";")
_base_col = _mh.index("underlag 2026")
_base = _m05_cells[_base_col]
_name = _m05_cells[1]
_joined = _m05_cells[_mh.index("inträde")]


def _m05_cell(col: int, new: str) -> bytes:
    cells = list(_m05_cells)
    cells[col] = new
    line = MEMBERS.splitlines()[_m05 - 1]
    return MEMBERS.replace(line, ";".join(cells), 1).encode()


def members(name, expected, data=None, **kw):
    add(case(name, "members", expected, {"members.csv": data} if data is not None else {}, **kw))


_fw = _base.translate(FULLWIDTH)
members("members-base-fullwidth-digits", odd_cell("members.csv", _m05, _base_col + 1, "underlag 2026",
        digit(_fw[0], f"FULLWIDTH DIGIT {['ZERO','ONE','TWO','THREE','FOUR','FIVE','SIX','SEVEN','EIGHT','NINE'][int(_base[0])]}"), _fw),
        _m05_cell(_base_col, _fw))
_ar = _base.translate(ARABIC)
members("members-base-arabic-indic-digits", odd_cell("members.csv", _m05, _base_col + 1, "underlag 2026",
        digit(_ar[0], f"ARABIC-INDIC DIGIT {['ZERO','ONE','TWO','THREE','FOUR','FIVE','SIX','SEVEN','EIGHT','NINE'][int(_base[0])]}"), _ar),
        _m05_cell(_base_col, _ar))
_zw = _name[:5] + "\u200b" + _name[5:]
members("members-name-zero-width", odd_cell("members.csv", _m05, 2, _mh[1], invisible(0x200B, "ZERO WIDTH SPACE"), _zw),
        _m05_cell(1, _zw))
_rtl = "\u202e" + _name
members("members-name-right-to-left", odd_cell("members.csv", _m05, 2, _mh[1],
        invisible(0x202E, "RIGHT-TO-LEFT OVERRIDE"), _rtl), _m05_cell(1, _rtl))
_soft = _name.replace("förbundet", "för\u00adbundet", 1)
members("members-name-soft-hyphen", odd_cell("members.csv", _m05, 2, _mh[1], invisible(0xAD, "SOFT HYPHEN"), _soft),
        _m05_cell(1, _soft))
_fwj = _joined.translate(FULLWIDTH)
members("members-joined-fullwidth-digits", odd_cell("members.csv", _m05, _mh.index("inträde") + 1, "inträde",
        digit(_fwj[0], "FULLWIDTH DIGIT TWO"), _fwj), _m05_cell(_mh.index("inträde"), _fwj))
members("members-joined-9999", f"members.csv:{_m05}: date '9999-12-31' is outside 1900–2200",
        _m05_cell(_mh.index("inträde"), "9999-12-31"))
members("members-joined-year-0001", f"members.csv:{_m05}: date '0001-01-01' is outside 1900–2200",
        _m05_cell(_mh.index("inträde"), "0001-01-01"))
_m_lines = MEMBERS.splitlines(keepends=True)
members("members-utf8-then-cp1252", f"members.csv:{_m05}: {MIXED}; save the file as UTF-8",
        "".join(_m_lines[:_m05 - 1]).encode() + "".join(_m_lines[_m05 - 1:]).replace("–", "-").encode("cp1252"))
members("members-utf8-then-cp437", f"members.csv:{_m05}: {MIXED}; save the file as UTF-8",
        "".join(_m_lines[:_m05 - 1]).encode() + "".join(_m_lines[_m05 - 1:]).replace("–", "-").encode("cp437"))
members("members-cr-line-ends", CLEAN, MEMBERS.replace("\n", "\r").encode(), exit_ok=True)
add(replace(case("members-fifo", "members", f"members.csv: {FIFO}"), fifos=("members.csv",)))
add(replace(case("members-link-to-dev-zero", "members", f"members.csv: {OUTSIDE.format('zero')}"),
            links=(("members.csv", "/dev/zero"),)))
add(replace(case("members-link-outside", "members", f"members.csv: {OUTSIDE.format('medlemmar.csv')}"),
            links=(("members.csv", "{elsewhere}/medlemmar.csv"),), elsewhere=(("medlemmar.csv", MEMBERS.encode()),)))
add(replace(case("members-link-loop", "members", f"members.csv: {LOOP}"), links=(("members.csv", "members.csv"),)))
add(replace(case("members-link-inside", "members", CLEAN, {"register/medlemmar.txt": MEMBERS.encode()},
                 exit_ok=True), links=(("members.csv", "register/medlemmar.txt"),)))

# --- budget ----------------------------------------------------------------------------------
_bh = BUDGET_TEXT.splitlines()[0].split(";")
_brow = BUDGET_TEXT.splitlines()[_members_row - 1].split(";")


def budget(name, expected, data=None, file="budget.csv", **kw):
    remove = ("budget.csv",) if file != "budget.csv" else ()
    add(case(name, "budget", expected, {file: data} if data is not None else {}, remove=remove, **kw))


_bfw = _brow[1].translate(FULLWIDTH)
budget("budget-amount-fullwidth-digits", odd_cell("budget.csv", _members_row, 2, _bh[1],
       digit(_bfw[0], "FULLWIDTH DIGIT ONE"), _bfw),
       edit(BUDGET_TEXT, ";".join(_brow[:2]) + ";", ";".join([_brow[0], _bfw]) + ";").encode())
_bzw = _brow[0] + "\u200d"
budget("budget-line-zero-width-joiner", odd_cell("budget.csv", _members_row, 1, _bh[0],
       invisible(0x200D, "ZERO WIDTH JOINER"), _bzw),
       edit(BUDGET_TEXT, _brow[0] + ";", _bzw + ";").encode())
_b_lines = BUDGET_TEXT.splitlines(keepends=True)
_first_sw = next(i for i, ln in enumerate(_b_lines, 1) if i > 3 and set(ln) & set("åäöÅÄÖ"))
budget("budget-utf8-then-cp1252", f"budget.csv:{_first_sw}: {MIXED}; save the file as UTF-8",
       "".join(_b_lines[:3]).encode() + "".join(_b_lines[3:]).replace("–", "-").encode("cp1252"))
budget("budget-cr-line-ends", CLEAN, BUDGET_TEXT.replace("\n", "\r").encode(), exit_ok=True)
add(replace(case("budget-fifo", "budget", f"budget.csv: {FIFO}"), fifos=("budget.csv",)))
add(replace(case("budget-link-outside", "budget", f"budget.csv: {OUTSIDE.format('budget 2026.csv')}"),
            links=(("budget.csv", "{elsewhere}/budget 2026.csv"),), elsewhere=(("budget 2026.csv", BUDGET_TEXT.encode()),)))


def _hidden_first(rows: list[list[object]], title: str) -> bytes:
    """A workbook whose first sheet ('Gammal', hidden) holds other figures; ``rows`` on the second."""
    import openpyxl
    from openpyxl.cell.cell import TYPE_STRING

    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Gammal"
    old.append(["det här bladet", "ska", "inte", "läsas"])
    old.sheet_state = "hidden"
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _linked(data: bytes) -> bytes:
    """The workbook with a link to another workbook (``xl/externalLinks/externalLink1.xml``)."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as zf:
        zf.writestr("xl/externalLinks/externalLink1.xml",
                    '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    '<externalBook><sheetNames><sheetName val="Blad1"/></sheetNames></externalBook></externalLink>')
    return out.getvalue()


LINKED = ("the workbook links to 1 other workbook: the linked cells hold values saved when it was last "
          "opened, perhaps stale; break the links (Data > Edit Links > Break Link) and save it again")
budget("budget-xlsx-hidden-first-sheet", "budget.xlsx: warning: hidden sheet 'Gammal' not read; the first "
       "visible sheet 'Budget' is", _hidden_first(grid_of("budget.csv"), "Budget"), file="budget.xlsx", exit_ok=True)
budget("budget-xlsx-external-link", f"budget.xlsx: {LINKED}", _linked(xlsx_bytes(grid_of("budget.csv"))),
       file="budget.xlsx")

# --- accounts.csv ----------------------------------------------------------------------------
_acc_line = line_of(ACCOUNTS, "1930;")
add(case("accounts-fullwidth-digits", "accounts", odd_cell("accounts.csv", _acc_line, 1, "konto",
         digit("１", "FULLWIDTH DIGIT ONE"), "１９３０"), {"accounts.csv": edit(ACCOUNTS, "1930;", "１９３０;").encode()}))
add(case("accounts-bidi-isolate", "accounts", odd_cell("accounts.csv", _acc_line, 2, "namn",
         invisible(0x2067, "RIGHT-TO-LEFT ISOLATE"), "\u2067Företagskonto"),
         {"accounts.csv": edit(ACCOUNTS, "1930;Företagskonto", "1930;\u2067Företagskonto").encode()}))
add(replace(case("accounts-link-loop", "accounts", f"accounts.csv: {LOOP}"),
            links=(("accounts.csv", "konton.csv"), ("konton.csv", "accounts.csv"))))

# --- deposits.csv ----------------------------------------------------------------------------
_dh = DEPOSITS_TEXT.splitlines()[0].split(";")
_p2_cells = DEPOSITS_TEXT.splitlines()[_p2 - 1].split(";")


def deposits(name, expected, data=None, **kw):
    add(case(name, "deposits", expected, {"deposits.csv": data} if data is not None else {}, **kw))


def _p2_cell(col: int, new: str) -> bytes:
    cells = list(_p2_cells)
    cells[col] = new
    return DEPOSITS_TEXT.replace(DEPOSITS_TEXT.splitlines()[_p2 - 1], ";".join(cells), 1).encode()


deposits("deposits-start-9999", f"deposits.csv:{_p2}: start date: '9999-12-31' is outside 1900–2200",
         _p2_cell(_dh.index("startdatum"), "9999-12-31"))
deposits("deposits-maturity-1816", f"deposits.csv:{_p2}: maturity date: '1816-03-29' is outside 1900–2200",
         _p2_cell(_dh.index("förfallodag"), "1816-03-29"))
_par = _p2_cells[_dh.index("belopp")].translate(ARABIC)
deposits("deposits-principal-arabic-indic", odd_cell("deposits.csv", _p2, _dh.index("belopp") + 1, "belopp",
         digit(_par[0], "ARABIC-INDIC DIGIT SEVEN"), _par), _p2_cell(_dh.index("belopp"), _par))
_rfw = _p2_cells[_dh.index("ränta")].translate(FULLWIDTH)
deposits("deposits-rate-fullwidth", odd_cell("deposits.csv", _p2, _dh.index("ränta") + 1, "ränta",
         digit(_rfw[0], "FULLWIDTH DIGIT ONE"), _rfw), _p2_cell(_dh.index("ränta"), _rfw))
add(replace(case("deposits-link-to-dev-zero", "deposits", f"deposits.csv: {OUTSIDE.format('zero')}"),
            links=(("deposits.csv", "/dev/zero"),)))
add(replace(case("deposits-fifo", "deposits", f"deposits.csv: {FIFO}"), fifos=("deposits.csv",)))

# --- ledger/2025.csv and .xlsx ---------------------------------------------------------------
_lh = LEDGER.splitlines()[0].split(";")
_a2_cells = LEDGER.splitlines()[_a2 - 1].split(";")


def ledger(name, expected, data=None, file="ledger/2025.csv", **kw):
    kind = "ledger-xlsx" if file.endswith(".xlsx") else "ledger-csv"
    files = {"ledger/opening_balances.csv": OPENING}
    if data is not None:
        files[file] = data
    return case(name, kind, expected, files, **kw)


def _a2_cell(col: int, new: str) -> bytes:
    cells = list(_a2_cells)
    cells[col] = new
    rows = LEDGER.splitlines(keepends=True)
    rows[_a2 - 1] = ";".join(cells) + "\n"
    return "".join(rows).encode()


_lfw = _a2_cells[4].translate(FULLWIDTH)
add(ledger("ledger-amount-fullwidth", odd_cell("ledger/2025.csv", _a2, 5, _lh[4], digit(_lfw[0], "FULLWIDTH DIGIT ONE"),
           _lfw), _a2_cell(4, _lfw)))
_lar = _a2_cells[3].translate(ARABIC)
add(ledger("ledger-account-arabic-indic", odd_cell("ledger/2025.csv", _a2, 4, _lh[3],
           digit(_lar[0], "ARABIC-INDIC DIGIT ONE"), _lar), _a2_cell(3, _lar)))
add(ledger("ledger-date-9999", f"ledger/2025.csv:{_a2}: date '9999-12-31' is outside 1900–2200",
           _a2_cell(2, "9999-12-31")))
add(ledger("ledger-date-0000", f"ledger/2025.csv:{_a2}: date '0000-01-15' is outside 1900–2200",
           _a2_cell(2, "0000-01-15")))
add(ledger("ledger-text-right-to-left", odd_cell("ledger/2025.csv", _a2, 6, _lh[5],
           invisible(0x202E, "RIGHT-TO-LEFT OVERRIDE"), "\u202e" + _a2_cells[5]), _a2_cell(5, "\u202e" + _a2_cells[5])))
add(ledger("ledger-cr-line-ends", CLEAN, LEDGER.replace("\n", "\r").encode(), exit_ok=True))
add(replace(ledger("ledger-fifo", f"ledger/2025.csv: {FIFO}"), fifos=("ledger/2025.csv",)))
add(replace(ledger("ledger-link-outside", f"ledger/2025.csv: {OUTSIDE.format('huvudbok.csv')}"),
            links=(("ledger/2025.csv", "{elsewhere}/huvudbok.csv"),), elsewhere=(("huvudbok.csv", LEDGER.encode()),)))
_lg = [_lh] + [r for r in _typed_rows(lambda i, r: r)[1:]]
add(ledger("ledger-xlsx-hidden-first-sheet", "ledger/2025.xlsx: warning: hidden sheet 'Gammal' not read; the first "
           "visible sheet 'Huvudbok' is", _hidden_first(_lg, "Huvudbok"), file="ledger/2025.xlsx", exit_ok=True))
add(ledger("ledger-xlsx-external-link", f"ledger/2025.xlsx: {LINKED}", _linked(xlsx_bytes(_lg)),
           file="ledger/2025.xlsx"))

# --- ledger/2025.se --------------------------------------------------------------------------
_ver_at = SIE.index("#VER A 2 ")
_ver_date = SIE[_ver_at:].split()[3]


def sie(name, expected, data: bytes, **kw):
    add(case(name, "sie", expected, {"ledger/2025.se": data}, **kw))


sie("sie-voucher-dated-zeros", f"ledger/2025.se:{_ver_line}: #VER: the voucher date is missing ('00000000'): its rows "
    "would drop out of the books", SIE.replace(f"#VER A 2 {_ver_date}", "#VER A 2 00000000", 1).encode("cp437"))
sie("sie-voucher-dated-9999", f"ledger/2025.se:{_ver_line}: #VER: '99991231' is outside 1900–2200",
    SIE.replace(f"#VER A 2 {_ver_date}", "#VER A 2 99991231", 1).encode("cp437"))
sie("sie-cr-line-ends", CLEAN, SIE.replace("\n", "\r").encode("cp437"), exit_ok=True)
_s_lines = SIE.splitlines(keepends=True)
_half = len(_s_lines) // 2
_first_letter = next(i for i, ln in enumerate(_s_lines, 1) if i > _half and not ln.isascii())
sie("sie-cp437-then-utf8", f"ledger/2025.se:{_first_letter}: {MIXED}; export the file again",
    "".join(_s_lines[:_half]).encode("cp437") + "".join(_s_lines[_half:]).encode("utf-8"))
add(replace(case("sie-fifo", "sie", f"ledger/2025.se: {FIFO}"),
            fifos=("ledger/2025.se",)))

# --- settings.toml ---------------------------------------------------------------------------


def settings(name, expected, text: str):
    add(case(name, "settings", expected, {"settings.toml": text.encode()}))


_fy = line_of(SETTINGS, "fiscal_year")
_FY = next(ln for ln in SETTINGS.splitlines() if ln.startswith("fiscal_year")).split("=")[1].split()[0]
_FYS = f"fiscal_year = {_FY} "
settings("settings-maxfee-typo", f"settings.toml:{_maxfee}: unknown setting 'fees.2026.maxfee' (did you mean "
         "'max_fee'?)", edit(SETTINGS, "max_fee = 123400", "maxfee = 123400"))
settings("settings-organisation-typo", f"settings.toml:{_fy + 1}: unknown setting 'organisation.fiscal_yaer' (did "
         "you mean 'fiscal_year'?)", edit(SETTINGS, _FYS, f"fiscal_year = {_FY}\nfiscal_yaer = {_FY} "))
settings("settings-fiscal-year-0", f"settings.toml:{_fy}: setting 'organisation.fiscal_year': 0 is not a year between "
         "1900 and 2200", edit(SETTINGS, _FYS, "fiscal_year = 0 "))
settings("settings-fiscal-year-99999", f"settings.toml:{_fy}: setting 'organisation.fiscal_year': 99999 is not a year "
         "between 1900 and 2200", edit(SETTINGS, _FYS, "fiscal_year = 99999 "))
settings("settings-deep-nesting", "settings.toml: nested too deep: a settings file needs at most a few levels",
         SETTINGS + "djup = " + "[" * 5000 + "]" * 5000 + "\n")
settings("settings-unknown-table", f"settings.toml:{line_of(SETTINGS, '[notice]')}: unknown setting 'notices' (did you "
         "mean 'notice'?)", edit(SETTINGS, "[notice]", "[notices]"))

# --- assumptions.toml ------------------------------------------------------------------------
ASSUMPTIONS = example_text("assumptions.toml")
add(case("assumptions-placed-typo", "scenario", f"assumptions.toml:{line_of(ASSUMPTIONS, 'placed =')}: unknown "
         "assumption 'deposits.placd' (did you mean 'placed'?) (known: placed, rate_percent, budgeted_interest, "
         "interest_line)", {"assumptions.toml": edit(ASSUMPTIONS, "placed =", "placd =").encode()},
         commands=(("projection", "--data", "{data}", "--out", "{out}"),)))
add(case("assumptions-top-typo", "scenario", f"assumptions.toml:{line_of(ASSUMPTIONS, 'base_year')}: unknown "
         "assumption 'base_yaer' (did you mean 'base_year'?) (known: base_year, costs, deposits, income, "
         "opening_equity, withdrawals)", {"assumptions.toml": edit(ASSUMPTIONS, "base_year =", "base_yaer =").encode()},
         commands=(("projection", "--data", "{data}", "--out", "{out}"),)))


# --- scenario files --------------------------------------------------------------------------
def scenario(name, expected, data: bytes, file="scenarios/trasig.yaml", **kw):
    command = ("scenario", "{data}/" + file, "--data", "{data}", "--out", "{out}")
    add(replace(case(name, "scenario", expected, {file: data}, commands=(command,)), **kw))


scenario("scenario-yaml-duplicate-key", f"scenarios/trasig.yaml:{_fee_line + 1}: key 'fee' appears twice (first on "
         f"line {_fee_line}): write it once", MEETING.replace("  fee: 1000 ", "  fee: 1000\n  fee: 2000 ", 1).encode())
scenario("scenario-yaml-duplicate-top-key", f"scenarios/trasig.yaml:{len(MEETING.splitlines()) + 1}: key 'name' "
         f"appears twice (first on line {line_of(MEETING, 'name:')}): write it once",
         (MEETING + 'name: "Annan"\n').encode())
scenario("scenario-yaml-key-typo", f"scenarios/trasig.yaml:{line_of(MEETING, 'participants:')}: meeting.participant: "
         "unknown key (did you mean 'participants'?) (expected one of: date, dinner_cancellation_days, fee, grant, "
         "minimum_participants, participants, per_participant, venue_cancellation_days, venue_fixed)",
         MEETING.replace("  participants: 150", "  participant: 150", 1).encode())
scenario("scenario-fee-fullwidth", f"scenarios/trasig.yaml:{_fee_line}: meeting.fee: expected an amount in kronor: "
         "not an amount: '１０００': '１' (FULLWIDTH DIGIT ONE) is not a digit 0–9",
         MEETING.replace("fee: 1000 ", 'fee: "１０００" ', 1).encode())
scenario("scenario-deep-toml", "scenarios/trasig.toml: nested too deep: a scenario file needs at most a few levels",
         ('name = "x"\nd = ' + "[" * 5000 + "]" * 5000 + "\n").encode(), file="scenarios/trasig.toml")
scenario("scenario-deep-yaml", "scenarios/trasig.yaml: nested too deep: a scenario file needs at most a few levels",
         ("name: x\nd: " + "[" * 5000 + "]" * 5000 + "\n").encode())
scenario("scenario-name-10000-chars", f"scenarios/trasig.toml:{line_of(SCENARIO, 'name =')}: name: 10000 characters: "
         "a scenario name is at most 120 (it names the output files)",
         SCENARIO.replace('name = "Trasig"', f'name = "{"x" * 10000}"', 1).encode(), file="scenarios/trasig.toml")
add(replace(case("scenario-fifo", "scenario", f"scenarios/trasig.toml: {FIFO}",
                 commands=(("scenario", "{data}/scenarios/trasig.toml", "--data", "{data}", "--out", "{out}"),)),
            fifos=("scenarios/trasig.toml",)))
add(replace(case("scenario-too-many-files", "scenario", "scenarios/: 207 scenario files; at most 200 are read: move "
                 "the others to another folder",
                 {f"scenarios/kopia-{i:03}.toml": SCENARIO.replace('"Trasig"', f'"Kopia {i}"').encode()
                  for i in range(200)}, commands=())))

# --- the command line ------------------------------------------------------------------------


def cli(name, expected, command):
    add(replace(case(name, "cli", expected, commands=(command,)), checked=False))


cli("fees-year-0", "nns-finance fees: --year 0: not a year between 1900 and 2200",
    ("fees", "--year", "0", "--data", "{data}"))
cli("fees-year-99999", "nns-finance fees: --year 99999: not a year between 1900 and 2200",
    ("fees", "--year", "99999", "--data", "{data}"))
cli("projection-last-99999", "nns-finance projection: --last 99999: not a year between 1900 and 2200",
    ("projection", "--last", "99999", "--data", "{data}", "--out", "{out}"))
cli("projection-first-negative", "nns-finance projection: --first -5: not a year between 1900 and 2200",
    ("projection", "--first=-5", "--data", "{data}", "--out", "{out}"))
cli("deposits-at-9999", "nns-finance deposits: --at '9999-12-31': not a date between 1900 and 2200",
    ("deposits", "--data", "{data}", "--at", "9999-12-31"))
cli("report-out-is-a-file", "nns-finance report: --out 'data/settings.toml' is a file, not a folder: give the folder "
    "to write the files in", ("report", "--period", "2025-09", "--data", "{data}", "--out", "data/settings.toml"))
cli("budget-proposal-year-0", "nns-finance budget-proposal: --year 0: not a year between 1900 and 2200",
    ("budget-proposal", "--year", "0", "--data", "{data}", "--out", "{out}"))
_ = (BALANCE, DEPOSITS, FEES, REPORT, csv_bytes)   # the consumers cases.py runs for each kind

# --- phasing.csv: weights that would crash or fill the memory --------------------------------
PHASING = example_text("phasing.csv")
_ph = line_of(PHASING, "intakter.medlemsavgifter;")
_BIG = "expected at most 1 000 000 with at most 6 decimals (a weight, not an amount)"
for _name, _typed in (("infinity", "Infinity"), ("1e999999999", "1e999999999"), ("ten-decimals", "0,0000000001")):
    add(case(f"phasing-weight-{_name}", "phasing", f"phasing.csv:{_ph}: month weight {_typed!r}: {_BIG}",
             {"phasing.csv": edit(PHASING, "intakter.medlemsavgifter;1;", f"intakter.medlemsavgifter;{_typed};").encode()},
             commands=(REPORT,)))
add(case("phasing-weight-nan", "phasing", f"phasing.csv:{_ph}: month weight 'NaN': expected a number of at least 0",
         {"phasing.csv": edit(PHASING, "intakter.medlemsavgifter;1;", "intakter.medlemsavgifter;NaN;").encode()},
         commands=(REPORT,)))
settings("settings-rate-as-text", f"settings.toml:{line_of(SETTINGS, 'service_rate_permille')}: setting "
         "'fees.2024.service_rate_permille': expected a rate in per mille, got '3,5 promille'",
         edit(SETTINGS, "service_rate_permille = 3.5      #", 'service_rate_permille = "3,5 promille"      #'))
