"""Every notebook in ``notebooks/`` run as JupyterLab runs it: a fresh kernel started in
``notebooks/``, the parameters cell as written (``data = "data/example"``, relative), nothing
injected. Each must finish and show a figure known from the example's books (DOMAIN.md: the
2025 outcome, the 2026 budget). The notebooks are run one per test, so xdist spreads them."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from nns_finance.reports.notebooks import kernel_manager_class

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"

# what each notebook must show with its default parameters, from the example data folder
SHOWN = {
    # the 2026 books, closed through November: result 26 278 kr to date, equity 1 580 302 →
    # forecast 1 516 330 kr, and the balance sheet
    "monthly_report": ["Utfall till och med november 2026", "Resultat hittills i år (jan–nov)", "26 278 kr",
                       "1 580 302 kr → 1 516 330 kr", "Balansräkning"],
    # 2026 from the budget: result 3 249 kr, closing equity 1 580 302 + 3 249 = 1 583 551 kr
    "projection": ["# Flerårsprognos 2026–2030", "2026  2 534 249  -2 531 000  3 249",
                   "1 580 302  1 583 551"],
    # Södra Vänern gave notice 2025-09-30: gone 2026-01-01; the 2026 budget already without it
    "member_withdrawal": ["# Utträden 2026–2028", "Samordningsförbundet Södra Vänern", "2026-01-01",
                          "Förlorade medlemsavgifter", "200 kr", "3 249 kr", "1 583 551 kr"],
    # the base 2026 is the budget; the annual meeting in Posthuset costs 622 300 kr for 280
    "scenarios": ["# Scenarier 2026–2028", "Södra Vänern lämnar", "3 249 kr", "1 583 551 kr", "622 300 kr"],
    # the rules in force give the 2026 budget's service fees exactly; the target is 2025's budget
    "fee_scenarios": ["avgifter 2026, 2 scenarier", "Gällande regler 2026", "1 732 849 kr",
                      "budgeten 2025 (1 794 449 kr)"],
}


def test_every_notebook_is_run_here():
    assert sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")) == sorted(SHOWN)


def _shown_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(str(out.get("text", "")))
            data = out.get("data", {})
            parts.append(str(data.get("text/markdown", "")))
            parts.append(re.sub(r"<[^>]+>", " ", str(data.get("text/html", ""))))
    text = re.sub(r"[ \t\n]*\n[ \t\n]*", "\n", "\n".join(parts).replace("\u00a0", " "))  # no-break: a space
    return re.sub(r" {2,}", "  ", text)           # table columns: two spaces apart


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_notebook_runs_in_notebooks_folder_with_its_defaults(name, tmp_path, monkeypatch):
    monkeypatch.delenv("NNS_NOTEBOOKS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(NOTEBOOK_DIR / f"{name}.ipynb"), str(out), kernel_name="python3",
                        cwd=str(NOTEBOOK_DIR), progress_bar=False, log_output=False,
                        execution_timeout=600, kernel_manager_class=kernel_manager_class())
    nb = nbformat.read(str(out), as_version=4)
    assert not any(c.metadata.get("tags") == ["injected-parameters"] for c in nb.cells)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    text = _shown_text(nb)
    for figure in SHOWN[name]:
        assert figure in text, f"{name}: {figure!r} not shown"
    if name == "fee_scenarios":      # the sliders are there, as JupyterLab shows them
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for c in nb.cells for o in c.get("outputs", []))
