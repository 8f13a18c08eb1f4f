"""Make a large synthetic SIE 4E file for the benchmarks: ``python benchmarks/make_sie.py OUT ROWS``
(``OUT --vouchers N``: N vouchers instead).

The file looks like a real export (CP437, a header, a chart of accounts, opening and closing
balances that agree with the vouchers, #RES, vouchers of 2–6 rows that balance, dimension
objects on some rows, quoted texts with Swedish letters); it is made with a fixed seed and
numpy, so the same arguments give the same bytes.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ACCOUNTS = {"1510": "Kundfordringar", "1930": "Företagskonto", "2440": "Leverantörsskulder",
            "2710": "Personalskatt", "3010": "Medlemsavgifter", "3020": "Serviceavgifter",
            "5800": "Resor", "6110": "Information", "6550": "Konsultarvoden", "7240": "Styrelsearvoden"}


def make_sie(rows: int | None = None, year: int = 2025, seed: int = 1, vouchers: int | None = None) -> bytes:
    """A SIE 4E file with about ``rows`` #TRANS rows (whole vouchers of 2–6 rows, so a few more
    at most), or with exactly ``vouchers`` vouchers of mostly two rows (2,3 on average, as an
    association's books have them: 1 000 000 vouchers are about 2,3 million rows)."""
    rng = np.random.default_rng(seed)
    if vouchers is not None:
        sizes = np.minimum(1 + rng.geometric(0.76, size=vouchers), 6)
    else:
        sizes = rng.integers(2, 7, size=rows // 2 + 2)
        sizes = sizes[: np.searchsorted(np.cumsum(sizes), rows) + 1]
    n_vouchers, n_rows = len(sizes), int(sizes.sum())
    voucher_of_row = np.repeat(np.arange(n_vouchers), sizes)
    amounts = rng.integers(-5_000_000, 5_000_000, size=n_rows)
    last = np.cumsum(sizes) - 1
    sums = np.bincount(voucher_of_row, weights=amounts, minlength=n_vouchers).astype(np.int64)
    amounts[last] -= sums  # every voucher balances
    names = np.array(list(ACCOUNTS))
    accounts = names[rng.integers(0, len(names), size=n_rows)]
    days = rng.integers(0, 365, size=n_vouchers)
    dates = (np.datetime64(f"{year}-01-01") + days).astype("datetime64[D]")
    date_text = np.char.replace(dates.astype(str), "-", "")
    with_object = rng.random(n_rows) < 0.2
    lines = ["#FLAGGA 0", '#PROGRAM "nns-finance benchmark" 1.0', "#FORMAT PC8", f"#GEN {year + 1}0115",
             "#SIETYP 4", '#FNAMN "Syntetiska föreningen"', "#ORGNR 802000-0000",
             f"#RAR 0 {year}0101 {year}1231", f"#RAR -1 {year - 1}0101 {year - 1}1231", "#KPTYP EUBAS97",
             '#DIM 1 "Kostnadsställe"', '#OBJEKT 1 "10" "Kansli"']
    lines += [f'#KONTO {a} "{n}"' for a, n in ACCOUNTS.items()]
    totals = {a: int(amounts[accounts == a].sum()) for a in ACCOUNTS}
    for a in ACCOUNTS:
        if a[0] in "12":
            ib = 10_000_000 if a == "1930" else 0
            ib = ib if a != "2440" else -10_000_000
            lines += [f"#IB 0 {a} {_kr(ib)}", f"#UB 0 {a} {_kr(ib + totals[a])}"]
        else:
            lines.append(f"#RES 0 {a} {_kr(totals[a])}")
    text = np.array(["Faktura", "Utlägg för resa", "Månadsarvode", "Årsmöte \"vår\" 2025"], dtype=object)
    row_text = text[rng.integers(0, 3, size=n_rows)]
    kr = np.abs(amounts) // 100
    ore = np.abs(amounts) % 100
    amount_text = np.char.add(np.where(amounts < 0, "-", ""),
                              np.char.add(kr.astype(str), np.char.add(".", np.char.zfill(ore.astype(str), 2))))
    objects = np.where(with_object, '{1 "10"}', "{}")
    trans = np.char.add(np.char.add(np.char.add("#TRANS ", accounts), " "), objects)
    trans = np.char.add(np.char.add(np.char.add(trans, " "), amount_text), " ")
    trans = [f'{t}{date_text[v]} "{x}"' for t, v, x in zip(trans.tolist(), voucher_of_row.tolist(), row_text.tolist())]
    vtext = text[rng.integers(0, 4, size=n_vouchers)]
    start = 0
    body = []
    for v, size in enumerate(sizes.tolist()):
        body.append(f'#VER A {v + 1} {date_text[v]} "{vtext[v].replace(chr(34), chr(92) + chr(34))}" {date_text[v]}')
        body.append("{")
        body.extend(trans[start:start + size])
        body.append("}")
        start += size
    return ("\n".join(lines + body) + "\n").encode("cp437")


def _kr(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "big.se")
    if sys.argv[2:3] == ["--vouchers"]:
        out.write_bytes(make_sie(vouchers=int(sys.argv[3])))
        print(f"{out}: {out.stat().st_size / 1e6:.1f} MB, {sys.argv[3]} vouchers")
    else:
        rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
        out.write_bytes(make_sie(rows))
        print(f"{out}: {out.stat().st_size / 1e6:.1f} MB, about {rows} #TRANS rows")
