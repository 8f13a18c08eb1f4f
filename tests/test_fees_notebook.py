"""The fee-scenario notebook run headless with non-default parameters; its figures checked."""
from __future__ import annotations

import base64
import io

import nbformat
from matplotlib.image import imread

from nns_finance.reports.notebooks import run_notebook


def test_notebook_2025_with_an_inline_scenario(example_dir, tmp_path):
    params = {"data": str(example_dir), "year": 2025, "scenario_name": "Utan tak",
              "rate_permille": "3.0", "max_increase_kr": "none", "without": "M41, M02",
              "base_growth_percent": "1.5", "target_income_kr": "2 000 000",
              "heatmap_rates": "2.0:4.0:0.25", "heatmap_max_fees_kr": "80000:160000:20000", "widgets": False}
    result = run_notebook("fee_scenarios", params, tmp_path, "fees_test")
    nb = nbformat.read(str(result.notebook), as_version=4)
    assert not any(c.get("outputs") for c in nbformat.read(
        str(result.notebook.parents[0] / "fees_test.ipynb"), as_version=4).cells if c.cell_type == "markdown")
    texts = "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("data", {}).get("text/markdown", ""))
                      for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    # the rules in force for 2025 bring in the 2025 budget exactly; the inline scenario is shown beside it
    assert "Gällande regler 2025" in texts and "Utan tak" in texts and "1 794 449 kr" in texts
    assert "Utträder: M41, M02." in texts and "2 000 000 kr" in texts
    pngs = [o["data"]["image/png"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]
    assert len(pngs) == 3                                    # fee curve, heat map, distribution
    for png in pngs:
        image = imread(io.BytesIO(base64.b64decode(png)), format="png")
        assert image.shape[0] > 300 and image.shape[1] > 600
        assert image[..., :3].std() > 0.05                    # not a blank canvas


def test_source_notebook_has_no_outputs_and_typed_parameters():
    from nns_finance.reports.notebooks import notebook_path

    nb = nbformat.read(str(notebook_path("fee_scenarios")), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for line in params[0].source.splitlines():
        assert ": " in line.split("=")[0] and "  # " in line            # name: type = default  # help
    assert not any(line.lstrip().startswith(("def ", "class ")) for c in code for line in c.source.splitlines())


def test_explorer_sliders_redraw_with_the_new_rules(example_dir, capsys):
    import matplotlib

    matplotlib.use("Agg")
    from nns_finance import load
    from nns_finance.reports.fee_explorer import explorer
    from nns_finance.planning.fee_scenarios import current_scenario

    books = load(example_dir)
    box = explorer(books, 2026, current_scenario(books, 2026))
    controls = box.children[0]
    rate, picker = controls.children[0].children[0], controls.children[3]
    import pandas as pd

    capsys.readouterr()
    with pd.option_context("display.max_columns", None, "display.width", 10_000):
        rate.value = 3.8                   # a slider move redraws the comparison at once
        shown = capsys.readouterr().out
        assert "Reglage" in shown and "3,8 ‰" in shown
        picker.value = ("M01",)            # so does a withdrawal picked in the member list
        shown = capsys.readouterr().out
        assert "Reglage" in shown and "Δ Reglage" in shown
