"""The monthly report's figures beyond the result table: period, equity, liquidity, key
figures, data quality, and the PDF (worked by hand on the tiny data folder)."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from nns_finance.reports.pdf import report_pdf
from nns_finance.core.problems import UsageError
from nns_finance.core.dates import Period
from nns_finance.reports.monthly import build_report, resolve_period
from test_report_helpers import tiny_books

MADE = dt.datetime(2025, 4, 10, 12, 0, tzinfo=dt.timezone.utc)


def test_default_period_is_the_last_month_with_vouchers_or_the_closed_month(tmp_path):
    books = tiny_books(tmp_path / "a")
    assert resolve_period(books) == Period(2025, 3)
    closed = tiny_books(tmp_path / "b", settings_toml=(tmp_path / "a" / "settings.toml").read_text(encoding="utf-8")
                        .replace('language = "sv"', 'language = "sv"\nclosed_through = "2025-02"'))
    assert resolve_period(closed) == Period(2025, 2)


def test_a_period_outside_the_ledger_is_refused_in_one_line(tmp_path):
    books = tiny_books(tmp_path)
    with pytest.raises(UsageError) as err:
        resolve_period(books, "2025-05")
    assert str(err.value) == "period 2025-05 is beyond the ledger: its last voucher in 2025 is dated 2025-03-31"
    with pytest.raises(UsageError) as err:
        resolve_period(books, "2024-05")
    assert str(err.value) == "period 2024-05: the ledger has no vouchers for 2024 (it holds 2025)"


def test_equity_month_by_month_and_the_forecast_closing(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    assert report.equity_opening == 80_000_000
    # results: Jan 12 000 - 2 000; Feb -2 000; Mar 1 500 - 500 - 2 500
    assert report.equity["equity"].tolist() == [81_000_000, 80_800_000, 80_650_000]
    assert report.equity_forecast_closing == 80_000_000 - 700_000


def test_liquidity_bank_deposit_with_accrued_interest_and_maturity(tmp_path):
    liq = build_report(tiny_books(tmp_path), "2025-03", made=MADE).liquidity
    # bank: 800 000 + 12 000 - 700 000 - 2 000 - 2 000 + 1 500 - 500 - 2 500
    assert liq.bank == 10_650_000
    # 700 000 kr at 1,85 % ACT/365 from 15 Jan: 76 days to the end of 31 March = 2 696,44 kr
    assert liq.deposits[["deposit_id", "principal", "accrued", "value"]].values.tolist() == [
        ["P1", 70_000_000, 269_644, 70_269_644]]
    assert liq.deposit_value == 70_269_644
    # it matures on 15 April, within three months: 90 days of interest, 3 193,15 kr
    assert liq.maturing[["deposit_id", "interest", "amount"]].values.tolist() == [["P1", 319_315, 70_319_315]]
    assert liq.findings == ()


def test_deposit_guarantee_is_a_finding_in_the_report(tmp_path):
    from test_report_helpers import DEPOSITS, LEDGER_2025, OPENING
    books = tiny_books(tmp_path, deposits_csv=DEPOSITS.replace("700 000", "1 100 000"),
                       ledger__2025_csv=LEDGER_2025.replace("700 000", "1 100 000"),
                       ledger__opening_balances_csv=OPENING.replace("800 000", "1 200 000"))
    report = build_report(books, "2025-03", made=MADE)
    assert len(report.liquidity.findings) == 1
    assert "exceeds the 1 050 000 kr per bank" in report.liquidity.findings[0].message
    assert report.liquidity.findings[0] in report.problems


def test_key_figures(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    assert dict(zip(report.key_figures["key"], report.key_figures["amount"])) == {
        "result_ytd": 650_000, "forecast_result": -700_000, "equity_opening": 80_000_000,
        "equity_closing_forecast": 79_300_000, "bank": 10_650_000, "deposits": 70_269_644,
        "cash_and_deposits": 80_919_644}


def test_data_quality_shows_what_the_checks_found(tmp_path):
    # an account in the ledger with a budget line but a warning-level oddity: a positive cost forecast
    books = tiny_books(tmp_path, forecast_csv="kod;år;belopp\nkostnader.mote;2025;9 000\n")
    report = build_report(books, "2025-03", made=MADE)
    assert [str(p) for p in report.problems] == [
        "forecast.csv:2: warning: cost line forecast above 0: income is positive and costs "
        "negative (sign typed the other way?)"]


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_opens_and_holds_the_key_figures_in_swedish(tmp_path):
    report = build_report(tiny_books(tmp_path), "2025-03", made=MADE)
    data = report_pdf(report)
    text = _pdf_text(data)
    for expected in ("Ekonomisk rapport — Testföreningen", "Utfall till och med mars 2025",
                     "Resultat hittills i år", "6 500 kr", "Prognos årets resultat", "-7 000 kr",
                     "Ingående eget kapital", "800 000 kr", "Utgående eget kapital, prognos",
                     "793 000 kr", "106 500 kr", "702 696 kr", "809 196 kr", "Årets resultat",
                     "Avvikelse ack. kr", "Prognos helår", "Möte", "2 696,44", "Testbanken",
                     "Framtagen 2025-04-10 14:00:00+02:00"):
        assert expected in text, expected
    assert report_pdf(report) == data                      # same report, same bytes


def test_the_pdf_in_english(tmp_path):
    text = _pdf_text(report_pdf(build_report(tiny_books(tmp_path), "2025-02", "en", made=MADE)))
    assert "Outcome through February 2025" in text and "Result for the year" in text
    assert "Forecast full year" in text and "Ekonomisk rapport" not in text


def test_a_closed_month_beyond_the_ledger_says_where_it_came_from(tmp_path):
    from test_report_helpers import SETTINGS
    books = tiny_books(tmp_path, settings_toml=SETTINGS.replace('language = "sv"',
                                                                'language = "sv"\nclosed_through = "2025-06"'))
    with pytest.raises(UsageError) as err:
        resolve_period(books)
    assert str(err.value) == ("period 2025-06 is beyond the ledger: its last voucher in 2025 is dated "
                              "2025-03-31 (closed_through in settings.toml; or give --period)")
    assert resolve_period(books, "2025-02") == Period(2025, 2)
