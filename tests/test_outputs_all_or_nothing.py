"""Every command that writes several files writes them all or none (issue 15).

``scenario``, ``fees-report``, ``projection`` (notebook, HTML, record), ``budget-proposal``
(CSV, workbook, HTML, PDF, record), ``board`` (page, PDF) and ``annual-accounts`` (PDF, HTML,
workbook, record) stage their files under temporary names and rename them into place together
(:class:`nns_finance.core.outputs.OutputSet`). Here the last step of each — the rename of its
last file — fails: the output folder must hold exactly the previous run's files (no new file,
no temporary, no new folder), the run must say so in one line and exit 1, and the run's own
temporary folder (``TMPDIR``: the notebook kernel's sockets, papermill's and nbconvert's files)
must be left as it was, empty.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from nns_finance.cli import main
from nns_finance.core import outputs
from nns_finance.core.outputs import OutputSet

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"

COMMANDS = {
    "scenario": ["scenario", "{data}/scenarios/sodra-vanern.toml", "--data", "{data}", "--out", "{out}"],
    "fees-report": ["fees-report", "--data", "{data}", "--out", "{out}"],
    "projection": ["projection", "--data", "{data}", "--out", "{out}"],
    "budget-proposal": ["budget-proposal", "--data", "{data}", "--out", "{out}"],
    "board": ["board", "--data", "{data}", "--out", "{out}"],
    "annual-accounts": ["annual-accounts", "--data", "{data}", "--out", "{out}"],
}


def everything(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, hidden ones included."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def private_tmpdir(monkeypatch):
    """A TMPDIR of the test's own (short: the kernel's socket paths must stay under 108 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="t15-", dir="/tmp"))
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def fail_last_rename(monkeypatch) -> list[Path]:
    """Make every :meth:`OutputSet.commit` fail at the rename of its last file; returns the
    list the finals of the failed sets are put in."""
    real_commit = OutputSet.commit
    failed: list[Path] = []

    def commit(self):
        last = self.pending[-1][1]

        def rename(tmp, final):
            if Path(final) == last:
                failed.extend(f for _, f in self.pending)
                raise OSError(5, "Input/output error")
            os.replace(tmp, final)

        monkeypatch.setattr(outputs, "_rename", rename)
        return real_commit(self)

    monkeypatch.setattr(OutputSet, "commit", commit)
    return failed


def argv(command: str, data: Path, out: Path) -> list[str]:
    return [a.replace("{data}", str(data)).replace("{out}", str(out)) for a in COMMANDS[command]]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_failure_at_the_last_step_leaves_the_previous_files_and_no_temporaries(
        command, tmp_path, private_tmpdir, monkeypatch, capsys):
    data, out = tmp_path / "data", tmp_path / "ut"
    shutil.copytree(EXAMPLE, data)
    assert main(argv(command, data, out)) == 0                 # the previous run, complete
    previous = everything(out)
    assert len([k for k, v in previous.items() if v is not None]) >= 2
    assert list(private_tmpdir.iterdir()) == []
    capsys.readouterr()

    failed = fail_last_rename(monkeypatch)
    code = main(argv(command, data, out))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith(f"nns-finance {command}: cannot write ")
    assert err[-1].endswith(": Input/output error")
    assert len(failed) >= 2                                    # a set of files, staged together
    assert everything(out) == previous                         # the previous files, byte for byte
    assert list(private_tmpdir.iterdir()) == []                # nothing left in TMPDIR either


@pytest.mark.parametrize("command", ["annual-accounts", "budget-proposal"])
def test_a_first_run_that_fails_leaves_nothing_not_even_a_folder(command, tmp_path, private_tmpdir,
                                                                  monkeypatch, capsys):
    data, out = tmp_path / "data", tmp_path / "ut"
    shutil.copytree(EXAMPLE, data)
    fail_last_rename(monkeypatch)
    assert main(argv(command, data, out)) == 1
    assert not out.exists()
    assert list(private_tmpdir.iterdir()) == []


def test_the_run_has_its_own_temporary_folder_removed_however_it_ends(private_tmpdir):
    with pytest.raises(RuntimeError):
        with outputs.private_temporaries() as folder:
            assert folder.parent == private_tmpdir and os.environ["TMPDIR"] == str(folder)
            assert Path(tempfile.mkdtemp()).parent == folder
            (folder / "kvar.txt").write_text("x")
            raise RuntimeError("the run fails")
    assert os.environ["TMPDIR"] == str(private_tmpdir)
    assert list(private_tmpdir.iterdir()) == []
