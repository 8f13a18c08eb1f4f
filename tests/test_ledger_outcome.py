"""Outcome per budget line and month, and the trial balance, on a hand-worked ledger."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pandas as pd
import pytest

from nns_finance.accounting.outcome import outcome_by_line, trial_balance
from nns_finance.books.ledger import read_ledger
from nns_finance.core.problems import Problems, UsageError
from nns_finance.core.settings import Settings

VOUCHERS = """\
serie;nr;datum;konto;belopp;text
A;1;2025-01-20;1510;30 414,00;Serviceavgift, faktura 25001
A;1;2025-01-20;3020;-30 414,00;Serviceavgift, faktura 25001
A;2;2025-01-25;7240;18 000,00;Styrelsearvoden 01/2025
A;2;2025-01-25;7516;5 655,60;Styrelsearvoden 01/2025
A;2;2025-01-25;2710;-5 400,00;Styrelsearvoden 01/2025
A;2;2025-01-25;2730;-5 655,60;Styrelsearvoden 01/2025
A;2;2025-01-25;1930;-12 600,00;Styrelsearvoden 01/2025
A;3;2025-02-12;2710;5 400,00;Skatteverket 01/2025
A;3;2025-02-12;2730;5 655,60;Skatteverket 01/2025
A;3;2025-02-12;1930;-11 055,60;Skatteverket 01/2025
A;4;2025-02-14;1930;30 414,00;Inbetalning faktura 25001
A;4;2025-02-14;1510;-30 414,00;Inbetalning faktura 25001
A;5;2025-03-20;5800;1 200,50;Resa styrelsemöte
A;5;2025-03-20;1930;-1 200,50;Resa styrelsemöte
A;6;2025-03-31;6990;500,00;Bankavgift
A;6;2025-03-31;1930;-500,00;Bankavgift
"""

OPENING = "år;konto;belopp\n2025;1930;100 000\n2025;2067;-100 000\n"

ACCOUNTS = pd.DataFrame({
    "account": ["1510", "1930", "2067", "2710", "2730", "3020", "5800", "7240", "7516", "6990"],
    "name": ["Kundfordringar", "Företagskonto", "Balanserat kapital", "Personalskatt",
             "Sociala avgifter", "Serviceavgifter", "Resor", "Styrelsearvoden", "Sociala avgifter på arvoden",
             "Övriga kostnader"],
    "line": ["", "", "", "", "", "intakter.serviceavgifter", "kostnader.fortroendevalda",
             "kostnader.fortroendevalda", "kostnader.fortroendevalda", "kostnader.ovrigt"],
}).astype("str")


@pytest.fixture
def books(tmp_path):
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "2025.csv").write_text(VOUCHERS, encoding="utf-8")
    (tmp_path / "ledger" / "opening_balances.csv").write_text(OPENING, encoding="utf-8")
    problems = Problems()
    ledger, balances = read_ledger(tmp_path, problems, Settings(organisation="NNS", fiscal_year=2025))
    assert list(problems) == []
    return SimpleNamespace(ledger=ledger, balances=balances, accounts=ACCOUNTS)


def test_outcome_by_line_in_the_budget_sign(books):
    out = outcome_by_line(books, 2025, through_month=3)
    assert list(out.columns) == ["code", "month", "amount"]
    assert out["amount"].dtype == "int64"
    table = out.pivot(index="code", columns="month", values="amount")
    assert table.loc["intakter.serviceavgifter"].tolist() == [3041400, 0, 0]       # income positive
    assert table.loc["kostnader.fortroendevalda"].tolist() == [-2365560, 0, -120050]  # 18 000 + 5 655,60
    assert table.loc["kostnader.ovrigt"].tolist() == [0, 0, -50000]
    assert sorted(table.index) == ["intakter.serviceavgifter", "kostnader.fortroendevalda", "kostnader.ovrigt"]


def test_outcome_through_a_month_leaves_later_months_out(books):
    out = outcome_by_line(books, 2025, through_month=2)
    assert out["month"].max() == 2
    assert out.groupby("code")["amount"].sum().to_dict() == {
        "intakter.serviceavgifter": 3041400, "kostnader.fortroendevalda": -2365560, "kostnader.ovrigt": 0}


def test_outcome_of_another_year_is_zero(books):
    out = outcome_by_line(books, 2024)
    assert len(out) == 3 * 12 and (out["amount"] == 0).all()


def test_outcome_refuses_month_13(books):
    with pytest.raises(UsageError, match="through_month must be 1..12"):
        outcome_by_line(books, 2025, through_month=13)


def test_trial_balance_opening_movements_closing(books):
    tb = trial_balance(books, 2025, through_month=2).set_index("account")
    assert list(tb.columns) == ["name", "opening", "period", "movement", "closing"]
    # 1930: January −12 600,00 (net board fees); February −11 055,60 (Skatteverket) + 30 414,00
    assert tb.loc["1930"].tolist() == ["Företagskonto", 10000000, 1935840, 675840, 10675840]
    assert tb.loc["2067", ["opening", "movement", "closing"]].tolist() == [-10000000, 0, -10000000]
    assert tb.loc["2710", ["opening", "period", "movement", "closing"]].tolist() == [0, 540000, 0, 0]
    assert "5800" not in tb.index                      # booked in March, after the period
    assert tb["closing"].sum() == 0                    # debits equal credits


def test_trial_balance_full_year(books):
    tb = trial_balance(books, 2025).set_index("account")
    assert tb.loc["1930", "closing"] == 10000000 - 1260000 - 1105560 + 3041400 - 120050 - 50000
    assert tb.loc["6990", ["opening", "period", "movement", "closing"]].tolist() == [0, 0, 50000, 50000]
    assert tb["closing"].sum() == 0
