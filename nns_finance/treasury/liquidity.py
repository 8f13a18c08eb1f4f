"""Liquidity at a month end for the monthly report: bank, term deposits, what matures soon.

- bank: the balance of the bank accounts in settings (``[accounts] bank``): opening balance
  plus every voucher row dated on or before the day;
- deposits: the register's deposits placed at the end of the day, each with the interest
  accrued so far (:func:`nns_finance.treasury.deposits.accrued`); when there is no register, the
  ledger balance of the placement accounts (without accrued interest);
- maturing: deposits maturing within the next three months (:func:`nns_finance.treasury.deposits.ladder`);
- findings: the deposit-guarantee warnings (exposure per bank above the limit on that day).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..accounting.trial_balance import balance_at

from ..core.problems import Problem

MATURING_MONTHS = 3


@dataclass(frozen=True)
class Liquidity:
    """Cash and deposits at ``at`` (all öre).

    bank:          balance of the bank accounts
    deposits:      deposit_id, bank, principal, rate, start, maturity, accrued, value
    deposit_value: principal + accrued interest of all deposits held
    maturing:      maturity, deposit_id, bank, principal, interest, amount (next three months)
    findings:      deposit-guarantee warnings (Problems)
    from_ledger:   True when deposits come from the ledger's placement accounts (no register)
    guarantee:     per bank: bank, exposure (principal + accrued), limit, headroom (empty
                   without a register) — :func:`nns_finance.treasury.guarantee.guarantee_status`
    """

    at: dt.date
    bank: int
    deposits: pd.DataFrame
    deposit_value: int
    maturing: pd.DataFrame
    findings: tuple[Problem, ...] = field(default_factory=tuple)
    from_ledger: bool = False
    guarantee: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"bank": pd.Series(dtype="str"), "exposure": pd.Series(dtype="int64"),
         "limit": pd.Series(dtype="int64"), "headroom": pd.Series(dtype="int64")}))


def _empty_deposits() -> pd.DataFrame:
    return pd.DataFrame({"deposit_id": pd.Series(dtype="str"), "bank": pd.Series(dtype="str"),
                         "principal": pd.Series(dtype="int64"), "rate": pd.Series(dtype="object"),
                         "start": pd.Series(dtype="datetime64[ns]"),
                         "maturity": pd.Series(dtype="datetime64[ns]"),
                         "accrued": pd.Series(dtype="int64"), "value": pd.Series(dtype="int64")})


def _empty_maturing() -> pd.DataFrame:
    return pd.DataFrame({"maturity": pd.Series(dtype="datetime64[ns]"), "deposit_id": pd.Series(dtype="str"),
                         "bank": pd.Series(dtype="str"), "principal": pd.Series(dtype="int64"),
                         "interest": pd.Series(dtype="int64"), "amount": pd.Series(dtype="int64")})


def liquidity(books, at: dt.date) -> Liquidity:
    """Bank, deposits with accrued interest, maturities and guarantee warnings at ``at``."""
    year = at.year
    bank = balance_at(books, books.settings.accounts.bank, at, year)
    findings: tuple[Problem, ...] = ()
    if len(books.deposits):
        from .deposits import accrued, ladder

        held = accrued(books, at)
        deposits = held[["deposit_id", "bank", "principal", "rate", "start", "maturity", "accrued", "value"]]
        maturing = ladder(books, at, MATURING_MONTHS)[
            ["maturity", "deposit_id", "bank", "principal", "interest", "amount"]]
        from .guarantee import guarantee_problems, guarantee_status

        findings = tuple(guarantee_problems(books, at))
        status = guarantee_status(books, at)[["bank", "exposure", "limit", "headroom"]]
        return Liquidity(at, bank, deposits.reset_index(drop=True), int(deposits["value"].sum()),
                         maturing.reset_index(drop=True), findings, guarantee=status.reset_index(drop=True))
    placed = balance_at(books, books.settings.accounts.deposits, at, year)
    deposits = _empty_deposits()
    if placed:
        deposits = pd.DataFrame({
            "deposit_id": pd.Series([", ".join(books.settings.accounts.deposits)], dtype="str"),
            "bank": pd.Series([""], dtype="str"), "principal": pd.Series([placed], dtype="int64"),
            "rate": pd.Series([None], dtype="object"), "start": pd.Series([pd.NaT], dtype="datetime64[ns]"),
            "maturity": pd.Series([pd.NaT], dtype="datetime64[ns]"),
            "accrued": pd.Series([0], dtype="int64"), "value": pd.Series([placed], dtype="int64")})
    return Liquidity(at, bank, deposits, placed, _empty_maturing(), findings, from_ledger=True)
