"""Faults: a report or an export killed at any point leaves, at each final path, either the
previous complete output or nothing; a writer that fails does the same and says so in one
line; two runs over the same inputs with ``SOURCE_DATE_EPOCH`` give byte-identical Excel, HTML
and PDF; a period or scenario name like ``../../x`` never writes outside the output folder.

Each run is a fresh ``nns-finance`` process (killed with SIGKILL, the whole process group, so
the notebook kernel goes too), except the failing-writer runs, which patch the writer in process.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from nns_finance.cli import main
from nns_finance.core.outputs import safe_child
from nns_finance.core.problems import OutputError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
EPOCH = "1760000000"          # 2025-10-09 08:53:20 UTC: every "made" time in these tests


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NNS_DEBUG"}
    env.update(SOURCE_DATE_EPOCH=EPOCH, MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    return env


def _argv(*args) -> list[str]:
    return [sys.executable, "-m", "nns_finance", *map(str, args)]


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_argv(*args), capture_output=True, text=True, env=_env(), cwd=str(cwd), timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name → bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def is_temporary(name: str) -> bool:
    """The writers' temporary names: ``.report-2025-09.pdf.x1y2.part`` (hidden, ``.part``)."""
    return Path(name).name.startswith(".") and ".part" in Path(name).name


def kill_during(args, cwd: Path, watch: Path, delay: float | None) -> bool:
    """Start a run; SIGKILL its process group after ``delay`` s, or (``None``) as soon as a
    temporary output file appears under ``watch`` — that is, mid-write. True if it was killed
    while still running."""
    proc = subprocess.Popen(_argv(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_env(), cwd=str(cwd), start_new_session=True)
    try:
        if delay is not None:
            time.sleep(delay)
        else:
            deadline = time.monotonic() + 120
            while proc.poll() is None and time.monotonic() < deadline:
                if any(is_temporary(p.name) for p in watch.rglob("*")):
                    break
                time.sleep(0.002)
    finally:
        alive = proc.poll() is None
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    return alive


def assert_previous_or_nothing(out: Path, previous: dict[str, bytes]) -> None:
    """Each final path holds the previous complete output or nothing; nothing else is there
    except the writers' hidden temporary files (a SIGKILL gives no chance to remove them)."""
    now = snapshot(out)
    for name, data in now.items():
        if is_temporary(name):
            continue
        assert name in previous, f"{name}: a new file at a final path"
        assert data == previous[name], f"{name}: not the previous complete output"


@pytest.fixture(scope="module")
def report_once(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """The example data, and one complete report of 2025-09 made from it (SOURCE_DATE_EPOCH set)."""
    base = tmp_path_factory.mktemp("faults")
    data = base / "data"
    shutil.copytree(EXAMPLE, data)
    out = base / "first"
    done = run("report", "--period", "2025-09", "--data", data, "--out", out, cwd=base)
    assert done.returncode == 0, done.stderr
    previous = snapshot(out)
    assert {Path(n).suffix for n in previous} >= {".ipynb", ".html", ".pdf", ".json"}
    return base, data, previous


def _fresh_copy(base: Path, name: str, previous: dict[str, bytes]) -> Path:
    out = base / name
    for rel, data in previous.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return out


@pytest.mark.parametrize("delay", [None, 1.0, 4.0, 8.0])
def test_a_report_killed_midway_leaves_the_previous_report_or_nothing(report_once, delay):
    base, data, previous = report_once
    out = _fresh_copy(base, f"killed-{delay}", previous)
    killed = kill_during(["report", "--period", "2025-09", "--data", data, "--out", out], base, out, delay)
    assert killed or delay is not None
    assert_previous_or_nothing(out, previous)


def test_a_report_run_twice_gives_byte_identical_html_pdf_and_excel(report_once):
    base, data, previous = report_once
    out = base / "second"
    done = run("report", "--period", "2025-09", "--data", data, "--out", out, cwd=base)
    assert done.returncode == 0, done.stderr
    again = snapshot(out)
    assert sorted(again) == sorted(previous)
    for name in previous:
        if Path(name).suffix in (".html", ".pdf", ".xlsx", ".ipynb", ".json"):
            assert again[name] == previous[name], f"{name} differs between two runs"
    record = json.loads(previous[next(n for n in previous if n.endswith(".json"))])
    assert record["made"] == "2025-10-09 10:53:20+02:00"


@pytest.fixture(scope="module")
def export_once(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("export-faults")
    data = base / "data"
    shutil.copytree(EXAMPLE, data)
    out = base / "first"
    done = run("export", "--data", data, "--out", out / "revisorsunderlag.xlsx", cwd=base)
    assert done.returncode == 0, done.stderr
    return base, data, snapshot(out)


@pytest.mark.parametrize("delay", [None, 0.5, 1.5, 2.5, 3.5])
def test_an_export_killed_midway_leaves_the_previous_workbook_or_nothing(export_once, delay):
    base, data, previous = export_once
    out = _fresh_copy(base, f"killed-{delay}", previous)
    killed = kill_during(["export", "--data", data, "--out", out / "revisorsunderlag.xlsx"], base, out, delay)
    assert killed or delay is not None
    if delay is None:                         # killed mid-write: the temporary file is all that was hit
        assert any(is_temporary(n) for n in snapshot(out))
    assert_previous_or_nothing(out, previous)
    zipfile.ZipFile(io.BytesIO((out / "revisorsunderlag.xlsx").read_bytes())).testzip()


def test_an_export_run_twice_gives_a_byte_identical_workbook(export_once):
    base, data, previous = export_once
    out = base / "second"
    done = run("export", "--data", data, "--out", out / "revisorsunderlag.xlsx", cwd=base)
    assert done.returncode == 0, done.stderr
    assert snapshot(out) == previous


def _disk_full(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_an_export_whose_writer_fails_keeps_the_previous_workbook(export_once, monkeypatch, capsys):
    import nns_finance.workbook.build as build

    base, data, previous = export_once
    out = _fresh_copy(base, "disk-full", previous)
    real_write = build._write

    def half_then_full(path, *args):
        real_write(path, *args)
        with open(path, "r+b") as f:          # the disk fills up with half the workbook written
            f.truncate(Path(path).stat().st_size // 2)
        _disk_full()

    monkeypatch.setattr(build, "_write", half_then_full)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(["export", "--data", str(data), "--out", str(out / "revisorsunderlag.xlsx")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [f"nns-finance export: cannot write {out / 'revisorsunderlag.xlsx'}: No space left on device"]
    assert snapshot(out) == previous          # the previous workbook, and no temporary file left


def test_a_report_whose_writer_fails_leaves_no_partial_file(report_once, monkeypatch, capsys):
    base, data, previous = report_once
    out = _fresh_copy(base, "disk-full", previous)
    monkeypatch.setattr(os, "fsync", _disk_full)   # every atomic write fails at its last step
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code = main(["report", "--period", "2025-09", "--data", str(data), "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith("nns-finance report: cannot write ")
    assert err[-1].endswith(": No space left on device")
    assert_previous_or_nothing(out, previous)
    assert not [n for n in snapshot(out) if is_temporary(n)]


# --- output goes only under the output folder ---------------------------------------------------

@pytest.mark.parametrize("name", ["../../x", "..", "a/b", "/etc/x", ".dold", "x\x00y", "..\\x"])
def test_a_name_that_would_leave_the_output_folder_is_refused(tmp_path, name):
    with pytest.raises(OutputError, match="refused output"):
        safe_child(tmp_path, name)


@pytest.mark.parametrize("command", [
    ["report", "--period", "../../x"],
    ["export", "--period", "../../x"],
])
def test_a_period_like_dotdot_is_refused_and_nothing_is_written(tmp_path, command):
    data = tmp_path / "a" / "b" / "data"
    shutil.copytree(EXAMPLE, data)
    before = snapshot(tmp_path)
    out = tmp_path / "a" / "b" / "ut"
    args = command + ["--data", data, "--out", out / "x.xlsx" if command[0] == "export" else out]
    done = run(*args, cwd=tmp_path / "a" / "b")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "../../x" in lines[0] and "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before       # nothing written anywhere, inside or outside


def test_a_scenario_named_dotdot_writes_only_inside_the_output_folder(tmp_path):
    data = tmp_path / "a" / "b" / "data"
    shutil.copytree(EXAMPLE, data)
    scenario = data / "scenarios" / "ut.toml"
    scenario.write_text('name = "../../x"\ndescription = "försöker skriva utanför"\n\n'
                        '[[withdrawals]]\nmember = "M41"\nnotice_date = 2025-09-30\n', encoding="utf-8")
    before = snapshot(tmp_path)
    out = tmp_path / "a" / "b" / "ut"
    done = run("scenario", scenario, "--data", data, "--out", out, cwd=tmp_path / "a" / "b")
    after = snapshot(tmp_path)
    new = sorted(set(after) - set(before))
    assert all(Path(tmp_path / n).resolve().is_relative_to(out.resolve()) for n in new), new
    assert {k: v for k, v in after.items() if k in before} == before
    if done.returncode == 0:                  # the name is made a plain file name under ut/scenarier/
        assert new and all(n.startswith("a/b/ut/scenarier/") for n in new)
    else:
        assert "Traceback" not in done.stderr and not new
