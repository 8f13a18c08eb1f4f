"""Speed of the monthly report.

1. The figures alone (load the data folder + compute every figure of the report, no notebook,
   no PDF) for a generated ledger of 1 000 000 voucher rows — target: under 10 s.
2. The example data end to end, ``nns-finance report`` from command to PDF — target: under 15 s.

Run on its own: ``.venv/bin/python benchmarks/bench_report.py [--rows N] [--skip-end-to-end]``.
The big ledger is written into a temporary copy of ``data/example`` (balanced two-row vouchers
on the example's result accounts against the bank, dated over 2025, Swedish CSV dialect).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"


def write_big_ledger(folder: Path, rows: int, seed: int = 2025) -> Path:
    """``rows`` voucher rows (``rows // 2`` vouchers) into ``folder/ledger/2025.csv``."""
    rng = np.random.default_rng(seed)
    accounts = pd.read_csv(folder / "accounts.csv", sep=";", dtype=str, keep_default_na=False)
    result_accounts = accounts.loc[accounts["budgetrad"] != "", "konto"].to_numpy()
    n = rows // 2
    account = rng.choice(result_accounts, n)
    ore = rng.integers(100, 5_000_000, n)
    income = np.char.startswith(account.astype(str), "3") | np.char.startswith(account.astype(str), "8")
    ore = np.where(income, -ore, ore)                      # income credited, costs debited
    days = np.sort(rng.integers(0, 365, n))
    dates = (np.datetime64("2025-01-01") + days.astype("timedelta64[D]")).astype(str)
    numbers = np.arange(1, n + 1).astype(str)

    def amount_text(values: np.ndarray) -> np.ndarray:
        sign = np.where(values < 0, "-", "")
        whole, frac = np.divmod(np.abs(values), 100)
        return np.char.add(np.char.add(np.char.add(sign, whole.astype(str)), ","),
                           np.char.zfill(frac.astype(str), 2))

    frame = pd.DataFrame({
        "serie": np.repeat("A", 2 * n),
        "verifikationsnummer": np.repeat(numbers, 2),
        "datum": np.repeat(dates, 2),
        "konto": np.column_stack([account, np.full(n, "1930")]).ravel(),
        "belopp": np.column_stack([amount_text(ore), amount_text(-ore)]).ravel(),
        "text": np.repeat("Genererad verifikation", 2 * n),
    })
    path = folder / "ledger" / "2025.csv"
    for old in (folder / "ledger").glob("2025.*"):
        old.unlink()
    frame.to_csv(path, sep=";", index=False)
    return path


def figures_only(folder: Path, period: str) -> dict[str, float]:
    from nns_finance import load
    from nns_finance.reports.monthly import build_report

    t0 = time.perf_counter()
    books = load(folder)
    t1 = time.perf_counter()
    report = build_report(books, period)
    t2 = time.perf_counter()
    assert len(books.ledger) > 0 and report.figure("arets-resultat", "outcome_ytd") != 0
    return {"rows": len(books.ledger), "load": t1 - t0, "compute": t2 - t1, "total": t2 - t0}


def end_to_end(out: Path) -> float:
    cmd = [str(ROOT / ".venv" / "bin" / "nns-finance"), "report", "--data", str(EXAMPLE), "--period",
           "2025-09", "--out", str(out)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"nns-finance report failed:\n{done.stderr}")
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="voucher rows in the big ledger")
    parser.add_argument("--skip-end-to-end", action="store_true", help="only the figures on the big ledger")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(EXAMPLE, folder)
        t0 = time.perf_counter()
        write_big_ledger(folder, args.rows)
        rows = f"{args.rows:,}".replace(",", " ")
        print(f"generated {rows} ledger rows in {time.perf_counter() - t0:.1f} s")
        f = figures_only(folder, "2025-09")
        rows = f"{f['rows']:,}".replace(",", " ")
        print(f"figures for {rows} ledger rows: load {f['load']:.2f} s + compute {f['compute']:.2f} s "
              f"= {f['total']:.2f} s (target < 10 s)")
        if not args.skip_end_to_end:
            seconds = end_to_end(Path(tmp) / "reports")
            print(f"example end to end (nns-finance report → PDF): {seconds:.1f} s (target < 15 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
