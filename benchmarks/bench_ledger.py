"""Speed of the ledger loader on a large voucher export in the Swedish CSV dialect.

Writes a synthetic ``ledger/2025.csv`` (semicolons, decimal comma, space thousands, Windows-1252)
with the given number of voucher rows into a temporary data folder, then times
:func:`nns_finance.books.ledger.read_ledger` in a fresh process and prints rows, seconds and peak
memory (CPU seconds too: on a busy machine they are the fairer figure). Target (issue 2 / brief): 1 000 000 rows in a few seconds.

    .venv/bin/python benchmarks/bench_ledger.py [ROWS ...]      # default: 100000 1000000
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACCOUNTS = ["3020", "3990", "5800", "5830", "6110", "6550", "6990", "7240"]


def write_csv(path: Path, rows: int, seed: int = 2025) -> None:
    """``rows`` voucher rows, two per voucher (result account against 1930), balanced."""
    import numpy as np

    rng = np.random.default_rng(seed)
    vouchers = rows // 2
    ore = rng.integers(1, 50_000_000, vouchers)
    whole, frac = ore // 100, ore % 100
    # 1 234 567,89: space thousands as Swedish Excel writes them
    kr = np.array([f"{w:,}".replace(",", " ") for w in whole.tolist()], dtype=object)
    amount = kr + "," + np.char.zfill(frac.astype(str), 2).astype(object)
    days = np.sort(rng.integers(0, 365, vouchers))
    dates = (np.datetime64("2025-01-01") + days.astype("timedelta64[D]")).astype(str).astype(object)
    number = np.arange(1, vouchers + 1).astype(str).astype(object)
    account = np.array(ACCOUNTS, dtype=object)[rng.integers(0, len(ACCOUNTS), vouchers)]
    text = "Verifikation " + number
    first = "A;" + number + ";" + dates + ";" + account + ";-" + amount + ";" + text
    second = "A;" + number + ";" + dates + ";1930;" + amount + ";" + text
    lines = np.column_stack([first, second]).ravel()
    body = "serie;verifikationsnummer;datum;konto;belopp;text\n" + "\n".join(lines.tolist()) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body.encode("cp1252"))


def one(folder: str) -> dict:
    from nns_finance.books.ledger import read_ledger
    from nns_finance.core.problems import Problems
    from nns_finance.core.settings import Settings

    problems = Problems()
    start, cpu = time.perf_counter(), time.process_time()
    ledger, _ = read_ledger(Path(folder), problems, Settings(organisation="bench", fiscal_year=2025))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": len(ledger), "seconds": round(seconds, 2), "cpu": round(cpu, 2), "peak_mb": round(peak_mb),
            "problems": len(problems), "sum": int(ledger["amount"].sum())}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        print(json.dumps(one(argv[1])))
        return 0
    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    print(f"{'rows':>10} {'write s':>8} {'read s':>8} {'CPU s':>8} {'peak MB':>8} problems")
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            write_csv(Path(tmp) / "ledger" / "2025.csv", rows)
            written = time.perf_counter() - t0
            out = subprocess.run([sys.executable, __file__, "--one", tmp], capture_output=True, text=True,
                                 check=True, cwd=ROOT)
            r = json.loads(out.stdout)
            assert r["rows"] == rows and r["sum"] == 0 and r["problems"] == 0, r
            print(f"{rows:>10} {written:>8.1f} {r['seconds']:>8.2f} {r['cpu']:>8.2f} {r['peak_mb']:>8} {r['problems']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
