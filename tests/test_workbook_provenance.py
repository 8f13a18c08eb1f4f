"""The workbook's bytes depend on the inputs only: not on where the data folder lies, and not on
XlsxWriter's private internals (another XlsxWriter version writes the same cells the public way).
"""
from __future__ import annotations

import shutil

import openpyxl
import pytest
import xlsxwriter

import nns_finance
from nns_finance.cli import main
from nns_finance.workbook import export_workbook, fast_rows, scope_for
from nns_finance.workbook.info import folder_label

from test_workbook import EPOCH, make_data


def info_pairs(path) -> dict:
    return {r[0]: r[1] for r in openpyxl.load_workbook(path)["Info"].iter_rows(values_only=True) if r[0]}


def test_same_data_in_two_places_gives_identical_bytes(tmp_path, example_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    here = make_data(tmp_path / "checkout-a" / "data", example_dir)
    there = tmp_path / "elsewhere" / "deeper" / "data"
    shutil.copytree(here, there)
    outside = tmp_path / "somewhere-else"   # neither folder lies under the working directory
    outside.mkdir()
    monkeypatch.chdir(outside)
    scope = scope_for(2025, None, 2025)
    a = export_workbook(nns_finance.load(here), scope, tmp_path / "a.xlsx", parameters={"data": str(here)})
    b = export_workbook(nns_finance.load(there), scope, tmp_path / "b.xlsx", parameters={"data": str(there)})
    assert a.read_bytes() == b.read_bytes()
    info = info_pairs(a)
    assert info["Datamapp"] == "data" and info["data"] == "data"        # no absolute path on Info
    assert str(tmp_path) not in " ".join(str(v) for v in info.values())


def test_cli_from_two_checkouts_gives_identical_bytes(tmp_path, example_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    outs = []
    for checkout in ("one", "two/nested"):
        root = tmp_path / checkout
        make_data(root / "data" / "example", example_dir)
        monkeypatch.chdir(root)
        assert main(["export", "--year", "2025", "--data", "data/example", "--out", "w.xlsx"]) == 0
        # the same folder given as an absolute path records the same relative name
        assert main(["export", "--year", "2025", "--data", str(root / "data" / "example"),
                     "--out", "w-abs.xlsx"]) == 0
        assert (root / "w.xlsx").read_bytes() == (root / "w-abs.xlsx").read_bytes()
        outs.append((root / "w.xlsx").read_bytes())
    assert outs[0] == outs[1]
    assert info_pairs(tmp_path / "one" / "w.xlsx")["Datamapp"] == "data/example"


def test_folder_label(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert folder_label("data/example") == "data/example"
    assert folder_label(tmp_path / "data" / "example") == "data/example"
    assert folder_label("/srv/ekonomi/nns-2025") == "nns-2025"


def test_another_xlsxwriter_version_writes_the_same_file_the_public_way(tmp_path, example_dir, monkeypatch):
    """The Huvudbok fast path mirrors XlsxWriter 3.3.1's private row writing; with any other
    version the public calls write the rows instead — the same bytes, awkward texts included."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    books = nns_finance.load(make_data(tmp_path / "data", example_dir))
    led = books.ledger.copy()
    texts = ["Faktura <12> & moms", " inledande blanksteg", "tabb\tslut ", "styr\x01tecken",
             "_x0041_ bokstavligt", "=1+1", "x" * 32_767, ""]
    led.loc[: len(texts) - 1, "text"] = texts
    books = type(books)(**{**books.__dict__, "ledger": led})
    scope = scope_for(2025, None, 2025)
    public_calls = []
    original = fast_rows.write_rows_public

    def spy(*args, **kwargs):
        public_calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(fast_rows, "write_rows_public", spy)
    assert xlsxwriter.__version__ in fast_rows.CHECKED_XLSXWRITER, \
        "requirements.lock's XlsxWriter is not the one the fast path was checked against"
    fast = export_workbook(books, scope, tmp_path / "fast.xlsx")
    assert public_calls == []
    monkeypatch.setattr(xlsxwriter, "__version__", "3.4.0")
    public = export_workbook(books, scope, tmp_path / "public.xlsx")
    assert public_calls == [1, 1]                  # Huvudbok and Verifikationslista went the public way
    assert fast.read_bytes() == public.read_bytes()
    ws = openpyxl.load_workbook(public)["Huvudbok"]
    assert ws.max_row == 35 and ws["H3"].data_type == "s" and ws["F3"].data_type == "n"


def test_fast_path_needs_the_private_names_it_uses():
    class Worksheet:   # a streaming worksheet of a version that renamed its row writer
        constant_memory = True
        fh = previous_row = xls_rowmax = None

        def _check_dimensions(self, *a):
            return 0

    assert not fast_rows.fast_path_usable(Worksheet())
    Worksheet._write_single_row = lambda self, row: None
    assert fast_rows.fast_path_usable(Worksheet()) == (xlsxwriter.__version__ in fast_rows.CHECKED_XLSXWRITER)


@pytest.mark.parametrize("kind,values,expected", [
    ("kr", [8_333_333, -5, 100], [83333.33, -0.05, 1.0]),
    ("int", [4, 5], [4, 5]),
    ("code", ["183", "007", "A12", ""], [183, "007", "A12", None]),
    ("text", ["=SUM(A1)", "", None], ["=SUM(A1)", None, None]),
])
def test_public_values_are_the_fast_paths_cells(kind, values, expected):
    import pandas as pd

    series = pd.Series(values, dtype="str" if kind in ("text", "code") else "int64")
    assert fast_rows._public_values(kind, series) == expected
