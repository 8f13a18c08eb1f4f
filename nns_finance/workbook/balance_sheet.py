"""Balansräkning: the balance sheet at the period's end beside the year's opening, by BAS group
(:func:`nns_finance.accounting.balance_sheet.balance_sheet`, with the chart's ``balansgrupp``
overrides), every account a formula on its Saldobalans cells.

Per side (Tillgångar; Eget kapital och skulder) each group with its accounts — assets as they
stand (debit positive), equity and liabilities with the sign turned (credit positive) — and the
group's sum; the result not yet booked to equity (income − costs) is a row of Eget kapital,
``−SUMIFS`` over the result accounts on Saldobalans. Then the two sums and their difference,
which the Kontroller sheet checks is 0.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.bas import ASSETS, BALANCE_GROUPS, EQUITY_LIABILITIES
from .scope import Scope
from ..reports.xlsx import Sheet, cell, col_name, quote_sheet

SHEET = "Balansräkning"


@dataclass(frozen=True)
class Placed:
    """Where the sums landed (0-based), for Kontroller."""

    assets_row: int
    other_row: int
    col_opening: int = 2
    col_closing: int = 3

    def ref(self, row: int, col: int) -> str:
        return cell(row, col, sheet=SHEET)


def figures(books, scope: Scope):
    from ..accounting.balance_sheet import balance_sheet

    return balance_sheet(books, scope.year, scope.through_month, "sv")


def write(sheet: Sheet, bs, scope: Scope, balance) -> Placed:
    """``balance``: where Saldobalans put each account (:class:`.trial_balance.Placed`)."""
    f = sheet.fmts
    sheet.title(0, f"Balansräkning {scope.describe()}")
    sheet.text(1, 0, "Tillgångar med debet positivt, eget kapital och skulder med kredit positivt; "
                     "varje konto hämtas från Saldobalans.")
    head = 3
    sheet.header(head, ["Konto", "Kontonamn", f"Ingående balans {scope.start.isoformat()}",
                        f"Utgående balans {scope.end.isoformat()}"])
    tb = quote_sheet("Saldobalans")
    first, last = balance.first_row + 1, max(balance.last_row, balance.first_row) + 1
    acc_rng = f"{tb}!$A${first}:$A${last}"

    def col_rng(c: int) -> str:
        return f"{tb}!${col_name(c)}${first}:${col_name(c)}${last}"

    r = head + 1
    side_rows: dict = {ASSETS: [], EQUITY_LIABILITIES: []}
    totals = {}
    for side, heading in ((ASSETS, "Tillgångar"), (EQUITY_LIABILITIES, "Eget kapital och skulder")):
        sheet.text(r, 0, heading, f.bold)
        r += 1
        for group in BALANCE_GROUPS:
            if group.side != side:
                continue
            rows = bs.accounts[bs.accounts["group"] == group.code]
            if rows.empty and group.code not in set(bs.groups["group"]):
                continue
            sheet.text(r, 0, group.sv, f.bold)
            r += 1
            start = r
            sign = "" if side == ASSETS else "-"
            for rec in rows.itertuples(index=False):
                if rec.account:
                    sheet.code(r, 0, rec.account)
                    sheet.text(r, 1, rec.name)
                    for c, src, value in ((2, balance.col_opening, rec.opening), (3, balance.col_closing, rec.closing)):
                        if rec.account in balance.rows:
                            sheet.formula(r, c, f"{sign}{balance.ref(rec.account, src)}", int(value))
                        else:
                            sheet.amount(r, c, int(value))
                elif rec.name.startswith("Årets"):
                    sheet.text(r, 1, rec.name)
                    for c, src, value in ((2, balance.col_opening, rec.opening), (3, balance.col_closing, rec.closing)):
                        sheet.formula(r, c, f'-SUMIFS({col_rng(src)},{acc_rng},">=3000",{acc_rng},"<=8999")',
                                      int(value))
                else:
                    sheet.text(r, 1, rec.name)
                    sheet.amount(r, 2, int(rec.opening))
                    sheet.amount(r, 3, int(rec.closing))
                r += 1
            sheet.text(r, 0, f"Summa {group.sv[0].lower()}{group.sv[1:]}", f.bold)
            g = bs.groups[bs.groups["group"] == group.code]
            for c, key in ((2, "opening"), (3, "closing")):
                value = int(g[key].iloc[0]) if len(g) else 0
                expr = f"SUM({col_name(c)}{start + 1}:{col_name(c)}{r})" if r > start else "0"
                sheet.formula(r, c, expr, value, f.kr_bold)
            side_rows[side].append(r)
            r += 2
        label = "Summa tillgångar" if side == ASSETS else "Summa eget kapital och skulder"
        sheet.text(r, 0, label, f.bold)
        for c, key in ((2, "opening"), (3, "closing")):
            expr = "+".join(cell(x, c) for x in side_rows[side]) or "0"
            sheet.formula(r, c, expr, int(bs.totals[key][side]), f.kr_bold)
        totals[side] = r
        r += 2
    sheet.text(r, 0, "Differens (tillgångar − eget kapital och skulder)", f.bold)
    for c, key in ((2, "opening"), (3, "closing")):
        sheet.formula(r, c, f"{cell(totals[ASSETS], c)}-{cell(totals[EQUITY_LIABILITIES], c)}",
                      int(bs.totals[key]["difference"]), f.kr_bold)
    sheet.last_row = r
    sheet.finish(filter=False, widths={0: 30, 1: 40, 2: 22, 3: 22})
    return Placed(totals[ASSETS], totals[EQUITY_LIABILITIES])
