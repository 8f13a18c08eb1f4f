"""Shared fixtures: where the example data and the SIE corpus are."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: no per-example deadline (a shared CI machine is slow at times) and the same
# examples on every run, so a red CI run can be repeated exactly.
settings.register_profile("nns", deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nns")

# The suite checks messages in the code's own language (English); tests/test_i18n.py checks the
# Swedish catalog, which is what a treasurer sees by default.
os.environ["NNS_LANG"] = "en"

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
# The SIE corpus is not in the repository: a folder shared/ beside the checkout, or NNS_CORPUS.
CORPUS = Path(os.environ.get("NNS_CORPUS") or ROOT.parent / "shared" / "corpus" / "sie")


@pytest.fixture
def example_dir() -> Path:
    """The committed example data folder (read only: copy it before changing anything)."""
    return EXAMPLE


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example data folder that a test may change."""
    dest = tmp_path / "data"
    shutil.copytree(EXAMPLE, dest)
    return dest


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"needs the SIE corpus, not found at {CORPUS}: place shared/ beside the "
                    "checkout (../shared/corpus/sie) or set NNS_CORPUS=/path/to/corpus/sie")
    return CORPUS


def pytest_terminal_summary(terminalreporter):
    """The bad-input corpus figures (tests/test_bad_inputs.py), when any of its cases ran."""
    figures = [value for reports in terminalreporter.stats.values() for r in reports
               if getattr(r, "when", None) == "call"
               for name, value in getattr(r, "user_properties", ()) if name == "bad_input"]
    if figures:
        from bad_inputs.harness import summary

        terminalreporter.write_sep("-", "bad-input corpus")
        terminalreporter.write_line(summary(figures))


@pytest.fixture
def swedish(monkeypatch):
    """As a treasurer runs it: no NNS_LANG, nothing chosen yet (the settings decide)."""
    from nns_finance.core import i18n

    monkeypatch.delenv("NNS_LANG", raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)
