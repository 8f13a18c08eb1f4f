"""The budget proposal as a workbook: the board's table where Excel users work.

:func:`write_proposal_xlsx` writes the table of
:class:`~nns_finance.planning.budget_proposal.BudgetProposal` on the first sheet, *Budget*, in
exactly the layout ``load()`` reads as a budget (title in A1, the version columns, sections,
sub-lines after ``– ``, the totals and the equity rows). Every total is a formula — a line
with sub-lines ``=SUM`` of them, ``Summa …`` the section's lines, ``Årets resultat`` the two
sums, ``Utgående eget kapital`` opening + result, the proposal's opening the forecast's
closing — with the package's own figure stored as its value, so a program that does not
recalculate shows the same number. Then *Förändringar* (per line what changed from this year's
budget, how and why, and the fee rules in words) and *Underlag* (how each column was made and
the inputs with their SHA-256).
"""
from __future__ import annotations

from pathlib import Path

from ..reports.budget_proposal import table_rows
from ..reports.xlsx import Sheet, close_book, col_name, open_book


def _formulas(p) -> dict[tuple[int, int | None], str]:
    """Where the sheet holds a formula: (table row, column index or None for every column) →
    the formula, ``{c}`` standing for the column's letter. Table row ``i`` is sheet row ``i + 2``."""
    t = p.table.reset_index(drop=True)
    kinds, codes = list(t["kind"]), list(t["code"])
    excel = {i: i + 2 for i in range(len(t))}
    out: dict[tuple[int, int | None], str] = {}
    section_lines: dict[str, list[int]] = {}
    children: dict[int, list[int]] = {}
    section, line = None, None
    for i, kind in enumerate(kinds):
        if kind == "section":
            section = codes[i]
            section_lines[section] = []
        elif kind == "line":
            section_lines[section].append(i)
            line = i
        elif kind == "subline":
            children.setdefault(line, []).append(i)
    for i, subs in children.items():
        out[(i, None)] = f"=SUM({{c}}{excel[subs[0]]}:{{c}}{excel[subs[-1]]})"
    totals = {}
    for i, kind in enumerate(kinds):
        if kind == "total":
            heading = [r for r, k in enumerate(kinds[:i]) if k == "section"][-1]
            rows = section_lines.get(codes[heading], [])
            out[(i, None)] = "=" + "+".join(f"{{c}}{excel[r]}" for r in rows) if rows else "=0"
            totals[codes[heading]] = i
    result = kinds.index("result")
    out[(result, None)] = "=" + "+".join(f"{{c}}{excel[i]}" for i in totals.values())
    if "utgaende-eget-kapital" in codes:
        opening, closing = codes.index("ingaende-eget-kapital"), codes.index("utgaende-eget-kapital")
        out[(closing, None)] = f"={{c}}{excel[opening]}+{{c}}{excel[result]}"
        last = len(p.columns)          # the proposal opens with the forecast's closing
        out[(opening, last)] = f"={col_name(last - 1)}{excel[closing]}"
    return out


def write_proposal_xlsx(p, path: Path, record: dict, *, cached_values: bool = True) -> Path:
    """The workbook at ``path`` (the caller moves a temporary file into place).

    ``cached_values=False`` stores 0 as every formula's value (only the recalculation test uses
    it, to prove a spreadsheet program computes the totals itself)."""
    book, fmts = open_book(Path(path), p.made, title=p.title, author=p.organisation)
    whole = book.add_format({"num_format": "#,##0"})
    whole_bold = book.add_format({"num_format": "#,##0", "bold": True})
    ore_fmt = book.add_format({"num_format": "#,##0.00"})
    ore_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
    bold = book.add_format({"bold": True})
    rows = table_rows(p)
    formulas = _formulas(p)
    t = p.table.reset_index(drop=True)
    ws = Sheet(book, fmts, "Budget", cached_values=cached_values)
    ws.header(0, [str(c) for c in rows[0]])
    for i, row in enumerate(rows[1:]):
        kind = t.at[i, "kind"]
        strong = kind in ("section", "total", "result")
        ws.text(i + 1, 0, row[0], bold if strong else None)
        for j, v in enumerate(row[1:], start=1):
            has_ore = v is not None and v % 100 != 0
            fmt = (ore_bold if strong else ore_fmt) if has_ore else (whole_bold if strong else whole)
            formula = formulas.get((i, j), formulas.get((i, None)))
            if v is None:
                ws.number(i + 1, j, None)
            elif formula is not None:
                ws.formula(i + 1, j, formula.format(c=col_name(j)), v, fmt)
            else:
                ws.amount(i + 1, j, v, fmt)
    ws.finish(filter=False, widths={0: 34})

    ch = Sheet(book, fmts, "Förändringar", cached_values=cached_values)
    heads = ["Kod", "Budgetrad", f"Budget {p.year - 1}", f"Förslag {p.year}", "Förändring",
             "Så har raden tagits fram", "Kommentar"]
    ch.header(0, heads)
    for i, r in enumerate(p.lines.itertuples(index=False), start=1):
        ch.text(i, 0, r.code)
        ch.text(i, 1, r.name)
        ch.amount(i, 2, r.budget, whole if r.budget % 100 == 0 else ore_fmt)
        ch.amount(i, 3, r.proposal, whole if r.proposal % 100 == 0 else ore_fmt)
        ch.formula(i, 4, f"=D{i + 1}-C{i + 1}", r.change, whole if r.change % 100 == 0 else ore_fmt)
        ch.text(i, 5, r.how)
        ch.text(i, 6, r.comment)
    row = len(p.lines) + 2
    for words in p.fee_words:
        ch.text(row, 1, words)
        row += 1
    ch.finish(widths={1: 40, 5: 50, 6: 60})

    src = Sheet(book, fmts, "Underlag")
    src.header(0, ["Uppgift", "Värde"])
    info = [("Organisation", p.organisation), ("Förslag", p.title), ("Framtaget", record["made"]),
            ("Programversion", f"nns-finance {record['version']}"), ("Datamapp", record["data_folder"])]
    info += [("Parameter " + k, str(v)) for k, v in record["parameters"].items()]
    info += [(n, "") for n in p.notes]
    info += [(f"Indata {i['file']}", f"SHA-256 {i['sha256']}") for i in record["inputs"]]
    for i, (k, v) in enumerate(info, start=1):
        src.text(i, 0, k)
        src.text(i, 1, v)
    src.finish(filter=False, widths={0: 60, 1: 75})
    close_book(book)
    return Path(path)
