"""The annual accounts as an Excel workbook whose figures are formulas on its trial balance.

Sheets:

- **Resultaträkning** and **Balansräkning** — the form of BFNAR 2010:1 appendix 2; every item
  is ``SUMIFS`` on the Saldobalans sheet by the item's code (income statement: ``−`` the
  movements, so income is positive and costs negative; balance sheet: assets as they stand,
  equity and liabilities with the sign turned), every total a ``SUM`` of its items, every
  result a sum of totals. Each cell also stores the package's figure.
- **Saldobalans** — per account (and the result not yet booked to equity, a formula on the
  result accounts) the statement, the item, the account, its name and its amount this year and
  last year in the bookkeeping sign (debit positive): result accounts their movement, balance
  accounts their closing balance (last year: this year's opening). Change an account's item
  here and the statements follow.
- **Kontroller** — the annual accounts' checks with both figures as formulas where they are
  on the sheets, the difference and OK/FEL (FEL in red); then the year-end checklist.
- **Info** — organisation, year, when made, version, the input files with SHA-256.

Written with the package's cell writer (:mod:`.xlsx`, as the auditors' workbook): text is always text, and the
file is written to a temporary name and moved into place.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.version import __version__
from ..core.annual_items import BALANCE_SHEET, INCOME_STATEMENT, ITEMS_BY_CODE
from ..core.outputs import folder_label, made_text, write_with
from ..core.problems import OutputError
from ..core.i18n import _
from .xlsx import FEL, OK, Sheet, cell, open_book, quote_sheet

TB = "Saldobalans"
RR_SHEET, BR_SHEET = "Resultaträkning", "Balansräkning"


def _sign(item_code: str) -> int:
    """Presentation = sign × bookkeeping amount for an item's accounts."""
    item = ITEMS_BY_CODE.get(item_code)
    if item is None or item.statement == INCOME_STATEMENT:
        return -1
    return 1 if item.section == "tillgangar" else -1


def write_annual_accounts_xlsx(aa, books, out: Path, made: dt.datetime, *, cached_values: bool = True,
                               checklist=()) -> Path:
    """Write the workbook for :class:`~nns_finance.accounting.annual_accounts.AnnualAccounts`
    ``aa`` to ``out`` atomically; returns ``out``. ``cached_values=False`` stores 0 as every
    formula's value (the recalculation test: the spreadsheet program must compute them)."""
    return write_with(Path(out), lambda tmp: _write(tmp, aa, books, made, cached_values, checklist))


def _write(path: Path, aa, books, made, cached: bool = True, checklist=()) -> None:
    book, fmts = open_book(path, made, title=f"Årsbokslut {aa.year}", author=aa.organisation)

    def sheet(name: str) -> Sheet:
        return Sheet(book, fmts, name, cached_values=cached)

    s_rr, s_br = sheet(RR_SHEET), sheet(BR_SHEET)
    s_tb, s_checks, s_info = sheet(TB), sheet("Kontroller"), sheet("Info")
    try:
        rng = _trial_balance(s_tb, aa)
        rr_cells = _statement(s_rr, aa, INCOME_STATEMENT, rng)
        br_cells = _statement(s_br, aa, BALANCE_SHEET, rng)
        _checks(s_checks, aa, rr_cells, br_cells, checklist)
        _info(s_info, aa, books, made)
    except BaseException:
        try:
            book.close()
        except Exception:  # noqa: BLE001
            pass
        raise
    try:
        book.close()
    except Exception as exc:  # noqa: BLE001
        raise OutputError(_("cannot write {path}: {exc}", path=path, exc=exc)) from exc


def _trial_balance(sheet: Sheet, aa) -> dict:
    f = sheet.fmts
    y = aa.year
    sheet.title(0, f"Saldobalans {y} med bokslutsposter")
    sheet.text(1, 0, "Bokföringens tecken: debet positivt, kredit negativt. Resultatkonton: årets rörelse; "
                     f"balanskonton: utgående balans ({y - 1}: årets ingående balans).")
    head = 3
    sheet.header(head, ["Räkning", "Post", "Postens namn", "Konto", "Kontonamn", f"Belopp {y}", f"Belopp {y - 1}"])
    first = head + 1
    rows = list(aa.accounts.itertuples(index=False))
    n = len(rows)
    last = first + n - 1
    col = {k: f"${c}${first + 1}:${c}${max(last, first) + 1}" for k, c in
           (("statement", "A"), ("item", "B"), ("current", "F"), ("previous", "G"))}
    for i, rec in enumerate(rows):
        r = first + i
        sign = _sign(rec.item) if rec.statement == BALANCE_SHEET else -1
        item = ITEMS_BY_CODE.get(rec.item)
        sheet.text(r, 0, rec.statement)
        sheet.text(r, 1, rec.item)
        sheet.text(r, 2, item.sv if item else "Årets resultat, bokslutsomföring (ingen post)")
        if rec.account:
            sheet.code(r, 3, rec.account)
        sheet.text(r, 4, rec.name)
        current = sign * int(rec.current)
        if rec.statement == BALANCE_SHEET and not rec.account and rec.item == "arets-over-underskott":
            # the result not yet booked: the result accounts' movements, summed on this sheet
            sheet.formula(r, 5, f'SUMIFS({col["current"]},{col["statement"]},"{INCOME_STATEMENT}")', current)
        else:
            sheet.amount(r, 5, current)
        if rec.previous is not None and not (isinstance(rec.previous, float) and rec.previous != rec.previous):
            sheet.amount(r, 6, sign * int(rec.previous))
    total = last + 1
    sheet.text(total, 0, "Summa", f.bold)
    for c, key in ((5, "current"), (6, "previous")):
        values = [(_sign(r.item) if r.statement == BALANCE_SHEET else -1) * int(getattr(r, key))
                  for r in rows if getattr(r, key) is not None and getattr(r, key) == getattr(r, key)]
        sheet.formula(total, c, f"SUM({col[key]})" if n else "0", sum(values), f.kr_bold)
    sheet.last_row = max(last, head)
    sheet.finish(widths={0: 8, 1: 30, 2: 34, 3: 7, 4: 36, 5: 18, 6: 18})
    return {k: f"{quote_sheet(TB)}!{v}" for k, v in col.items()}


def _statement(sheet: Sheet, aa, statement: str, rng: dict) -> dict:
    from .annual_accounts import columns

    f = sheet.fmts
    y = aa.year
    lines = aa.income_statement if statement == INCOME_STATEMENT else aa.balance_sheet
    previous = aa.has_previous_income if statement == INCOME_STATEMENT else aa.has_previous_balance
    sheet.title(0, f"{'Resultaträkning' if statement == INCOME_STATEMENT else 'Balansräkning'} {y}")
    sheet.text(1, 0, f"{aa.organisation}. Förenklat årsbokslut enligt BFNAR 2010:1, bilaga 2. Varje post är en "
                     f"summa på bladet {TB} efter postens kod.")
    head = 3
    cols = columns(aa, statement)
    sheet.header(head, ["", "Post (kod)"] + cols)
    keys = ["current"] + (["previous"] if previous else [])
    at: dict = {}
    items_in: list[int] = []
    section_items: dict = {}
    totals: dict = {}
    r = head + 1
    for line in lines:
        if line.kind == "heading":
            sheet.text(r, 0, line.label, f.bold)
            items_in = []
            r += 1
            continue
        sheet.text(r, 0, ("   " if line.kind == "item" else "") + line.label, f.bold if line.kind != "item" else None)
        if line.kind == "item":
            sheet.text(r, 1, line.code)
            item = ITEMS_BY_CODE[line.code]
            items_in.append(r)
            section_items.setdefault(item.section, []).append(r)
            sign = "-" if _sign(line.code) < 0 else ""
            for j, key in enumerate(keys):
                value = getattr(line, key)
                sheet.formula(r, 2 + j, f'{sign}SUMIFS({rng[key]},{rng["item"]},"{line.code}",'
                                        f'{rng["statement"]},"{statement}")', int(value or 0))
        else:
            formula_rows = _total_rows(line.code, items_in, section_items, totals)
            for j, key in enumerate(keys):
                value = getattr(line, key)
                expr = "+".join(cell(x, 2 + j) for x in formula_rows) if formula_rows else "0"
                sheet.formula(r, 2 + j, expr if len(formula_rows) != 1 else f"+{expr}", int(value or 0), f.kr_bold)
            totals[line.code] = r
        at[line.code] = r
        r += 1
    sheet.last_row = r - 1
    sheet.finish(filter=False, widths={0: 76, 1: 34, 2: 24, 3: 24})
    return at


def _total_rows(code: str, items_in: list, section_items: dict, totals: dict) -> list[int]:
    """Which rows a total or result adds up."""
    if code in ("summa-intakter", "summa-kostnader", "summa-tillgangar", "summa-eget-kapital", "summa-skulder"):
        return list(items_in)
    if code == "verksamhetens-resultat":
        return [totals["summa-intakter"], totals["summa-kostnader"]]
    if code == "resultat-efter-finansiella-poster":
        return [totals["verksamhetens-resultat"]] + section_items.get("finansiella", [])
    if code == "arets-resultat":
        return [totals["resultat-efter-finansiella-poster"]] + section_items.get("bokslut", [])
    if code == "summa-eget-kapital-och-skulder":
        return [totals["summa-eget-kapital"], totals["summa-skulder"]] + section_items.get("obeskattade", []) \
            if "summa-skulder" in totals else [totals["summa-eget-kapital"]] + section_items.get("obeskattade", [])
    return list(items_in)


def _checks(sheet: Sheet, aa, rr: dict, br: dict, checklist=()) -> None:
    f = sheet.fmts
    sheet.title(0, f"Kontroller, årsbokslut {aa.year}")
    head = 2
    sheet.header(head, ["Kontroll", "Belopp A", "Belopp B", "Differens", "Resultat"])
    rref = lambda sh, at, code, c=2: cell(at[code], c, sheet=sh) if code in at else None  # noqa: E731
    formulas = {
        0: (rref(RR_SHEET, rr, "arets-resultat"),
            f"{rref(BR_SHEET, br, 'summa-eget-kapital')}-{rref(BR_SHEET, br, 'summa-eget-kapital', 3)}"
            if aa.has_previous_balance else None),
        1: (rref(BR_SHEET, br, "summa-tillgangar"), rref(BR_SHEET, br, "summa-eget-kapital-och-skulder")),
    }
    if aa.has_previous_balance:
        formulas[2] = (rref(BR_SHEET, br, "summa-tillgangar", 3), rref(BR_SHEET, br, "summa-eget-kapital-och-skulder", 3))
    k = 3 if aa.has_previous_balance else 2
    formulas[k] = (rref(RR_SHEET, rr, "arets-resultat"), None)
    formulas[k + 1] = (rref(BR_SHEET, br, "arets-over-underskott"), rref(RR_SHEET, rr, "arets-resultat"))
    r = head
    for i, check in enumerate(aa.checks):
        r = head + 1 + i
        money = check.unit == "kr"
        sheet.text(r, 0, check.name)
        left_f, right_f = formulas.get(i, (None, None))
        for c, value, formula in ((1, check.left, left_f), (2, check.right, right_f)):
            if formula and money:
                sheet.formula(r, c, formula, int(value))
            elif money:
                sheet.amount(r, c, int(value))
            else:
                sheet.number(r, c, int(value), f.integer)
        diff = int(check.left) - int(check.right)
        sheet.formula(r, 3, f"{cell(r, 1)}-{cell(r, 2)}", diff if money else diff, f.kr if money else f.integer,
                      ore=money)
        sheet.check(r, 4, f'IF(ROUND(ABS({cell(r, 3)}),2)=0,"{OK}","{FEL}")', check.ok)
    sheet.highlight_fel(head + 1, r, 4)
    sheet.last_row = r
    if checklist:
        from .annual_accounts import checklist_rows

        r += 2
        sheet.text(r, 0, "Bokslutskontroller", f.bold)
        for title, status, summary, findings in checklist_rows(checklist):
            r += 1
            sheet.text(r, 0, title, f.bold)
            sheet.text(r, 4, status, f.fel if status not in ("OK", "Ej tillämplig") else f.ok)
            for text in (summary, *findings):
                r += 1
                sheet.text(r, 0, text, f.wrap)
    sheet.finish(filter=False, widths={0: 80, 1: 18, 2: 18, 3: 16, 4: 10})


def _info(sheet: Sheet, aa, books, made) -> None:
    f = sheet.fmts
    sheet.title(0, f"Årsbokslut {aa.year}")
    facts = [("Organisation", aa.organisation), ("Organisationsnummer", aa.org_number),
             ("Räkenskapsår", f"{aa.year}-01-01–{aa.year}-12-31"),
             ("Framtagen", made_text(made)),
             ("Programversion", f"nns-finance {__version__}"), ("Datamapp", folder_label(books.folder))]
    r = 2
    for key, value in facts:
        sheet.text(r, 0, key, f.bold)
        sheet.text(r, 1, value)
        r += 1
    r += 1
    sheet.text(r, 0, "Indatafiler", f.bold)
    sheet.text(r, 1, "SHA-256", f.bold)
    for src in books.sources:
        r += 1
        sheet.text(r, 0, src.name)
        sheet.text(r, 1, src.sha256)
    sheet.finish(filter=False, widths={0: 30, 1: 70})
