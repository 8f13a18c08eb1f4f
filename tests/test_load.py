"""``nns_finance.load``: one immutable Books, frames in the contract, and no function of the
package writing into the frames it is given."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from nns_finance import load
from nns_finance.books.budget import budget_table
from nns_finance.core.schema import SCHEMAS, schema_mismatches
from nns_finance.treasury.deposits import accrued
from nns_finance.treasury.reconciliation import deposit_summary
from nns_finance.accounting.equity import roll_forward
from nns_finance.fees.model import fee_table
from nns_finance.accounting.outcome import outcome_by_line, trial_balance
from nns_finance.accounting.phasing import phase_budget
from nns_finance.planning.projection import load_assumptions, project


EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"


@pytest.fixture(scope="module")
def books():
    return load(EXAMPLE)


def test_every_frame_keeps_the_contract_and_amounts_are_ore(books):
    for name in SCHEMAS:
        assert schema_mismatches(getattr(books, name), name) == [], name
    # the seed's 2025 forecast of Serviceavgifter, 1 794 449 kr, in öre
    budget = books.budget.set_index(["code", "version", "year"])["amount"]
    assert budget[("intakter.serviceavgifter", "forecast", 2025)] == 179_444_900


def test_books_cannot_be_reassigned(books):
    with pytest.raises(dataclasses.FrozenInstanceError):
        books.ledger = books.ledger.iloc[0:0]
    changed = dataclasses.replace(books, ledger=books.ledger.iloc[0:0])
    assert changed.ledger.empty and len(books.ledger) > 0


def test_no_function_of_the_package_writes_into_the_books(books):
    before = {name: getattr(books, name).copy(deep=True) for name in SCHEMAS}
    budget_table(books, 2025, equity=True)
    outcome_by_line(books, 2025, 9)
    trial_balance(books, 2025, 9)
    phase_budget(books, 2025)
    fee_table(books, 2026)
    accrued(books, dt.date(2025, 11, 30))
    deposit_summary(books, dt.date(2025, 11, 30))
    roll_forward(books)
    project(books, load_assumptions(books), 2026, 2028)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(books, name), frame, obj=name)


def test_a_frame_derived_from_the_books_never_writes_back(books):
    """Copy-on-write: changing a derived frame leaves the Books as they were."""
    ledger = books.ledger[books.ledger["account"] == "1930"]
    ledger.loc[:, "amount"] = 0
    assert int(books.ledger.loc[books.ledger["account"] == "1930", "amount"].abs().sum()) > 0
