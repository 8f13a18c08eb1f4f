"""Equity: the seed's roll-forward chain, the ledger's equity accounts, months of costs covered."""
from __future__ import annotations

import shutil

import pandas as pd

import nns_finance
from nns_finance.accounting.equity import equity_problems, months_covered, roll_forward

KR = 100


def _budget_only(tmp_path, example_dir):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("settings.toml", "budget.csv", "accounts.csv"):
        shutil.copy(example_dir / name, folder / name)
    return nns_finance.load(folder, strict=False)


def _rows(frame):
    return [(r.year, r.version, r.opening // KR, r.result // KR, r.closing // KR,
             None if pd.isna(r.chain_difference) else int(r.chain_difference))
            for r in frame.itertuples()]


def test_the_seed_chain_rolls_forward(tmp_path, example_dir):
    frame = roll_forward(_budget_only(tmp_path, example_dir))
    # 1 549 590 + 2 686 = 1 552 276 → (forecast) + 28 026 = 1 580 302 → + 3 249 = 1 583 551
    assert _rows(frame) == [
        (2024, "outcome", 1_549_590, 2_686, 1_552_276, None),
        (2025, "forecast", 1_552_276, 28_026, 1_580_302, 0),
        (2025, "budget", 1_552_276, 9_749, 1_562_025, 0),
        (2026, "budget", 1_580_302, 3_249, 1_583_551, 0),
    ]
    assert list(frame["difference"]) == [0, 0, 0, 0]          # the table's closing rows agree
    assert list(frame["previous_from"]) == ["", "2024 outcome", "2024 outcome", "2025 forecast"]


def test_months_of_costs_covered(tmp_path, example_dir):
    frame = roll_forward(_budget_only(tmp_path, example_dir))
    # 2026: 1 583 551 / (2 531 000 / 12) = 7.51 months; 2024: 1 552 276 / (4 095 166 / 12) = 4.55
    assert list(frame["months_covered"]) == [4.55, 7.14, 7.35, 7.51]
    assert months_covered(158_355_100, -253_100_000) == 7.51
    assert months_covered(100, 0) is None


def test_ledger_equity_accounts_agree_with_the_table(example_dir):
    books = nns_finance.load(example_dir, strict=False)
    frame = roll_forward(books)
    ledger = frame[frame["source"] == "ledger"].iloc[0]
    # opening balance of 2067 = 1 552 276 kr; the vouchers' result = the 2025 forecast, 28 026 kr
    assert (ledger["year"], ledger["opening"], ledger["result"], ledger["closing"]) == \
        (2025, 155_227_600, 2_802_600, 158_030_200)
    assert ledger["chain_difference"] == 0 and ledger["previous_from"] == "2024 outcome"
    # the 2026 budget's opening now chains to the (complete) 2025 ledger
    budget_2026 = frame[(frame["year"] == 2026)].iloc[0]
    assert budget_2026["previous_from"] == "2025 bokföring" and budget_2026["chain_difference"] == 0
    assert equity_problems(books) == []


def test_a_broken_chain_is_a_warning(example_copy):
    sie = example_copy / "ledger" / "2025.se"
    lines = sie.read_bytes().decode("cp437").splitlines()
    edited = [ln for ln in lines if not ln.startswith("#KSUMMA")]   # the edit breaks the checksum
    text = "\n".join(edited).replace("#IB 0 2067 -1552276.00", "#IB 0 2067 -1552000.00") \
                            .replace("#IB 0 1930 1645990.27", "#IB 0 1930 1645714.27")
    sie.write_bytes((text + "\n").encode("cp437"))
    books = nns_finance.load(example_copy, strict=False)
    got = [str(p) for p in equity_problems(books)]
    assert "ledger: warning: equity 2025 bokföring: opening 1 552 000 kr is not the closing of " \
           "2024 outcome (1 552 276 kr)" in got


def test_a_rounding_difference_under_one_krona_is_a_note_not_a_warning(example_copy):
    # the 2025 ledger opens at 1 552 276,60 against the board's rounded 2024 Utfall 1 552 276:
    # 0,60 kr of rounding, no warning; 1 552 277,01 (1,01 kr) is one
    def opening(ib_equity: str, ib_bank: str):
        from conftest import EXAMPLE

        sie = example_copy / "ledger" / "2025.se"
        lines = (EXAMPLE / "ledger" / "2025.se").read_bytes().decode("cp437").splitlines()
        text = "\n".join(ln for ln in lines if not ln.startswith("#KSUMMA"))
        text = text.replace("#IB 0 2067 -1552276.00", f"#IB 0 2067 {ib_equity}") \
                   .replace("#IB 0 1930 1645990.27", f"#IB 0 1930 {ib_bank}")
        sie.write_bytes((text + "\n").encode("cp437"))
        return [p.message for p in equity_problems(nns_finance.load(example_copy, strict=False))
                if "2025 bokföring: opening" in p.message and "is not the closing of 2024" in p.message]

    assert opening("-1552276.60", "1645990.87") == []
    assert opening("-1552277.01", "1645991.28") == [
        "equity 2025 bokföring: opening 1 552 277,01 kr is not the closing of 2024 outcome (1 552 276 kr)"]
