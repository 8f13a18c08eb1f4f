"""The notebook reports next to the board's page: they open offline too (no script from a CDN),
and a target income that no rate reaches is said in the page instead of failing the run."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from board_helpers import chromium
from nns_finance import load
from nns_finance.cli import main
from nns_finance.planning.fee_scenarios import inline_scenario, rate_needed_text
from nns_finance.reports.notebooks import to_html

EXTERNAL = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.I)


def opened_offline(path: Path) -> list[str]:
    """Open ``path`` in Chromium with the network blocked; the requests that tried to leave."""
    left: list[str] = []
    with chromium() as browser:
        context = browser.new_context()

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                left.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        context.close()
    return left


def test_notebook_html_loads_nothing_from_the_network(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Avgifter\n\nServiceavgifter 1 732 849 kr."),
                nbformat.v4.new_code_cell("1 + 1")]
    # a notebook saved with widget state made the lab template fetch the widget manager from a CDN
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json":
                              {"state": {}, "version_major": 2, "version_minor": 0}}
    page = to_html(nb)
    assert not EXTERNAL.search(page)
    assert "require.min.js" not in page and "mathjax" not in page.lower() and "import(" not in page
    assert "1 732 849 kr" in page
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert opened_offline(path) == []


def test_an_unreachable_target_is_said_not_raised(example_dir):
    books = load(example_dir)
    text = rate_needed_text(books, 2026, inline_scenario(books, 2026, max_fee_kr="20000", without="M01,M13"))
    # 55 members at most 20 000 kr each, the smallest below it: 1 100 000 kr at most, by hand
    # 55 × 20 000 = 1 100 000 (every remaining member's base × 1000 ‰ is above 20 000 kr)
    assert text.startswith("Serviceavgifterna 2026 kan inte nå budgeten 2025 (1 794 449 kr)")
    assert "**ingen sats räcker**" in text and "högst 1 100 000 kr, 694 449 kr under målet" in text


def test_fees_report_says_so_when_no_rate_reaches_last_years_income(example_dir, tmp_path):
    scenario = tmp_path / "stora-lamnar.toml"
    scenario.write_text('name = "Stora lämnar, låg maxtaxa"\nyear = 2026\nmax_fee = 20000\n'
                        'without = ["M01", "M13"]\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["fees-report", "--year", "2026", "--data", str(example_dir), "--scenarios", str(scenario),
                 "--out", str(out)]) == 0
    html = (out / "fee_scenarios_2026.html").read_text(encoding="utf-8")
    assert "ingen sats räcker" in html and "1 100 000 kr" in html
    assert not EXTERNAL.search(html)
    assert opened_offline(out / "fee_scenarios_2026.html") == []


def test_scenario_report_opens_offline_when_large_members_leave(example_dir, tmp_path):
    out = tmp_path / "out"
    assert main(["scenario", str(example_dir / "scenarios" / "tva-storsta-lamnar-2027.toml"),
                 "--data", str(example_dir), "--out", str(out)]) == 0
    (page,) = (out / "scenarier").glob("*.html")
    assert not EXTERNAL.search(page.read_text(encoding="utf-8"))
    assert opened_offline(page) == []
