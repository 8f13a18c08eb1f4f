"""``nns-finance report`` end to end: the notebook run headless, the HTML without code, the PDF,
the record, one-line errors, and a failed notebook leaving only itself behind."""
from __future__ import annotations

import io
import json
import shutil

import nbformat
from pypdf import PdfReader

from nns_finance.cli import main
from nns_finance.core.outputs import sha256_file
from nns_finance.reports.notebooks import notebook_dir
from test_report_helpers import write_folder


def test_report_with_non_default_parameters(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744286400")          # 2025-04-10 12:00 UTC
    data = write_folder(tmp_path / "data", forecast_csv="kod;år;belopp\nkostnader.mote;2025;-11 000\n")
    out = tmp_path / "out"
    assert main(["report", "--period", "2025-02", "--data", str(data), "--out", str(out), "--lang", "en"]) == 0
    folder = out / "2025-02"
    mine = ["report-2025-02.ipynb", "report-2025-02.html", "report-2025-02.pdf", "report-2025-02.json"]
    names = sorted(p.name for p in folder.iterdir())
    assert set(mine) <= set(names) and not [n for n in names if n.startswith(".")]   # no temp files
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == [str(folder / n) for n in mine[:3]] and printed[-1] == str(folder / mine[3])
    assert sorted(printed) == sorted(str(folder / n) for n in names)   # (+ the auditors' workbook)
    # the executed notebook ran with the parameters and shows the figures
    nb = nbformat.read(str(folder / "report-2025-02.ipynb"), as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "period = \"2025-02\"" in injected.source and "lang = \"en\"" in injected.source
    html = (folder / "report-2025-02.html").read_text(encoding="utf-8")
    # Feb: fees 12 000, staff -4 000 -> result to date 8 000; forecast: fees 12 000 + 10 × 1 000,
    # Projekt A 10 × 500, staff -4 000 + 10 × -2 000, meeting given as -11 000: -8 000
    for expected in ("Outcome through February 2025", "Result to date", "8 000 kr",
                     "Forecast result for the year", "-8 000 kr", "-11 000 *", "Testföreningen",
                     "Data quality", "Möte"):
        assert expected in html, expected
    # no code in the HTML page
    assert "build_report" not in html and "import nns_finance" not in html
    assert 'class="jp-InputArea' not in html and "jp-InputPrompt" not in html.split("</style>")[-1]
    pdf = PdfReader(io.BytesIO((folder / "report-2025-02.pdf").read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Outcome through February 2025" in text and "8 000 kr" in text and "-8 000 kr" in text
    record = json.loads((folder / "report-2025-02.json").read_text(encoding="utf-8"))
    # the folder is recorded so that it does not depend on where it lies (outputs.folder_label)
    assert record["parameters"] == {"data": "data", "period": "2025-02", "lang": "en",
                                    "made": "2025-04-10 14:00:00+02:00"}
    assert {i["file"] for i in record["inputs"]} == {"settings.toml", "budget.csv", "accounts.csv", "deposits.csv",
                                                     "forecast.csv", "ledger/2025.csv",
                                                     "ledger/opening_balances.csv"}
    assert {"file": "budget.csv", "sha256": sha256_file(data / "budget.csv")} in record["inputs"]
    assert record["version"] and record["made"] == "2025-04-10 14:00:00+02:00"
    assert [o["file"] for o in record["outputs"]][:3] == mine[:3]
    assert {o["file"] for o in record["outputs"]} == set(names) - {"report-2025-02.json"}
    assert record["outputs"][2]["sha256"] == sha256_file(folder / "report-2025-02.pdf")


def _errors(capsys, argv) -> list[str]:
    assert main(argv) == 1
    return capsys.readouterr().err.splitlines()


def test_bad_periods_and_folders_give_one_line_and_write_nothing(tmp_path, capsys):
    data = write_folder(tmp_path / "data")
    out = tmp_path / "out"
    base = ["report", "--data", str(data), "--out", str(out)]
    assert _errors(capsys, base + ["--period", "2025-13"]) == [
        "nns-finance report: period '2025-13': there is no month 13 (months are 1–12); write it as YYYY-MM, "
        "e.g. 2025-09"]
    assert _errors(capsys, base + ["--period"]) == [
        "nns-finance report: --period needs a month, e.g. --period 2025-09"]
    assert _errors(capsys, base + ["--period", "2025-04"]) == [
        "nns-finance report: period 2025-04 is beyond the ledger: its last voucher in 2025 is dated 2025-03-31"]
    assert _errors(capsys, base + ["--period", "2026-01"]) == [
        "nns-finance report: period 2026-01: the ledger has no vouchers for 2026 (it holds 2025)"]
    assert _errors(capsys, ["report", "--data", str(tmp_path / "nowhere"), "--out", str(out)]) == [
        f"nns-finance report: {tmp_path / 'nowhere'}: not a data folder (no such directory)"]
    (data / "budget.csv").write_bytes(b"\xff\xfe\x00B\x00u")
    err = _errors(capsys, base)
    assert err[0] == "budget.csv:1: file contains NUL bytes: not a text file (UTF-16? binary?)"
    assert err[-1].startswith("1 error, ")
    assert not out.exists()


def test_a_failing_notebook_leaves_only_itself_marked(tmp_path, capsys, monkeypatch):
    data = write_folder(tmp_path / "data")
    books_dir = tmp_path / "notebooks"
    books_dir.mkdir()
    nb = nbformat.read(str(notebook_dir() / "monthly_report.ipynb"), as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise RuntimeError("the printer is on fire")'))
    nbformat.write(nb, str(books_dir / "monthly_report.ipynb"))
    monkeypatch.setenv("NNS_NOTEBOOKS", str(books_dir))
    out = tmp_path / "out"
    stale = out / "2025-03"
    stale.mkdir(parents=True)
    for name in ("report-2025-03.pdf", "report-2025-03.html", "report-2025-03.json"):
        (stale / name).write_text("from an earlier run")
    err = _errors(capsys, ["report", "--data", str(data), "--out", str(out), "--period", "2025-03"])
    assert len(err) == 1 and "RuntimeError: the printer is on fire" in err[0]
    assert sorted(p.name for p in stale.iterdir()) == ["report-2025-03.ipynb"]   # nothing else
    executed = (stale / "report-2025-03.ipynb").read_text(encoding="utf-8")
    assert "An Exception was encountered at" in executed


def test_the_source_notebook_is_a_thin_template_without_outputs():
    nb = nbformat.read(str(notebook_dir() / "monthly_report.ipynb"), as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and nb.cells[0] is params[0]
    assert [line.split(":")[0] for line in params[0].source.splitlines() if not line.startswith("#")] == [
        "data", "period", "lang", "made"]
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "def " not in cell.source and "class " not in cell.source
