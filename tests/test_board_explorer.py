"""The JupyterLab fee explorer (the board's page without Python has the same controls): Swedish
input and readouts, labels in full, slider steps and heat-map ranges from the data."""
from __future__ import annotations

from decimal import Decimal

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from nns_finance import load  # noqa: E402
from nns_finance.core.problems import UsageError  # noqa: E402
from nns_finance.planning.fee_scenarios import current_scenario  # noqa: E402
from nns_finance.reports.fee_charts import heatmap_axes  # noqa: E402
from nns_finance.reports.fee_explorer import explorer, kr_text, parse_kr, parse_rate, permille_text  # noqa: E402

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def books():
    from conftest import EXAMPLE

    return load(EXAMPLE)


def test_swedish_readouts_and_input():
    assert permille_text(Decimal("3.5")) == f"3,50{NBSP}‰"
    assert kr_text(12_340_000) == f"123{NBSP}400{NBSP}kr"
    assert kr_text(9_999_950) == f"99{NBSP}999,50{NBSP}kr"
    assert parse_rate("3,65") == parse_rate("3.65") == parse_rate(f"3,65{NBSP}‰") == Decimal("3.65")
    assert parse_kr("123 400") == parse_kr(f"123{NBSP}400{NBSP}kr") == 12_340_000
    assert parse_kr("ingen") is None and parse_kr("") is None
    for bad in ("3,655", "tre", "-1"):
        with pytest.raises(UsageError, match="promille"):
            parse_rate(bad)
    with pytest.raises(UsageError, match="kronor"):
        parse_kr("hundra")


def test_typing_3_65_gives_3_65_not_3(books, capsys):
    box = explorer(books, 2026, current_scenario(books, 2026))
    controls = box.children[0]
    (rate, rate_box), (fee, fee_box), (inc, inc_box) = (h.children for h in controls.children[:3])
    message = controls.children[4]
    assert rate_box.value == f"3,50{NBSP}‰" and fee_box.value == f"123{NBSP}400{NBSP}kr" and inc_box.value == "ingen"
    capsys.readouterr()
    with pd.option_context("display.max_columns", None, "display.width", 10_000):
        rate_box.value = "3,65"
        shown = capsys.readouterr().out
    assert rate.value == pytest.approx(3.65) and rate_box.value == f"3,65{NBSP}‰"
    # 3,65 ‰ brings in 1 796 538 kr from the 57 paying members (tests/test_fees_board.py)
    assert "3,65 ‰" in shown and "1 796 538 kr" in shown
    rate_box.value = "3,6x"
    assert "Sats:" in message.value and rate.value == pytest.approx(3.65)
    fee_box.value = "150 000"
    assert fee.value == 150_000 and fee_box.value == f"150{NBSP}000{NBSP}kr" and message.value.count("<br>") == 0
    fee_box.value = "ingen"
    assert fee_box.value == "ingen"
    inc_box.value = "30 000"
    assert inc.value == 30_000


def test_labels_are_not_cut_and_steps_are_sensible(books):
    box = explorer(books, 2026, current_scenario(books, 2026))
    rate, fee, inc = (h.children[0] for h in box.children[0].children[:3])
    for slider in (rate, fee, inc):
        assert slider.style.description_width == "initial"        # the whole label, never "Maxhöjnin…"
    assert rate.step == 0.01
    # the maximum fee moves in 2 000 kr steps over 62 000–248 000 kr: about 90 positions, not 56 500 kr a drag
    assert fee.step == 2_000 and fee.min <= 123_400 // 2 and fee.max >= 2 * 123_400
    assert (fee.max - fee.min) // fee.step >= 80


def test_heat_map_covers_another_associations_maximum_fee(tmp_path):
    from board_helpers import other_association

    books = load(other_association(tmp_path / "data"))
    rates, fees = heatmap_axes(books, 2031, [current_scenario(books, 2031)])
    assert fees[0] <= 125_000 and fees[-1] >= 500_000 and 250_000 in fees
    assert rates[0] == Decimal("0.40") and rates[-1] == Decimal("4.40")
    # as before, a range can be given
    rates, fees = heatmap_axes(books, 2031, [current_scenario(books, 2031)], "2:3:0.5", "100000:300000:100000")
    assert rates == [Decimal("2"), Decimal("2.5"), Decimal("3.0")] and fees == [100_000, 200_000, 300_000]
