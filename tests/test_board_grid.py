"""The board page's script computes (it takes the lowest of the fee, the cap and the maximum fee,
pro rata for members joining, and adds up), so it is proved equal to the package over the whole
grid of control positions: every rate × no or every maximum fee × no or every maximum increase,
both bases of the cap, every fee year on the page, every member — in the real browser.

Comparing 10^8 member fees one by one would move gigabytes between browser and test, so both
sides reduce them the same way, per rate: Σ fee, Σ fee·(member row + 1), Σ fee·(maximum-fee
position + 1), Σ fee·(increase position + 1), and the counts of members at the maximum fee and
capped. The package's side is :func:`nns_finance.fees.grid.grid_fees` (which equals
:func:`~nns_finance.fees.model.fee_table`, tests/test_fees_grid.py) on the fee-table members;
every sum stays below 2^53, so the browser's numbers are exact."""
from __future__ import annotations

import numpy as np
import pytest

from board_helpers import BoardPage, chromium, other_association
from nns_finance import load
from nns_finance.cli import main
from nns_finance.fees.arithmetic import per_mille_of, rounding_unit
from nns_finance.fees.grid import NO_LIMIT, FeeInputs, grid_fees
from nns_finance.reports.board.figures import make_figures, offered_years

CHUNK = 8


def package_digest(fig, grid, basis: str, prev_r100: int) -> np.ndarray:
    t = fig.table
    pays = (t["months"] > 0).to_numpy()
    rows = np.flatnonzero(pays)                        # members paying nothing add 0 on both sides
    p = t[pays]
    base = p["base"].fillna(0).astype("int64").to_numpy()
    last = p["last_year_fee"].fillna(-1).astype("int64").to_numpy()
    unit = rounding_unit(fig.rule.rounding)
    if basis == "previous_rate":
        reference = np.asarray(per_mille_of(base, prev_r100, 100, unit), dtype="int64")
    else:
        reference = last
    inputs = FeeInputs(fig.rule, p["member_id"].astype(str).to_numpy(), p["name"].astype(str).to_numpy(),
                       base, p["months"].astype("int64").to_numpy(), reference, last)
    fees_at = np.asarray([NO_LIMIT, *grid.max_fees], dtype="int64")
    incs_at = np.asarray([NO_LIMIT, *grid.max_increases], dtype="int64")
    m_w = (rows + 1).astype("int64")
    f_w = np.arange(1, len(fees_at) + 1, dtype="int64")
    i_w = np.arange(1, len(incs_at) + 1, dtype="int64")
    out = []
    rates = grid.rates_r100
    for k in range(0, len(rates), CHUNK):
        fees, before, caps = grid_fees(inputs, rates[k:k + CHUNK], fees_at, incs_at)
        mf = fees_at[None, :, None, None]
        at_max = (mf < before) & (mf <= caps)
        capped = (caps < before) & ~at_max
        for r in range(fees.shape[0]):
            f = fees[r]                                # (maximum fees, increases, members)
            out.append([int(f.sum()), int(f.sum(axis=(0, 1)) @ m_w), int(f.sum(axis=(1, 2)) @ f_w),
                        int(f.sum(axis=(0, 2)) @ i_w), int(np.broadcast_to(at_max[r], f.shape).sum()),
                        int(np.broadcast_to(capped[r], f.shape).sum())])
    out = np.asarray(out, dtype=object)
    assert max(int(v) for v in out.ravel()) < 2**53, "the sums would not be exact in the browser"
    return out


def prove(browser, folder, year, tmp_path, scenarios=(), every_year=True):
    out = tmp_path / "out"
    assert main(["board", "--year", str(year), "--data", str(folder), "--out", str(out), *scenarios]) == 0
    books = load(folder, scenarios=[] if "none" in scenarios else None)
    figs, grid = make_figures(books, offered_years(books, year))
    board = BoardPage(browser, out / f"avgifter_{year}.html")
    try:
        page_grid = board.page.evaluate("() => window.nnsBoard.data.grid")
        assert page_grid["max_fees"] == list(grid.max_fees) and page_grid["rate_first"] == grid.rate_first
        checked = 0
        for yi, fig in enumerate(figs):
            if not every_year and fig.year != year:
                continue
            for basis in ("last_year_fee", "previous_rate"):
                pi = fig.previous_r100 - grid.rate_first
                shown = board.page.evaluate("([yi, basis, pi]) => window.nnsBoard.gridDigest(yi, basis, pi)",
                                            [yi, basis, pi])
                expected = package_digest(fig, grid, basis, fig.previous_r100)
                bad = [i for i, (a, b) in enumerate(zip(shown, expected.tolist())) if list(a) != list(b)]
                assert not bad, (f"{fig.year} {basis}: the page differs from the package at "
                                 f"{(grid.rate_first + bad[0]) / 100} ‰: {shown[bad[0]]} != {expected[bad[0]]}")
                checked += len(shown) * (len(grid.max_fees) + 1) * (len(grid.max_increases) + 1) * len(fig.table)
        assert board.left == [] and board.errors == []
    finally:
        board.close()
    return checked


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_the_page_equals_the_package_over_the_whole_grid(browser, example_dir, tmp_path):
    """The year shown first, both bases (the other years' figures come from the same code, and
    the other association below goes through every year)."""
    checked = prove(browser, example_dir, 2026, tmp_path, ["--scenarios", "none"], every_year=False)
    assert checked > 10**8 / 2       # member fees compared: 551 rates × 98 × 62 × 59 members × 2 bases


def test_another_association_over_the_whole_grid(browser, tmp_path):
    """Fees to the öre, pro-rata joining, a cap against last year's fee, 250 000 kr maximum fee."""
    folder = other_association(tmp_path / "data")
    assert prove(browser, folder, 2031, tmp_path) > 10**6
