"""Running notebooks: outputs land atomically; a failure leaves only the marked notebook."""
from __future__ import annotations

import nbformat
import pytest

from nns_finance.core.problems import NNSFinanceError
from nns_finance.reports.notebooks import NotebookFailed, run_notebook


def _write_notebook(folder, source_after):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("amount_kr: str = '0'  # an amount in kronor, as text")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(source_after)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(folder / "probe.ipynb"))


def test_run_writes_notebook_and_html_without_code(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    _write_notebook(src, "from nns_finance.core.money import format_kr, parse_ore\n"
                         "print(format_kr(parse_ore(amount_kr)))")
    monkeypatch.setenv("NNS_NOTEBOOKS", str(src))
    out = tmp_path / "out"
    result = run_notebook("probe", {"amount_kr": "1552276"}, out)
    html = result.html.read_text(encoding="utf-8")
    assert "1 552 276 kr" in html
    assert "format_kr(" not in html          # no code cells in the HTML
    assert sorted(p.name for p in out.iterdir()) == ["probe.html", "probe.ipynb"]


def test_failed_run_leaves_only_the_marked_notebook(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    _write_notebook(src, "raise ValueError('budgeten saknas')")
    monkeypatch.setenv("NNS_NOTEBOOKS", str(src))
    out = tmp_path / "out"
    with pytest.raises(NotebookFailed, match="ValueError: budgeten saknas"):
        run_notebook("probe", {}, out)
    assert [p.name for p in out.iterdir()] == ["probe.ipynb"]
    executed = nbformat.read(str(out / "probe.ipynb"), as_version=4)
    assert any("papermill-error-cell" in str(c.get("id", "")) or "An Exception was encountered" in c.source
               for c in executed.cells)


def test_a_parameter_the_notebook_does_not_declare_is_refused(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    _write_notebook(src, "print(amount_kr)")
    monkeypatch.setenv("NNS_NOTEBOOKS", str(src))
    with pytest.raises(NNSFinanceError, match=r"probe.ipynb has no parameter first_year, year \(its parameters: amount_kr\)"):
        run_notebook("probe", {"amount_kr": "1", "year": 2026, "first_year": 2026}, tmp_path / "out")
    assert not (tmp_path / "out").exists()

