"""Outputs: atomic writes, safe paths, the made time, provenance."""
from __future__ import annotations

import datetime as dt

import pytest

from nns_finance.core.outputs import atomic_write, made_time, provenance, safe_child, to_json
from nns_finance.core.problems import OutputError


def test_atomic_write_replaces_whole_file_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "out" / "report.html"
    atomic_write(target, "första")
    atomic_write(target, "andra")
    assert target.read_text(encoding="utf-8") == "andra"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


@pytest.mark.parametrize("name", ["../../x", "..", "a/b", "/etc", ".hidden", ""])
def test_safe_child_refuses_names_that_leave_the_folder(tmp_path, name):
    with pytest.raises(OutputError, match="refused output"):
        safe_child(tmp_path, name)


def test_safe_child_accepts_periods_and_swedish_names(tmp_path):
    assert safe_child(tmp_path, "2025-09") == tmp_path / "2025-09"
    assert safe_child(tmp_path, "Södra Vänern lämnar") == tmp_path / "Södra Vänern lämnar"


def test_made_time_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758585600")
    assert made_time() == dt.datetime(2025, 9, 23, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    with pytest.raises(OutputError, match="SOURCE_DATE_EPOCH"):
        made_time()


def test_one_clock_local_time_one_format(monkeypatch):
    """Every output says when it was made in Swedish local time, one format, summer and winter."""
    from nns_finance.core.outputs import made_text

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1758585600")       # 2025-09-23 00:00 UTC
    assert made_time().utcoffset() == dt.timedelta(hours=2)
    assert made_text() == "2025-09-23 02:00:00+02:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")       # 2026-01-01 00:00 UTC
    assert made_text() == "2026-01-01 01:00:00+01:00"
    assert dt.datetime.fromisoformat(made_text()) == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert made_text(dt.datetime(2026, 7, 1, 10, 0)) == "2026-07-01 12:00:00+02:00"   # naive = UTC


def test_provenance_names_inputs_parameters_and_version(monkeypatch, example_dir):
    from nns_finance import __version__
    from nns_finance.core.books import Source

    class FakeBooks:
        folder = example_dir
        sources = (Source("budget.csv", "ab" * 32),)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    record = provenance(FakeBooks(), {"period": "2025-09"})
    assert record["inputs"] == [{"file": "budget.csv", "sha256": "ab" * 32}]
    assert record["parameters"] == {"period": "2025-09"}
    assert record["version"] == __version__
    assert record["made"] == "1970-01-01 01:00:00+01:00"
    assert to_json(record) == to_json(dict(reversed(list(record.items()))))


def test_csv_text_cannot_become_a_formula_but_amounts_keep_their_minus():
    import pandas as pd

    from nns_finance.reports.textout import render

    frame = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "Kaffe"],
                          "amount": [-8550050, 100, 0]})
    assert render(frame, "csv", money=["amount"]).splitlines() == [
        "text,amount",
        "\"'=HYPERLINK(\"\"http://x\"\")\",-85500.50",
        "'@SUM(A1),1.00",
        "Kaffe,0.00",
    ]
