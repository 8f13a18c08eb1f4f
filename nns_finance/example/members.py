"""The example member register ``data/example/members.csv`` (synthetic, deterministic).

What is taken from the board minutes (DOMAIN.md): 62, 59 and 57 paying members in 2024, 2025
and 2026 (200 kr each gives Medlemsavgifter 12 400 / 11 800 / 11 400); Samordningsförbundet
Södra Vänern's notice on 2025-09-30, effective 2026-01-01; three indicator agreements ending in
autumn 2025; the fee rules of ``settings.toml``.

What is made up: every other name (fictional places marked "(exempel)"), the organisation
numbers, the dates, and all fee bases. No public table of each samordningsförbund's allocation
exists, so the bases are drawn from a fixed pseudo-random sequence (integer arithmetic only,
so the file is the same on every machine) and then scaled so that the fee rules reproduce the
budget's Serviceavgifter line to the krona: 2 007 991 (2024), 1 794 449 (2025) — 3.5 ‰ with at
most 30 000 kr over the fee at the old 2.5 ‰ rate — and 1 732 849 (2026) — 3.5 ‰ with the
123 400 kr maximum fee. One ordinary member's base is solved for exactly to close each year.
Every row says so in its ``anmärkning`` column.
"""
from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

SEED = 20251106
FILE = "members.csv"
YEARS = (2023, 2024, 2025, 2026)
TARGETS = {2024: 2_007_991, 2025: 1_794_449, 2026: 1_732_849}   # Serviceavgifter, kr
SODRA_VANERN = "Samordningsförbundet Södra Vänern"
SYNTHETIC = "Syntetiskt exempel: påhittat förbund, datum och underlag"

_TREES = ("Gran", "Björk", "Ek", "Lind", "Asp", "Al", "Rönn", "Sälg", "Hassel", "Lönn", "Ask", "Tall")
_LAND = ("åsen", "dalen", "bygden", "viken", "slätten", "backen", "heden", "ängen")


def _round_half(num: int, den: int) -> int:
    return (2 * num + den) // (2 * den)


def _fee(year: int, base_kr: int) -> int:
    """The service fee in kronor under the example's settings.toml (independent of fees.py)."""
    at_rate = _round_half(7 * base_kr, 2000)                     # 3.5 ‰
    if year in (2024, 2025):
        return min(at_rate, _round_half(5 * base_kr, 2000) + 30_000)   # 2.5 ‰ + 30 000
    return min(at_rate, 123_400)


def _org_number(serial: int) -> str:
    digits = f"222999{serial:03d}"
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    check = (10 - total % 10) % 10
    return f"{digits[:6]}-{digits[6:]}{check}"


def _members() -> list[dict]:
    """64 members: 63 on the register in 2023, one joining 2025-01-01; bases still unscaled."""
    rng = random.Random(SEED)
    names = [t + land for t in _TREES for land in _LAND]
    rng.shuffle(names)
    rows = []
    for i in range(64):
        year = 2008 + (i * 15) // 64
        rows.append({"id": f"M{i + 1:02d}", "name": f"Samordningsförbundet {names[i]} (exempel)",
                     "org": _org_number(i + 1), "joined": f"{year}-{1 + (i * 5) % 12:02d}-01",
                     "notice": "", "left": "", "ind_from": "", "ind_to": "",
                     "note": SYNTHETIC, "base": {}})
    rows[63]["joined"] = "2025-01-01"                              # a new member in 2025
    sv = rows[40]
    sv.update(name=SODRA_VANERN, notice="2025-09-30",              # effective date left blank:
              note="Namnet och utträdet enligt styrelseprotokoll 2025-11-06, "  # the notice rule gives it
                   "datum för inträde och underlag syntetiska")
    rows[17].update(notice="2025-03-14", left="2026-01-01")
    for r, notice in zip((rows[5], rows[22], rows[33], rows[51]),
                         ("2024-02-20", "2024-05-31", "2024-09-12", "2024-06-28")):
        r.update(notice=notice, left="2025-01-01")
    rows[58].update(notice="2023-04-11", left="2024-01-01")
    for r in (rows[2], rows[9], rows[14], rows[20], rows[27], rows[36], rows[44], rows[49]):
        r["ind_from"] = "2024-01-01"
    for r in (rows[11], rows[30], rows[38], rows[47], rows[55]):
        r["ind_from"] = "2025-01-01"
    for r, end in zip((rows[9], rows[27], rows[47]), ("2025-09-30", "2025-10-31", "2025-11-30")):
        r["ind_to"] = end                                          # three agreements end in autumn 2025

    for r in rows:                                                 # 2024 bases, kronor
        band = rng.randrange(100)
        if band < 35:
            r["base"][2024] = rng.randrange(2_000_000, 4_500_000)
        elif band < 80:
            r["base"][2024] = rng.randrange(4_500_000, 10_000_000)
        else:
            r["base"][2024] = rng.randrange(10_000_000, 20_000_000)
    # members that leave carry their share of the fall in the budget's Serviceavgifter
    for i, base in {5: 12_000_000, 22: 22_000_000, 33: 9_000_000, 51: 16_000_000,
                    17: 6_300_000, 40: 9_200_000}.items():
        rows[i]["base"][2024] = base
    # the largest members: 123 400 = 2.5 ‰ × 37.36 MSEK + 30 000 (DOMAIN.md)
    big = {0: (36_950_000, 37_360_000, 37_900_000, 38_640_000),
           12: (32_480_000, 33_215_000, 33_905_000, 35_810_000),
           25: (31_020_000, 31_488_000, 31_190_000, 32_405_000)}
    for i, bases in big.items():
        rows[i]["base"] = dict(zip(YEARS, bases))
        rows[i]["fixed"] = True
    return rows


def _paying(r: dict, year: int) -> bool:
    joined_ok = r["joined"] <= f"{year}-01-01"
    left = r["left"] or (f"{int(r['notice'][:4]) + 1}-01-01" if r["notice"] else "")
    return joined_ok and (not left or left > f"{year}-01-01")


def _scaled(rows: list[dict], year: int, balancer: dict) -> None:
    """Scale the ordinary members' bases of ``year`` so that the balancer's base, solved for
    exactly, lands near its own size; then solve it."""
    payers = [r for r in rows if _paying(r, year)]
    ordinary = [r for r in payers if not r.get("fixed") and r is not balancer]
    fixed_fees = sum(_fee(year, r["base"][year]) for r in payers if r.get("fixed"))
    goal = _fee(year, balancer["base"][year])
    uncapped = sum(Fraction(7, 2000) * r["base"][year] for r in ordinary)
    scale = Fraction(TARGETS[year] - fixed_fees - goal) / uncapped
    for r in ordinary:
        r["base"][year] = round(r["base"][year] * scale)
        assert _fee(year, r["base"][year]) == _round_half(7 * r["base"][year], 2000), "ordinary member capped"
    rest = TARGETS[year] - fixed_fees - sum(_fee(year, r["base"][year]) for r in ordinary)
    base = -((-(2000 * rest - 1000)) // 7)                          # ceil((rest − ½) × 2000 / 7)
    assert _fee(year, base) == rest and 2_000_000 < base < 29_000_000
    balancer["base"][year] = base
    assert sum(_fee(year, r["base"][year]) for r in payers) == TARGETS[year]


def build() -> list[dict]:
    """The register as rows (dicts), bases in whole kronor per year (missing = not a member)."""
    rng = random.Random(SEED + 1)
    rows = _members()
    balancer = rows[7]
    _scaled(rows, 2024, balancer)
    for r in rows:
        if r.get("fixed"):
            continue
        b = r["base"][2024]
        r["base"][2023] = b * (1000 - rng.randrange(0, 40)) // 1000
        r["base"][2025] = b * (1000 + rng.randrange(-30, 45)) // 1000
    _scaled(rows, 2025, balancer)
    for r in rows:
        if not r.get("fixed"):
            r["base"][2026] = r["base"][2025] * (1000 + rng.randrange(-20, 30)) // 1000
    _scaled(rows, 2026, balancer)
    for r in rows:                                                 # bases only while a member
        for year in YEARS:
            if not _paying(r, year):
                r["base"].pop(year, None)
    return rows


def _kr(amount: int) -> str:
    text = f"{amount:,}".replace(",", " ")
    return text


def render() -> str:
    """The CSV text (semicolon-separated, UTF-8, Swedish headers and numbers)."""
    header = ["medlems-id", "namn", "organisationsnummer", "inträde", "utträde anmält", "utträde från",
              "indikatoravtal från", "indikatoravtal till"] + [f"underlag {y}" for y in YEARS] + ["anmärkning"]
    lines = [";".join(header)]
    for r in build():
        cells = [r["id"], r["name"], r["org"], r["joined"], r["notice"], r["left"], r["ind_from"],
                 r["ind_to"]] + [_kr(r["base"][y]) if y in r["base"] else "" for y in YEARS] + [r["note"]]
        lines.append(";".join(cells))
    return "\n".join(lines) + "\n"


def write(folder: Path) -> list[Path]:
    """Write ``members.csv`` into ``folder`` (atomically) and return its path."""
    from ..core.outputs import atomic_write

    return [atomic_write(Path(folder) / FILE, render())]


if __name__ == "__main__":  # pragma: no cover
    import sys

    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "data/example")):
        print(path)
