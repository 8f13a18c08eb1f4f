"""Info: what the workbook is, what it was made from, and how to read it.

Organisation, fiscal year and period, when it was made, the package version, every input file
with its SHA-256, the parameters, the sign conventions, and the sheets — including where the
Huvudbok continues when the ledger has more rows than one Excel sheet holds.
"""
from __future__ import annotations

import datetime as dt

from ..core.outputs import folder_label, made_text  # noqa: F401  (folder_label re-exported for workbook.build)
from ..core.money import format_number
from .scope import Scope
from ..reports.xlsx import Sheet

SHEET = "Info"

SIGN_NOTES = [
    ("Resultaträkning, Avgifter, Eget kapital",
     "Intäkter positiva, kostnader negativa (som budgettabellen); avvikelse = utfall − budget, "
     "så en positiv avvikelse är gynnsam på varje rad."),
    ("Huvudbok, Saldobalans, Placeringar (avstämning)",
     "Bokföringens tecken: debet positivt, kredit negativt (som SIE)."),
    ("Belopp", "Exakta belopp i kronor med två decimaler (paketet räknar i hela ören)."),
    ("Formler", "Delsummor, avvikelser, avgifter under sina gränser, räntor och ingående + rörelser = "
                "utgående är Excel-formler; cellen sparar också paketets egen siffra."),
]

SHEET_NOTES = {
    "Info": "Det här bladet: underlagets ursprung och parametrar.",
    "Kontroller": "Varje avstämning med sina belopp och OK/FEL, samt anmärkningar i indata.",
    "Resultaträkning": "Budget mot utfall per budgetrad som i månadsrapporten, med kontona under varje rad.",
    "Saldobalans": "Per konto: ingående balans, rörelse per månad, utgående balans.",
    "Balansräkning": "Tillgångar, eget kapital och skulder per BAS-grupp och konto, ingående och utgående.",
    "Huvudbok": "Per konto: ingående balans, varje verifikationsrad med debet, kredit och saldo, "
                "utgående balans (datum, serie, nummer, registreringsordning, text, källfil och rad).",
    "Verifikationslista": "Varje verifikation med datum, registreringsdatum och text, och under den "
                          "dess rader (konto, debet, kredit).",
    "Avgifter": "Avgiftsberäkningen per medlem för året: underlag, sats, gränser, avgift.",
    "Placeringar": "Fasträntekonton med ränta och upplupen ränta; registret mot bokföringen.",
    "Eget kapital": "Eget kapital: ingående + årets resultat = utgående, per år och källa.",
}


def write(sheet: Sheet, books, scope: Scope, made: dt.datetime, version: str, parameters: dict,
          sheets: list[str], ledger_sheets: list[tuple[str, int, int]], n_ledger_rows: int) -> None:
    f = sheet.fmts
    s = books.settings
    sheet.title(0, f"Revisorsunderlag {scope.label}")
    facts = [
        ("Organisation", s.organisation),
        ("Organisationsnummer", s.org_number),
        ("Räkenskapsår", f"{scope.year} (kalenderår)"),
        ("Period", scope.describe()),
        ("Framtagen", made_text(made)),
        ("Programversion", f"nns-finance {version}"),
    ]
    r = 2
    for key, value in facts:
        sheet.text(r, 0, key, f.bold)
        sheet.text(r, 1, value)
        r += 1
    sheet.text(r, 0, "Periodens första dag", f.bold)
    sheet.date(r, 1, scope.start)
    r += 1
    sheet.text(r, 0, "Periodens sista dag", f.bold)
    sheet.date(r, 1, scope.end)
    r += 2

    sheet.text(r, 0, "Blad", f.bold)
    r += 1
    for name in sheets:
        sheet.text(r, 0, name)
        base = next((b for b in ("Huvudbok", "Verifikationslista") if name.startswith(b)), name)
        sheet.text(r, 1, SHEET_NOTES.get(base, "") if name == base else f"{base}, fortsättning.")
        r += 1
    per = ledger_sheets[0][2] - ledger_sheets[0][1] if ledger_sheets else 0
    if len(ledger_sheets) > 1:
        rest = ", ".join(name for name, _, _ in ledger_sheets[1:])
        note = (f"Huvudboken har {format_number(n_ledger_rows)} rader, fler än ett blad rymmer "
                f"({format_number(per)} rader under rubrikraden); den fortsätter på {rest}.")
    else:
        note = f"Huvudboken har {format_number(n_ledger_rows)} rader och ryms på ett blad."
    sheet.text(r, 0, "Huvudbok", f.bold)
    sheet.text(r, 1, note)
    r += 2

    sheet.text(r, 0, "Tecken och belopp", f.bold)
    r += 1
    for key, value in SIGN_NOTES:
        sheet.text(r, 0, key)
        sheet.text(r, 1, value)
        r += 1
    r += 1

    sheet.text(r, 0, "Parametrar", f.bold)
    r += 1
    for key, value in sorted(parameters.items()):
        sheet.text(r, 0, key)
        sheet.text(r, 1, "" if value is None else str(value))
        r += 1
    r += 1

    sheet.text(r, 0, "Indatafiler", f.bold)
    sheet.text(r, 1, "SHA-256", f.bold)
    r += 1
    sheet.text(r, 0, "Datamapp")
    sheet.text(r, 1, folder_label(books.folder))
    r += 1
    for src in books.sources:
        sheet.text(r, 0, src.name)
        sheet.text(r, 1, src.sha256)
        r += 1
    sheet.finish(filter=False, widths={0: 34, 1: 70})
