"""Example term deposits, projection assumptions and payment commitments for ``data/example``.

Synthetic, built from the board minutes (DOMAIN.md): the 700 000 kr placed at 1.85 % for three
months from 2025-07-01 (interest 3 264,11 kr on ACT/365, booked on 8312 when it matures on
2025-10-01), then rolled over each quarter at the same rate: 2025-10-01 → 2026-01-01 and the four
terms of 2026, the last (2026-10-01 → 2027-01-01) still running in December 2026. The bank is made up
("Exempelbanken"). The assumptions and the annual meeting's payment dates are made up too and
say so in the files.
"""
from __future__ import annotations

from pathlib import Path

DEPOSITS_CSV = """\
id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning;status
P1;Exempelbanken;1880;700 000;1,85;2025-07-01;2025-10-01;ACT/365;förfallen
P2;Exempelbanken;1880;700 000;1,85;2025-10-01;2026-01-01;ACT/365;förfallen
P3;Exempelbanken;1880;700 000;1,85;2026-01-01;2026-04-01;ACT/365;förfallen
P4;Exempelbanken;1880;700 000;1,85;2026-04-01;2026-07-01;ACT/365;förfallen
P5;Exempelbanken;1880;700 000;1,85;2026-07-01;2026-10-01;ACT/365;förfallen
P6;Exempelbanken;1880;700 000;1,85;2026-10-01;2027-01-01;ACT/365;aktiv
"""

ASSUMPTIONS_TOML = """\
# Antaganden för flerårsprognosen (nns-finance projection). Belopp i kronor, satser i procent
# per år. EXEMPEL: syntetiska antaganden för att visa verktyget, inte styrelsens beslut.

base_year = 2026                  # prognosen utgår från budgeten för detta år (basåret visas oförändrat)
# opening_equity = 1580302        # ingående eget kapital basåret; utelämnat = budgetens rad

[income]
fee_base_growth_percent = 2.0     # årlig ökning av tilldelning + matchning efter medlemsregistrets sista år
other_growth_percent = 0.0        # övriga intäktsrader, utom dessa med egna belopp:

[income.amounts]                  # belopp per år (kr) för enskilda rader; år som saknas: föregående års belopp
"intakter.utvecklingsverksamhet.samverkansavtal-msi" = { 2029 = 250000 }   # Samverkansavtal MSI

[costs]
inflation_percent = 2.0           # kostnadsökning per år, alla kostnadsrader ...

[costs.lines]                     # ... utom dessa (budgetradens kod = procent per år)
"kostnader.utvecklingsverksamhet.samverkansavtal-msi" = 0.0

[costs.amounts]                   # nivå per år (kr) för enskilda rader; efter ett angivet år: + inflation
"kostnader.tjanstepersonstod" = { 2028 = 1100000 }   # tjänstepersonstöd

[deposits]
placed = 700000                   # belopp på fasträntekonto
rate_percent = { 2027 = 1.75, 2028 = 1.5 }   # räntebana; år som saknas: föregående års ränta
budgeted_interest = 0             # ränta som redan ingår i basårets budget (ersätts av den beräknade)
interest_line = "intakter.ovrigt"

[[withdrawals]]                   # antagna utträden (syntetiskt exempel); avgifterna ur avgiftsmodellen
member = "M53"                    # medlems-id i medlemsregistret (Samordningsförbundet Lönnängen)
from_year = 2027                  # första året utan medlemmens avgifter
"""

COMMITMENTS_CSV = """\
datum;belopp;text;budgetrad
2026-03-16;-250 000;Årsmöte 15–16 april, Posthuset: lokal och teknik (syntetiskt belopp och datum);kostnader.konferenser.arsmote-medlemsmote
2026-04-30;-90 000;Årsmöte 15–16 april, Posthuset: middag (syntetiskt belopp och datum);kostnader.konferenser.arsmote-medlemsmote
"""

FILES = {
    "deposits.csv": DEPOSITS_CSV,
    "assumptions.toml": ASSUMPTIONS_TOML,
    "commitments.csv": COMMITMENTS_CSV,
}


def write(folder: Path) -> list[Path]:
    """Write the example deposit register, assumptions and commitments into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in FILES.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
