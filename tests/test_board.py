"""``nns-finance board``: the page and the PDF as files — size, nothing from the network, what it
was made from, the same bytes again, the fee table in the PDF, ranges from the data, mistakes."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

from board_helpers import other_association
from nns_finance import load
from nns_finance.cli import main
from nns_finance.fees.model import fee_table
from nns_finance.reports.board.figures import before_limits, make_figures, offered_years
from nns_finance.reports.board.ranges import make_grid

EXTERNAL = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.I)


def pdf_text(path) -> str:
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from conftest import EXAMPLE

    out = tmp_path_factory.mktemp("board")
    assert main(["board", "--year", "2026", "--data", str(EXAMPLE), "--out", str(out)]) == 0
    return out


def test_one_self_contained_page_and_a_pdf(made):
    page = made / "avgifter_2026.html"
    assert sorted(p.name for p in made.iterdir()) == ["avgifter_2026.html", "avgifter_2026.pdf"]
    text = page.read_text(encoding="utf-8")
    assert page.stat().st_size <= 3_500_000                  # ~60 members, three fee years
    assert not EXTERNAL.search(text)                          # every script and style inline
    assert '<html lang="sv">' in text and 'name="viewport"' in text
    record = json.loads(re.search(r'<script type="application/json" id="nns-provenance">(.*?)</script>',
                                  text, re.S).group(1).replace("<\\/", "</"))
    files = {i["file"] for i in record["inputs"]}
    assert {"settings.toml", "members.csv", "budget.csv"} <= files
    assert any(f.endswith("serviceavgift-4-promille.toml") for f in files)
    assert all(len(i["sha256"]) == 64 for i in record["inputs"])
    assert record["parameters"]["year"] == 2026 and record["parameters"]["years"] == "2025-2027"


def test_the_pdf_is_the_fee_table_of_the_rules_in_force(made):
    text = pdf_text(made / "avgifter_2026.pdf")
    assert "Avgifter 2026 – Nationella nätverket för samordningsförbund (NNS)" in text
    assert "serviceavgift 3,5 ‰ av underlaget, maxtaxa 123 400 kr" in text
    assert "Serviceavgifter 57 1 732 849 kr 1 732 849 kr 0 kr" in text
    assert "M41" in text and "Södra Vänern" in text                # left: 0 kr this year, 33 278 kr last
    assert "SHA-256" in text and "scenarios/serviceavgift-4-promille.toml" in text and "/work" not in text


def test_same_inputs_same_bytes(example_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    outs = []
    for name in ("a", "b"):
        assert main(["board", "--year", "2026", "--data", str(example_dir), "--out", str(tmp_path / name)]) == 0
        outs.append([(tmp_path / name / f).read_bytes() for f in ("avgifter_2026.html", "avgifter_2026.pdf")])
    assert outs[0] == outs[1]


def test_the_before_limits_table_is_the_fee_models(example_dir):
    books = load(example_dir)
    figs, grid = make_figures(books, offered_years(books, 2026))
    fig = next(f for f in figs if f.year == 2026)
    before = before_limits(fig, grid)
    at_rule = before[grid.rate_index(fig.rule.service_rate)]
    table = fee_table(books, 2026, fig.rule)
    paying = (table["months"] > 0).to_numpy()
    assert (at_rule == table["fee_before_limits"].to_numpy())[paying].all()
    assert int(np.minimum(at_rule, fig.rule.max_fee)[paying].sum()) == 173_284_900      # 1 732 849 kr


def test_ranges_come_from_the_data_around_the_rules_in_force(example_dir, tmp_path):
    books = load(example_dir, scenarios=[])
    _, grid = make_figures(books, offered_years(books, 2026))
    # rates 2 ‰ around 2,5–3,5 ‰ (2025's previous rate included); maximum fees from half to twice
    # 123 400 kr in 2 000 kr steps with 123 400 itself; increases 0–60 000 kr around 30 000 kr
    assert (grid.rate_first, grid.rate_last) == (50, 550)
    assert grid.max_fees[0] == 6_000_000 and grid.max_fees[-1] == 24_800_000 and 12_340_000 in grid.max_fees
    assert grid.max_fees[1] - grid.max_fees[0] == 200_000
    assert grid.max_increases[0] == 0 and grid.max_increases[-1] == 6_000_000
    other = load(other_association(tmp_path / "data"))
    _, g = make_figures(other, offered_years(other, 2031))
    assert g.max_fees[0] <= 12_500_000 and g.max_fees[-1] >= 50_000_000 and 25_000_000 in g.max_fees
    assert 25_000_000 in [g.max_fees[i] for i in g.heat_fees]
    # the treasurer's own ranges
    g = make_grid([350], [12_340_000], [None], 0, rates="1,5:6", max_fee_range="60000:250000:5000",
                  increase_range="0:50000:10000")
    assert (g.rate_first, g.rate_last) == (150, 600)
    assert g.max_fees[0] == 6_000_000 and g.max_fees[-1] == 25_000_000 and 12_340_000 in g.max_fees
    assert g.max_increases == (0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000)


def test_another_association_in_the_pdf(tmp_path):
    data = other_association(tmp_path / "data")
    assert main(["board", "--data", str(data), "--out", str(tmp_path / "out")]) == 0
    text = pdf_text(tmp_path / "out" / "avgifter_2031.pdf")
    assert "Samordningsförbundet Kustnätet (test)" in text and "maxtaxa 250 000 kr" in text
    # 240 000 + 230 000 + 24 000 + 20 000,01 + 5 040 + 36 000 (by hand, see test_board_page.py)
    assert "Serviceavgifter 6 555 040 kr 700 000 kr -144 960 kr" in text


@pytest.mark.parametrize("args, message", [
    (["--year", "2019"], "no fee rules for 2019"),
    (["--rates", "6:1"], "--rates '6:1'"),
    (["--rates", "3,655:4"], "steps of 0.01"),
    (["--max-fees", "100000:50000:1000"], "--max-fees"),
    (["--max-increases", "0:1000000:1"], "at most 1000 positions"),
    (["--scenarios", "nowhere.toml"], "no such scenario file"),
    (["--years", "2027-2028", "--year", "2026"], "must include 2026"),
])
def test_mistakes_are_one_line_and_nothing_is_written(example_dir, tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["board", "--data", str(example_dir), "--out", str(out), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
