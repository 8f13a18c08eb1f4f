"""Eget kapital: the roll-forward per year, as :func:`nns_finance.accounting.equity.roll_forward` gives it.

One row per year and source (the budget table's versions and the ledger) through the scope: opening,
result, other movements on the equity accounts, closing (a formula: opening + result + other),
an independent closing where one exists (the budget table's row, the ledger's #UB, next year's
IB; blank within a year) and the difference (formula), the previous year's closing the chain
uses and the chain difference (formula), and the months of costs the closing equity covers
(formula). For a period the ledger's row holds the vouchers through the period only.

Below, each other movement of the scope's year on its own row with its voucher (series,
number, date, account, text, amount); their sum is a formula, and the ledger row's *other
movements* cell is that sum. Amounts: income positive, equity positive.
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
HEADERS = ["År", "Källa", "Version", "Ingående eget kapital", "Årets resultat", "Övriga förändringar",
           "Utgående (IB + resultat + övrigt)", "Utgående enligt oberoende källa", "Oberoende källa",
           "Differens", "Föregående års utgående", "Föregående enligt", "Differens mot föregående år",
           "Årets kostnader", "Månader av kostnader"]
MOVEMENT_HEADERS = ["Serie", "Ver.nr", "Datum", "Konto", "Text", "Belopp"]
C_OPENING, C_RESULT, C_OTHER, C_CLOSING, C_STATED, C_FROM, C_DIFF, C_PREV, C_PREV_FROM, C_CHAIN = range(3, 13)


def roll_forward(books, scope: Scope) -> pd.DataFrame:
    """The roll-forward through the scope: the ledger's figures from its vouchers through the
    scope's last month, no later year."""
    from ..accounting.equity import roll_forward as rf

    return rf(books, scope.year, scope.through_month)


def movements(books, scope: Scope) -> pd.DataFrame:
    """The other movements on the equity accounts in the scope, one row per voucher row."""
    from ..accounting.equity import other_movements

    return other_movements(books, scope.year, scope.through_month)


@dataclass(frozen=True)
class Placed:
    rows: dict  # (year, version) -> row
    col_closing: int
    col_difference: int
    col_chain: int
    col_stated: int = C_STATED

    def ref(self, year: int, version: str, col: int) -> str:
        return cell(self.rows[(year, version)], col, sheet=SHEET)


def write(sheet: Sheet, table: pd.DataFrame, scope: Scope, moves: pd.DataFrame | None = None,
          links: dict | None = None) -> Placed:
    f = sheet.fmts
    moves = moves if moves is not None else pd.DataFrame(columns=["series", "number", "date", "account",
                                                                  "text", "amount"])
    sheet.title(0, f"Eget kapital: ingående + årets resultat + övriga förändringar = utgående, "
                   f"{scope.describe()}")
    sheet.text(1, 0, "Budgettabellens rader för eget kapital och bokföringens eget kapital-konton "
                     "(ingående balans, resultat från resultatkontona till och med perioden, övriga "
                     "verifikationer på eget kapital-kontona), jämförda med en oberoende utgående balans.")
    head = 3
    sheet.header(head, HEADERS)
    rows = {}
    decimal = sheet.book.add_format({"num_format": "0.00"})
    first_move = head + len(table) + 4          # the header of the movements is one row above
    move_sum = first_move + len(moves)          # the row of their sum
    for i, rec in enumerate(table.itertuples(index=False)):
        r = head + 1 + i
        rows[(int(rec.year), str(rec.version))] = r
        sheet.number(r, 0, int(rec.year), f.integer)
        sheet.text(r, 1, SOURCES.get(rec.source, rec.source))
        sheet.text(r, 2, VERSIONS.get(rec.version, rec.version)
                   + ("" if rec.through_month == 12 else f" t.o.m. månad {rec.through_month}"))
        sheet.amount(r, C_OPENING, rec.opening)
        sheet.amount(r, C_RESULT, rec.result)
        if rec.source == "ledger" and int(rec.year) == scope.year and len(moves):
            sheet.formula(r, C_OTHER, cell(move_sum, 5), rec.other)
        else:
            sheet.amount(r, C_OTHER, rec.other)
        sheet.formula(r, C_CLOSING, f"{cell(r, C_OPENING)}+{cell(r, C_RESULT)}+{cell(r, C_OTHER)}", rec.closing)
        if pd.isna(rec.closing_stated):
            for c in (C_STATED, C_FROM, C_DIFF):
                sheet.text(r, c, "")
        else:
            sheet.amount(r, C_STATED, int(rec.closing_stated))
            sheet.text(r, C_FROM, str(rec.closing_from))
            sheet.formula(r, C_DIFF, f"{cell(r, C_STATED)}-{cell(r, C_CLOSING)}", int(rec.difference))
        if pd.isna(rec.previous_closing):
            for c in (C_PREV, C_PREV_FROM, C_CHAIN):
                sheet.text(r, c, "")
        else:
            sheet.amount(r, C_PREV, int(rec.previous_closing))
            sheet.text(r, C_PREV_FROM, _swedish_from(str(rec.previous_from)))
            sheet.formula(r, C_CHAIN, f"{cell(r, C_OPENING)}-{cell(r, C_PREV)}", int(rec.chain_difference))
        sheet.amount(r, 13, rec.costs)
        months = rec.months_covered
        shown = "" if months is None or (isinstance(months, float) and math.isnan(months)) else float(months)
        sheet.formula(r, 14, f'IF({cell(r, 13)}=0,"",ROUND({cell(r, C_CLOSING)}*12/ABS({cell(r, 13)}),2))',
                      shown, decimal, ore=False)
    sheet.text(first_move - 2, 0, f"Övriga förändringar av eget kapital {scope.describe()} "
                                  "(verifikationer på eget kapital-kontona utom bokningen av årets resultat)")
    sheet.header(first_move - 1, MOVEMENT_HEADERS)
    for i, m in enumerate(moves.itertuples(index=False)):
        r = first_move + i
        sheet.text(r, 0, str(m.series))
        sheet.text(r, 1, str(m.number))
        sheet.text(r, 2, pd.Timestamp(m.date).date().isoformat())
        target = (links or {}).get(str(m.account))
        if target:
            sheet.link(r, 3, str(m.account), target, "Kontots rader i Huvudbok")
        else:
            sheet.text(r, 3, str(m.account))
        sheet.text(r, 4, str(m.text))
        sheet.amount(r, 5, int(m.amount))
    sheet.text(move_sum, 4, "Summa övriga förändringar" if len(moves) else "Inga övriga förändringar")
    total = int(moves["amount"].sum()) if len(moves) else 0
    if len(moves):
        sheet.formula(move_sum, 5, f"SUM({cell(first_move, 5)}:{cell(move_sum - 1, 5)})", total)
    else:
        sheet.amount(move_sum, 5, 0)
    sheet.last_row = move_sum
    sheet.finish(filter=False, widths={0: 6, 1: 16, 2: 14, 4: 40})
    return Placed(rows, C_CLOSING, C_DIFF, C_CHAIN)


def _swedish_from(text: str) -> str:
    """``2024 outcome`` → ``2024 Utfall`` (the roll-forward names versions in English)."""
    year, _, version = text.partition(" ")
    return f"{year} {VERSIONS.get(version, version)}".strip()
