"""How long the fee-scenario grid takes: 10 000 scenarios × 60 members, exact int64 öre.

Run on its own: ``.venv/bin/python benchmarks/bench_fees.py [DATA_DIR]`` (default data/example).
Prints the time of the grid (100 rates × 25 maximum fees × 4 maximum increases) and of one
exact rate solve; the goal is well under one second for the grid.
"""
from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nns_finance import load  # noqa: E402
from nns_finance.fees.grid import fee_grid, fee_inputs  # noqa: E402
from nns_finance.fees.solve import solve_rate  # noqa: E402


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "example"
    books = load(data)
    year = 2026
    inputs = fee_inputs(books, year)
    rates = [Decimal(r).scaleb(-2) for r in range(250, 350)]             # 2.50 … 3.49 ‰
    max_fees = [None] + [k * 100 for k in range(90_000, 186_000, 4_000)]   # 25 values, öre
    max_increases = [None, 2_000_000, 3_000_000, 4_000_000]
    n = len(rates) * len(max_fees) * len(max_increases)
    fee_grid(books, year, rates[:2], max_fees[:2], max_increases[:2], inputs=inputs)  # warm up
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        grid = fee_grid(books, year, rates, max_fees, max_increases, inputs=inputs)
        best = min(best, time.perf_counter() - t0)
    print(f"fee grid: {n} scenarios x {len(inputs.base)} members in {best * 1000:.1f} ms "
          f"(best of 5; {len(grid)} rows)")
    t0 = time.perf_counter()
    solution = solve_rate(books, year, 179_444_900, step=Decimal("0.000001"), inputs=inputs)
    print(f"solve rate to 0.000001 permille: {solution.rate} in {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
