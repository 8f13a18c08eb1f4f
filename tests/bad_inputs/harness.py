"""Runs one bad-input case the way a treasurer would meet it, and says what happened.

A case (see ``cases.py``) starts from a copy of ``data/example`` placed under a path with
spaces and Swedish letters, removes and writes the files it names, then runs
``nns-finance check`` and the command that would use the file, each in a fresh process. The
outcome records: the exit codes, whether the expected one-line message was printed, whether
any traceback appeared, whether anything was written to the output folder, and whether any
input file changed (SHA-256 before and after).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "example"


@dataclass(frozen=True)
class Case:
    """One bad input.

    name:     short id, also the folder name of the case's data copy
    kind:     which input it attacks (settings, budget, accounts, members, deposits, ledger-csv,
              ledger-xlsx, sie, scenario)
    expected: the exact line the user must see (``file:place: message``)
    files:    data-folder-relative path → bytes written over the example copy
    remove:   data-folder-relative paths removed first
    commands: the commands that would use the file, besides ``check``; ``{data}`` and ``{out}``
              are replaced by the data folder and an empty output folder
    exit_ok:  True for legal-but-odd input (a warning): then every command must succeed
    """

    name: str
    kind: str
    expected: str
    files: dict[str, bytes] = field(default_factory=dict)
    remove: tuple[str, ...] = ()
    commands: tuple[tuple[str, ...], ...] = ()
    exit_ok: bool = False


@dataclass
class Outcome:
    case: Case
    runs: list[tuple[tuple[str, ...], int, str]] = field(default_factory=list)
    message_found: bool = False
    tracebacks: int = 0
    partial_outputs: list[str] = field(default_factory=list)
    inputs_changed: list[str] = field(default_factory=list)

    @property
    def exits_right(self) -> bool:
        return all((code == 0) if self.case.exit_ok else (code != 0) for _, code, _ in self.runs)

    @property
    def ok(self) -> bool:
        return (self.message_found and self.exits_right and not self.tracebacks
                and not self.partial_outputs and not self.inputs_changed)

    def explain(self) -> str:
        lines = [f"case {self.case.name}: expected {self.case.expected!r}"]
        for cmd, code, out in self.runs:
            lines.append(f"$ nns-finance {' '.join(cmd)}  -> exit {code}\n{out}")
        if self.partial_outputs:
            lines.append(f"written to the output folder: {self.partial_outputs}")
        if self.inputs_changed:
            lines.append(f"inputs changed: {self.inputs_changed}")
        return "\n".join(lines)


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def prepare(case: Case, workdir: Path) -> tuple[Path, Path]:
    """The case's data folder and empty output folder, under a path with spaces and å/ä/ö."""
    base = workdir / "Mina dokument" / "Ekonomi å ä ö" / case.name
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
    out.mkdir(parents=True)
    return data, out


def run_case(case: Case, workdir: Path, timeout: int = 300) -> Outcome:
    data, out = prepare(case, workdir)
    before = _digests(data)
    outcome = Outcome(case)
    env = {**os.environ, "NNS_DEBUG": "", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("NNS_DEBUG")
    for cmd in (("check", "{data}"),) + tuple(case.commands):
        argv = [a.replace("{data}", str(data)).replace("{out}", str(out)) for a in cmd]
        proc = subprocess.run([sys.executable, "-m", "nns_finance", *argv], capture_output=True,
                              text=True, timeout=timeout, env=env, cwd=str(workdir))
        text = proc.stdout + proc.stderr
        outcome.runs.append((tuple(cmd), proc.returncode, text))
        if "Traceback (most recent call last)" in text:
            outcome.tracebacks += 1
        shown = [line.strip() for line in text.splitlines()]
        if case.expected in shown:
            outcome.message_found = True
    if not case.exit_ok:
        outcome.partial_outputs = [str(p.relative_to(out)) for p in out.rglob("*")]
    after = _digests(data)
    outcome.inputs_changed = sorted(k for k in before if before[k] != after.get(k))
    return outcome
