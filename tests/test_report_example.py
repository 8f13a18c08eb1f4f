"""The monthly report on the example data: every figure of the result table equals what the
example generator put into the ledger (nns_finance.example.ledger), summed here independently
from the generator's own vouchers and the example chart of accounts."""
from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from nns_finance import load
from nns_finance.example import ledger as example_ledger
from nns_finance.reports.monthly import build_report


@pytest.fixture(scope="module")
def books(example_dir):
    return load(example_dir)


@pytest.fixture(scope="module")
def example_dir():  # module-scoped twin of conftest's fixture
    from conftest import EXAMPLE
    return EXAMPLE


def _generator_outcome(example_dir, month: int) -> tuple[dict, dict]:
    """(month, to date) per leaf line from the generator's vouchers: income positive."""
    with open(example_dir / "accounts.csv", encoding="utf-8") as f:
        line_of = {r["konto"]: r["budgetrad"] for r in csv.DictReader(f, delimiter=";") if r["budgetrad"]}
    in_month, to_date = defaultdict(int), defaultdict(int)
    for v in example_ledger.vouchers():
        for account, amount in v.rows:
            if account in line_of and v.date.month <= month:
                to_date[line_of[account]] -= amount
                if v.date.month == month:
                    in_month[line_of[account]] -= amount
    return in_month, to_date


@pytest.mark.parametrize("month", [9, 4])
def test_every_outcome_figure_is_what_the_generator_booked(books, example_dir, month):
    report = build_report(books, f"2025-{month:02d}")
    in_month, to_date = _generator_outcome(example_dir, month)
    t = report.result.set_index("code")
    leaves = t[t["kind"].isin(["line", "subline"]) & ~t.index.isin(
        [p for p in books.budget_lines["parent"] if p])]
    for code in leaves.index:
        assert t.loc[code, "outcome_month"] == in_month.get(code, 0), code
        assert t.loc[code, "outcome_ytd"] == to_date.get(code, 0), code
    income = sum(v for c, v in to_date.items() if c.startswith("intakter."))
    costs = sum(v for c, v in to_date.items() if c.startswith("kostnader."))
    assert t.loc["summa-intakter", "outcome_ytd"] == income
    assert t.loc["summa-kostnader", "outcome_ytd"] == costs
    assert t.loc["arets-resultat", "outcome_ytd"] == income + costs
    assert t.loc["arets-resultat", "outcome_month"] == sum(in_month.values())


def test_september_by_hand(books):
    t = build_report(books, "2025-09").result.set_index("code")
    kr = 100
    # the 2025 budget column of the seed's table (DOMAIN.md)
    assert t.loc["intakter.serviceavgifter", "budget_year"] == 1_794_449 * kr
    assert t.loc["summa-intakter", "budget_year"] == 2_559_249 * kr
    assert t.loc["summa-kostnader", "budget_year"] == -2_549_500 * kr
    assert t.loc["arets-resultat", "budget_year"] == 9_749 * kr
    # service fees: all invoiced in Q1 and phased to Q1 (data/example/phasing.csv)
    assert t.loc["intakter.serviceavgifter", ["outcome_ytd", "budget_ytd", "variance_ytd"]].tolist() == [
        1_794_449 * kr, 1_794_449 * kr, 0]
    # staff support 1/12 a month: -83 333,33 kr a month; both the generator and the phasing
    # give the öre left over to January–April, so nine months are -750 000,01 kr on both sides
    assert t.loc["kostnader.tjanstepersonstod", ["outcome_month", "outcome_ytd", "budget_ytd"]].tolist() == [
        -8_333_333, -75_000_001, -75_000_001]
    # the annual meeting (April, 224 000 kr against 200 000): 24 000 kr unfavourable
    assert t.loc["kostnader.konferenser.arsmote-medlemsmote", "variance_ytd"] == -24_000 * kr
    # forecast = outcome to date + the rest of the phased budget: nothing left of the meeting
    assert t.loc["kostnader.konferenser.arsmote-medlemsmote", "forecast_year"] == -224_000 * kr


def test_december_forecast_is_the_2025_forecast_column(books):
    report = build_report(books, "2025-12")
    t = report.result.set_index("code")
    kr = 100
    assert t.loc["summa-intakter", "forecast_year"] == 2_683_726 * kr
    assert t.loc["summa-kostnader", "forecast_year"] == -2_655_700 * kr
    assert t.loc["arets-resultat", "forecast_year"] == 28_026 * kr
    column = books.budget[(books.budget["version"] == "forecast") & (books.budget["year"] == 2025)]
    for code, amount in zip(column["code"], column["amount"]):
        assert t.loc[code, "forecast_year"] == amount, code
    # equity: 1 552 276 opening + 28 026 = 1 580 302 forecast closing (DOMAIN.md)
    assert report.equity_opening == 1_552_276 * kr
    assert report.equity_forecast_closing == 1_580_302 * kr


def test_september_liquidity(books):
    liq = build_report(books, "2025-09").liquidity
    # 700 000 kr from 2025-07-01 at 1,85 % ACT/365: by the end of 30 September the whole term
    # but the last night, 92 nights = 3 264,11 kr; it matures 2025-10-01, within three months
    assert liq.deposits[["principal", "accrued"]].values.tolist() == [[70_000_000, 326_411]]
    assert liq.maturing["maturity"].dt.strftime("%Y-%m-%d").tolist() == ["2025-10-01"]
    ib = books.balances
    led = books.ledger
    bank = int(ib[(ib["kind"] == "IB") & (ib["year"] == 2025) & (ib["account"] == "1930")]["amount"].sum()) + int(
        led[(led["account"] == "1930") & (led["date"] <= "2025-09-30")]["amount"].sum())
    assert liq.bank == bank


def test_the_example_pdf_holds_the_key_figures(books, example_dir):
    import io

    from pypdf import PdfReader

    from nns_finance.core.money import format_kr
    from nns_finance.reports.pdf import report_pdf

    report = build_report(books, "2025-09")
    _, to_date = _generator_outcome(example_dir, 9)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(report))).pages)
    assert "Utfall till och med september 2025" in text
    assert "1 552 276 kr" in text                                  # opening equity
    assert format_kr(sum(to_date.values())) in text                # result to date, from the generator
    for value in report.key_figures["amount"]:
        assert format_kr(int(value)) in text


# --- December 2026: the report for the board meeting of 10 December 2026 (period 2026-11) ----

def test_the_default_period_is_november_2026(books):
    report = build_report(books)
    assert report.period.text == "2026-11"


def test_2026_result_through_november_worked_by_hand(books):
    r = build_report(books, "2026-11")
    fig = lambda code: r.figure(code, "outcome_ytd")   # noqa: E731
    assert fig("intakter.medlemsavgifter") == 57 * 200 * 100              # Södra Vänern gone: 57 members
    assert fig("intakter.serviceavgifter") == 173_284_900                 # = the 2026 budget line
    assert fig("intakter.utvecklingsverksamhet.indikatorverksamhet") == 10 * 25_000 * 100
    assert fig("intakter.utvecklingsverksamhet.samverkansavtal-msi") == 3 * 125_000 * 100
    assert fig("intakter.konferenser.arsmote-medlemsmote") == 212 * 1_000 * 100
    # 15 000 + interest: −3 264,11 (reversal) + 3 264,11 + 3 193,15 + 3 228,63 + 3 264,11
    assert fig("intakter.ovrigt") == 1_500_000 + 968_589
    assert fig("kostnader.konferenser.arsmote-medlemsmote") == -62_230_000   # Posthuset 622 300
    # 11 × (20 000 + 31,42 % = 6 284) + travel 70 815,90
    assert fig("kostnader.fortroendevalda") == -(11 * 2_628_400 + 7_081_590)
    assert fig("kostnader.tjanstepersonstod") == -(4 * 8_333_334 + 7 * 8_333_333)
    # income 2 605 934,89 − costs 2 579 656,58
    assert fig("arets-resultat") == 2_627_831


def test_2026_last_year_from_the_2025_ledger(books, example_dir):
    r = build_report(books, "2026-11")
    _, to_date = _generator_outcome(example_dir, 11)        # the 2025 generator's vouchers, Jan–Nov
    t = r.result.set_index("code")
    for code in ("intakter.serviceavgifter", "kostnader.tjanstepersonstod", "intakter.ovrigt"):
        assert int(t.loc[code, "last_year_ytd"]) == to_date[code]


def test_2026_equity_and_balance_sheet_worked_by_hand(books):
    r = build_report(books, "2026-11")
    assert r.equity_opening == 158_030_200                               # 1 552 276 + 28 026
    assert int(r.equity["equity"].iloc[-1]) == 158_030_200 + 2_627_831
    assert r.equity_forecast_closing == 158_030_200 + r.figure("arets-resultat", "forecast_year")
    bs = r.balance_sheet
    groups = {g.group: (g.opening, g.closing) for g in bs.groups.itertuples()}
    # opening: the 2025 accrual 3 264,11 on 1760; liabilities: December 2025's staff invoice
    # 83 333,33 + tax 5 400 + social fees 5 655,60; at 30 November: November's 83 333,33 +
    # 6 000 + 6 284; bank = equity + liabilities − the deposit
    assert groups == {
        "fordringar": (326_411, 0),
        "kortfristiga-placeringar": (70_000_000, 70_000_000),
        "kassa-och-bank": (97_142_682, 100_219_764),
        "eget-kapital": (158_030_200, 160_658_031),
        "kortfristiga-skulder": (9_438_893, 9_561_733),
    }
    assert bs.totals["closing"]["difference"] == 0 and bs.problems() == []
    assert r.liquidity.bank == 100_219_764
    assert r.liquidity.deposit_value == 70_000_000 + 216_425             # P6: 61 nights accrued
    assert [p for p in r.problems if p.is_error] == []


def test_2026_without_its_own_ib_opens_from_the_2025_closing(books):
    import dataclasses

    bal = books.balances
    without = dataclasses.replace(books, balances=bal[~((bal["year"] == 2026) & (bal["kind"] == "IB"))])
    r = build_report(without, "2026-11")
    # the 2025 #UB of 2067 (1 552 276, before the closing) + the unbooked 2025 result 28 026
    assert r.equity_opening == 158_030_200
    groups = {g.group: (g.opening, g.closing) for g in r.balance_sheet.groups.itertuples()}
    assert groups["eget-kapital"] == (158_030_200, 160_658_031)
    names = list(r.balance_sheet.accounts["name"])
    assert "Föregående års resultat (ej bokfört)" in names
    assert r.balance_sheet.problems() == []
