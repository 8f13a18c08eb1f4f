"""A tiny data folder for the report tests (no tests here), small enough to work by hand.

Budget 2025 (kronor; income positive, costs negative) and the accounts that feed each line:

    Intäkter
      Avgifter                 12 000     3010
      Projekt                   6 000
        – Projekt A             6 000     3110
        – Projekt B                 0     3120
    Kostnader
      Personal                -24 000     6550
      Möte                    -12 000     5830
    Årets resultat            -18 000

Ledger 2025 (opening: bank 800 000, equity 800 000): fees 12 000 in January; staff 2 000 in
January and February and 2 500 in March; Projekt A 1 500 in March; a meeting 500 in March;
700 000 placed on a deposit on 15 January (1930 → 1880).
"""
from __future__ import annotations

from pathlib import Path

SETTINGS = """\
[organisation]
name = "Testföreningen"
org_number = "802400-0001"
fiscal_year = 2025
language = "sv"

[accounts]
bank = ["1930"]
deposits = ["1880"]
interest = ["8312"]
accrued_interest = ["1760"]
equity = ["2067", "2069"]
"""
BUDGET = """\
Budget;2025 Budget
Intäkter;
Avgifter;12 000
Projekt;6 000
– Projekt A;6 000
– Projekt B;0
Summa intäkter;18 000
Kostnader;
Personal;-24 000
Möte;-12 000
Summa totala kostnader;-36 000
Årets resultat;-18 000
"""
ACCOUNTS = """\
konto;namn;budgetrad
1760;Upplupna ränteintäkter;
1880;Placeringar;
1930;Bank;
2067;Balanserat kapital;
2069;Årets resultat;
3010;Avgifter;intakter.avgifter
3110;Projekt A;intakter.projekt.projekt-a
3120;Projekt B;intakter.projekt.projekt-b
6550;Personal;kostnader.personal
5830;Möte;kostnader.mote
8312;Ränteintäkter;intakter.avgifter
"""
LEDGER_2025 = """\
serie;verifikationsnummer;datum;konto;belopp;text
A;1;2025-01-15;1930;12 000;Avgifter
A;1;2025-01-15;3010;-12 000;Avgifter
A;2;2025-01-15;1880;700 000;Placering
A;2;2025-01-15;1930;-700 000;Placering
A;3;2025-01-31;6550;2 000;Personal jan
A;3;2025-01-31;1930;-2 000;Personal jan
A;4;2025-02-28;6550;2 000;Personal feb
A;4;2025-02-28;1930;-2 000;Personal feb
A;5;2025-03-10;3110;-1 500;Projekt A
A;5;2025-03-10;1930;1 500;Projekt A
A;6;2025-03-20;5830;500;Möte
A;6;2025-03-20;1930;-500;Möte
A;7;2025-03-31;6550;2 500;Personal mar
A;7;2025-03-31;1930;-2 500;Personal mar
"""
OPENING = """\
år;konto;belopp
2025;1930;800 000
2025;2067;-800 000
"""
DEPOSITS = """\
id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning;status
P1;Testbanken;1880;700 000;1,85;2025-01-15;2025-04-15;ACT/365;aktiv
"""

FILES = {"settings.toml": SETTINGS, "budget.csv": BUDGET, "accounts.csv": ACCOUNTS,
         "ledger/2025.csv": LEDGER_2025, "ledger/opening_balances.csv": OPENING,
         "deposits.csv": DEPOSITS}


def write_folder(folder: Path, **changes: str | None) -> Path:
    """The tiny data folder in ``folder``; ``changes`` replace files (keys with ``/`` written
    as ``__``, e.g. ``ledger__2024_csv``; ``phasing_csv="..."`` adds one; None removes one)."""
    folder = Path(folder)
    files = dict(FILES)
    for key, text in changes.items():
        name = key.replace("__", "/").replace("_csv", ".csv").replace("_toml", ".toml")
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def tiny_books(folder: Path, **changes: str | None):
    """The tiny folder written and loaded. Strict unless a test writes a broken phasing or
    forecast file on purpose (``check`` finds those too; the test wants the report's answer)."""
    from nns_finance import load

    broken_on_purpose = bool({"phasing_csv", "forecast_csv"} & set(changes))
    return load(write_folder(folder, **changes), strict=not broken_on_purpose)
