"""Speed of ``nns-finance export``: the auditors' workbook for a generated ledger.

Runs each size in its own process (so the peak memory is that size's own) and prints rows,
seconds, peak memory and file size. Targets (issue 8): 100 000 voucher rows in under 15 s;
1 000 000 rows in under 120 s and under 2 GB.

    .venv/bin/python benchmarks/bench_export.py [ROWS ...]      # default: 100000 1000000
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {100_000: (15.0, None), 1_000_000: (120.0, 2048.0)}


def generated_books(rows: int, seed: int = 2025):
    """The example data folder with a generated 2025 ledger of ``rows`` voucher rows (two rows
    per voucher, balanced, on the example chart's accounts, dates spread over the year)."""
    import numpy as np
    import pandas as pd

    import nns_finance

    folder = Path(tempfile.mkdtemp(prefix="bench-export-")) / "data"
    shutil.copytree(ROOT / "data" / "example", folder, ignore=shutil.ignore_patterns("ledger"))
    books = nns_finance.load(folder, strict=False)   # the example without its ledger: generated below
    rng = np.random.default_rng(seed)
    vouchers = rows // 2
    accounts = books.accounts["account"].astype(str).to_numpy()
    result_acc = accounts[[a[0] in "345678" for a in accounts]]
    day = rng.integers(0, 365, vouchers)
    amount = rng.integers(1, 5_000_000, vouchers).astype("int64")
    first = rng.choice(result_acc, vouchers)
    n = vouchers * 2
    frame = pd.DataFrame({
        "year": np.full(n, 2025, dtype="int64"),
        "series": pd.array(np.repeat(rng.choice(["A", "B", "C"], vouchers), 2), dtype="str"),
        "number": pd.array(np.repeat(np.arange(1, vouchers + 1), 2).astype(str), dtype="str"),
        "date": np.repeat(pd.Timestamp("2025-01-01") + pd.to_timedelta(day, unit="D"), 2),
        "account": pd.array(np.column_stack([first, np.full(vouchers, "1930")]).ravel(), dtype="str"),
        "amount": np.column_stack([amount, -amount]).ravel(),
        "text": pd.array(np.repeat(np.char.add("Verifikation ", np.arange(1, vouchers + 1).astype(str)), 2),
                         dtype="str"),
        "source": pd.array(np.full(n, "ledger/2025.csv"), dtype="str"),
        "line": np.arange(2, n + 2, dtype="int64"),
        "reg_order": np.arange(1, n + 1, dtype="int64"),
        "reg_date": np.repeat(pd.Timestamp("2025-01-01") + pd.to_timedelta(day + 2, unit="D"), 2),
    })
    return type(books)(**{**books.__dict__, "ledger": frame})


def one(rows: int) -> dict:
    from nns_finance.workbook import export_workbook, scope_for

    books = generated_books(rows)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "revisorsunderlag-2025.xlsx"
        start = time.perf_counter()
        export_workbook(books, scope_for(2025, None, 2025), out)
        seconds = time.perf_counter() - start
        size = out.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": round(seconds, 2), "peak_mb": round(peak_mb), "file_mb": round(size / 2**20, 1)}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        print(json.dumps(one(int(argv[1]))))
        return 0
    sizes = [int(a) for a in argv] or list(TARGETS)
    failed = False
    print(f"{'rows':>10} {'seconds':>8} {'peak MB':>8} {'file MB':>8}  target")
    for rows in sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(rows)], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        limit_s, limit_mb = TARGETS.get(rows, (None, None))
        ok = (limit_s is None or r["seconds"] < limit_s) and (limit_mb is None or r["peak_mb"] < limit_mb)
        failed |= not ok
        target = "" if limit_s is None else f"< {limit_s:.0f} s" + (f", < {limit_mb:.0f} MB" if limit_mb else "")
        print(f"{r['rows']:>10} {r['seconds']:>8} {r['peak_mb']:>8} {r['file_mb']:>8}  {target} "
              f"{'' if limit_s is None else ('ok' if ok else 'SLOW')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
