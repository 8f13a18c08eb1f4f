"""Eget kapital: the roll-forward per year, as :func:`nns_finance.accounting.equity.roll_forward` gives it.

One row per year and source (the budget table's versions and the ledger): opening, result,
closing (a formula: opening + result), the closing the source states and the difference
(formula), the previous year's closing the chain uses and the chain difference (formula), and
the months of costs the closing equity covers (formula). Amounts: income positive, equity
positive.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..core.labels import VERSION_LABELS, label
from .scope import Scope
from ..reports.xlsx import Sheet, cell

SHEET = "Eget kapital"

SOURCES = {"budget": "budgettabellen", "ledger": "bokföringen"}
VERSIONS = {**VERSION_LABELS, "ledger": label("ledger")}
HEADERS = ["År", "Källa", "Version", "Ingående eget kapital", "Årets resultat", "Utgående (IB + resultat)",
           "Utgående enligt källan", "Differens", "Föregående års utgående", "Föregående enligt",
           "Differens mot föregående år", "Årets kostnader", "Månader av kostnader"]


def roll_forward(books, scope: Scope) -> pd.DataFrame:
    from ..accounting.equity import roll_forward as rf

    table = rf(books)
    return table[table["year"] <= scope.year].reset_index(drop=True)


@dataclass(frozen=True)
class Placed:
    rows: dict  # (year, version) -> row
    col_closing: int
    col_difference: int
    col_chain: int

    def ref(self, year: int, version: str, col: int) -> str:
        return cell(self.rows[(year, version)], col, sheet=SHEET)


def write(sheet: Sheet, table: pd.DataFrame, scope: Scope) -> Placed:
    f = sheet.fmts
    sheet.title(0, f"Eget kapital: ingående + årets resultat = utgående, till och med {scope.year}")
    sheet.text(1, 0, "Budgettabellens rader för eget kapital och bokföringens eget kapital-konton "
                     "(ingående balans, resultat från resultatkontona, utgående balans).")
    head = 3
    sheet.header(head, HEADERS)
    rows = {}
    decimal = sheet.book.add_format({"num_format": "0.00"})
    for i, rec in enumerate(table.itertuples(index=False)):
        r = head + 1 + i
        rows[(int(rec.year), str(rec.version))] = r
        sheet.number(r, 0, int(rec.year), f.integer)
        sheet.text(r, 1, SOURCES.get(rec.source, rec.source))
        sheet.text(r, 2, VERSIONS.get(rec.version, rec.version))
        sheet.amount(r, 3, rec.opening)
        sheet.amount(r, 4, rec.result)
        sheet.formula(r, 5, f"{cell(r, 3)}+{cell(r, 4)}", rec.closing)
        sheet.amount(r, 6, rec.closing_stated)
        sheet.formula(r, 7, f"{cell(r, 6)}-{cell(r, 5)}", rec.difference)
        if pd.isna(rec.previous_closing):
            sheet.text(r, 8, "")
            sheet.text(r, 9, "")
            sheet.text(r, 10, "")
        else:
            sheet.amount(r, 8, rec.previous_closing)
            sheet.text(r, 9, _swedish_from(str(rec.previous_from)))
            sheet.formula(r, 10, f"{cell(r, 3)}-{cell(r, 8)}", int(rec.chain_difference))
        sheet.amount(r, 11, rec.costs)
        months = rec.months_covered
        shown = "" if months is None or (isinstance(months, float) and math.isnan(months)) else float(months)
        sheet.formula(r, 12, f'IF({cell(r, 11)}=0,"",ROUND({cell(r, 5)}*12/ABS({cell(r, 11)}),2))',
                      shown, decimal, ore=False)
    sheet.last_row = head + len(table)
    sheet.finish(widths={0: 6, 1: 16, 2: 14})
    return Placed(rows, 5, 7, 10)


def _swedish_from(text: str) -> str:
    """``2024 outcome`` → ``2024 Utfall`` (the roll-forward names versions in English)."""
    year, _, version = text.partition(" ")
    return f"{year} {VERSIONS.get(version, version)}".strip()
