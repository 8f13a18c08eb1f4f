"""The empty data folder that ``nns-finance init`` writes: templates and ``LÄSMIG.txt``.

Each loader module that owns a data-folder file says what its empty template looks like:
``TEMPLATE_FILES`` (file name → content, headers only) and ``TEMPLATE_HELP`` (a short
paragraph in Swedish for ``LÄSMIG.txt``). :func:`folder_templates` collects them from the
modules in :data:`TEMPLATE_MODULES` (a module that is missing or defines none is skipped) and
adds ``settings.toml``, every key explained in Swedish, and ``LÄSMIG.txt``.
"""
from __future__ import annotations

import importlib
import json
import re
import textwrap

TEMPLATE_MODULES = ("budget", "accounts", "members", "deposits", "ledger")
# Files a treasurer may add later: explained in LÄSMIG.txt, no template written.
OPTIONAL_MODULES = ("phasing", "forecast", "commitments", "assumptions", "scenario_file", "budget_changes")
OPTIONAL_INTRO = """\
Filer du kan lägga till när du behöver dem (frivilliga; programmet fungerar utan dem):"""
README_NAME = "LÄSMIG.txt"

SETTINGS_TEMPLATE = """\
# Inställningar för föreningens ekonomi (nns-finance). Belopp i kronor, avgiftssatser i promille.
# Rader som börjar med # är kommentarer. Text skrivs inom citattecken.

[organisation]
name = {name:<25} # föreningens namn, som det står överst i rapporterna (måste fyllas i)
org_number = ""                  # organisationsnummer, t.ex. "802400-0000"
fiscal_year = {year}               # räkenskapsåret som bokföringen gäller (kalenderår)
language = "sv"                  # rapporternas språk: "sv" (svenska) eller "en" (engelska)
# closed_through = "{year}-03"     # senast stängda månad (ÅÅÅÅ-MM): rapportens period om inget annat anges

[notice]
# Ett skriftligt utträde som kommit in senast detta datum (MM-DD) gäller från 1 januari året
# därpå; ett senare utträde ett år senare. Stadgarnas regel gäller – ändra vid behov.
deadline = "09-30"               # sista dag (MM-DD) för utträde till nästa årsskifte

[accounts]
# Vilka BAS-konton som rapporten letar efter. Kontona ska finnas i accounts.csv.
bank = ["1930"]                  # bankkonto (företagskonto)
deposits = ["1880"]              # placeringskonton för fasträntekonton (1880 eller 1940)
interest = ["8311", "8312"]      # ränteintäkter (bank, kortfristiga placeringar)
accrued_interest = ["1760"]      # upplupna ränteintäkter
equity = ["2067", "2068", "2069"]  # eget kapital: balanserat kapital, föregående och årets resultat

# Budgetraderna som avgiftsmodellen och årsmötet bokas på (radens kod: avsnitt.rad, som
# "nns-finance budget --format csv" visar dem). Medlems- och serviceavgifterna antas ligga på
# raderna nedan; ändra om budgeten kallar dem något annat. Ta bort # för raderna som finns.
# [budget_lines]
# membership_fees = "intakter.medlemsavgifter"
# service_fees = "intakter.serviceavgifter"
# indicator_fees = "intakter.indikatoravgifter"     # om föreningen tar ut indikatoravgifter
# meeting_income = "intakter.arsmote"               # årsmötets deltagaravgifter och bidrag (scenarier)
# meeting_cost = "kostnader.arsmote"                # årsmötets kostnad (scenarier)

# Avgifterna, en tabell per år som styrelsen beslutat om. Ta bort # framför raderna och fyll i.
# [fees.{year}]
# membership_fee = 200           # medlemsavgift per medlem, kr
# service_rate_permille = 3.5    # serviceavgift i promille av tilldelning + matchning
# previous_rate_permille = 2.5   # den tidigare satsen, som maxhöjningen räknas mot (om den används)
# max_fee = 123400               # maxtaxa: högsta serviceavgift per medlem, kr (utelämna = ingen)
# max_increase = 30000           # maxhöjning: största ökning per medlem och år, kr (utelämna = ingen)
# max_increase_basis = "previous_rate"  # höjningen räknas mot "previous_rate" (avgiften med den
#                                #   tidigare satsen) eller "last_year_fee" (förra årets avgift)
# indicator_fee = 25000          # indikatoravgift per medlem med indikatoravtal, kr
# rounding = "krona"             # avrundning av varje avgift: "krona" (hela kronor) eller "ore"
# joining = "full"               # medlem som går med under året: "full" (hela avgiften) eller
#                                #   "pro_rata" (efter antal månader)
# fee_date = "{year}-01-01"        # dagen i registret som avgör vilka som betalar (normalt 1 januari)
"""

SETTINGS_HELP = """\
settings.toml – inställningarna: föreningens namn, räkenskapsår och rapportspråk, regeln för
utträde, vilka BAS-konton som är bank, placeringar, ränta och eget kapital, vilka budgetrader
avgifterna och årsmötet bokas på, och för varje år avgiftsreglerna som styrelsen beslutat
(medlemsavgift, serviceavgiftens promillesats, maxtaxa, maxhöjning, indikatoravgift). Varje rad är
förklarad i filen."""

README_INTRO = """\
{title}

Här ligger allt som kassören underhåller. Filerna kan vara CSV (semikolon eller komma,
UTF-8 eller Windows-1252) eller Excel (.xlsx) med samma kolumner; finns båda läses .xlsx.
Rubrikerna får skrivas på svenska eller engelska. Belopp skrivs i kronor, på svenskt vis
(1 552 276 eller -85 500,50) eller enkelt (1552276.5). Datum skrivs ÅÅÅÅ-MM-DD.

Kontrollera mappen med:  nns-finance check {folder}
Varje problem visas som fil:rad: meddelande. Programmet ändrar aldrig filerna här.
"""


def _module_templates(name: str) -> tuple[dict[str, str], str]:
    try:
        module = importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{name}":
            raise
        return {}, ""
    help_text = getattr(module, "TEMPLATE_HELP", "") or ""
    if isinstance(help_text, dict):  # per file: "name – paragraph"
        help_text = "\n\n".join(f"{file} – {text.strip()}" for file, text in help_text.items())
    help_text = "\n".join(textwrap.fill(line, 95) if len(line) > 100 else line
                          for line in str(help_text).splitlines())
    return dict(getattr(module, "TEMPLATE_FILES", {}) or {}), str(help_text)


def folder_templates(year: int, folder_name: str = "DIR", organisation: str = "") -> dict[str, str]:
    """File name (relative, ``/``-separated) → content of every file ``init`` writes.

    ``organisation``: the association's name, as the treasurer gave it (``init --name``): it
    fills in ``settings.toml`` and heads ``LÄSMIG.txt``; empty, both stay neutral."""
    organisation = " ".join(organisation.split())
    name = json.dumps(organisation, ensure_ascii=False)      # a TOML basic string
    files: dict[str, str] = {"settings.toml": SETTINGS_TEMPLATE.format(year=year, name=name)}
    helps = [SETTINGS_HELP]
    for name in TEMPLATE_MODULES:
        module_files, help_text = _module_templates(name)
        for path, content in module_files.items():
            if path in files:
                raise ValueError(f"template {path} is defined twice")
            files[path] = content
        if help_text.strip():
            helps.append(help_text.strip())
    helps.append(OPTIONAL_INTRO)
    for name in OPTIONAL_MODULES:
        help_text = _module_templates(name)[1]
        if help_text.strip():
            helps.append(help_text.strip())
    title = f"Datamappen för föreningens ekonomi – {organisation}" if organisation else \
        "Datamappen för föreningens ekonomi (nns-finance)"
    readme = README_INTRO.format(title=title, folder=folder_name) + "\n" + "\n\n".join(helps) + "\n"
    files[README_NAME] = readme
    for path in files:
        if path.startswith("/") or ".." in re.split(r"[/\\]", path):
            raise ValueError(f"template {path!r} would leave the data folder")
    return files
