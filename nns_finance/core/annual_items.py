"""The items of the simplified annual accounts of a non-profit association (förenklat
årsbokslut, BFNAR 2010:1 appendix 2), and which BAS accounts fall under each by default.

The form is fixed: its items, in this order, with these headings (an item without an amount
may be left out; items may not be merged, added or renamed). Each item has a code (the name in
lowercase, å/ä → a, ö → o, other characters → ``-``) that the chart of accounts' optional
``bokslutspost`` column may name to place an account elsewhere than its BAS default — by code
or by the item's Swedish name.

Default mapping by BAS ranges (:data:`DEFAULT_RANGES`, the first range that holds the account
wins):

=========== ============================================  =========== ==========================================
accounts    Resultaträkning                               accounts    Balansräkning
=========== ============================================  =========== ==========================================
3000–3099   Medlemsavgifter                               1000–1099   Immateriella anläggningstillgångar
3100–3799   Övriga verksamhetsintäkter                    1100–1199   Byggnader och mark
3800–3984   Övriga intäkter                               1200–1299   Inventarier
3985–3989   Gåvor och bidrag                              1300–1399   Finansiella placeringar
3990–3999   Övriga intäkter                               1400–1499   Varulager
4000–4999   Verksamhetskostnader                          1500–1599   Kundfordringar
5000–6999   Övriga externa kostnader                      1600–1799   Övriga fordringar
7000–7699   Personalkostnader                             1800–1899   Finansiella placeringar
7700–7899   Av- och nedskrivningar                        1900–1999   Kassa och bank
7900–7999   Övriga kostnader                              2069, 2099  Årets över-/underskott
8000–8399   Finansiella intäkter                          2000–2099   Balanserat över-/underskott
8400–8499   Finansiella kostnader                         2100–2199   Obeskattade reserver
8800–8899   Bokslutsdispositioner                         2300–2419   Låneskulder
8900–8989   Skatt                                         2440–2449   Leverantörsskulder
8999        the year-end closing entry (not an item)      2500–2799   Skatteskulder
                                                          2200–2299, 2420–2439, 2450–2499, 2800–2999
                                                                      Övriga skulder
=========== ============================================  =========== ==========================================

Accounts in no range (8500–8799, for example) have no default: an account with a balance or a
movement there must be given an item, or the annual accounts stop naming it.
"""
from __future__ import annotations

from dataclasses import dataclass

INCOME_STATEMENT, BALANCE_SHEET = "RR", "BR"
CLOSING_ENTRY = "arets-resultat-bokslut"   # 8999: the result moved to equity, not an item


@dataclass(frozen=True)
class Item:
    """One item of the form: code, Swedish heading, statement (``RR``/``BR``), the section it
    belongs to (``intakter``, ``kostnader``, ``finansiella``, ``bokslut``; ``tillgangar``,
    ``eget-kapital``, ``obeskattade``, ``skulder``), and its sign in the statement: +1 when the
    item shows the credit side as positive (income, equity, liabilities), −1 when it shows debit
    as positive (assets) — costs are shown negative, as income minus costs."""

    code: str
    sv: str
    statement: str
    section: str
    sign: int


ITEMS: tuple[Item, ...] = (
    Item("medlemsavgifter", "Medlemsavgifter", "RR", "intakter", 1),
    Item("gavor-och-bidrag", "Gåvor och bidrag", "RR", "intakter", 1),
    Item("ovriga-verksamhetsintakter", "Övriga verksamhetsintäkter", "RR", "intakter", 1),
    Item("forsaljningsintakter", "Försäljningsintäkter", "RR", "intakter", 1),
    Item("ovriga-intakter", "Övriga intäkter", "RR", "intakter", 1),
    Item("verksamhetskostnader", "Verksamhetskostnader", "RR", "kostnader", 1),
    Item("forsaljningskostnader", "Försäljningskostnader", "RR", "kostnader", 1),
    Item("ovriga-externa-kostnader", "Övriga externa kostnader", "RR", "kostnader", 1),
    Item("personalkostnader", "Personalkostnader", "RR", "kostnader", 1),
    Item("av-och-nedskrivningar",
         "Av- och nedskrivningar av materiella och immateriella anläggningstillgångar", "RR", "kostnader", 1),
    Item("ovriga-kostnader", "Övriga kostnader", "RR", "kostnader", 1),
    Item("finansiella-intakter", "Finansiella intäkter", "RR", "finansiella", 1),
    Item("finansiella-kostnader", "Finansiella kostnader", "RR", "finansiella", 1),
    Item("bokslutsdispositioner", "Bokslutsdispositioner", "RR", "bokslut", 1),
    Item("skatt", "Skatt", "RR", "bokslut", 1),
    Item("immateriella-anlaggningstillgangar", "Immateriella anläggningstillgångar", "BR", "tillgangar", -1),
    Item("byggnader-och-mark", "Byggnader och mark", "BR", "tillgangar", -1),
    Item("inventarier", "Inventarier", "BR", "tillgangar", -1),
    Item("varulager", "Varulager", "BR", "tillgangar", -1),
    Item("kundfordringar", "Kundfordringar", "BR", "tillgangar", -1),
    Item("ovriga-fordringar", "Övriga fordringar", "BR", "tillgangar", -1),
    Item("finansiella-placeringar", "Finansiella placeringar", "BR", "tillgangar", -1),
    Item("kassa-och-bank", "Kassa och bank", "BR", "tillgangar", -1),
    Item("balanserat-over-underskott", "Balanserat över-/underskott", "BR", "eget-kapital", 1),
    Item("arets-over-underskott", "Årets över-/underskott", "BR", "eget-kapital", 1),
    Item("obeskattade-reserver", "Obeskattade reserver", "BR", "obeskattade", 1),
    Item("laneskulder", "Låneskulder", "BR", "skulder", 1),
    Item("leverantorsskulder", "Leverantörsskulder", "BR", "skulder", 1),
    Item("skatteskulder", "Skatteskulder", "BR", "skulder", 1),
    Item("ovriga-skulder", "Övriga skulder", "BR", "skulder", 1),
)
ITEMS_BY_CODE = {i.code: i for i in ITEMS}

DEFAULT_RANGES: tuple[tuple[int, int, str], ...] = (
    (3000, 3099, "medlemsavgifter"), (3100, 3799, "ovriga-verksamhetsintakter"),
    (3800, 3984, "ovriga-intakter"), (3985, 3989, "gavor-och-bidrag"), (3990, 3999, "ovriga-intakter"),
    (4000, 4999, "verksamhetskostnader"), (5000, 6999, "ovriga-externa-kostnader"),
    (7000, 7699, "personalkostnader"), (7700, 7899, "av-och-nedskrivningar"), (7900, 7999, "ovriga-kostnader"),
    (8000, 8399, "finansiella-intakter"), (8400, 8499, "finansiella-kostnader"),
    (8800, 8899, "bokslutsdispositioner"), (8900, 8989, "skatt"), (8999, 8999, CLOSING_ENTRY),
    (1000, 1099, "immateriella-anlaggningstillgangar"), (1100, 1199, "byggnader-och-mark"),
    (1200, 1299, "inventarier"), (1300, 1399, "finansiella-placeringar"), (1400, 1499, "varulager"),
    (1500, 1599, "kundfordringar"), (1600, 1799, "ovriga-fordringar"), (1800, 1899, "finansiella-placeringar"),
    (1900, 1999, "kassa-och-bank"), (2069, 2069, "arets-over-underskott"), (2099, 2099, "arets-over-underskott"),
    (2000, 2099, "balanserat-over-underskott"), (2100, 2199, "obeskattade-reserver"),
    (2300, 2419, "laneskulder"), (2440, 2449, "leverantorsskulder"), (2500, 2799, "skatteskulder"),
    (2200, 2299, "ovriga-skulder"), (2420, 2439, "ovriga-skulder"), (2450, 2499, "ovriga-skulder"),
    (2800, 2999, "ovriga-skulder"),
)

# the item a balance-sheet group (nns_finance.core.bas) falls back to when the chart of accounts
# moves an account to another group and names no item
GROUP_ITEMS = {
    "anlaggningstillgangar": "inventarier", "varulager": "varulager", "fordringar": "ovriga-fordringar",
    "kortfristiga-placeringar": "finansiella-placeringar", "kassa-och-bank": "kassa-och-bank",
    "eget-kapital": "balanserat-over-underskott", "obeskattade-reserver": "obeskattade-reserver",
    "avsattningar": "ovriga-skulder", "langfristiga-skulder": "laneskulder",
    "kortfristiga-skulder": "ovriga-skulder",
}


def statement_of(account: str) -> str | None:
    """``RR`` for 3000–8999, ``BR`` for 1000–2999, else None."""
    text = str(account)
    if len(text) != 4 or not text.isdigit():
        return None
    return BALANCE_SHEET if text[0] in "12" else INCOME_STATEMENT if text[0] in "345678" else None


def default_item(account: str) -> str | None:
    """The item BAS puts ``account`` under (``"3010"`` → ``medlemsavgifter``), or None."""
    text = str(account)
    if len(text) != 4 or not text.isdigit():
        return None
    n = int(text)
    return next((item for first, last, item in DEFAULT_RANGES if first <= n <= last), None)


def _key(text: str) -> str:
    text = text.strip().lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o")):
        text = text.replace(a, b)
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


_BY_KEY = {**{_key(i.sv): i.code for i in ITEMS}, **{i.code: i.code for i in ITEMS}}


def annual_item_code(text: str) -> str | None:
    """The item a ``bokslutspost`` cell names (code or Swedish heading), or None."""
    return _BY_KEY.get(_key(str(text)))
