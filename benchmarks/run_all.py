"""``make bench``: every job on a generated 1 000 000-voucher SIE file, each in a fresh process,
and one table of the median wall time and peak memory (whole process, children included).

    .venv/bin/python benchmarks/run_all.py [--vouchers N] [--runs R] [--only NAME ...]

Jobs (each its own process, timed from start to exit; peak memory from ``wait4``):

- ``balance``: ``nns-finance balance ledger.se --format csv`` — target ≤ 5 s, ≤ 1,5 GB;
- ``figures``: the monthly report's figures (load the data folder + every figure, no notebook)
  — target ≤ 8 s;
- ``export``: ``nns-finance export`` of the year — target ≤ 60 s, ≤ 2 GB;
- ``report``: ``nns-finance report`` on ``data/example`` end to end — target ≤ 4 s;
- ``hledger``: ``hledger balance -M`` on the same vouchers as a journal, when ``hledger`` is
  installed (never a dependency; one run by default, it needs about 8 GB); the ratio to
  ``balance`` is printed under the table.

The data folder is a copy of ``data/example`` whose ``ledger/`` holds only the generated file
(``benchmarks/make_sie.py``, fixed seed). The load average is printed after each job: on a
shared machine read the medians with it, and with the CPU seconds (user + system, all threads
and child processes), which waiting for a core does not inflate. The older scripts (``bench_sie.py``,
``bench_ledger.py``, ``bench_export.py``, ``bench_fees.py``, ``bad_inputs.py``) still run on
their own.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))


FIGURES = """
import sys
from nns_finance import load
from nns_finance.reports.monthly import build_report
books = load(sys.argv[1])
report = build_report(books, sys.argv[2])
assert len(books.ledger) > 0
"""


def targets() -> dict[str, tuple[float | None, float | None]]:
    """job → (seconds, MB) it must stay under (None: no target)."""
    return {"balance": (5.0, 1536.0), "figures": (8.0, None), "export": (60.0, 2048.0),
            "report": (4.0, None), "hledger": (None, None)}


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system) of one run of ``cmd``
    (its waited-for children too)."""
    env = {**os.environ, "NNS_QUIET": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def journal(sie_path: Path, out: Path) -> None:
    """The SIE file's vouchers as an hledger journal (one transaction per voucher)."""
    import numpy as np

    from nns_finance.core.problems import Problems
    from nns_finance.sie import read_sie

    sie = read_sie(sie_path, Problems())
    t, v = sie.transactions, sie.vouchers
    amount = t["amount"].to_numpy()
    kr = np.char.add(np.where(amount < 0, "-", ""), (np.abs(amount) // 100).astype(str))
    kr = np.char.add(np.char.add(kr, "."), np.char.zfill((np.abs(amount) % 100).astype(str), 2))
    posting = np.char.add(np.char.add("    ", t["account"].to_numpy(str)), np.char.add("  ", kr))
    head = (v["date"].dt.strftime("%Y-%m-%d") + " " + v["series"] + v["number"] + " "
            + v["text"].str.replace(";", ",")).to_numpy(object)
    first = np.r_[True, t["voucher"].to_numpy()[1:] != t["voucher"].to_numpy()[:-1]]
    lines = np.where(first, "\n" + head[t["voucher"].to_numpy()] + "\n", "").astype(object) + posting.astype(object)
    out.write_text("\n".join(lines.tolist()) + "\n", encoding="utf-8")


def prepare(tmp: Path, vouchers: int) -> dict[str, Path]:
    from make_sie import make_sie

    folder = tmp / "data"
    shutil.copytree(ROOT / "data" / "example", folder, ignore=shutil.ignore_patterns("ledger"))
    (folder / "ledger").mkdir()
    ledger = folder / "ledger" / "2025.se"
    ledger.write_bytes(make_sie(vouchers=vouchers))
    paths = {"folder": folder, "ledger": ledger}
    if shutil.which("hledger"):
        paths["journal"] = tmp / "ledger.journal"
        journal(ledger, paths["journal"])
    return paths


def commands(paths: dict[str, Path], tmp: Path) -> dict[str, list[str]]:
    nns = str(BIN / "nns-finance")
    jobs = {
        "balance": [nns, "balance", str(paths["ledger"]), "--format", "csv"],
        "figures": [sys.executable, "-c", FIGURES, str(paths["folder"]), "2025-09"],
        "export": [nns, "export", "--data", str(paths["folder"]), "--year", "2025",
                   "--out", str(tmp / "revisorsunderlag-2025.xlsx")],
        "report": [nns, "report", "--data", str(ROOT / "data" / "example"), "--period", "2025-09",
                   "--out", str(tmp / "reports")],
    }
    if "journal" in paths:
        jobs["hledger"] = [shutil.which("hledger"), "-f", str(paths["journal"]), "balance", "-M"]
    return jobs


def load_average() -> str:
    return ", ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--prepare"]:
        prepare(Path(argv[1]), int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vouchers", type=int, default=1_000_000, help="vouchers in the generated ledger")
    parser.add_argument("--runs", type=int, default=3, help="runs of each job (the median is shown)")
    parser.add_argument("--hledger-runs", type=int, default=1,
                        help="runs of hledger (it needs about 8 GB; one run by default)")
    parser.add_argument("--only", nargs="*", default=None, help="only these jobs")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, load average before: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="nns-bench-") as name:
        tmp = Path(name)
        t0 = time.perf_counter()
        # made in a child process: a forked job would otherwise count this process's memory
        subprocess.run([sys.executable, __file__, "--prepare", str(tmp), str(args.vouchers)], check=True)
        paths = {"folder": tmp / "data", "ledger": tmp / "data" / "ledger" / "2025.se"}
        if (tmp / "ledger.journal").exists():
            paths["journal"] = tmp / "ledger.journal"
        size = paths["ledger"].stat().st_size / 1e6
        print(f"generated {args.vouchers:,} vouchers ({size:.0f} MB SIE) in {time.perf_counter() - t0:.0f} s"
              .replace(",", " "), flush=True)
        if "journal" not in paths:
            print("hledger is not installed: no comparison (apt-get install hledger)")
        jobs = commands(paths, tmp)
        results: dict[str, tuple[float, float, list[float], float]] = {}
        for job, cmd in jobs.items():
            if args.only and job not in args.only:
                continue
            runs = [run_once(cmd, ROOT) for _ in range(args.hledger_runs if job == "hledger" else args.runs)]
            seconds = [s for s, _, _ in runs]
            results[job] = (statistics.median(seconds), max(m for _, m, _ in runs), seconds,
                            statistics.median(c for _, _, c in runs))
            print(f"  {job}: " + ", ".join(f"{s:.1f}" for s in seconds) + " s (load average "
                  f"{load_average()})", flush=True)
    print()
    print(table(results))
    print(f"\nload average after: {load_average()}")
    goals = targets()
    missed = [job for job, (s, mb, _, _) in results.items()
              if (goals[job][0] is not None and s > goals[job][0]) or (goals[job][1] is not None and mb > goals[job][1])]
    return 1 if missed else 0


def table(results: dict[str, tuple[float, float, list[float], float]]) -> str:
    goals = targets()
    rows = ["| job | median | runs | CPU (median) | peak memory | target | met |",
            "|---|---|---|---|---|---|---|"]
    for job, (seconds, mb, every, cpu) in results.items():
        limit_s, limit_mb = goals[job]
        target = ", ".join(x for x in (f"≤ {limit_s:g} s" if limit_s else "",
                                        f"≤ {limit_mb / 1024:g} GB" if limit_mb else "") if x) or "—"
        met = "—" if not (limit_s or limit_mb) else (
            "yes" if (not limit_s or seconds <= limit_s) and (not limit_mb or mb <= limit_mb) else "NO")
        memory = f"{mb:,.0f}".replace(",", " ")
        rows.append(f"| {job} | {seconds:.1f} s | {len(every)} | {cpu:.1f} s | {memory} MB | {target} | {met} |")
    if "hledger" in results and "balance" in results:
        ratio = results["hledger"][0] / results["balance"][0]
        rows.append(f"\nhledger balance -M / nns-finance balance: {ratio:.1f}× the time, "
                    f"{results['hledger'][1] / results['balance'][1]:.1f}× the memory")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
