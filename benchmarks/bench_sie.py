"""SIE reading speed: ``python benchmarks/bench_sie.py [ROWS]`` (default 1 000 000 #TRANS rows).

Makes a synthetic SIE 4E file (benchmarks/make_sie.py) in a temporary folder, then reads it
into frames in a fresh process and prints wall time, CPU time and peak memory (the targets:
under 10 s and under 2 GB on two cores), and the same for a year of NNS (3 000 rows) and for
writing that year back as SIE.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sie import make_sie  # noqa: E402

CHILD = """
import json, sys, time

def peak_mb():  # VmHWM: this process's peak resident memory (ru_maxrss would include the parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

from nns_finance.core.problems import Problems
from nns_finance.sie import read_sie
t, c = time.perf_counter(), time.process_time()
problems = Problems()
sie = read_sie(sys.argv[1], problems)
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "rows": len(sie.transactions), "vouchers": len(sie.vouchers), "problems": len(problems),
                  "rss_mb": peak_mb()}))
"""


def read_in_child(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(rows: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n, label in ((rows, "large file"), (3_000, "a year of NNS")):
            path = Path(tmp) / f"bench_{n}.se"
            t = time.perf_counter()
            path.write_bytes(make_sie(n))
            made = time.perf_counter() - t
            r = read_in_child(path)
            print(f"{label}: {r['rows']:,} #TRANS rows in {r['vouchers']:,} vouchers, "
                  f"{path.stat().st_size / 1e6:.1f} MB (made in {made:.1f} s)")
            print(f"  read into frames: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                  f"peak memory {r['rss_mb']:.0f} MB, {r['problems']} problems")
        from nns_finance.core.problems import Problems
        from nns_finance.sie import render_sie
        from nns_finance.books.sie_ledger import load_for_ledger

        ledger, balances = load_for_ledger(path, Problems(), "bench.se")
        t = time.perf_counter()
        data = render_sie(ledger, balances, company="Bench", org_number="802000-0000")
        print(f"  written back as SIE 4 with #KSUMMA: {time.perf_counter() - t:.3f} s, {len(data) / 1e3:.0f} kB")
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
