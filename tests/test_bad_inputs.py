"""The bad-input corpus (``tests/bad_inputs/``): every case must be answered with its exact
one-line message by ``nns-finance check`` and by the command that would use the file, exit
non-zero (zero for legal-but-odd input), without a traceback, without writing anything, and
without changing any input file. Run on the pytest-xdist workers: ``pytest -n 2
tests/test_bad_inputs.py``; the figures are printed at the end of the session (see conftest).
"""
from __future__ import annotations

import pytest

from bad_inputs.cases import CASES
from bad_inputs.harness import figures_of, run_case


def test_the_corpus_is_large_and_covers_every_input_kind():
    kinds = {c.kind for c in CASES}
    assert len(CASES) >= 60
    assert kinds >= {"settings", "budget", "accounts", "members", "deposits", "ledger-csv",
                     "ledger-xlsx", "sie", "scenario"}
    assert len({c.name for c in CASES}) == len(CASES)
    assert all(c.expected and "?" != c.expected for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_answered_clearly_and_changes_nothing(case, tmp_path, record_property):
    outcome = run_case(case, tmp_path)
    record_property("bad_input", figures_of(outcome))
    assert outcome.ok, outcome.explain()
