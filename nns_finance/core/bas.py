"""The BAS chart's structure: which account belongs where in the balance sheet.

BAS (the Swedish standard chart of accounts) groups the balance-sheet accounts by their first
two digits. The balance sheet (:mod:`nns_finance.accounting.balance_sheet`) shows these groups:

======================================  =========  ============================================
group code                              accounts   shown as
======================================  =========  ============================================
``anlaggningstillgangar``               10–13      Anläggningstillgångar
``varulager``                           14         Varulager m.m.
``fordringar``                          15–17      Kortfristiga fordringar
``kortfristiga-placeringar``            18         Kortfristiga placeringar
``kassa-och-bank``                      19         Kassa och bank
``eget-kapital``                        20         Eget kapital
``obeskattade-reserver``                21         Obeskattade reserver
``avsattningar``                        22         Avsättningar
``langfristiga-skulder``                23         Långfristiga skulder
``kortfristiga-skulder``                24–29      Kortfristiga skulder
======================================  =========  ============================================

An account can be put in another group by the chart of accounts (the column ``balansgrupp``,
see :mod:`nns_finance.books.accounts`), e.g. an overdrawn bank account among the short-term
liabilities. The column accepts the group code or the Swedish name shown above.

This module is plain data so that both the loader (which checks what the chart names) and the
accounting layer (which adds the figures up) can use it.
"""
from __future__ import annotations

from dataclasses import dataclass

ASSETS = "assets"
EQUITY_LIABILITIES = "equity_liabilities"


@dataclass(frozen=True)
class BalanceGroup:
    """One group of the balance sheet: its code, Swedish and English name, side and BAS range."""

    code: str
    sv: str
    en: str
    side: str                 # ASSETS or EQUITY_LIABILITIES
    first: int                # first two-digit BAS group (10 = accounts 1000–1099)
    last: int


BALANCE_GROUPS: tuple[BalanceGroup, ...] = (
    BalanceGroup("anlaggningstillgangar", "Anläggningstillgångar", "Fixed assets", ASSETS, 10, 13),
    BalanceGroup("varulager", "Varulager m.m.", "Inventories", ASSETS, 14, 14),
    BalanceGroup("fordringar", "Kortfristiga fordringar", "Current receivables", ASSETS, 15, 17),
    BalanceGroup("kortfristiga-placeringar", "Kortfristiga placeringar", "Short-term investments",
                 ASSETS, 18, 18),
    BalanceGroup("kassa-och-bank", "Kassa och bank", "Cash and bank", ASSETS, 19, 19),
    BalanceGroup("eget-kapital", "Eget kapital", "Equity", EQUITY_LIABILITIES, 20, 20),
    BalanceGroup("obeskattade-reserver", "Obeskattade reserver", "Untaxed reserves",
                 EQUITY_LIABILITIES, 21, 21),
    BalanceGroup("avsattningar", "Avsättningar", "Provisions", EQUITY_LIABILITIES, 22, 22),
    BalanceGroup("langfristiga-skulder", "Långfristiga skulder", "Long-term liabilities",
                 EQUITY_LIABILITIES, 23, 23),
    BalanceGroup("kortfristiga-skulder", "Kortfristiga skulder", "Current liabilities",
                 EQUITY_LIABILITIES, 24, 29),
)
GROUPS_BY_CODE = {g.code: g for g in BALANCE_GROUPS}


def _key(text: str) -> str:
    text = text.strip().lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o")):
        text = text.replace(a, b)
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


_BY_KEY = {**{_key(g.sv): g.code for g in BALANCE_GROUPS},
           **{_key(g.en): g.code for g in BALANCE_GROUPS},
           **{g.code: g.code for g in BALANCE_GROUPS}}


def balance_group_code(text: str) -> str | None:
    """The group code a chart-of-accounts cell names (code, Swedish or English name), or None."""
    return _BY_KEY.get(_key(str(text)))


def default_balance_group(account: str) -> str | None:
    """The BAS group of a balance-sheet account (``"1930"`` → ``kassa-och-bank``), else None."""
    text = str(account)
    if len(text) != 4 or not text.isdigit():
        return None
    two = int(text[:2])
    for g in BALANCE_GROUPS:
        if g.first <= two <= g.last:
            return g.code
    return None


def is_balance_account(account: str) -> bool:
    """True for BAS balance-sheet accounts 1000–2999."""
    text = str(account)
    return len(text) == 4 and text.isdigit() and text[0] in "12"
