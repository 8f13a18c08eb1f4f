"""The corpus of bad inputs: every input kind, attacked the ways real files go wrong.

Each :class:`~tests.bad_inputs.harness.Case` starts from the example data folder and changes one
file; ``expected`` is the exact line the treasurer must see. Line numbers are computed from the
example's own text, so the cases follow the example when it grows. The ledger cases replace the
example ledger (whichever form it has: ``2025.csv`` or ``2025.se``) with the form they attack.

``CASES`` is the list; :func:`by_name` finds one.
"""
from __future__ import annotations

from .files import (LEDGER_FILES, csv_bytes, entity_bomb_xlsx, example_bytes, example_ledger_csv,
                    example_opening_csv, example_sie, example_text, grid_of, xlsx_bytes,
                    zip_bomb_xlsx)
from .harness import Case

REPORT = ("report", "--period", "2025-09", "--data", "{data}", "--out", "{out}")
BUDGET = ("budget", "{data}")
FEES = ("fees", "--year", "2026", "--data", "{data}")
DEPOSITS = ("deposits", "--data", "{data}")
BALANCE = ("balance", "{data}")
EXPORT = ("export", "--data", "{data}", "--out", "{out}/revisorsunderlag.xlsx")
CONSUMERS = {
    "settings": (REPORT, BUDGET), "budget": (REPORT, BUDGET), "accounts": (REPORT, BUDGET),
    "members": (FEES,), "deposits": (DEPOSITS,),
    "ledger-csv": (BALANCE, REPORT), "ledger-xlsx": (BALANCE, REPORT), "sie": (BALANCE, REPORT),
}
FORMULA_TEXTS = ("=1+1", "+46 8 123 45 67", "-rabatt enligt avtal", "@SUM(A1:A9)")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


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
_mf26 = _fee26 + 1
settings_case("settings-empty", "settings.toml: file is empty", b"")
settings_case("settings-truncated", f"settings.toml:{_fee26}: not valid TOML: ?",
              SETTINGS[: SETTINGS.index("[fees.2026]") + len("[fees.20")])
settings_case("settings-cp1252", f"settings.toml:{line_of(SETTINGS, 'nätverket')}: not UTF-8 text; "
              "save settings.toml as UTF-8", SETTINGS.encode("cp1252"))
settings_case("settings-bom-middle", "?", edit(SETTINGS, "[notice]", "\ufeff[notice]"))
settings_case("settings-decimal-comma", "?",
              edit(SETTINGS, "service_rate_permille = 3.5      #", "service_rate_permille = 3,5      #"))
settings_case("settings-amount-letters", "?",
              edit(SETTINGS, "max_fee = 123400", 'max_fee = "123 4OO"'))
settings_case("settings-three-decimals", "?",
              edit(SETTINGS, "max_fee = 123400", "max_fee = 123400.125"))
settings_case("settings-beyond-10-12", "?",
              edit(SETTINGS, "max_fee = 123400", "max_fee = 1000000000000"))
settings_case("settings-date-feb-30", "?",
              edit(SETTINGS, "max_fee = 123400", "fee_date = 2026-02-30\nmax_fee = 123400"))
settings_case("settings-year-as-text", "?",
              edit(SETTINGS, "fiscal_year = 2025 ", 'fiscal_year = "2025"'))
settings_case("settings-closed-month-13", "?",
              edit(SETTINGS, 'closed_through = "2025-12"', 'closed_through = "2025-13"'))
settings_case("settings-utf16", "?", SETTINGS.encode("utf-16"))

# --- budget.csv ------------------------------------------------------------------------------
BUDGET_TEXT = example_text("budget.csv")
_members_row = line_of(BUDGET_TEXT, "Medlemsavgifter;")


def budget_case(name: str, expected: str, data: bytes, file: str = "budget.csv", **kw) -> None:
    remove = ("budget.csv",) if file != "budget.csv" else ()
    CASES.append(case(name, "budget", expected, {file: data}, remove=remove, **kw))


budget_case("budget-empty", "budget.csv: file is empty", b"")
budget_case("budget-truncated", "?", BUDGET_TEXT[: BUDGET_TEXT.index("Information;") + 15].encode())
budget_case("budget-amount-letters", "?",
            edit(BUDGET_TEXT, "Medlemsavgifter;12 400;", "Medlemsavgifter;12 4OO;").encode())
budget_case("budget-three-decimals", "?",
            edit(BUDGET_TEXT, "Medlemsavgifter;12 400;", "Medlemsavgifter;12 400,125;").encode())
budget_case("budget-beyond-10-12", "?",
            edit(BUDGET_TEXT, "Medlemsavgifter;12 400;", "Medlemsavgifter;1 000 000 000 000;").encode())
budget_case("budget-wrong-total", "?",
            edit(BUDGET_TEXT, "Summa intäkter;4 097 852;", "Summa intäkter;4 097 853;").encode())
budget_case("budget-cp437", "?", BUDGET_TEXT.replace("–", "-").encode("cp437"))
budget_case("budget-bom-middle", f"budget.csv:{line_of(BUDGET_TEXT, 'Kostnader;')}: byte-order mark in the "
            "middle of the file (two files joined?)", edit(BUDGET_TEXT, "Kostnader;", "\ufeffKostnader;").encode())
budget_case("budget-comma-decimal-comma", "?",
            BUDGET_TEXT.replace(";", ",").replace("12 400,11 800", "12 400,50,11 800").encode())
budget_case("budget-xlsx-renamed-csv", "budget.xlsx: not an Excel workbook: the file is text "
            "(a CSV renamed .xlsx?)", BUDGET_TEXT.encode(), file="budget.xlsx")
budget_case("budget-xlsx-entity-bomb", "budget.xlsx: cannot read workbook: XML entity declarations are "
            "refused (an entity-expansion bomb?)", entity_bomb_xlsx(grid_of("budget.csv")), file="budget.xlsx")
budget_case("budget-xlsx-zip-bomb", "budget.xlsx: refused: the workbook unpacks to 40 MB from 43 kB "
            "(a zip bomb?)", zip_bomb_xlsx(grid_of("budget.csv")), file="budget.xlsx")

# --- accounts.csv ----------------------------------------------------------------------------
ACCOUNTS = example_text("accounts.csv")


def accounts_case(name: str, expected: str, data: bytes, file: str = "accounts.csv", **kw) -> None:
    remove = ("accounts.csv",) if file != "accounts.csv" else ()
    CASES.append(case(name, "accounts", expected, {file: data}, remove=remove, **kw))


accounts_case("accounts-empty", "accounts.csv: file is empty", b"")
accounts_case("accounts-swapped-columns", "?",
              ACCOUNTS.replace("konto;namn;budgetrad", "konto;budgetrad;namn", 1).encode())
accounts_case("accounts-unknown-line", "?",
              edit(ACCOUNTS, "intakter.medlemsavgifter", "intakter.medlemsavgift").encode())
accounts_case("accounts-duplicate", "?", (ACCOUNTS + ACCOUNTS.splitlines()[-1] + "\n").encode())
accounts_case("accounts-missing-column", "?", ACCOUNTS.replace("konto;", "kto;", 1).encode())
accounts_case("accounts-not-four-digits", "?", edit(ACCOUNTS, "1930;", "193O;").encode())
accounts_case("accounts-xlsx-renamed-csv", "accounts.xlsx: not an Excel workbook: the file is text "
              "(a CSV renamed .xlsx?)", ACCOUNTS.encode(), file="accounts.xlsx")
accounts_case("accounts-truncated", "?", ACCOUNTS[: len(ACCOUNTS) // 2].encode())

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
members_case("members-date-feb-30", "?", _m05_edit("2008-09-01", "2008-02-30"))
members_case("members-base-letters", "?", _m05_edit("4 692 989", "4 692 98g"))
members_case("members-base-three-decimals", "?", _m05_edit("4 692 989", "4 692 989,125"))
members_case("members-base-beyond-10-12", "?", _m05_edit("4 692 989", "4 692 989 000 000"))
members_case("members-duplicate-id", "?", _m05_edit("M05;", "M04;"))
members_case("members-swapped-columns", "?", MEMBERS.replace(
    "medlems-id;namn;organisationsnummer;inträde", "medlems-id;namn;inträde;organisationsnummer", 1).encode())
members_case("members-truncated", "?", MEMBERS[: MEMBERS.index("M64;") + 40].encode())
members_case("members-cp437", "?", MEMBERS.replace("–", "-").encode("cp437"))
members_case("members-utf16", "?", MEMBERS.encode("utf-16"))
members_case("members-comma-decimal-comma", "?", MEMBERS.replace(";", ",").replace(
    "4 692 989", "4692989,50").encode())
members_case("members-semicolon-header-comma-rows", "?", (MEMBERS.splitlines()[0] + "\n" + "\n".join(
    line.replace(";", ",") for line in MEMBERS.splitlines()[1:]) + "\n").encode())
members_case("members-xlsx-entity-bomb", "members.xlsx: cannot read workbook: XML entity declarations are "
             "refused (an entity-expansion bomb?)", entity_bomb_xlsx(grid_of("members.csv")), file="members.xlsx")
members_case("members-xlsx-zip-bomb", "?", zip_bomb_xlsx(grid_of("members.csv")), file="members.xlsx")
members_case("members-xlsx-renamed-csv", "members.xlsx: not an Excel workbook: the file is text "
             "(a CSV renamed .xlsx?)", MEMBERS.encode(), file="members.xlsx")
for _i, _text in enumerate(FORMULA_TEXTS):
    members_case(f"members-name-formula-{_i + 1}", "0 errors, 0 warnings",
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
deposits_case("deposits-rate-letters", "?", _p2_edit("1,85", "1,8S"))
deposits_case("deposits-principal-three-decimals", "?", _p2_edit("700 000", "700 000,125"))
deposits_case("deposits-principal-beyond-10-12", "?", _p2_edit("700 000", "7 000 000 000 000"))
deposits_case("deposits-date-feb-30", "?", _p2_edit("2026-01-01", "2026-02-30"))
deposits_case("deposits-maturity-before-start", "?", _p2_edit("2026-01-01", "2025-09-01"))
deposits_case("deposits-day-count", "?", _p2_edit("ACT/365", "ACT/366"))
deposits_case("deposits-swapped-dates", "?", DEPOSITS_TEXT.replace(
    "startdatum;förfallodag", "förfallodag;startdatum", 1).encode())
deposits_case("deposits-xlsx-renamed-csv", "deposits.xlsx: not an Excel workbook: the file is text "
              "(a CSV renamed .xlsx?)", DEPOSITS_TEXT.encode(), file="deposits.xlsx")
deposits_case("deposits-bank-formula", "0 errors, 0 warnings",
              _p2_edit("Exempelbanken", "=HYPERLINK(\"http://x\")"), exit_ok=True,
              texts=("=HYPERLINK(\"http://x\")",))

# --- ledger/2025.csv (and .xlsx) ------------------------------------------------------------
LEDGER = example_ledger_csv().decode("utf-8-sig")
OPENING = example_opening_csv()
_a2 = line_of(LEDGER, "A;2;")


def ledger_case(name: str, expected: str, data: bytes, file: str = "ledger/2025.csv", **kw) -> None:
    kind = "ledger-xlsx" if file.endswith(".xlsx") else "ledger-csv"
    CASES.append(case(name, kind, expected, {file: data, "ledger/opening_balances.csv": OPENING}, **kw))


def _row_edit(line: int, old: str, new: str) -> str:
    rows = LEDGER.splitlines(keepends=True)
    assert old in rows[line - 1], (line, old)
    rows[line - 1] = rows[line - 1].replace(old, new, 1)
    return "".join(rows)


ledger_case("ledger-empty", "ledger/2025.csv: file is empty", b"")
ledger_case("ledger-truncated", "?", LEDGER[: LEDGER.rindex("\nA;") + 15].encode())
ledger_case("ledger-unbalanced", "?", _row_edit(_a2, "11800,00", "11800,50").encode())
ledger_case("ledger-duplicate-voucher", "?", _row_edit(_a2 + 2, "A;3;", "A;2;")
            .replace("A;3;", "A;2;").encode())
ledger_case("ledger-amount-letters", "?", _row_edit(_a2, "11800,00", "118OO,00").encode())
ledger_case("ledger-three-decimals", "?", _row_edit(_a2, "11800,00", "11800,005").encode())
ledger_case("ledger-beyond-10-12", "?", _row_edit(_a2, "11800,00", "1000000000000,00").encode())
ledger_case("ledger-date-feb-30", "?", _row_edit(_a2, "2025-01-15", "2025-02-30").encode())
ledger_case("ledger-swapped-columns", "?", LEDGER.replace(
    "datum;konto;belopp", "datum;belopp;konto", 1).encode())
ledger_case("ledger-comma-decimal-comma", "?", LEDGER.replace(";", ",").encode())
ledger_case("ledger-semicolon-header-comma-rows", "?", (LEDGER.splitlines()[0] + "\n" + "\n".join(
    line.replace(";", ",") for line in LEDGER.splitlines()[1:]) + "\n").encode())
ledger_case("ledger-cp437", "?", LEDGER.replace("–", "-").encode("cp437"))
ledger_case("ledger-bom-middle", "?", (LEDGER + "\ufeff" + LEDGER).encode())
ledger_case("ledger-utf16", "?", LEDGER.encode("utf-16"))
ledger_case("ledger-opening-unbalanced", "?", LEDGER.encode())
CASES[-1] = Case(CASES[-1].name, CASES[-1].kind, CASES[-1].expected,
                 {**CASES[-1].files, "ledger/opening_balances.csv": OPENING.replace(b"25000,00", b"25000,01")},
                 CASES[-1].remove, CASES[-1].commands)
_ledger_grid = [line.split(";") for line in LEDGER.splitlines()]
ledger_case("ledger-xlsx-renamed-csv", "ledger/2025.xlsx: not an Excel workbook: the file is text "
            "(a CSV renamed .xlsx?)", LEDGER.encode(), file="ledger/2025.xlsx")
ledger_case("ledger-xlsx-entity-bomb", "ledger/2025.xlsx: cannot read workbook: XML entity declarations "
            "are refused (an entity-expansion bomb?)", entity_bomb_xlsx(_ledger_grid), file="ledger/2025.xlsx")
ledger_case("ledger-xlsx-zip-bomb", "?", zip_bomb_xlsx(_ledger_grid), file="ledger/2025.xlsx")
ledger_case("ledger-xlsx-unbalanced", "?", xlsx_bytes(
    [_ledger_grid[0]] + [[r[0], int(r[1]), r[2], int(r[3]), float(r[4].replace(",", ".")) + (0.5 if i == _a2 - 1 else 0),
                          r[5]] for i, r in enumerate(_ledger_grid[1:], start=1)]), file="ledger/2025.xlsx")
for _i, _text in enumerate(FORMULA_TEXTS):
    ledger_case(f"ledger-text-formula-{_i + 1}", "0 errors, 0 warnings",
                LEDGER.replace("Medlemsavgifter 2025, 59 medlemmar à 200 kr", _text).encode(),
                exit_ok=True, texts=(_text,))
ledger_case("ledger-xlsx-text-formula", "0 errors, 0 warnings", xlsx_bytes(
    [_ledger_grid[0]] + [[r[0], int(r[1]), r[2], int(r[3]), r[4], "=1+1" if i == _a2 - 1 else r[5]]
                         for i, r in enumerate(_ledger_grid[1:], start=1)]),
            file="ledger/2025.xlsx", exit_ok=True, texts=("=1+1",))

# --- ledger/2025.se (SIE 4) ------------------------------------------------------------------
SIE = "".join(line for line in example_sie().decode("cp437").splitlines(keepends=True)
              if not line.startswith("#KSUMMA"))
_ver = SIE.index("#VER A 2 ")
_ver_line = SIE[:_ver].count("\n") + 1


def sie_case(name: str, expected: str, text: str | bytes, **kw) -> None:
    data = text if isinstance(text, bytes) else text.encode("cp437")
    CASES.append(case(name, "sie", expected, {"ledger/2025.se": data}, **kw))


def _sie_edit(old: str, new: str, after: int = _ver) -> str:
    at = SIE.index(old, after)
    return SIE[:at] + new + SIE[at + len(old):]


sie_case("sie-empty", "ledger/2025.se: file is empty", b"")
sie_case("sie-cut-mid-voucher", "?", SIE[: SIE.index("#TRANS", _ver) + 30])
sie_case("sie-unbalanced", "?", _sie_edit("11800.00", "11800.50"))
sie_case("sie-duplicate-voucher", "?", _sie_edit("#VER A 3 ", "#VER A 2 "))
sie_case("sie-amount-letters", "?", _sie_edit("11800.00", "118OO.00"))
sie_case("sie-three-decimals", "?", _sie_edit("11800.00", "11800.005"))
sie_case("sie-beyond-10-12", "?", _sie_edit("11800.00", "1000000000000.00"))
sie_case("sie-date-feb-30", "?", _sie_edit("#VER A 2 20250115", "#VER A 2 20250230"))
sie_case("sie-decimal-comma", "?", _sie_edit("11800.00", "11800,00"))
sie_case("sie-utf8", "?", SIE.encode("utf-8"))
sie_case("sie-bom-middle", "?", SIE.encode("cp437") + b"\xef\xbb\xbf" + SIE.encode("cp437"))
sie_case("sie-ksumma-wrong", "?", example_sie().replace(b"#VER A 2 20250115", b"#VER A 2 20250116"))
sie_case("sie-trans-outside-ver", "?", SIE + "#TRANS 1930 {} 100.00\n")
sie_case("sie-text-formula", "0 errors, 0 warnings", _sie_edit('"Medlemsavgifter 2025', '"=1+1 Medlemsavgifter 2025'),
         exit_ok=True, texts=())

# --- scenario files --------------------------------------------------------------------------
SCENARIO = example_text("scenarios/sodra-vanern.toml")
MEETING = example_text("scenarios/arsmote-med-bidrag-150.yaml")


def scenario_case(name: str, expected: str, data: bytes, file: str = "scenarios/trasig.toml") -> None:
    command = ("scenario", "{data}/" + file, "--data", "{data}", "--out", "{out}")
    CASES.append(case(name, "scenario", expected, {file: data}, commands=(command,)))


scenario_case("scenario-empty", "?", b"")
scenario_case("scenario-truncated-yaml", "?", MEETING[: MEETING.index("fee:") + 6].encode(),
              file="scenarios/trasig.yaml")
scenario_case("scenario-unknown-member", "?", SCENARIO.replace('"M41"', '"M99"').encode())
scenario_case("scenario-date-feb-30", "?", SCENARIO.replace("2025-09-30", "2025-02-30").encode())
scenario_case("scenario-amount-letters", "?", MEETING.replace("fee: 1000 ", "fee: 1OOO ").encode(),
              file="scenarios/trasig.yaml")
scenario_case("scenario-cp1252", "?", SCENARIO.encode("cp1252"))
scenario_case("scenario-yaml-alias-bomb", "?", (
    "name: bomb\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))).encode(),
    file="scenarios/trasig.yaml")
scenario_case("scenario-three-decimals", "?", MEETING.replace("fee: 1000 ", "fee: 1000.125 ").encode(),
              file="scenarios/trasig.yaml")


def by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)
