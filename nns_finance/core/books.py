"""``Books``: everything in one data folder, read and checked — the record every operation takes.

:func:`nns_finance.books.load.load` makes it; nothing after it opens an input file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .problems import Problem
from .schema import empty_frame
from .settings import Settings


@dataclass(frozen=True)
class Source:
    """One input file that was read: its name in the data folder and its SHA-256."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Books:
    """Everything in one data folder, validated. See the module docstring for the frames.

    Frozen: no attribute can be replaced (``books.ledger = ...`` raises). The frames themselves
    are ordinary pandas DataFrames, which Python cannot freeze: ``books.ledger.loc[...] = ...``
    or ``books.ledger["x"] = ...`` would change them for every later use in the same session.
    So nothing in the package writes to them — every function returns new frames (a test
    holds the package to that) — and a notebook that wants to change figures derives its own
    frame (``books.ledger.assign(...)``, ``.copy()``) or uses :func:`dataclasses.replace`
    for a changed Books. Pandas' copy-on-write keeps a derived frame from writing back.
    """

    folder: Path
    settings: Settings
    budget_lines: pd.DataFrame
    budget: pd.DataFrame
    budget_equity: pd.DataFrame
    accounts: pd.DataFrame
    members: pd.DataFrame
    fee_bases: pd.DataFrame
    deposits: pd.DataFrame
    ledger: pd.DataFrame
    balances: pd.DataFrame
    phasing: tuple = ()                 # books.phasing.MonthlyProfile, in the file's order
    forecast: pd.DataFrame = field(default_factory=lambda: empty_frame("forecast"))
    commitments: pd.DataFrame = field(default_factory=lambda: empty_frame("commitments"))
    assumptions: Any = None             # books.assumptions.Assumptions (all zero when no file)
    scenario_texts: tuple = ()          # books.scenario_file.ScenarioText, one per scenario file
    extra_inputs: tuple[Path, ...] = () # files named on the command line (assumptions, scenarios)
    sources: tuple[Source, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
