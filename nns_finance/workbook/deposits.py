"""Placeringar: the term deposits of the year with their interest and the accrual at the period
end, and the register reconciled with the ledger.

Figures come from :mod:`nns_finance.books.deposits`, :mod:`nns_finance.core.interest` and
:mod:`nns_finance.treasury.reconciliation`. Each term's interest and accrued interest are Excel
formulas on the row's own cells, under the deposit's day-count convention, holding the
package's exact figure (rounded once to the öre, half up):

- ``ACT/365``, ``ACT/360``: ``ROUND(principal × rate × days / 365 (360), 2)``
- ``30/360`` (US bond basis): the day count written out with ``YEAR``/``MONTH``/``DAY``
- ``ACT/ACT`` (ISDA): the days in each calendar year over that year's length (terms up to
  two calendar years; a longer term holds the figure only)

A term earns interest from its start up to (not including) its maturity; the accrual at the
period end counts the nights through that day, and is zero once the term has matured.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .scope import Scope
from ..reports.xlsx import Sheet, cell

SHEET = "Placeringar"
STATUS = {"active": "aktiv", "matured": "förfallen", "withdrawn": "uttagen"}

HEADERS = ["Placering", "Bank", "Konto", "Kapital", "Ränta %", "Startdatum", "Förfallodag",
           "Dagräkning", "Dagar", "Ränta vid förfall", "Upplupen ränta", "Värde vid periodens slut",
           "Status"]


def terms(books, scope: Scope) -> pd.DataFrame:
    """The register's terms that run during the scope (start ≤ period end, maturity after 1 Jan),
    with ``interest`` (at maturity) and ``accrued`` (at the period end), öre."""
    from ..core.interest import accrued_rows, interest_rows

    dep = books.deposits
    end, start = pd.Timestamp(scope.end), pd.Timestamp(scope.start)
    sel = dep[(dep["start"] <= end) & (dep["maturity"] > start)]
    sel = sel.sort_values(["start", "deposit_id"], kind="stable").reset_index(drop=True)
    sel = sel.assign(interest=pd.Series(interest_rows(sel), dtype="int64"),
                     accrued=pd.Series(accrued_rows(sel, scope.end), dtype="int64"))
    withdrawn = sel["status"].astype(str) == "withdrawn"
    sel.loc[withdrawn, "accrued"] = 0
    return sel


def year_fraction_formula(start: str, end: str, day_count: str, term_start: dt.date,
                          term_end: dt.date) -> str | None:
    """Excel text for the year fraction from ``start`` to ``end`` (cell refs or expressions)."""
    if day_count == "ACT/365":
        return f"({end}-{start})/365"
    if day_count == "ACT/360":
        return f"({end}-{start})/360"
    if day_count == "30/360":
        d1 = f"MIN(DAY({start}),30)"
        return (f"(360*(YEAR({end})-YEAR({start}))+30*(MONTH({end})-MONTH({start}))"
                f"+IF(AND(DAY({end})=31,{d1}=30),30,DAY({end}))-{d1})/360")
    if day_count == "ACT/ACT" and term_end.year - term_start.year <= 1:
        y1 = f"DATE(YEAR({start})+1,1,1)"
        y0 = f"DATE(YEAR({start}),1,1)"
        y2 = f"DATE(YEAR({start})+2,1,1)"
        return (f"((MIN({end},{y1})-{start})/({y1}-{y0})"
                f"+(MAX({end},{y1})-{y1})/({y2}-{y1}))")
    return None


@dataclass(frozen=True)
class Placed:
    """Where the totals landed (0-based rows/cols) for Kontroller."""

    total_row: int | None
    col_principal: int
    outstanding_formula: str | None   # principal placed at the period end, as an Excel expression
    principal_rows: dict               # placement account -> row of the reconciliation table
    interest_total_row: int | None


def write(sheet: Sheet, table: pd.DataFrame, principal: pd.DataFrame, interest: pd.DataFrame,
          scope: Scope) -> Placed:
    f = sheet.fmts
    sheet.title(0, f"Placeringar (fasträntekonton), {scope.describe()}")
    sheet.text(1, 0, "Periodens slut")
    sheet.date(1, 1, scope.end)
    at = cell(1, 1, absolute=True)
    sheet.text(2, 0, "Räntan löper från startdagen till förfallodagen (förfallodagen ej medräknad) "
                     "och betalas på förfallodagen; upplupen ränta räknas till och med periodens slut.")
    head = 4
    sheet.header(head, HEADERS)
    first = head + 1
    rows = []
    for i, rec in enumerate(table.itertuples(index=False)):
        r = first + i
        rows.append(r)
        P, R, S, M = (cell(r, 3), cell(r, 4), cell(r, 5), cell(r, 6))
        sheet.text(r, 0, rec.deposit_id)
        sheet.text(r, 1, rec.bank)
        sheet.text(r, 2, rec.account)
        sheet.amount(r, 3, rec.principal)
        sheet.number(r, 4, float(rec.rate / 100), f.rate)
        sheet.date(r, 5, rec.start)
        sheet.date(r, 6, rec.maturity)
        sheet.text(r, 7, rec.day_count)
        days = (rec.maturity - rec.start).days
        sheet.formula(r, 8, f"{M}-{S}", days, f.integer, ore=False)
        s_date, m_date = rec.start.date(), rec.maturity.date()
        yf = year_fraction_formula(S, M, rec.day_count, s_date, m_date)
        if yf:
            sheet.formula(r, 9, f"ROUND({P}*{R}*{yf},2)", rec.interest)
        else:
            sheet.amount(r, 9, rec.interest)
        upto = f"MIN({at}+1,{M})"
        yf_acc = year_fraction_formula(S, upto, rec.day_count, s_date, m_date)
        withdrawn = str(rec.status) == "withdrawn"
        if yf_acc and not withdrawn:
            sheet.formula(r, 10, f"IF(AND({at}>={S},{at}<{M}),ROUND({P}*{R}*{yf_acc},2),0)", rec.accrued)
        else:
            sheet.amount(r, 10, rec.accrued)
        placed = (not withdrawn) and rec.start.date() <= scope.end < rec.maturity.date()
        sheet.formula(r, 11, f"IF(AND({at}>={S},{at}<{M}),{P}+{cell(r, 10)},0)" if not withdrawn else "0",
                      (rec.principal + rec.accrued) if placed else 0)
        sheet.text(r, 12, STATUS.get(str(rec.status), str(rec.status)))
    total = None
    outstanding = None
    if rows:
        total = rows[-1] + 1
        sheet.text(total, 0, "Summa vid periodens slut", f.bold)
        held = table[[(str(s) != "withdrawn") and a.date() <= scope.end < m.date()
                      for s, a, m in zip(table["status"], table["start"], table["maturity"])]]
        rng = lambda c: f"{cell(first, c)}:{cell(rows[-1], c)}"  # noqa: E731
        outstanding = (f"SUMPRODUCT(({rng(11)}<>0)*{rng(3)})")
        sheet.formula(total, 3, outstanding, int(held["principal"].sum()), f.kr_bold)
        sheet.formula(total, 10, f"SUM({rng(10)})", int(table["accrued"].sum()), f.kr_bold)
        sheet.formula(total, 11, f"SUM({rng(11)})", int(held["principal"].sum() + held["accrued"].sum()),
                      f.kr_bold)
    filter_last = rows[-1] if rows else head
    # reconciliations
    r = (total if total is not None else head) + 2
    sheet.text(r, 0, f"Registret mot bokföringen: placerat kapital per konto den {scope.end.isoformat()}",
               f.bold)
    r += 1
    for c, label in enumerate(["Konto", "Enligt registret", "Enligt bokföringen", "Differens"]):
        sheet.text(r, c, label, f.bold)
    principal_rows = {}
    for rec in principal.itertuples(index=False):
        r += 1
        principal_rows[rec.account] = r
        sheet.text(r, 0, rec.account)
        sheet.amount(r, 1, rec.register)
        sheet.amount(r, 2, rec.ledger)
        sheet.formula(r, 3, f"{cell(r, 2)}-{cell(r, 1)}", rec.difference)
    r += 2
    sheet.text(r, 0, "Ränta enligt registret mot bokförd ränta, per förfallodag", f.bold)
    r += 1
    for c, label in enumerate(["Datum", "Placeringar", "Beräknad", "Bokförd", "Differens"]):
        sheet.text(r, c, label, f.bold)
    first_i = r + 1
    for rec in interest.itertuples(index=False):
        r += 1
        sheet.date(r, 0, rec.date)
        sheet.text(r, 1, rec.deposits)
        sheet.amount(r, 2, rec.computed)
        sheet.amount(r, 3, rec.booked)
        sheet.formula(r, 4, f"{cell(r, 3)}-{cell(r, 2)}", rec.difference)
    interest_total = None
    if len(interest):
        interest_total = r + 1
        sheet.text(interest_total, 0, "Summa", f.bold)
        for c, col in ((2, "computed"), (3, "booked"), (4, "difference")):
            sheet.formula(interest_total, c, f"SUM({cell(first_i, c)}:{cell(r, c)})",
                          int(interest[col].sum()), f.kr_bold)
    sheet.last_row = filter_last
    sheet.finish(widths={0: 12, 1: 18, 2: 18, 3: 18, 12: 10})
    return Placed(total, 3, outstanding, principal_rows, interest_total)
