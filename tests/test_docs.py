"""The README and docs/ stay true: every command their code blocks show runs on a copy of the
example, pasted from the repository root, and exits 0; every link points at a file that exists.

A copy of the repository's working parts is made in a temporary folder (the example data
copied, the environment, notebooks and Makefile linked), and each code block's commands run
there in order, in a fresh copy per block, as the user would paste them.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Whole-suite, long-running or interactive targets, and ones that change the checkout itself.
NOT_RUN = {"make test", "make bench", "make lab", "make lock", "make clean", "make setup"}
LINKED = [".venv", "notebooks", "Makefile", "requirements.lock", "pyproject.toml"]


def code_blocks(page: Path) -> list[list[str]]:
    """Each fenced code block of a Markdown page as its lines."""
    blocks, current = [], None
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def command_of(line: str) -> str | None:
    """The command a code-block line shows (comment dropped), or None when it shows none."""
    words = shlex.split(line, comments=True)
    if not words:
        return None
    first = words[0]
    if first in ("nns-finance", ".venv/bin/nns-finance") or first == "make":
        return shlex.join(words) if "*" not in line else line.split(" #")[0].strip()
    return None


def shown_commands() -> list[tuple[str, int, list[str]]]:
    """(page, block number, commands) for every code block that shows a command."""
    out = []
    for page in PAGES:
        for n, block in enumerate(code_blocks(page), 1):
            commands = [c for c in map(command_of, block) if c]
            if commands:
                out.append((page.relative_to(ROOT).as_posix(), n, commands))
    return out


SHOWN = shown_commands()


def test_the_docs_show_commands():
    pages = {page for page, _, _ in SHOWN}
    assert {"README.md", "docs/commands.md"} <= pages
    commands = [c for _, _, cs in SHOWN for c in cs]
    for needed in ("make report", "make check", "make export", "nns-finance fees-report",
                   "nns-finance budget-proposal", "nns-finance init"):
        assert any(needed in c for c in commands), needed


def test_no_bare_command_in_a_code_block():
    """A bare `nns-finance` fails when pasted (the environment is not active): show the path."""
    bare = [(page, c) for page, _, cs in SHOWN for c in cs if c.startswith("nns-finance")]
    assert bare == []


def test_readme_is_short():
    assert len((ROOT / "README.md").read_bytes()) <= 15_000


def test_every_link_points_at_a_file():
    broken = []
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            if not (page.parent / target).resolve().exists():
                broken.append((page.name, target))
    assert broken == []


def checkout_copy(tmp: Path) -> Path:
    """The repository root as the user has it: example data copied, the rest linked."""
    root = tmp / "repo med å"
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "example", root / "data" / "example")
    for name in LINKED:
        (root / name).symlink_to(ROOT / name)
    return root


@pytest.mark.parametrize(("page", "block", "commands"), SHOWN,
                         ids=[f"{p}#{b}" for p, b, _ in SHOWN])
def test_the_commands_shown_run(page, block, commands, tmp_path):
    runnable = [c for c in commands if c.split(" PERIOD=")[0] not in NOT_RUN]
    if not runnable:
        pytest.skip(f"{page} block {block} shows only {', '.join(commands)} (not run here)")
    root = checkout_copy(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL")}
    for command in runnable:
        if command.startswith("nns-finance"):
            command = ".venv/bin/" + command
        if command.startswith("make "):     # the environment is the checkout's: never rebuilt here
            command = "make -o .venv/.installed " + command[len("make "):]
        done = subprocess.run(["bash", "-c", command], cwd=root, env=env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, f"{page}: {command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        assert "Traceback" not in done.stderr, command
    # Nothing outside reports/ and the folders the commands name was written into the example.
    changed = [p for p in (root / "data" / "example").rglob("*")
               if p.is_file() and not (ROOT / "data" / "example" / p.relative_to(
                   root / "data" / "example")).is_file()]
    assert changed == []
