"""The monthly report's HTML page as a board member opens it: Swedish through and through (the
Datakvalitet section included), its language and title said, every chart described, nothing
fetched from the network, and the key figures readable on a phone (400 px).

Another association than the example (the tiny folder of ``test_report_helpers``, 2025), with
a deposit over the guarantee that the ledger does not show and seasonal lines without phasing,
so that the warnings come from the figures' checks (treasury, accounting), not from the files."""
from __future__ import annotations

import html as _html
import re

import pytest

from board_helpers import chromium
from nns_finance.cli import main
from test_report_helpers import LEDGER_2025, write_folder

APRIL = "A;8;2025-04-10;5830;300;Möte apr\nA;8;2025-04-10;1930;-300;Möte apr\n"
DEPOSITS = ("id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning;status\n"
            "P1;Testbanken;1880;1 300 000;1,85;2025-01-15;2025-07-15;ACT/365;aktiv\n")
# words of the English messages; none belongs in a Swedish sentence of the report
ENGLISH = re.compile(r"\b(the|is|not|but|of|at|on|warning|error|exceeds|booked|outcome|falls|"
                     r"phasing|spreads|evenly|register|ledger|difference|deposit)\b")


@pytest.fixture
def report_page(tmp_path, swedish, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746000000")          # 2025-04-30
    data = write_folder(tmp_path / "data", ledger__2025_csv=LEDGER_2025 + APRIL, deposits_csv=DEPOSITS)
    assert main(["report", "--period", "2025-04", "--data", str(data), "--out", str(tmp_path / "out")]) == 0
    return tmp_path / "out" / "2025-04" / "report-2025-04.html"


def _section(page: str, heading: str) -> list[str]:
    """The text lines of the section under ``<h2>heading</h2>``, up to the next heading."""
    start = page.index(f">{heading}</h2>")
    end = page.find("<h2", start)
    text = _html.unescape(re.sub(r"<[^>]+>", "\n", page[start + 1:end if end > 0 else None]))
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_data_quality_section_is_swedish(report_page):
    page = report_page.read_text(encoding="utf-8")
    lines = _section(page, "Datakvalitet")
    assert lines[0] == "Datakvalitet" and lines[1] == "Anmärkning"
    problems = [p.replace("\u00a0", " ") for p in lines[2:]]
    # 1 300 000 kr at 1,85 % ACT/365 from 15 January: 24 050 kr a year; by the end of 30 April
    # (106 days) 6 984,38 kr, by the end of 14 July (181 days) 11 926,16 kr; the limit 1 050 000 kr
    assert problems == [
        "deposits.csv: varning: placeringskonto 1880 den 2025-04-10: registret har 1 300 000,00 kr placerat, "
        "bokföringen 700 000,00 kr (skillnad -600 000,00 kr)",
        "deposits.csv:2: varning: insättningsgarantin: 1 311 926,16 kr hos Testbanken den 2025-07-14 (insatt "
        "belopp plus intjänad ränta) överstiger gränsen 1 050 000 kr per bank som gällde den dagen med "
        "261 926,16 kr",
        "phasing.csv: varning: intakter.avgifter: 100 % av utfallet 2025 kom i januari men raden saknar "
        "periodisering, så Budget ack. fördelas jämnt: lägg till en rad i phasing.csv",
        "phasing.csv: varning: intakter.projekt.projekt-a: 100 % av utfallet 2025 kom i mars men raden saknar "
        "periodisering, så Budget ack. fördelas jämnt: lägg till en rad i phasing.csv",
        "phasing.csv: varning: kostnader.mote: 62 % av utfallet 2025 kom i mars men raden saknar "     # 500 of 800
        "periodisering, så Budget ack. fördelas jämnt: lägg till en rad i phasing.csv",
        "deposits.csv:2: varning: insättningsgarantin: 1 306 984,38 kr hos Testbanken den 2025-04-30 (insatt "
        "belopp plus intjänad ränta) överstiger gränsen 1 050 000 kr per bank som gällde den dagen med "
        "256 984,38 kr"]
    for problem in problems:      # file names and line codes aside, not one English word
        words = re.sub(r"[\w.-]+\.(csv|toml|xlsx)|\b\w+(\.[\w-]+)+", "", problem)
        assert not ENGLISH.search(words), problem


def test_the_page_in_a_browser_offline_in_swedish(report_page):
    """lang="sv", a real title, Swedish alt texts, no request leaves the machine, and at 400 px
    the four key figures stand one under the other, each inside the screen."""
    asked = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 400, "height": 900})
        page.on("request", lambda r: asked.append(r.url))
        page.goto(report_page.as_uri())
        lang = page.evaluate("document.documentElement.lang")
        title = page.title()
        alts = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.alt)")
        cards = page.eval_on_selector_all(
            ".nns-key-figure", "cs => cs.map(c => { const r = c.getBoundingClientRect();"
                               " return [r.left, r.right, r.top, c.scrollWidth <= c.clientWidth]; })")
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.close()
    assert [u for u in asked if not u.startswith(("file:", "data:"))] == []
    assert lang == "sv"
    assert title == "Månadsrapport 2025-04 – Testföreningen"
    assert alts == ["Ackumulerat utfall mot ackumulerad budget", "Avvikelse ack. per budgetrad",
                    "Eget kapital månad för månad"]
    assert len(cards) == 4
    for left, right, _top, fits in cards:
        assert 0 <= left and right <= 400 and fits
    tops = [top for _l, _r, top, _f in cards]
    assert tops == sorted(tops) and len(set(tops)) == 4                 # stacked, not side by side
    assert wide <= 0                                                    # wide tables scroll in their box


def test_the_page_puts_the_key_figures_side_by_side_on_a_wide_screen(report_page):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(report_page.as_uri())
        tops = page.eval_on_selector_all(".nns-key-figure", "cs => cs.map(c => c.getBoundingClientRect().top)")
        page.close()
    assert len(tops) == 4 and len(set(tops)) == 1


def test_every_notebook_page_says_its_language_title_and_alt_texts():
    """to_html, as the projection, scenario and fee-scenario pages use it: the title given (else
    the page's first heading), the language, each chart's own alt text (else a neutral one in
    the page's language), and no script from a CDN."""
    import base64

    import nbformat
    from matplotlib.figure import Figure

    from nns_finance.reports import charts
    from nns_finance.reports.notebooks import page_title, to_html

    fig = Figure(figsize=(2, 1))
    fig.subplots().set_title("Eget kapital per år")
    image = charts.image(fig)
    data, meta = image._repr_png_()
    png = base64.b64encode(data).decode() if isinstance(data, bytes) else data
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Flerårsprognos 2031–2035\n\nText."),
                nbformat.v4.new_code_cell("x", outputs=[
                    nbformat.v4.new_output("display_data", data={"image/png": png}, metadata={"image/png": meta}),
                    nbformat.v4.new_output("display_data", data={"image/png": png})])]
    page = to_html(nb, page_title("Flerårsprognos 2031–2035", "Samordningsförbundet Kustnätet"))
    assert '<html lang="sv">' in page
    assert "<title>Flerårsprognos 2031–2035 – Samordningsförbundet Kustnätet</title>" in page
    assert re.findall(r'alt="([^"]*)"', page) == ["Eget kapital per år", "Diagram"]
    assert "require.js" not in page and "mathjax" not in page.lower() and "cdn" not in page.lower()
    untitled = to_html(nb, lang="en")
    assert '<html lang="en">' in untitled and "<title>Flerårsprognos 2031–2035</title>" in untitled
    assert re.findall(r'alt="([^"]*)"', untitled)[1] == "Chart"
    assert page_title("Scenarier 2031–2033", "  ") == "Scenarier 2031–2033"
