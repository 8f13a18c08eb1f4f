"""The board's fee page in a real browser (the system's headless Chromium, network blocked): the
controls are set as a board member sets them — typed with a decimal comma or a point, slid, ticked,
chosen — and what the page shows is compared with the package's fee table for the same rules,
to the krona (the same computation ``nns-finance fees`` prints)."""
from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from decimal import Decimal

import pandas as pd
import pytest

from board_helpers import BoardPage, chromium, kronor, other_association, other_scenarios
from nns_finance import load
from nns_finance.cli import main
from nns_finance.core.money import format_kr
from nns_finance.fees.model import fee_table, rule_for, totals_of
from nns_finance.fees.solve import solve_rate
from nns_finance.core.problems import UsageError

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def example_page(tmp_path_factory):
    from conftest import EXAMPLE

    out = tmp_path_factory.mktemp("board")
    assert main(["board", "--year", "2026", "--data", str(EXAMPLE), "--out", str(out)]) == 0
    return out / "avgifter_2026.html"


@pytest.fixture(scope="module")
def example_books():
    from conftest import EXAMPLE

    return load(EXAMPLE)


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    root = tmp_path_factory.mktemp("other")
    data = other_association(root / "data")
    scen = other_scenarios(root / "scenarios")
    assert main(["board", "--data", str(data), "--scenarios", str(scen), "--out", str(root / "out")]) == 0
    return data, root / "out" / "avgifter_2031.html"


def expected(books, settings: dict):
    """The package's fee table and totals for the page's settings."""
    rule = rule_for(books, settings["year"], None,
                    service_rate=Decimal(settings["r100"]) / 100, max_fee=settings["max_fee"],
                    max_increase=settings["max_increase"], max_increase_basis=settings["basis"],
                    previous_rate=Decimal(settings["prev_r100"]) / 100)
    table = fee_table(books, settings["year"], rule, settings["leaving"])
    return rule, table, totals_of(table).set_index("item")


def check_against_package(board: BoardPage, books) -> dict:
    settings = board.settings()
    rule, table, totals = expected(books, settings)

    def kr(ore):
        return int(format_kr(ore, unit=False, sep=""))

    shown = board.totals()
    assert shown["service"] == kr(totals.loc["service", "amount"]), settings
    assert shown["membership"] == kr(totals.loc["membership", "amount"]), settings
    assert shown["indicator"] == kr(totals.loc["indicator", "amount"]), settings
    assert shown["total"] == kr(totals.loc["total", "amount"]), settings
    assert shown["payers"] == int((table["months"] > 0).sum())
    assert shown["at_max"] == int((table["limit"] == "max_fee").sum())
    assert shown["capped"] == int((table["limit"] == "max_increase").sum())
    rows = board.member_rows()
    assert set(rows) == set(table["member_id"].astype(str))
    for r in table.itertuples():
        cells = rows[str(r.member_id)]
        assert cells[4] == format_kr(r.service_fee, sep=NBSP).replace(" kr", NBSP + "kr"), (r.member_id, settings)
        last = "" if pd.isna(r.last_year_fee) else format_kr(r.last_year_fee, sep=NBSP).replace(" kr", NBSP + "kr")
        assert cells[3] == last
    return settings


# ---------------------------------------------------------------- the known figure
def test_the_page_shows_the_budgets_service_fees_for_the_rules_in_force(browser, example_page, example_books):
    board = BoardPage(browser, example_page)
    try:
        assert board.shown("Serviceavgifter") == f"1{NBSP}732{NBSP}849{NBSP}kr"
        assert board.page.locator(".nns-rate-text input").input_value() == f"3,50{NBSP}‰"
        assert board.page.locator(".nns-fee-text input").input_value() == f"123{NBSP}400{NBSP}kr"
        check_against_package(board, example_books)
        # the target defaults to last year's budget: 3,65 ‰ reaches it (tests/test_fees_board.py)
        solution = board.shown("solution")
        assert f"3,65{NBSP}‰" in solution
        assert f"1{NBSP}796{NBSP}538{NBSP}kr" in solution and f"3,64{NBSP}‰ ger 1{NBSP}792{NBSP}295{NBSP}kr" in solution
        assert board.left == [] and board.errors == []
    finally:
        board.close()


def test_every_number_is_kept_on_one_line(browser, example_page):
    board = BoardPage(browser, example_page, width=400)
    try:
        styles = board.page.evaluate("""() => {
            const out = [];
            (function walk(n) {
                if (n.shadowRoot) walk(n.shadowRoot);
                for (const c of (n.children || [])) walk(c);
                if (n.classList && n.classList.contains('kr'))      // lines it is set on: 0 when hidden
                    out.push([getComputedStyle(n).whiteSpace,
                              new Set(Array.from(n.getClientRects()).map(r => Math.round(r.bottom))).size]);
            })(document.body);
            return out;
        }""")
        assert sum(rects == 1 for _, rects in styles) > 20          # 0: in a column hidden on a phone
        assert all(ws == "nowrap" and rects <= 1 for ws, rects in styles)
        # readable at 400 px: the page itself does not scroll sideways
        assert board.page.evaluate("() => document.documentElement.scrollWidth") <= 400
    finally:
        board.close()


# ---------------------------------------------------------------- 20+ settings, to the krona
STEPS = [
    ("rate with a decimal comma", lambda b: b.rate("3,65")),
    ("rate with a point", lambda b: b.rate("3.8")),
    ("rate slid three steps", lambda b: b.slide("rate-slider", 3)),
    ("maximum fee typed", lambda b: b.max_fee("150 000")),
    ("maximum fee with öre", lambda b: b.max_fee("99 999,50")),
    ("maximum fee slid", lambda b: b.slide("fee-slider", -4)),
    ("no maximum fee", lambda b: b.max_fee(None)),
    ("maximum increase over last year's fee", lambda b: (b.max_increase("10 000"), b.basis("last_year_fee"))),
    ("maximum increase over the fee at 3,0 ‰", lambda b: (b.basis("previous_rate"), b.previous_rate("3,0"))),
    ("maximum increase slid", lambda b: b.slide("inc-slider", 5)),
    ("two large members leave", lambda b: b.leaving(["M01", "M13"])),
    ("maximum fee back, lower", lambda b: b.max_fee("90000")),
    ("rate 4,2 ‰", lambda b: b.rate("4,2 ‰")),
    ("no maximum increase", lambda b: b.max_increase("ingen")),
    ("nobody leaves", lambda b: b.leaving([])),
    ("the rules in force again", lambda b: b.reset()),
    ("the scenario 4,0 ‰ without a maximum fee", lambda b: b.load_scenario("Serviceavgift 4,0 ‰ utan maxtaxa")),
    ("fee year 2025 (its rules: cap over the fee at 2,5 ‰)", lambda b: b.year(2025)),
    ("2025 at 3,2 ‰", lambda b: b.rate("3,2")),
    ("2025 with a 20 000 kr cap", lambda b: b.max_increase("20 000")),
    ("2025 with a maximum fee", lambda b: b.max_fee("110 000")),
    ("fee year 2027 (rules carried, bases grown)", lambda b: b.year(2027)),
    ("2027 with three leaving", lambda b: b.leaving(["M02", "M03", "M26"])),
    ("2027 at 0,5 ‰", lambda b: b.rate("0,50")),
]


def test_twenty_settings_of_the_controls_match_the_fee_table(browser, example_page, example_books):
    board = BoardPage(browser, example_page)
    seen = []
    try:
        for what, step in STEPS:
            step(board)
            seen.append((what, check_against_package(board, example_books)))
        assert board.left == [] and board.errors == []
    finally:
        board.close()
    # every step changed something the page computes from
    assert len({repr(s) for _, s in seen}) >= 20
    by_name = dict(seen)
    assert by_name["rate with a decimal comma"]["r100"] == 365
    assert by_name["rate with a point"]["r100"] == 380
    assert by_name["rate slid three steps"]["r100"] == 383
    assert by_name["maximum fee with öre"]["max_fee"] == 9_999_950
    assert by_name["no maximum fee"]["max_fee"] is None
    assert by_name["maximum increase over the fee at 3,0 ‰"]["prev_r100"] == 300
    assert by_name["two large members leave"]["leaving"] == ["M01", "M13"]
    assert by_name["fee year 2025 (its rules: cap over the fee at 2,5 ‰)"]["prev_r100"] == 250


def test_the_page_agrees_with_the_fees_command(browser, example_page):
    from conftest import EXAMPLE

    board = BoardPage(browser, example_page)
    try:
        for args, act in [
            (["--rate", "3,65"], lambda: board.rate("3,65")),
            (["--rate", "3,65", "--max-fee", "none", "--without", "M41", "--without", "M01"],
             lambda: (board.max_fee(None), board.leaving(["M01"]))),
            (["--rate", "3,65", "--max-fee", "none", "--max-increase", "5000",
              "--increase-basis", "last_year_fee", "--without", "M01"],
             lambda: (board.max_increase("5 000"), board.basis("last_year_fee"))),
        ]:
            act()
            text = io.StringIO()
            with redirect_stdout(text):
                assert main(["fees", "--year", "2026", "--data", str(EXAMPLE), *args]) == 0
            printed = re.search(r"^Serviceavgifter\s+([\d ]+)\s+\d+$", text.getvalue(), re.M).group(1)
            assert kronor(board.shown("Serviceavgifter")) == int(printed.replace(" ", ""))
    finally:
        board.close()


def test_typing_mistakes_are_said_and_change_nothing(browser, example_page):
    board = BoardPage(browser, example_page)
    try:
        board.rate("3,655")
        assert "steg om 0,01" in board.page.locator(".error").first.inner_text()
        board.rate("tre")
        assert board.settings()["r100"] == 350
        assert board.shown("Serviceavgifter") == f"1{NBSP}732{NBSP}849{NBSP}kr"
        board.rate("25")
        assert "sidan räknar med 0,50" in board.page.locator(".error").first.inner_text()
        board.rate("3,5")
        assert board.page.locator(".error").count() == 0
    finally:
        board.close()


def test_lowest_rate_for_a_target_or_that_none_reaches_it(browser, example_page, example_books):
    board = BoardPage(browser, example_page)
    try:
        board.target("2 000 000")
        sol = solve_rate(example_books, 2026, 200_000_000)
        shown = board.shown("solution")
        rate = f"{sol.rate:.2f}".replace(".", ",")
        assert f"{rate}{NBSP}‰, som ger {format_kr(sol.income, sep=NBSP).replace(' kr', NBSP + 'kr')}" in shown
        # the largest members leave and the maximum fee is low: no rate reaches the target
        board.leaving(["M01", "M13", "M26"])
        board.max_fee("20 000")
        with pytest.raises(UsageError, match="no rate reaches") as err:
            solve_rate(example_books, 2026, 200_000_000, max_fee=2_000_000, without=["M01", "M13", "M26"])
        most = re.search(r"at most ([\d ]+) kr", str(err.value)).group(1)
        shown = board.shown("solution")
        assert shown.startswith("Ingen sats når")
        assert f"högst {most.replace(' ', NBSP)}{NBSP}kr" in shown
    finally:
        board.close()


# ---------------------------------------------------------------- another association
def test_another_associations_page(browser, other):
    data, page = other
    books = load(data)
    board = BoardPage(browser, page)
    try:
        s = board.settings()
        assert (s["year"], s["r100"], s["max_fee"], s["max_increase"], s["basis"]) == \
            (2031, 240, 25_000_000, 4_000_000, "last_year_fee")
        # by hand: K01 160 Mkr × 2,4 ‰ = 384 000, capped at 200 000 + 40 000; K02 100 Mkr → 240 000,
        # capped at 190 000 + 40 000; K03 24 000; K04 8 333 337,50 × 2,4 ‰ = 20 000,01; K05 5 040;
        # K06 joins 15 April: 20 Mkr × 2,4 ‰ × 9/12 = 36 000; K07 gone
        assert board.totals()["service"] == 555_040        # 240 000 + 230 000 + 24 000 + 20 000,01 + 5 040 + 36 000
        rows = board.member_rows()
        assert rows["K01"][4] == f"240{NBSP}000{NBSP}kr" and rows["K01"][7] == "maxhöjning"
        assert rows["K06"][4] == f"36{NBSP}000{NBSP}kr" and rows["K07"][4] == f"0{NBSP}kr"
        check_against_package(board, books)
        for act in (lambda: board.max_fee("230 000"), lambda: board.max_increase(None),
                    lambda: board.rate("1,9"), lambda: board.leaving(["K02"]),
                    lambda: board.load_scenario("Högre maxtaxa"), lambda: board.year(2030),
                    lambda: board.year(2032)):
            act()
            check_against_package(board, books)
        # the income map runs over maximum fees around 250 000 kr, not a fixed 60 000–200 000
        grid = board.page.evaluate("() => window.nnsBoard.data.grid")
        assert grid["max_fees"][0] <= 12_500_000 and grid["max_fees"][-1] >= 50_000_000
        assert 25_000_000 in grid["max_fees"]
        assert board.left == [] and board.errors == []
    finally:
        board.close()
