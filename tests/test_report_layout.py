"""What the board reads in the monthly report, worked by hand on the tiny data folder
(see test_report_helpers): the one key-figure block, the header's sources, last year's column,
the deposit guarantee per bank and the phasing under its section headings."""
from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from nns_finance.reports import tables as rt
from nns_finance.reports.pdf import report_pdf
from nns_finance.reports.monthly import build_report
from test_report_helpers import tiny_books

MADE = dt.datetime(2025, 4, 10, 12, 0, tzinfo=dt.timezone.utc)

LEDGER_2024 = """\
serie;verifikationsnummer;datum;konto;belopp;text
A;1;2024-02-10;1930;10 000;Avgifter
A;1;2024-02-10;3010;-10 000;Avgifter
A;2;2024-03-31;6550;3 000,50;Personal mars
A;2;2024-03-31;1930;-3 000,50;Personal mars
A;3;2024-05-31;6550;3 000;Personal maj
A;3;2024-05-31;1930;-3 000;Personal maj
"""


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_one_key_figure_block_of_four_rows(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    # result to date: 12 000 + 1 500 − 2 000 − 2 000 − 2 500 − 500 = 6 500 kr against the budget
    # −18 000 × 3/12 = −4 500 kr; forecast −7 000 kr; equity 800 000 + (−7 000) = 793 000 kr;
    # bank 106 500 kr + deposit 700 000 kr with 76 days' interest 2 696,44 kr = 809 196,44 kr
    assert rt.key_figures(report).values.tolist() == [
        ["Resultat hittills i år (jan–mar)", "6 500 kr", "Budget ack. -4 500 kr"],
        ["Prognos årets resultat", "-7 000 kr", "Budget helår -18 000 kr"],
        ["Eget kapital: ingående → utgående, prognos", "800 000 kr → 793 000 kr",
         "ingående + prognos årets resultat"],
        ["Likvida medel och placeringar", "809 196 kr",
         "Bank 106 500 kr + placeringar inkl. upplupen ränta 702 696 kr"]]
    text = _pdf_text(report_pdf(report))
    first_page = text.split("Resultat mot budget")[0]
    assert first_page.count("Resultat hittills i år") == 1          # one block, no second table
    assert "800 000 kr → 793 000 kr" in first_page and "Budget helår -18 000 kr" in first_page


def test_the_header_names_the_sources(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    head = rt.header(report)
    assert head["sources"] == ("Källor: accounts.csv, budget.csv, deposits.csv, ledger/2025.csv, "
                               "ledger/opening_balances.csv, settings.toml "
                               "(SHA-256 för varje fil sist i rapporten)")
    assert head["sources"] in rt.section(report, "header")
    first_page = PdfReader(io.BytesIO(report_pdf(report))).pages[0].extract_text()
    assert "Källor: accounts.csv" in first_page and "Framtagen 2025-04-10 14:00:00+02:00" in first_page


def test_last_years_column_is_shown_with_the_ledger_of_the_year_before(tmp_path):
    report = build_report(tiny_books(tmp_path, ledger__2024_csv=LEDGER_2024), "2025-03", made=MADE)
    t = report.result.set_index("code")
    # through March 2024: fees 10 000 kr, staff 3 000,50 kr (May is after March)
    assert t.loc["intakter.avgifter", "last_year_ytd"] == 1_000_000
    assert t.loc["kostnader.personal", "last_year_ytd"] == -300_050
    assert t.loc["arets-resultat", "last_year_ytd"] == 1_000_000 - 300_050
    shown = rt.result(report).set_index("Budgetrad")
    assert list(shown.columns)[-1] == "Utfall fg år ack."
    assert shown.loc["Avgifter", "Utfall fg år ack."] == "10 000"
    # shown in whole kronor, each figure rounded half away from zero from its exact öre
    assert shown.loc["Personal", "Utfall fg år ack."] == "-3 001"     # −3 000,50
    assert shown.loc["Årets resultat", "Utfall fg år ack."] == "7 000"    # 6 999,50
    text = _pdf_text(report_pdf(report))
    assert "Utfall fg år ack." in text


def test_without_last_years_ledger_there_is_no_such_column(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    assert "Utfall fg år ack." not in rt.result(report).columns
    assert "Utfall fg år ack." not in _pdf_text(report_pdf(report))


def test_the_deposit_guarantee_per_bank_is_shown_even_within_the_limit(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    # exposure 700 000 + 2 696,44 = 702 696,44 kr of 1 050 000 kr: headroom 347 303,56 kr
    assert rt.guarantee(report).values.tolist() == [["Testbanken", "702 696,44", "1 050 000", "347 303,56"]]
    html = rt.section(report, "liquidity")
    assert "Insättningsgaranti per bank" in html and "347 303,56" in html
    assert "347 303,56" in _pdf_text(report_pdf(report))


def test_phasing_lines_under_their_section_with_the_parent_named(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    table = rt.phasing(report)
    assert table["Budgetrad"].tolist() == ["Intäkter", "Avgifter", "Projekt – Projekt A", "Projekt – Projekt B",
                                           "Kostnader", "Personal", "Möte"]
    assert rt.phasing_bold(report) == [True, False, False, False, True, False, False]
    row = table.set_index("Budgetrad").loc["Personal"]
    assert row["Profil"] == "jämn" and row["jan"] == "-2 000" and row["Helår"] == "-24 000"


def test_the_board_pack_pages_bookmarks_title_and_language(tmp_path):
    """Every page says "Sida X av Y"; each section is a bookmark the reader opens with; the
    document has its title and Swedish as its language; no table leaves one row alone."""
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    data = report_pdf(report)
    pdf = PdfReader(io.BytesIO(data))
    n = len(pdf.pages)
    for i, page in enumerate(pdf.pages, 1):
        assert f"Sida {i} av {n}" in page.extract_text()
    assert pdf.metadata.title.startswith("Ekonomisk rapport")
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    assert pdf.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    titles = [o.title for o in pdf.outline]
    for section in ("Nyckeltal", "Resultat mot budget", "Eget kapital", "Likviditet", "Datakvalitet",
                    "Källor"):
        assert section in titles, section
    assert report_pdf(report) == data                                 # still the same bytes


def test_a_table_never_leaves_one_row_alone():
    """A table split by the page keeps at least two body rows on each side (header repeated)."""
    import pandas as pd
    from nns_finance.reports.pdf import _table, register_fonts

    register_fonts()
    table = _table(pd.DataFrame({"a": [str(i) for i in range(10)]}))
    table.wrap(200, 1000)
    row = table._rowHeights[1]
    header = table._rowHeights[0]
    for body_rows_fitting in range(1, 10):
        parts = table.split(200, header + body_rows_fitting * row + 0.5)
        sizes = [len(p._cellvalues) - 1 for p in parts]
        assert not parts or (len(parts) == 2 and min(sizes) >= 2 and sum(sizes) == 10), \
            (body_rows_fitting, sizes)
