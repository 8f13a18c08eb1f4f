"""The workbook opened in a real spreadsheet program: LibreOffice recalculates every formula and
each result equals the package's figure to the öre.

To prove LibreOffice computes the figures itself, the copy it opens stores 0 as every formula's
value (``cached_values=False``); a private LibreOffice profile sets "recalculate on load:
always" for Excel files (LibreOffice otherwise trusts the stored values). Skipped, with a
message, when ``soffice`` is not installed (CI's ``.ci/run`` installs ``libreoffice-calc``).
"""
from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

import nns_finance
from nns_finance.workbook import export_workbook, scope_for

from test_workbook import make_data

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                "install libreoffice-calc to run the recalculation test")


def recalculated(path, tmp_path):
    """``path`` opened, recalculated and saved again as .xlsx by LibreOffice."""
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE, encoding="utf-8")
    out = tmp_path / "lo-out"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                          capture_output=True, text=True, timeout=240)
    result = out / path.name
    assert result.exists(), f"LibreOffice did not convert: {done.stdout} {done.stderr}"
    return result


def same(expected, got) -> bool:
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return round(expected * 100) == round(got * 100)      # to the öre (and ratios to 0.01 %)
    return (expected in ("", None) and got in ("", None)) or expected == got


@pytest.mark.parametrize("period,folder", [(None, "hand-made"), ("2025-09", "hand-made"), (None, "example")])
def test_libreoffice_recalculates_every_formula_to_the_packages_figure(tmp_path, example_dir, period, folder):
    if folder == "example" and not any((example_dir / "ledger").glob("*")):
        pytest.skip("the example data folder has no ledger yet")
    books = nns_finance.load(example_dir if folder == "example" else make_data(tmp_path / "data", example_dir))
    scope = scope_for(None if period else 2025, period, 2025)
    ours = export_workbook(books, scope, tmp_path / "ours.xlsx", max_rows=8)
    blank = export_workbook(books, scope, tmp_path / "blank" / "ours.xlsx", max_rows=8, cached_values=False)
    theirs = openpyxl.load_workbook(recalculated(blank, tmp_path), data_only=True)
    formulas = openpyxl.load_workbook(ours)
    values = openpyxl.load_workbook(ours, data_only=True)
    checked, wrong = 0, []
    for ws in formulas:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("=")):
                    checked += 1
                    expected = values[ws.title][c.coordinate].value
                    got = theirs[ws.title][c.coordinate].value
                    if not same(expected, got):
                        wrong.append(f"{ws.title}!{c.coordinate} {c.value}: package {expected!r}, LibreOffice {got!r}")
    assert checked > 500
    assert wrong == []
    # and the verdicts LibreOffice computed are the package's: every check OK
    verdicts = [r[4] for r in theirs["Kontroller"].iter_rows(min_row=5, values_only=True) if r[4] in ("OK", "FEL")]
    assert verdicts and set(verdicts) == {"OK"}
