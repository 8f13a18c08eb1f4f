"""The balance sheet (balansräkning) at a month's end, beside the year's opening balance.

Built from the trial balance (:func:`nns_finance.accounting.trial_balance.trial_balance`): each
balance-sheet account (1000–2999) goes to its BAS group (:data:`nns_finance.core.bas.BALANCE_GROUPS`:
fixed assets 10–13, inventories 14, receivables 15–17, short-term investments 18, cash and bank
19; equity 20, untaxed reserves 21, provisions 22, long-term liabilities 23, current
liabilities 24–29), or to the group the chart of accounts names in its ``balansgrupp`` column.

Signs as a reader expects them: assets debit positive, equity and liabilities credit positive.

**The result not yet booked.** During the year (and until the year-end closing is booked, in
SIE: before the result is moved to 2099/2069) the result lies on the result accounts, not on
equity. As in :mod:`nns_finance.accounting.equity`, the balance sheet adds it to equity as its
own row, *Årets resultat (ej bokfört)* = income − costs = −(the result accounts' balance). When
the year's opening comes from last year's closing balances (no ``#IB`` for the year) and those
were taken before last year's closing was booked, the balance accounts open out of balance by
last year's result: that amount is shown as *Föregående års resultat (ej bokfört)* in both
columns.

**The check.** Assets must equal equity + liabilities in both columns. Because the unbooked
result is taken from the result accounts (not as whatever balances the sheet), a difference is
real — opening balances that do not sum to zero, a voucher that does not balance, an account
outside 1000–8999 — and :meth:`BalanceSheet.problems` reports it as an error.

Every group is the sum of its rows in :attr:`BalanceSheet.accounts` (account, name, opening,
closing), so each figure traces to its accounts.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.bas import ASSETS, BALANCE_GROUPS, EQUITY_LIABILITIES, GROUPS_BY_CODE, default_balance_group
from ..core.money import format_kr
from ..core.problems import ERROR, Problem
from ..core.i18n import _
from .trial_balance import TOTAL, trial_balance

ACCOUNT_COLUMNS = ["side", "group", "account", "name", "opening", "closing"]
GROUP_COLUMNS = ["side", "group", "name", "opening", "closing"]
SIDES = {ASSETS: ("Tillgångar", "Assets"),
         EQUITY_LIABILITIES: ("Eget kapital och skulder", "Equity and liabilities")}
RESULT_ROW = ("Årets resultat (ej bokfört)", "Result for the year (not yet booked)")
PREVIOUS_RESULT_ROW = ("Föregående års resultat (ej bokfört)", "Last year's result (not yet booked)")
EQUITY = "eget-kapital"


@dataclass(frozen=True)
class BalanceSheet:
    """The balance sheet of ``year`` at the end of month ``through_month`` (amounts in öre).

    accounts:  one row per account (and the unbooked-result rows, account ""), columns
               :data:`ACCOUNT_COLUMNS`, presentation sign (assets debit +, the rest credit +)
    groups:    one row per group that has rows (equity always), in BAS order,
               columns :data:`GROUP_COLUMNS`; each = the sum of its rows in ``accounts``
    totals:    ``{"opening"|"closing": {"assets": ..., "equity_liabilities": ...,
               "difference": ...}}`` (difference = assets − equity and liabilities)
    outside:   accounts in the trial balance that are neither balance nor result accounts
               (their balances make the difference)
    """

    year: int
    through_month: int
    language: str
    accounts: pd.DataFrame
    groups: pd.DataFrame
    totals: dict
    outside: tuple[str, ...] = ()

    @property
    def date(self) -> pd.Timestamp:
        """The last day of the period."""
        return pd.Period(f"{self.year}-{self.through_month:02d}", "M").end_time.normalize()

    def side_total(self, side: str, column: str = "closing") -> int:
        return int(self.totals[column][side])

    def problems(self) -> list[Problem]:
        """An error for each column where assets ≠ equity + liabilities."""
        out = []
        for column, when in (("opening", _("{year} opening", year=self.year)),
                             ("closing", f"{self.date.date().isoformat()}")):
            t = self.totals[column]
            if t["difference"]:
                extra = (" " + _("(accounts outside 1000–8999: {accounts})", accounts=", ".join(self.outside))
                         if self.outside else "")
                out.append(Problem("ledger", None, severity=ERROR, message=(
                    _("balance sheet {when}: assets {assets} ≠ equity and liabilities "
                      "{equity_liabilities} (difference {difference}){extra}",
                      when=when, assets=format_kr(t["assets"], decimals=2),
                      equity_liabilities=format_kr(t["equity_liabilities"], decimals=2),
                      difference=format_kr(t["difference"], decimals=2), extra=extra))))
        return out


def _groups_of(books, accounts: pd.Series) -> pd.Series:
    chart = books.accounts
    override = pd.Series(dtype="str")
    if "balance_group" in chart.columns:
        given = chart[chart["balance_group"].fillna("").astype(str) != ""]
        override = pd.Series(given["balance_group"].astype(str).to_numpy(),
                             index=given["account"].astype(str).to_numpy())
    default = accounts.map(default_balance_group).astype(object)
    return accounts.map(override).astype(object).where(lambda s: s.notna(), default)


def balance_sheet(books, year: int, through_month: int = 12, language: str | None = None) -> BalanceSheet:
    """The balance sheet of fiscal ``year`` at the end of ``through_month`` from ``books``."""
    lang = 1 if (language or getattr(books.settings, "language", "sv")) == "en" else 0
    period = pd.Period(f"{int(year)}-{int(through_month):02d}", "M")
    names = pd.Series(books.accounts["name"].astype(str).to_numpy(),
                      index=books.accounts["account"].astype(str).to_numpy())
    names = names[~names.index.duplicated()]
    tb = trial_balance(books.ledger, books.balances, int(year), period, names)
    tb = tb[tb["account"] != TOTAL]
    account = tb["account"].astype(str)
    numeric = pd.to_numeric(account, errors="coerce")
    result_acc = (numeric >= 3000) & (numeric <= 8999)
    group = _groups_of(books, account)
    balance = group.notna()
    outside = tb[~balance & ~result_acc & ((tb["opening"] != 0) | (tb["closing"] != 0))]

    rows = tb[balance].assign(group=group[balance])
    rows["side"] = rows["group"].map(lambda g: GROUPS_BY_CODE[g].side)
    sign = rows["side"].map({ASSETS: 1, EQUITY_LIABILITIES: -1}).astype("int64")
    rows["opening"] = rows["opening"] * sign
    rows["closing"] = rows["closing"] * sign
    rows = rows[ACCOUNT_COLUMNS]

    extra = []
    result = tb[result_acc]
    extra.append({"side": EQUITY_LIABILITIES, "group": EQUITY, "account": "", "name": RESULT_ROW[lang],
                  "opening": -int(result["opening"].sum()), "closing": -int(result["closing"].sum())})
    has_ib = bool(((books.balances["kind"] == "IB") & (books.balances["year"] == int(year))).any())
    if not has_ib:
        unbooked = int(tb.loc[numeric.between(1000, 2999), "opening"].sum())
        if unbooked:
            extra.append({"side": EQUITY_LIABILITIES, "group": EQUITY, "account": "",
                          "name": PREVIOUS_RESULT_ROW[lang], "opening": unbooked, "closing": unbooked})
    rows = pd.concat([rows, pd.DataFrame(extra, columns=ACCOUNT_COLUMNS)], ignore_index=True)
    order = {g.code: i for i, g in enumerate(BALANCE_GROUPS)}
    rows = rows.assign(_g=rows["group"].map(order), _r=(rows["account"] == "").astype(int)) \
        .sort_values(["_g", "_r"], kind="stable").drop(columns=["_g", "_r"]).reset_index(drop=True)
    rows = rows.astype({"side": "str", "group": "str", "account": "str", "name": "str",
                        "opening": "int64", "closing": "int64"})

    sums = rows.groupby("group", sort=False)[["opening", "closing"]].sum()
    groups = pd.DataFrame([{"side": g.side, "group": g.code, "name": (g.sv, g.en)[lang],
                            "opening": int(sums.loc[g.code, "opening"]),
                            "closing": int(sums.loc[g.code, "closing"])}
                           for g in BALANCE_GROUPS if g.code in sums.index or g.code == EQUITY],
                          columns=GROUP_COLUMNS)
    totals = {}
    for column in ("opening", "closing"):
        assets = int(groups.loc[groups["side"] == ASSETS, column].sum())
        other = int(groups.loc[groups["side"] == EQUITY_LIABILITIES, column].sum())
        totals[column] = {ASSETS: assets, EQUITY_LIABILITIES: other, "difference": assets - other}
    return BalanceSheet(int(year), int(through_month), ("sv", "en")[lang], rows,
                        groups.astype({"opening": "int64", "closing": "int64"}), totals,
                        tuple(outside["account"].astype(str)))
