"""Saldobalans: per account the opening balance, the movement of each month, the closing balance.

Balances keep the bookkeeping sign (debit positive), as the ledger and SIE do. The figures come
from the ledger's own rows (:func:`balance_table`), so the sheet is an independent sum that the
Kontroller sheet compares with the trial balance of :mod:`nns_finance.books.ledger` and the result
table. In the sheet, ``Summa rörelser`` and ``UB`` are formulas (``=SUM(…)``, ``=IB+rörelser``)
holding the package's figures; when the input has closing balances (SIE ``#UB``) for a whole
year, ``UB enligt fil`` and the difference stand beside them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.labels import MONTHS_SHORT
from .general_ledger import account_names
from .scope import Scope
from ..reports.xlsx import Sheet, cell, col_name

SHEET = "Saldobalans"


def balance_table(books, scope: Scope) -> pd.DataFrame:
    """Per account (sorted): account, name, opening, m1..mN (N = through month), movement,
    closing, and ``closing_file`` (the input's closing balance, <NA> when it has none) — öre."""
    led = books.ledger
    sel = led[(led["year"] == scope.year) & (led["date"].dt.month <= scope.through_month)]
    bal = books.balances[books.balances["year"] == scope.year]
    months = list(scope.months)
    moves = (sel.groupby([sel["account"].astype(str), sel["date"].dt.month])["amount"].sum()
             .unstack(fill_value=0).reindex(columns=months, fill_value=0))
    opening = bal[bal["kind"] == "IB"].groupby(bal["account"].astype(str))["amount"].sum()
    closing_file = bal[bal["kind"] == "UB"].groupby(bal["account"].astype(str))["amount"].sum()
    accounts = sorted(set(moves.index) | set(opening.index)
                      | (set(closing_file.index) if scope.through_month == 12 else set()))
    table = pd.DataFrame({"account": pd.Series(accounts, dtype="str")})
    table["name"] = table["account"].map(account_names(books)).fillna("").astype("str")
    table["opening"] = opening.reindex(accounts, fill_value=0).to_numpy(dtype="int64")
    moves = moves.reindex(accounts, fill_value=0)
    for m in months:
        table[f"m{m}"] = moves[m].to_numpy(dtype="int64")
    table["movement"] = moves.to_numpy(dtype="int64").sum(axis=1) if months else np.zeros(len(accounts), "int64")
    table["closing"] = table["opening"] + table["movement"]
    if scope.through_month == 12 and len(closing_file):
        table["closing_file"] = pd.array(closing_file.reindex(accounts).to_numpy(), dtype="Int64")
    return table


@dataclass(frozen=True)
class Placed:
    """Where the sheet put things (0-based), for formulas on other sheets."""

    first_row: int
    last_row: int
    total_row: int
    col_opening: int
    col_movement: int
    col_closing: int
    col_difference: int | None
    rows: dict  # account -> row

    def ref(self, account: str, col: int) -> str:
        return cell(self.rows[account], col, sheet=SHEET)


def write(sheet: Sheet, table: pd.DataFrame, scope: Scope, links: dict | None = None) -> Placed:
    """The sheet; each account's name links to its rows in Huvudbok (``links``, see
    :func:`.general_ledger.account_links`)."""
    f = sheet.fmts
    months = list(scope.months)
    has_file = "closing_file" in table.columns
    sheet.title(0, f"Saldobalans {scope.describe()}")
    sheet.text(1, 0, "Belopp med bokföringens tecken: debet positivt, kredit negativt.")
    labels = (["Konto", "Kontonamn", "IB"] + [MONTHS_SHORT["sv"][m - 1] for m in months]
              + ["Summa rörelser", "UB"] + (["UB enligt fil", "Differens"] if has_file else []))
    head = 3
    sheet.header(head, labels)
    c_ib = 2
    c_first, c_last = 3, 2 + len(months)
    c_mov, c_ub = c_last + 1, c_last + 2
    c_file, c_diff = (c_ub + 1, c_ub + 2) if has_file else (None, None)
    rows = {}
    first = head + 1
    for i, rec in enumerate(table.itertuples(index=False)):
        r = first + i
        rows[rec.account] = r
        sheet.code(r, 0, rec.account)
        sheet.link(r, 1, rec.name or rec.account, (links or {}).get(rec.account), "Kontots rader i huvudboken")
        sheet.amount(r, c_ib, rec.opening)
        for j, m in enumerate(months):
            sheet.amount(r, c_first + j, getattr(rec, f"m{m}"))
        sheet.formula(r, c_mov, f"SUM({col_name(c_first)}{r + 1}:{col_name(c_last)}{r + 1})"
                      if months else "0", rec.movement)
        sheet.formula(r, c_ub, f"{cell(r, c_ib)}+{cell(r, c_mov)}", rec.closing)
        if has_file:
            cf = rec.closing_file
            if pd.isna(cf):
                sheet.text(r, c_file, "")
                sheet.text(r, c_diff, "")
            else:
                sheet.amount(r, c_file, cf)
                sheet.formula(r, c_diff, f"ROUND({cell(r, c_file)}-{cell(r, c_ub)},2)", int(cf) - rec.closing)
    last = first + len(table) - 1
    total = last + 1
    sheet.text(total, 0, "Summa", f.bold)
    sums = {c_ib: table["opening"].sum(), c_mov: table["movement"].sum(), c_ub: table["closing"].sum()}
    sums.update({c_first + j: table[f"m{m}"].sum() for j, m in enumerate(months)})
    for col, value in sorted(sums.items()):
        rng = f"{col_name(col)}{first + 1}:{col_name(col)}{max(last, first) + 1}"
        sheet.formula(total, col, f"SUM({rng})" if len(table) else "0", int(value), f.kr_bold)
    if has_file:
        diffs = (table["closing_file"] - table["closing"]).fillna(0)
        rng = f"{col_name(c_diff)}{first + 1}:{col_name(c_diff)}{max(last, first) + 1}"
        sheet.formula(total, c_diff, f'COUNTIF({rng},">0")+COUNTIF({rng},"<0")', int((diffs != 0).sum()), f.integer, ore=False)
    sheet.last_row = max(last, head)
    sheet.finish(widths={0: 7, 1: max([len(n) for n in table["name"]] + [12])})
    return Placed(first, last, total, c_ib, c_mov, c_ub, c_diff, rows)
