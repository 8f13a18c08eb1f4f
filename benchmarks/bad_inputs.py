"""The bad-input corpus as figures: run every case of ``tests/bad_inputs/cases.py`` and print
cases tried, cases answered with the right message, tracebacks, partial outputs, inputs changed
(the last three must be 0) and texts turned into formulas (must be 0).

    .venv/bin/python benchmarks/bad_inputs.py [-j WORKERS] [NAME-PREFIX ...]

Each case runs ``nns-finance check`` and the commands that would use the broken file, each in a
fresh process, on a copy of ``data/example`` under a path with spaces and Swedish letters.
Failing cases are explained after the figures; the exit code is 1 if any case failed.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bad_inputs.cases import CASES  # noqa: E402
from bad_inputs.harness import figures_of, run_case, summary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="cases run at once")
    parser.add_argument("names", nargs="*", help="only the cases whose name starts with one of these")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.names or c.name.startswith(tuple(args.names))]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nns-bad-inputs-") as tmp:
        def one(case):
            workdir = Path(tmp) / case.name
            workdir.mkdir()
            return run_case(case, workdir)

        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            outcomes = list(pool.map(one, cases))
    seconds = time.perf_counter() - started
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        print(o.explain(), end="\n\n")
    print(summary([figures_of(o) for o in outcomes]))
    names = f" ({', '.join(o.case.name for o in failed)})" if failed else ""
    print(f"{'failed cases:':<32} {len(failed)}{names}")
    print(f"{'seconds:':<32} {seconds:.0f} ({len(cases)} cases, {args.jobs} at a time)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
