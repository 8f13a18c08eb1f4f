"""Kontroller: every reconciliation with its two figures, the difference and OK/FEL — and every
problem the input checks found.

A :class:`Check` compares two figures the package computed in different ways (the ledger's
rows against the trial balance, the result accounts against the result table, the deposit
register against the placement account …). In the sheet each figure is, where it can be, a
formula pointing at the cell on the other sheet it comes from; the difference is ``=A−B`` and
the verdict ``=IF(ROUND(ABS(difference),2)=0,"OK","FEL")``, each holding the package's own
result. A check that does not apply to the period (fees for the whole year against fees
booked so far) shows its figures with ``–`` instead of a verdict.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..reports.xlsx import FEL, OK, Sheet, cell

SHEET = "Kontroller"
NOT_APPLICABLE = "–"


@dataclass(frozen=True)
class Check:
    """One reconciliation.

    name:     what is compared, in Swedish
    left:     the first figure (öre, or a count when ``unit == "antal"``)
    right:    the figure it must equal
    left_formula, right_formula: Excel expressions giving the figures from other sheets
              (without ``=``), or None when the figure is written as a value
    source:   where the figures come from, for the reader
    unit:     ``"kr"`` or ``"antal"``
    applies:  False when the comparison is information only for this period
    """

    name: str
    left: int
    right: int
    left_formula: str | None = None
    right_formula: str | None = None
    source: str = ""
    unit: str = "kr"
    applies: bool = True

    @property
    def ok(self) -> bool:
        return int(self.left) == int(self.right)

    @property
    def verdict(self) -> str:
        if not self.applies:
            return NOT_APPLICABLE
        return OK if self.ok else FEL


def write(sheet: Sheet, checks: list[Check], problems, scope_text: str) -> dict:
    """Write the checks and the input problems; returns ``{check name: row}``."""
    f = sheet.fmts
    sheet.title(0, f"Kontroller, {scope_text}")
    failed = sum(1 for c in checks if c.applies and not c.ok)
    sheet.text(1, 0, f"{len(checks)} kontroller, {failed} med FEL. Differens = belopp A − belopp B; "
                     "OK när differensen är 0,00.")
    head = 3
    sheet.header(head, ["Kontroll", "Belopp A", "Belopp B", "Differens", "Resultat", "Källor"])
    rows = {}
    for i, check in enumerate(checks):
        r = head + 1 + i
        rows[check.name] = r
        money = check.unit == "kr"
        fmt = f.kr if money else f.integer
        sheet.text(r, 0, check.name)
        for col, value, formula in ((1, check.left, check.left_formula), (2, check.right, check.right_formula)):
            if formula:
                sheet.formula(r, col, formula, value if money else int(value), fmt, ore=money)
            elif money:
                sheet.amount(r, col, value)
            else:
                sheet.number(r, col, int(value), fmt)
        diff = int(check.left) - int(check.right)
        sheet.formula(r, 3, f"{cell(r, 1)}-{cell(r, 2)}", diff if money else diff, fmt, ore=money)
        if check.applies:
            sheet.check(r, 4, f'IF(ROUND(ABS({cell(r, 3)}),2)=0,"{OK}","{FEL}")', check.ok)
        else:
            sheet.text(r, 4, NOT_APPLICABLE, f.ok)
        sheet.text(r, 5, check.source)
    last = head + len(checks)
    sheet.highlight_fel(head + 1, last, 4)
    sheet.last_row = last
    r = last + 2
    problems = list(problems)
    sheet.text(r, 0, f"Anmärkningar i indata ({len(problems)})", f.bold)
    r += 1
    if not problems:
        sheet.text(r, 0, "Kontrollerna av indata fann inga problem.")
    else:
        for c, label in enumerate(["Fil", "Rad", "Blad!cell", "Allvarlighet", "Anmärkning"]):
            sheet.text(r, c, label, f.bold)
        for p in problems:
            r += 1
            sheet.text(r, 0, p.file)
            if p.line is not None:
                sheet.number(r, 1, int(p.line), f.integer)
            sheet.text(r, 2, f"{p.sheet}!{p.cell}" if p.sheet and p.cell else (p.sheet or ""))
            sheet.text(r, 3, "fel" if p.is_error else "varning")
            sheet.text(r, 4, p.message)
    sheet.finish(max_width=90, widths={1: 18, 2: 18, 3: 16, 4: 10})
    return rows
