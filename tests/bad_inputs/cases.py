"""The corpus of bad inputs: every input kind, attacked the ways real files go wrong.

Each :class:`~tests.bad_inputs.harness.Case` starts from the example data folder and changes one
file; ``expected`` is the exact line the treasurer must see. Line numbers are computed from the
example's own text, so the cases follow the example when it grows. The ledger cases replace the
example ledger (whichever form it has: ``2025.csv`` or ``2025.se``) with the form they attack.

``CASES`` is the list; :func:`by_name` finds one.
"""
from __future__ import annotations

from dataclasses import replace

from .files import (LEDGER_FILES, zip_bomb_message, csv_bytes, entity_bomb_xlsx, example_bytes, example_ledger_csv,
                    example_opening_csv, example_sie, example_text, grid_of, xlsx_bytes,
                    zip_bomb_xlsx)
from .harness import Case

REPORT = ("report", "--period", "2025-09", "--data", "{data}", "--out", "{out}")
BUDGET = ("budget", "{data}")
FEES = ("fees", "--year", "2026", "--data", "{data}")
DEPOSITS = ("deposits", "--data", "{data}")
BALANCE = ("balance", "{data}")
EXPORT = ("export", "--year", "2025", "--data", "{data}", "--out", "{out}/revisorsunderlag.xlsx")   # the cases edit 2025
CONSUMERS = {
    "settings": (REPORT, BUDGET), "budget": (REPORT, BUDGET), "accounts": (REPORT,),
    "members": (FEES,), "deposits": (DEPOSITS,),
    "ledger-csv": (BALANCE, REPORT), "ledger-xlsx": (BALANCE, REPORT), "sie": (BALANCE, REPORT),
}
FORMULA_TEXTS = ("=1+1", "+46 8 123 45 67", "-rabatt enligt avtal", "@SUM(A1:A9)")


def _clean_line() -> str:
    """``check``'s last line for the example as it stands: no errors, and the warnings the example
    itself carries (the year-end checklist of a closed year: the 2025 example's interest not
    accrued), so that the cases whose change is harmless follow the example as it changes."""
    from nns_finance.books.load import REPORT as NEEDS, load
    from nns_finance.cli.check import year_end_warnings
    from nns_finance.core.problems import summary_line
    from nns_finance.planning.review import review

    from .files import EXAMPLE

    books = load(EXAMPLE, strict=False, needs=NEEDS)
    problems = review(books)
    return summary_line([*problems, *year_end_warnings(books, problems)])


CLEAN = _clean_line()


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def first_non_ascii(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if not line.isascii())


def first_swedish(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if set(line) & set("åäöÅÄÖ"))


CP437_MESSAGE = "text in CP437 (DOS) encoding: å, ä and ö would be read wrong; save the file as UTF-8"
NUL_MESSAGE = "file contains NUL bytes: not a text file (UTF-16? binary?)"
BOM_MESSAGE = "byte-order mark in the middle of the file (two files joined?)"
CUT_MESSAGE = "fields and no line end: the file looks cut off; export it again"
COMMA_MESSAGE = "(separator is comma; a decimal comma in an unquoted amount?)"
MIXED_MESSAGE = "fields separated by commas, but the header's by semicolons: use one separator in the whole file"


def comma_rows(text: str) -> str:
    """The header as it is (semicolons), every other line with commas instead."""
    lines = text.splitlines()
    return "\n".join([lines[0]] + [line.replace(";", ",") for line in lines[1:]]) + "\n"


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def case(name: str, kind: str, expected: str, files: dict[str, bytes] | None = None, *,
         remove: tuple[str, ...] = (), commands=None, exit_ok: bool = False,
         texts: tuple[str, ...] = ()) -> Case:
    if commands is None:
        commands = (EXPORT,) if exit_ok else CONSUMERS[kind]
    if kind.startswith(("ledger", "sie")):
        remove = tuple(dict.fromkeys(remove + LEDGER_FILES))
    return Case(name, kind, expected, files or {}, remove, tuple(commands), exit_ok, texts)


CASES: list[Case] = []

# --- settings.toml ---------------------------------------------------------------------------
SETTINGS = example_text("settings.toml")


def settings_case(name: str, expected: str, text: str | bytes) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    CASES.append(case(name, "settings", expected, {"settings.toml": data}))


_fee26 = line_of(SETTINGS, "[fees.2026]")
_maxfee = line_of(SETTINGS, "max_fee = 123400")
settings_case("settings-empty", "settings.toml: file is empty", b"")
settings_case("settings-truncated", f"settings.toml:{_fee26}: not valid TOML: Expected ']' at the end "
              "of a table declaration",
              SETTINGS[: SETTINGS.index("[fees.2026]") + len("[fees.20")])
settings_case("settings-cp1252", f"settings.toml:{first_non_ascii(SETTINGS)}: not UTF-8 text; "
              "save settings.toml as UTF-8", SETTINGS.encode("cp1252"))
settings_case("settings-bom-middle", f"settings.toml:{line_of(SETTINGS, '[notice]')}: not valid TOML: "
              "Invalid statement (a byte-order mark in the middle of the file: two files joined?)",
              edit(SETTINGS, "[notice]", "\ufeff[notice]"))
settings_case("settings-decimal-comma", f"settings.toml:{line_of(SETTINGS, 'service_rate_permille')}: "
              "not valid TOML: Expected newline or end of document after a statement (a decimal comma? "
              "write 3.5, not 3,5)",
              edit(SETTINGS, "service_rate_permille = 3.5      #", "service_rate_permille = 3,5      #"))
settings_case("settings-amount-letters", f"settings.toml:{_maxfee}: setting 'fees.2026.max_fee': not an "
              "amount: '123 4OO'",
              edit(SETTINGS, "max_fee = 123400", 'max_fee = "123 4OO"'))
settings_case("settings-three-decimals", f"settings.toml:{_maxfee}: setting 'fees.2026.max_fee': more "
              "than two decimals: 123400.125",
              edit(SETTINGS, "max_fee = 123400", "max_fee = 123400.125"))
settings_case("settings-beyond-10-12", f"settings.toml:{_maxfee}: setting 'fees.2026.max_fee': amount "
              "beyond 10^12 kr: '1000000000000'",
              edit(SETTINGS, "max_fee = 123400", "max_fee = 1000000000000"))
settings_case("settings-date-feb-30", f"settings.toml:{_maxfee}: not valid TOML: Invalid date or datetime",
              edit(SETTINGS, "max_fee = 123400", "fee_date = 2026-02-30\nmax_fee = 123400"))
settings_case("settings-year-as-text", f"settings.toml:{line_of(SETTINGS, 'fiscal_year')}: setting "
              "'organisation.fiscal_year': expected a whole number, got '2026'",
              edit(SETTINGS, "fiscal_year = 2026 ", 'fiscal_year = "2026"'))
settings_case("settings-closed-month-13", f"settings.toml:{line_of(SETTINGS, 'closed_through')}: setting "
              "'organisation.closed_through' = '2026-13': there is no month 13 (months are 1–12); write it as "
              "YYYY-MM, e.g. 2026-09",
              edit(SETTINGS, 'closed_through = "2026-11"', 'closed_through = "2026-13"'))
settings_case("settings-utf16", "settings.toml:1: not UTF-8 text; save settings.toml as UTF-8",
              SETTINGS.encode("utf-16"))

# --- budget.csv ------------------------------------------------------------------------------
BUDGET_TEXT = example_text("budget.csv")
_members_row = line_of(BUDGET_TEXT, "Medlemsavgifter;")


def budget_case(name: str, expected: str, data: bytes, file: str = "budget.csv", **kw) -> None:
    remove = ("budget.csv",) if file != "budget.csv" else ()
    CASES.append(case(name, "budget", expected, {file: data}, remove=remove, **kw))


budget_case("budget-empty", "budget.csv: file is empty", b"")
budget_case("budget-truncated", f"budget.csv:{line_of(BUDGET_TEXT, 'Information;')}: the last line has 2 "
            f"of the header's 5 {CUT_MESSAGE}", BUDGET_TEXT[: BUDGET_TEXT.index("Information;") + 15].encode())
budget_case("budget-amount-letters", f"budget.csv:{_members_row}: 'Medlemsavgifter' 2024 Utfall: not an "
            "amount: '12 4OO'",
            edit(BUDGET_TEXT, "Medlemsavgifter;12 400;", "Medlemsavgifter;12 4OO;").encode())
budget_case("budget-three-decimals", f"budget.csv:{_members_row}: 'Medlemsavgifter' 2024 Utfall: more "
            "than two decimals: '12 400,125'",
            edit(BUDGET_TEXT, "Medlemsavgifter;12 400;", "Medlemsavgifter;12 400,125;").encode())
budget_case("budget-beyond-10-12", f"budget.csv:{_members_row}: 'Medlemsavgifter' 2024 Utfall: amount "
            "beyond 10^12 kr: '1 000 000 000 000'",
            edit(BUDGET_TEXT, "Medlemsavgifter;12 400;", "Medlemsavgifter;1 000 000 000 000;").encode())
budget_case("budget-wrong-total", f"budget.csv:{line_of(BUDGET_TEXT, 'Summa intäkter')}: budget total "
            "disagrees with its lines: 'Summa intäkter' 2024 Utfall is 4 097 853 kr, the intäkter lines "
            "sum to 4 097 852 kr",
            edit(BUDGET_TEXT, "Summa intäkter;4 097 852;", "Summa intäkter;4 097 853;").encode())
budget_case("budget-cp437", f"budget.csv:{first_swedish(BUDGET_TEXT)}: {CP437_MESSAGE}",
            BUDGET_TEXT.replace("–", "-").encode("cp437"))
budget_case("budget-bom-middle", f"budget.csv:{line_of(BUDGET_TEXT, 'Kostnader;')}: {BOM_MESSAGE}",
            edit(BUDGET_TEXT, "Kostnader;", "\ufeffKostnader;").encode())
budget_case("budget-comma-decimal-comma", f"budget.csv:{_members_row}: 6 fields where the header has 5 "
            f"{COMMA_MESSAGE}",
            BUDGET_TEXT.replace(";", ",").replace("12 400,11 800", "12 400,50,11 800").encode())
budget_case("budget-xlsx-renamed-csv", "budget.xlsx: not an Excel workbook: the file is text "
            "(a CSV renamed .xlsx?)", BUDGET_TEXT.encode(), file="budget.xlsx")
budget_case("budget-xlsx-entity-bomb", "budget.xlsx: cannot read workbook: XML entity declarations are "
            "refused (an entity-expansion bomb?)", entity_bomb_xlsx(grid_of("budget.csv")),
            file="budget.xlsx")
_bomb = zip_bomb_xlsx(grid_of("budget.csv"))
budget_case("budget-xlsx-zip-bomb", f"budget.xlsx: {zip_bomb_message(_bomb)}", _bomb, file="budget.xlsx")

# --- accounts.csv ----------------------------------------------------------------------------
ACCOUNTS = example_text("accounts.csv")
_n_accounts = len(ACCOUNTS.splitlines())


def accounts_case(name: str, expected: str, data: bytes, file: str = "accounts.csv", **kw) -> None:
    remove = ("accounts.csv",) if file != "accounts.csv" else ()
    CASES.append(case(name, "accounts", expected, {file: data}, remove=remove, **kw))


accounts_case("accounts-empty", "accounts.csv: file is empty", b"")
accounts_case("accounts-swapped-columns", "accounts.csv:2: account 1510: budget line 'Kundfordringar' "
              "is not in the budget",
              ACCOUNTS.replace("konto;namn;budgetrad", "konto;budgetrad;namn", 1).encode())
accounts_case("accounts-unknown-line", f"accounts.csv:{line_of(ACCOUNTS, 'intakter.medlemsavgifter')}: "
              "account 3010: budget line 'intakter.medlemsavgift' is not in the budget (did you mean "
              "intakter.medlemsavgifter?)",
              edit(ACCOUNTS, "intakter.medlemsavgifter", "intakter.medlemsavgift").encode())
accounts_case("accounts-duplicate", f"accounts.csv:{_n_accounts + 1}: account "
              f"{ACCOUNTS.splitlines()[-1][:4]} appears twice (first on line {_n_accounts})",
              (ACCOUNTS + ACCOUNTS.splitlines()[-1] + "\n").encode())
accounts_case("accounts-missing-column", "accounts.csv:1: missing column 'account' (the header has: "
              "kto, namn, budgetrad)", ACCOUNTS.replace("konto;", "kto;", 1).encode())
accounts_case("accounts-not-four-digits", f"accounts.csv:{line_of(ACCOUNTS, '1930;')}: account must be "
              "four digits (BAS), got '193O'", edit(ACCOUNTS, "1930;", "193O;").encode())
accounts_case("accounts-xlsx-renamed-csv", "accounts.xlsx: not an Excel workbook: the file is text "
              "(a CSV renamed .xlsx?)", ACCOUNTS.encode(), file="accounts.xlsx")
accounts_case("accounts-truncated", f"accounts.csv:{line_of(ACCOUNTS, '6110;')}: the last line has 2 of "
              f"the header's 3 {CUT_MESSAGE}",
              ACCOUNTS[: ACCOUNTS.index("6110;") + 8].encode())

# --- members.csv -----------------------------------------------------------------------------
MEMBERS = example_text("members.csv")
_m05 = line_of(MEMBERS, "M05;")


def members_case(name: str, expected: str, data: bytes, file: str = "members.csv", **kw) -> None:
    remove = ("members.csv",) if file != "members.csv" else ()
    CASES.append(case(name, "members", expected, {file: data}, remove=remove, **kw))


def _m05_edit(old: str, new: str) -> bytes:
    line = MEMBERS.splitlines()[_m05 - 1]
    return MEMBERS.replace(line, line.replace(old, new, 1), 1).encode()


members_case("members-empty", "members.csv: file is empty", b"")
members_case("members-date-feb-30", f"members.csv:{_m05}: not a date: '2008-02-30' (expected YYYY-MM-DD)",
             _m05_edit("2008-09-01", "2008-02-30"))
members_case("members-base-letters", f"members.csv:{_m05}: fee base 2026: not an amount: '4 692 98g'",
             _m05_edit("4 692 989", "4 692 98g"))
members_case("members-base-three-decimals", f"members.csv:{_m05}: fee base 2026: more than two decimals: "
             "'4 692 989,125'", _m05_edit("4 692 989", "4 692 989,125"))
members_case("members-base-beyond-10-12", f"members.csv:{_m05}: fee base 2026: amount beyond 10^12 kr: "
             "'4 692 989 000 000'", _m05_edit("4 692 989", "4 692 989 000 000"))
members_case("members-duplicate-id", f"members.csv:{_m05}: duplicate member id 'M04' (first on line "
             f"{_m05 - 1})", _m05_edit("M05;", "M04;"))
members_case("members-swapped-columns", "members.csv:2: not a date: '222999-0011' (expected YYYY-MM-DD)",
             MEMBERS.replace("organisationsnummer;inträde", "inträde;organisationsnummer", 1).encode())
members_case("members-truncated", f"members.csv:{line_of(MEMBERS, 'M64;')}: the last line has 2 of the "
             f"header's 13 {CUT_MESSAGE}", MEMBERS[: MEMBERS.index("M64;") + 40].encode())
members_case("members-cp437", f"members.csv:1: {CP437_MESSAGE}", MEMBERS.replace("–", "-").encode("cp437"))
members_case("members-utf16", f"members.csv:1: {NUL_MESSAGE}", MEMBERS.encode("utf-16"))
members_case("members-comma-decimal-comma", f"members.csv:{_m05}: 15 fields where the header has 13 "
             f"{COMMA_MESSAGE}", MEMBERS.replace(";", ",").replace("4 692 989", "4692989,50").encode())
members_case("members-semicolon-header-comma-rows", f"members.csv:2: {MIXED_MESSAGE}",
             comma_rows(MEMBERS).encode())
members_case("members-xlsx-entity-bomb", "members.xlsx: cannot read workbook: XML entity declarations are "
             "refused (an entity-expansion bomb?)", entity_bomb_xlsx(grid_of("members.csv")),
             file="members.xlsx")
_bomb = zip_bomb_xlsx(grid_of("members.csv"))
members_case("members-xlsx-zip-bomb", f"members.xlsx: {zip_bomb_message(_bomb)}", _bomb, file="members.xlsx")
members_case("members-xlsx-renamed-csv", "members.xlsx: not an Excel workbook: the file is text "
             "(a CSV renamed .xlsx?)", MEMBERS.encode(), file="members.xlsx")
for _i, _text in enumerate(FORMULA_TEXTS):
    members_case(f"members-name-formula-{_i + 1}", CLEAN,
                 _m05_edit("Samordningsförbundet Askdalen (exempel)", _text), exit_ok=True, texts=(_text,))

# --- deposits.csv ----------------------------------------------------------------------------
DEPOSITS_TEXT = example_text("deposits.csv")
_p2 = line_of(DEPOSITS_TEXT, "P2;")


def deposits_case(name: str, expected: str, data: bytes, file: str = "deposits.csv", **kw) -> None:
    remove = ("deposits.csv",) if file != "deposits.csv" else ()
    CASES.append(case(name, "deposits", expected, {file: data}, remove=remove, **kw))


def _p2_edit(old: str, new: str) -> bytes:
    line = DEPOSITS_TEXT.splitlines()[_p2 - 1]
    return DEPOSITS_TEXT.replace(line, line.replace(old, new, 1), 1).encode()


deposits_case("deposits-empty", "deposits.csv: file is empty", b"")
deposits_case("deposits-rate-letters", f"deposits.csv:{_p2}: not a rate in per cent: '1,8S'",
              _p2_edit("1,85", "1,8S"))
deposits_case("deposits-principal-three-decimals", f"deposits.csv:{_p2}: principal: more than two "
              "decimals: '700 000,125'", _p2_edit("700 000", "700 000,125"))
deposits_case("deposits-principal-beyond-10-12", f"deposits.csv:{_p2}: principal: amount beyond 10^12 kr: "
              "'7 000 000 000 000'", _p2_edit("700 000", "7 000 000 000 000"))
deposits_case("deposits-date-feb-30", f"deposits.csv:{_p2}: maturity date: not a date (YYYY-MM-DD): "
              "'2026-02-30'", _p2_edit("2026-01-01", "2026-02-30"))
deposits_case("deposits-maturity-before-start", f"deposits.csv:{_p2}: deposit matures on 2025-09-01, not "
              "after it starts on 2025-10-01", _p2_edit("2026-01-01", "2025-09-01"))
deposits_case("deposits-day-count", f"deposits.csv:{_p2}: unknown day count 'ACT/366' (expected one of "
              "ACT/365, ACT/360, ACT/ACT, 30/360)", _p2_edit("ACT/365", "ACT/366"))
deposits_case("deposits-swapped-dates", "deposits.csv:2: deposit matures on 2025-07-01, not after it "
              "starts on 2025-10-01",
              DEPOSITS_TEXT.replace("startdatum;förfallodag", "förfallodag;startdatum", 1).encode())
deposits_case("deposits-xlsx-renamed-csv", "deposits.xlsx: not an Excel workbook: the file is text "
              "(a CSV renamed .xlsx?)", DEPOSITS_TEXT.encode(), file="deposits.xlsx")
deposits_case("deposits-bank-formula", CLEAN,
              _p2_edit("Exempelbanken", "=HYPERLINK(\"http://x\")"), exit_ok=True,
              texts=("=HYPERLINK(\"http://x\")",))

# --- ledger/2025.csv (and .xlsx) ------------------------------------------------------------
LEDGER = example_ledger_csv().decode("utf-8-sig")
OPENING = example_opening_csv()
_a2 = line_of(LEDGER, "A;2;")
_n_ledger = len(LEDGER.splitlines())


def ledger_case(name: str, expected: str, data: bytes, file: str = "ledger/2025.csv",
                opening: bytes = OPENING, **kw) -> None:
    kind = "ledger-xlsx" if file.endswith(".xlsx") else "ledger-csv"
    CASES.append(case(name, kind, expected, {file: data, "ledger/opening_balances.csv": opening}, **kw))


def _row_edit(line: int, old: str, new: str) -> bytes:
    rows = LEDGER.splitlines(keepends=True)
    assert old in rows[line - 1], (line, old)
    rows[line - 1] = rows[line - 1].replace(old, new, 1)
    return "".join(rows).encode()


_cut = LEDGER[: LEDGER.rindex("\nA;") + 15]
_a3 = line_of(LEDGER, "A;3;")
_a2_date = LEDGER.splitlines()[_a2 - 1].split(";")[2]
_a3_date = LEDGER.splitlines()[_a3 - 1].split(";")[2]
ledger_case("ledger-empty", "ledger/2025.csv: file is empty", b"")
ledger_case("ledger-truncated", f"ledger/2025.csv:{len(_cut.splitlines())}: the last line has 3 of the header's 6 "
            f"{CUT_MESSAGE}", _cut.encode())
ledger_case("ledger-unbalanced", f"ledger/2025.csv:{_a2}: voucher A 2 does not balance: debits minus credits "
            "= 0,50 kr", _row_edit(_a2, "11800,00", "11800,50"))
ledger_case("ledger-duplicate-voucher", f"ledger/2025.csv:{_a3}: duplicate voucher number A 2: dated {_a3_date} "
            f"here but {_a2_date} at line {_a2}", LEDGER.replace("A;3;", "A;2;").encode())
ledger_case("ledger-amount-letters", f"ledger/2025.csv:{_a2}: not an amount: '118OO,00'",
            _row_edit(_a2, "11800,00", "118OO,00"))
ledger_case("ledger-three-decimals", f"ledger/2025.csv:{_a2}: more than two decimals: '11800,005'",
            _row_edit(_a2, "11800,00", "11800,005"))
ledger_case("ledger-beyond-10-12", f"ledger/2025.csv:{_a2}: amount beyond 10^12 kr: '1000000000000,00'",
            _row_edit(_a2, "11800,00", "1000000000000,00"))
ledger_case("ledger-date-feb-30", f"ledger/2025.csv:{_a2}: not a date: '2025-02-30' (expected YYYY-MM-DD)",
            _row_edit(_a2, "2025-01-15", "2025-02-30"))
ledger_case("ledger-swapped-columns", f"ledger/2025.csv:2: account '{LEDGER.splitlines()[1].split(';')[4]}' is "
            "not a 4-digit BAS account", LEDGER.replace("datum;konto;belopp", "datum;belopp;konto", 1).encode())
ledger_case("ledger-comma-decimal-comma", f"ledger/2025.csv:2: 7 fields where the header has 6 {COMMA_MESSAGE}",
            LEDGER.replace(";", ",").encode())
ledger_case("ledger-semicolon-header-comma-rows", f"ledger/2025.csv:2: {MIXED_MESSAGE}",
            comma_rows(LEDGER).encode())
ledger_case("ledger-cp437", f"ledger/2025.csv:{first_swedish(LEDGER)}: {CP437_MESSAGE}",
            LEDGER.replace("–", "-").encode("cp437"))
ledger_case("ledger-bom-middle", f"ledger/2025.csv:{_n_ledger + 1}: {BOM_MESSAGE}",
            (LEDGER + "\ufeff" + LEDGER).encode())
ledger_case("ledger-utf16", f"ledger/2025.csv:1: {NUL_MESSAGE}", LEDGER.encode("utf-16"))
ledger_case("ledger-opening-unbalanced", "ledger/opening_balances.csv: opening balances for 2025 do not "
            "balance: debits minus credits = 0,01 kr", LEDGER.encode(),
            opening=OPENING.replace(b"25000,00", b"25000,01", 1))
_ledger_grid = [line.split(";") for line in LEDGER.splitlines()]


def _typed_rows(change) -> list[list[object]]:
    """The ledger as a workbook would hold it: numbers as numbers, dates as text; ``change(i, row)``."""
    rows = [[r[0], int(r[1]), r[2], int(r[3]), float(r[4].replace(",", ".")), r[5]] for r in _ledger_grid[1:]]
    return [_ledger_grid[0]] + [change(i, r) for i, r in enumerate(rows, start=2)]


ledger_case("ledger-xlsx-renamed-csv", "ledger/2025.xlsx: not an Excel workbook: the file is text "
            "(a CSV renamed .xlsx?)", LEDGER.encode(), file="ledger/2025.xlsx")
ledger_case("ledger-xlsx-entity-bomb", "ledger/2025.xlsx: cannot read workbook: XML entity declarations "
            "are refused (an entity-expansion bomb?)", entity_bomb_xlsx(_ledger_grid), file="ledger/2025.xlsx")
_bomb = zip_bomb_xlsx(_ledger_grid)
ledger_case("ledger-xlsx-zip-bomb", f"ledger/2025.xlsx: {zip_bomb_message(_bomb)}", _bomb, file="ledger/2025.xlsx")
ledger_case("ledger-xlsx-unbalanced", f"ledger/2025.xlsx:Blad1!{_a2}: voucher A 2 does not balance: debits "
            "minus credits = 0,50 kr", xlsx_bytes(_typed_rows(
                lambda i, r: r[:4] + [r[4] + 0.5] + r[5:] if i == _a2 else r)), file="ledger/2025.xlsx")
ledger_case("ledger-xlsx-text-in-amount", f"ledger/2025.xlsx:Blad1!E{_a2}: not an amount: 'elva tusen'",
            xlsx_bytes(_typed_rows(lambda i, r: r[:4] + ["elva tusen"] + r[5:] if i == _a2 else r)),
            file="ledger/2025.xlsx")
_fee_text = LEDGER.splitlines()[_a2 - 1].split(";")[5]
for _i, _text in enumerate(FORMULA_TEXTS):
    ledger_case(f"ledger-text-formula-{_i + 1}", CLEAN,
                LEDGER.replace(_fee_text, _text).encode(), exit_ok=True, texts=(_text,))
ledger_case("ledger-xlsx-text-formula", CLEAN,
            xlsx_bytes(_typed_rows(lambda i, r: r[:5] + ["=1+1"] if i == _a2 else r)),
            file="ledger/2025.xlsx", exit_ok=True, texts=("=1+1",))

# --- ledger/2025.se (SIE 4) ------------------------------------------------------------------
SIE_WITH_KSUMMA = example_sie()
SIE = "".join(line for line in SIE_WITH_KSUMMA.decode("cp437").splitlines(keepends=True)
              if not line.startswith("#KSUMMA"))
_ver = SIE.index("#VER A 2 ")
_ver_line = SIE[:_ver].count("\n") + 1
_ver3_line = line_of(SIE, "#VER A 3 ")
_n_sie = len(SIE.splitlines())


def sie_case(name: str, expected: str, text: str | bytes, **kw) -> None:
    data = text if isinstance(text, bytes) else text.encode("cp437")
    CASES.append(case(name, "sie", expected, {"ledger/2025.se": data}, **kw))


def _sie_edit(old: str, new: str, after: int = _ver) -> str:
    at = SIE.index(old, after)
    return SIE[:at] + new + SIE[at + len(old):]


_a2_amount = SIE[_ver:].split("#TRANS ", 1)[1].split()[2]          # the first row's amount, e.g. 11800.00
_a2_row = _ver_line + 2
_declared = SIE_WITH_KSUMMA.rstrip().rsplit(b" ", 1)[1].decode()
sie_case("sie-empty", "ledger/2025.se: empty file: not a SIE file", b"")
sie_case("sie-cut-mid-voucher", f"ledger/2025.se:{_ver_line + 1}: voucher block not closed at the end of the file",
         SIE[: SIE.index("#TRANS", _ver) + 30])
sie_case("sie-unbalanced", f"ledger/2025.se:{_ver_line}: voucher A 2 ({_a2_date}) does not balance: its #TRANS "
         "rows sum to 0,50 kr, not 0", _sie_edit(_a2_amount, _a2_amount[:-2] + "50"))
_block = SIE[_ver: SIE.index("}\n", _ver) + 2]                     # voucher A 2, #VER to }
sie_case("sie-duplicate-voucher", f"ledger/2025.se:{_ver_line + _block.count(chr(10))}: voucher A 2 appears twice "
         f"(also the #VER at line {_ver_line}, same date): two exports joined? its rows would count twice",
         SIE[:_ver] + _block + SIE[_ver:])
sie_case("sie-voucher-number-reused", f"ledger/2025.se:{_ver3_line}: warning: voucher number A 2 is used twice "
         f"(also the #VER at line {_ver_line}, dated {_a2_date})", _sie_edit("#VER A 3 ", "#VER A 2 "),
         exit_ok=True)
sie_case("sie-amount-letters",
         f"ledger/2025.se:{_a2_row}: #TRANS: not an amount: '{_a2_amount.replace('0', 'O')}'",
         _sie_edit(_a2_amount, _a2_amount.replace("0", "O")))
sie_case("sie-three-decimals", f"ledger/2025.se:{_a2_row}: #TRANS: amount '{_a2_amount}5' has more than two "
         "decimals", _sie_edit(_a2_amount, _a2_amount + "5"))
sie_case("sie-beyond-10-12", f"ledger/2025.se:{_a2_row}: #TRANS: amount is beyond 10^12 kr",
         _sie_edit(_a2_amount, "1000000000000.00"))
sie_case("sie-date-feb-30", f"ledger/2025.se:{_ver_line}: #VER: no such date: '20250230'",
         _sie_edit("#VER A 2 " + _a2_date.replace("-", ""), "#VER A 2 20250230"))
sie_case("sie-decimal-comma", f"ledger/2025.se:{_a2_row}: warning: amount '{_a2_amount.replace('.', ',')}' uses "
         "a decimal comma", _sie_edit(_a2_amount, _a2_amount.replace(".", ",")), exit_ok=True)
sie_case("sie-utf8", CLEAN, SIE.encode("utf-8"), exit_ok=True,
         texts=(next(t for t in _ledger_grid[1:] if set(t[5]) & set("åäö"))[5],))
sie_case("sie-bom-middle", f"ledger/2025.se:{_n_sie + 1}: {BOM_MESSAGE}",
         SIE.encode("cp437") + b"\xef\xbb\xbf" + SIE.encode("cp437"))
sie_case("sie-ksumma-wrong", f"ledger/2025.se:{len(SIE_WITH_KSUMMA.splitlines())}: #KSUMMA {int(_declared) + 1} "
         f"does not match the file's content (computed {_declared}): the file was changed after it was exported",
         SIE_WITH_KSUMMA.rstrip()[: -len(_declared)] + str(int(_declared) + 1).encode() + b"\n")
sie_case("sie-trans-outside-ver", f"ledger/2025.se:{_n_sie + 1}: #TRANS outside a #VER block: the row is not in "
         "any voucher", SIE + "#TRANS 1930 {} 100.00\n")
sie_case("sie-not-sie", "ledger/2025.se: not a SIE file: no line starts with a #label", LEDGER.encode())
for _i, _text in enumerate(FORMULA_TEXTS):
    sie_case(f"sie-text-formula-{_i + 1}", CLEAN,
             SIE.replace(f'"{_fee_text}"', f'"{_text}"'), exit_ok=True, texts=(_text,))

# --- scenario files --------------------------------------------------------------------------
SCENARIO = example_text("scenarios/sodra-vanern.toml").replace(
    'name = "Södra Vänern lämnar"', 'name = "Trasig"')
MEETING = example_text("scenarios/arsmote-med-bidrag-150.yaml").replace(
    'name: "Årsmöte med bidrag, 150 deltagare"', 'name: "Trasig"')
assert "Trasig" in SCENARIO and "Trasig" in MEETING


def scenario_case(name: str, expected: str, data: bytes, file: str = "scenarios/trasig.toml") -> None:
    command = ("scenario", "{data}/" + file, "--data", "{data}", "--out", "{out}")
    CASES.append(case(name, "scenario", expected, {file: data}, commands=(command,)))


_fee_line = line_of(MEETING, "fee:")
scenario_case("scenario-empty", "scenarios/trasig.toml: file is empty", b"")
scenario_case("scenario-truncated-yaml", f"scenarios/trasig.yaml:{_fee_line + 1}: not valid YAML: could not find "
              "expected ':'", MEETING[: MEETING.index("venue_fixed") + 5].encode(), file="scenarios/trasig.yaml")
scenario_case("scenario-unknown-member", f"scenarios/trasig.toml:{line_of(SCENARIO, 'member =')}: "
              "withdrawals[1].member: unknown member 'M99' (not in the member register)",
              SCENARIO.replace('"M41"', '"M99"').encode())
scenario_case("scenario-date-feb-30", f"scenarios/trasig.toml:{line_of(SCENARIO, 'notice_date')}: not valid "
              "TOML: Invalid date or datetime", SCENARIO.replace("2025-09-30", "2025-02-30").encode())
scenario_case("scenario-amount-letters", f"scenarios/trasig.yaml:{_fee_line}: meeting.fee: expected an amount "
              "in kronor: not an amount: '1OOO'", MEETING.replace("fee: 1000 ", "fee: 1OOO ").encode(),
              file="scenarios/trasig.yaml")
scenario_case("scenario-three-decimals", f"scenarios/trasig.yaml:{_fee_line}: meeting.fee: expected an amount "
              "in kronor: more than two decimals: 1000.125",
              MEETING.replace("fee: 1000 ", "fee: 1000.125 ").encode(),
              file="scenarios/trasig.yaml")
scenario_case("scenario-cp1252", f"scenarios/trasig.toml:{first_non_ascii(SCENARIO)}: not UTF-8 text; save "
              "trasig.toml as UTF-8", SCENARIO.encode("cp1252"))
scenario_case("scenario-yaml-alias-bomb", "scenarios/trasig.yaml:3: YAML alias *a0 refused: write the values out "
              "in a scenario file", (
                  "name: bomb\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
                      f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))).encode(),
              file="scenarios/trasig.yaml")
scenario_case("scenario-unknown-line", f"scenarios/trasig.toml:{len(SCENARIO.splitlines()) + 3}: "
              "line_changes[1].line: unknown budget line 'kostnader.finns-inte' (see budget.csv; codes look like "
              "'kostnader.tjanstepersonstod')",
              (SCENARIO + '\n[[line_changes]]\nline = "kostnader.finns-inte"\nfrom_year = 2026\n'
               'amount = -1000\n').encode())


# --- the board's budget changes (nns-finance budget-proposal --changes) -----------------------
def changes_case(name: str, expected: str, data: bytes, file: str = "andringar.toml") -> None:
    command = ("budget-proposal", "--year", "2027", "--data", "{data}", "--changes", "{data}/" + file,
               "--out", "{out}")
    CASES.append(replace(case(name, "budget-changes", expected, {file: data}, commands=(command,)), checked=False))


changes_case("changes-empty", "andringar.toml: file is empty", b"")
changes_case("changes-unknown-line", "andringar.toml:2: lines[1].line: unknown budget line 'kostnader.informaton' "
             "(did you mean 'kostnader.information'?)",
             b'[[lines]]\nline = "kostnader.informaton"\namount = -90000\ncomment = "x"\n')
changes_case("changes-amount-letters", "andringar.yaml:3: lines[1].amount: expected an amount in kronor: not an "
             "amount: '1OOO'", "lines:\n  - line: kostnader.information\n    amount: \"1OOO\"\n    comment: x\n"
             .encode(), file="andringar.yaml")
changes_case("changes-fee-line", "andringar.toml:1: lines: 'intakter.serviceavgifter' comes from the fee model "
             "(the member register and [fees.2027] in settings.toml): change the fee rules there",
             b'[[lines]]\nline = "intakter.serviceavgifter"\namount = 1800000\ncomment = "x"\n')
changes_case("changes-yaml-alias-bomb", "andringar.yaml:3: YAML alias *a0 refused: write the values out in a "
             "budget changes file", ("title: bomb\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
                 f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))).encode(),
             file="andringar.yaml")


def by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


from . import second_round  # noqa: E402,F401  (issue 15's cases, appended to CASES)
from . import third_round  # noqa: E402,F401  (issue 15 finished, appended to CASES)
