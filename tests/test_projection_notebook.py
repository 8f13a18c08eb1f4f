"""``nns-finance projection`` runs notebooks/projection.ipynb headless with its parameters."""
from __future__ import annotations

import json

import nbformat

import nns_finance
from nns_finance.cli import main
from nns_finance.core.money import format_kr
from nns_finance.planning.projection import load_assumptions, project
from nns_finance.reports.projection_charts import cash_chart, equity_chart, months_chart


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") or out.get("data", {}).get("text/markdown", ""))
    return "\n".join(parts)


def test_projection_command_runs_the_notebook_with_non_default_years(example_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["projection", "--data", str(example_dir), "--first", "2027", "--last", "2029",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "projection-2027-2029.html", "projection-2027-2029.ipynb", "projection-2027-2029.json"]
    books = nns_finance.load(example_dir, strict=False)
    expected = project(books, load_assumptions(books), 2027, 2029).years.set_index("year")
    nb = nbformat.read(str(out / "projection-2027-2029.ipynb"), as_version=4)
    text = _text(nb)
    assert "# Flerårsprognos 2027–2029" in text
    rows = [line for line in text.splitlines() if line[:5] in ("2026 ", "2027 ", "2028 ", "2029 ", "2030 ")]
    assert [r[:4] for r in rows] == ["2027", "2028", "2029"]
    closing_2029 = format_kr(int(expected.at[2029, "closing_equity"]), unit=False)
    assert rows[-1].split("  ")[0] == "2029" and closing_2029 in rows[-1]
    assert closing_2029 in printed
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 3                                     # equity, months covered, cash
    html = (out / "projection-2027-2029.html").read_text(encoding="utf-8")
    assert closing_2029 in html and "load_assumptions" not in html    # no code in the HTML
    record = json.loads((out / "projection-2027-2029.json").read_text(encoding="utf-8"))
    assert record["parameters"]["first_year"] == 2027 and record["parameters"]["last_year"] == 2029
    assert any(i["file"] == "assumptions.toml" for i in record["inputs"])


def test_charts_carry_the_projected_figures(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    result = project(books, load_assumptions(books), 2026, 2030)
    ax = equity_chart(result).axes[0]
    heights = [round(b.get_height() * 100) for b in ax.patches]
    assert heights == list(result.years["closing_equity"])
    assert [t.get_text() for t in ax.texts][0] == "1 583 551"       # 2026: the budget's closing equity
    months = [t.get_text() for t in months_chart(result).axes[0].texts]
    assert months[0] == "7,5"
    from nns_finance.treasury.cashflow import cash_forecast
    import datetime as dt
    cash = cash_forecast(books, dt.date(2025, 12, 31))
    cax = cash_chart(cash).axes[0]
    assert cax.texts[0].get_text() == f"lägst {format_kr(cash.lowest)}"
