"""Run every benchmark in this folder, one after the other, each in its own process.

``make bench`` calls this. Each ``bench_*.py`` prints its own figures against the speeds the
issues name (see the README); ``bad_inputs.py`` prints the bad-input corpus figures. Pass
names to run only some: ``python benchmarks/run_all.py fees sie``.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py")) + sorted(HERE.glob("bad_inputs.py"))
    if names:
        scripts = [s for s in scripts if any(n in s.stem for n in names)]
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        code = subprocess.call([sys.executable, str(script)])
        if code:
            print(f"!! {script.name} exited {code}", flush=True)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
