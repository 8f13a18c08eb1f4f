"""The notebook's kernel is handed the Books and report ``nns-finance report`` has just read and
computed: once, only for the same folder, period and language, and the notebook shows the
same either way."""
from __future__ import annotations

import datetime as dt
import pickle

from nns_finance.books.load import hand_over, load
from nns_finance.cli import main
from nns_finance.reports import monthly
from nns_finance.reports.notebooks import NotebookLater, _Pickler, receive
from test_report_helpers import write_folder


def _pickled(path, books, report):
    with open(path, "wb") as f:
        _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump((books, report))
    return str(path)


def test_a_handed_over_books_and_report_are_used_once(tmp_path):
    data = write_folder(tmp_path / "data").resolve()
    books = load(data)
    report = monthly.build_report(books, "2025-02", "en")
    receive(_pickled(tmp_path / "h.pickle", books, report))     # settings' read-only mappings too
    handed = load(data)
    assert handed is not books and handed.sources == books.sources
    assert load(data) is not handed                             # once: the next load reads the folder
    made = dt.datetime(2025, 4, 10, 14, tzinfo=dt.timezone.utc)
    again = monthly.build_report(handed, "2025-02", "en", made=made)
    assert again.made == made and again.result.equals(report.result)   # dated as asked
    assert int(again.record_figures()["result_ytd"]) == 8_000_00   # Feb: fees 12 000, staff -4 000
    assert monthly.build_report(handed, "2025-02", "en", made=made) is not again


def test_no_hand_over_for_another_folder_period_or_options(tmp_path):
    data = write_folder(tmp_path / "data").resolve()
    books = load(data)
    hand_over(books)
    assert load(data, strict=False) is not books                # other options: read
    assert load(data) is not books                              # and the hand-over is spent
    monthly.hand_over(books, monthly.build_report(books, "2025-02", "sv"))
    march = monthly.build_report(books, "2025-03", "sv")        # another month: computed
    assert march.period.text == "2025-03" and int(march.record_figures()["result_ytd"]) == 6_500_00
    # through March: fees 12 000 + Projekt A 1 500 - staff 6 500 - meeting 500


def test_the_notebook_is_the_same_with_and_without_the_hand_over(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744286400")
    data = write_folder(tmp_path / "data")
    dumped = []
    real_dump = _Pickler.dump
    monkeypatch.setattr(_Pickler, "dump", lambda self, obj: (dumped.append(1), real_dump(self, obj))[1])
    outputs = {}
    for handed in (True, False):
        if not handed:
            real_run = NotebookLater.run
            monkeypatch.setattr(NotebookLater, "run", lambda self, *a, handover=None, **k: real_run(self, *a, **k))
        out = tmp_path / f"out-{handed}"
        assert main(["report", "--period", "2025-02", "--data", str(data), "--out", str(out)]) == 0
        outputs[handed] = {p.name: p.read_bytes() for p in (out / "2025-02").iterdir()}
    assert dumped == [1]                                        # handed over the first time only
    assert outputs[True] == outputs[False]
