"""Runs one bad-input case the way a treasurer would meet it, and says what happened.

A case (see ``cases.py``) starts from a copy of ``data/example`` placed under a path with
spaces and Swedish letters, removes and writes the files it names, then runs
``nns-finance check`` and the commands that would use the file, each in a fresh process (forked
from a server that has imported the package once, see ``forkserver.py``). The outcome records:
the exit codes, whether the expected one-line message was printed (by every command), whether
any traceback or "internal error" appeared, whether anything was written to the output folder
(or anywhere else), whether any input file changed (SHA-256 before and after), and for
legal-but-odd text (``=``, ``+``, ``-``, ``@``) whether the workbooks written keep it as text
rather than a formula.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "example"
TIMEOUT = 180   # seconds per command: a bad input must fail fast, a good one finish


@dataclass(frozen=True)
class Case:
    """One bad input.

    name:     short id, also the folder name of the case's data copy
    kind:     which input it attacks (settings, budget, accounts, members, deposits, ledger-csv,
              ledger-xlsx, sie, scenario)
    expected: the exact line the user must see (``file:place: message``); every command prints it
              (for ``exit_ok`` cases, ``check`` must print it)
    files:    data-folder-relative path → bytes written over the example copy
    remove:   data-folder-relative paths removed first
    commands: the commands that would use the file, besides ``check``; ``{data}`` and ``{out}``
              are replaced by the data folder and an empty output folder
    exit_ok:  True for legal-but-odd input (a warning): then every command must succeed
    texts:    cell texts every workbook written to ``{out}`` must hold as text, not formulas
    checked:  False for a file given only on the command line (``--changes``), which
              ``check`` does not read: then only ``commands`` must print the line
    links:    data-folder-relative path → target of a symbolic link made there (``{elsewhere}``
              is a folder beside the data folder holding ``elsewhere``'s files)
    fifos:    data-folder-relative paths made named pipes (a reader that opens one waits forever)
    elsewhere: file name → bytes, written in a folder outside the data folder
    """

    name: str
    kind: str
    expected: str
    files: dict[str, bytes] = field(default_factory=dict)
    remove: tuple[str, ...] = ()
    commands: tuple[tuple[str, ...], ...] = ()
    exit_ok: bool = False
    texts: tuple[str, ...] = ()
    checked: bool = True
    links: tuple[tuple[str, str], ...] = ()
    fifos: tuple[str, ...] = ()
    elsewhere: tuple[tuple[str, bytes], ...] = ()


@dataclass
class Outcome:
    case: Case
    runs: list[tuple[tuple[str, ...], int, str]] = field(default_factory=list)
    found_in: list[bool] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    tracebacks: int = 0
    partial_outputs: list[str] = field(default_factory=list)
    inputs_changed: list[str] = field(default_factory=list)
    texts_lost: list[str] = field(default_factory=list)

    @property
    def message_found(self) -> bool:
        if not self.found_in:
            return False
        return self.found_in[0] if self.case.exit_ok else all(self.found_in)

    @property
    def exits_right(self) -> bool:
        return all((code == 0) if self.case.exit_ok else (code not in (0, 2) and code > 0)
                   for _, code, _ in self.runs)

    @property
    def ok(self) -> bool:
        return (self.message_found and self.exits_right and not self.tracebacks
                and not self.partial_outputs and not self.inputs_changed and not self.texts_lost)

    def explain(self) -> str:
        lines = [f"case {self.case.name}: expected {self.case.expected!r}"]
        for (cmd, code, out), found in zip(self.runs, self.found_in):
            mark = "" if found else "   [expected line missing]"
            lines.append(f"$ nns-finance {' '.join(cmd)}  -> exit {code}{mark}\n{out}")
        if self.skipped:
            lines.append(f"skipped (command not there yet): {self.skipped}")
        if self.partial_outputs:
            lines.append(f"written to the output folder or elsewhere: {self.partial_outputs}")
        if self.inputs_changed:
            lines.append(f"inputs changed: {self.inputs_changed}")
        if self.texts_lost:
            lines.append(f"texts not kept as text in the workbook: {self.texts_lost}")
        return "\n".join(lines)


@functools.lru_cache(maxsize=None)
def available_commands() -> frozenset[str]:
    """The subcommands this checkout has (a helper's command may not have landed yet)."""
    from nns_finance.cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        if getattr(action, "choices", None) and isinstance(action.choices, dict):
            return frozenset(action.choices)
    return frozenset()


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def case_base(case: Case, workdir: Path) -> Path:
    return workdir / "Mina dokument" / "Ekonomi å ä ö" / case.name


def prepare(case: Case, workdir: Path) -> tuple[Path, Path]:
    """The case's data folder and empty output folder, under a path with spaces and å/ä/ö."""
    base = case_base(case, workdir)
    data, out = base / "data", base / "rapporter ut"
    shutil.copytree(EXAMPLE, data)
    for rel in case.remove:
        target = data / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for rel, content in case.files.items():
        target = data / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    elsewhere = workdir / "annan mapp" / case.name
    for rel, content in case.elsewhere:
        (elsewhere / rel).parent.mkdir(parents=True, exist_ok=True)
        (elsewhere / rel).write_bytes(content)
    for rel in case.fifos:
        (data / rel).unlink(missing_ok=True)
        os.mkfifo(data / rel)
    for rel, target in case.links:
        (data / rel).unlink(missing_ok=True)
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("{elsewhere}", str(elsewhere)), data / rel)
    out.mkdir(parents=True)
    return data, out


def _spawn(argv: list[str], env: dict, cwd: Path, timeout: int) -> tuple[int, str]:
    """Run ``nns-finance argv`` in a new interpreter."""
    try:
        proc = subprocess.run([sys.executable, "-m", "nns_finance", *argv], capture_output=True,
                              text=True, timeout=timeout, env=env, cwd=str(cwd))
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"") + (exc.stderr or b"")
        text = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        return -9, f"{text}\n[harness: killed after {timeout} s]"
    return proc.returncode, proc.stdout + proc.stderr


class Runner:
    """Runs commands in fresh processes forked from a server that has imported the package
    once (``forkserver.py``): the same isolation as a new interpreter, a fraction of the start-up.
    One per thread; falls back to spawning when ``NNS_BAD_INPUTS_SPAWN`` is set or fork is missing."""

    _local = threading.local()

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "MPLBACKEND": "Agg"}
        env.pop("NNS_DEBUG", None)
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("forkserver.py"))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     encoding="utf-8", env=env, cwd=str(ROOT))
        ready = self.proc.stdout.readline()
        if ready.strip() != "ready":
            raise RuntimeError(f"fork server did not start: {ready!r}")

    @classmethod
    def for_thread(cls) -> "Runner | None":
        if os.environ.get("NNS_BAD_INPUTS_SPAWN") or not hasattr(os, "fork"):
            return None
        runner = getattr(cls._local, "runner", None)
        if runner is None or runner.proc.poll() is not None:
            runner = cls._local.runner = cls()
        return runner

    def run(self, argv: list[str], env: dict, cwd: Path, timeout: int) -> tuple[int, str]:
        request = {"argv": argv, "cwd": str(cwd), "env": env, "timeout": timeout}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        return answer["code"], answer["output"]


def _run(argv: list[str], env: dict, cwd: Path, timeout: int) -> tuple[int, str]:
    runner = Runner.for_thread()
    if runner is None:
        return _spawn(argv, env, cwd, timeout)
    return runner.run(argv, env, cwd, timeout)


def texts_lost(out: Path, texts: tuple[str, ...]) -> list[str]:
    """The ``texts`` some workbook under ``out`` does not hold as a text cell (or holds as a formula)."""
    import openpyxl

    books = sorted(out.rglob("*.xlsx"))
    if texts and not books:
        return [f"no workbook written to look for {t!r}" for t in texts]
    lost = []
    for book in books:
        wb = openpyxl.load_workbook(book, read_only=True, data_only=False)
        try:
            found = {t: False for t in texts}
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        value = getattr(cell, "value", None)
                        if isinstance(value, str) and value in found:
                            if cell.data_type in ("s", "inlineStr"):
                                found[value] = True
                            else:
                                lost.append(f"{book.name}: {ws.title}!{cell.coordinate} holds {value!r} "
                                            f"as {cell.data_type!r}")
            lost += [f"{book.name}: no text cell {t!r}" for t, ok in found.items() if not ok]
        finally:
            wb.close()
    return lost


def run_case(case: Case, workdir: Path, timeout: int = TIMEOUT) -> Outcome:
    data, out = prepare(case, workdir)
    base = data.parent
    before = _digests(data)
    outcome = Outcome(case)
    env = {k: v for k, v in os.environ.items() if k != "NNS_DEBUG"}
    env.update(PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg")
    have = available_commands()
    for cmd in ((("check", "{data}"),) if case.checked else ()) + tuple(case.commands):
        if cmd[0] not in have:
            outcome.skipped.append(" ".join(cmd))
            continue
        argv = [a.replace("{data}", str(data)).replace("{out}", str(out)) for a in cmd]
        code, text = _run(argv, env, base, timeout)
        outcome.runs.append((tuple(cmd), code, text))
        if "Traceback (most recent call last)" in text or "internal error:" in text:
            outcome.tracebacks += 1
        outcome.found_in.append(case.expected in [line.strip() for line in text.splitlines()])
    if not case.exit_ok:
        outcome.partial_outputs = [str(p.relative_to(out)) for p in out.rglob("*")]
    else:
        outcome.texts_lost = texts_lost(out, case.texts)
    outcome.partial_outputs += [str(p.relative_to(base)) for p in base.iterdir()
                                if p not in (data, out)]
    after = _digests(data)
    outcome.inputs_changed = sorted({k for k in before if before[k] != after.get(k)}
                                    | {f"+{k}" for k in after if k not in before})
    return outcome


# --- the figures the issue asks for ------------------------------------------------------------

FIGURES = ("cases tried", "answered with the right message", "tracebacks", "partial outputs",
           "inputs changed", "texts turned into formulas")


def figures_of(outcome: Outcome) -> dict[str, int]:
    """One case's contribution to the figures (summed over the corpus)."""
    return {"cases tried": 1,
            "answered with the right message": int(outcome.message_found and outcome.exits_right),
            "tracebacks": outcome.tracebacks,
            "partial outputs": int(bool(outcome.partial_outputs)),
            "inputs changed": int(bool(outcome.inputs_changed)),
            "texts turned into formulas": int(bool(outcome.texts_lost))}


def summary(per_case: list[dict[str, int]]) -> str:
    """The figures as lines: ``cases tried: 110`` …; the last four must be 0."""
    totals = {k: sum(f.get(k, 0) for f in per_case) for k in FIGURES}
    width = max(map(len, FIGURES))
    return "\n".join(f"{k + ':':<{width + 1}} {v}" for k, v in totals.items())
