"""The annual accounts as a page: :func:`annual_accounts_html` (one self-contained HTML file that
opens from an e-mail attachment, no network) and the rows both the page and the PDF
(:mod:`.annual_accounts_pdf`) print.

Order, as BFNAR 2010:1 appendix 2 has it: the heading (organisation, organisation number, the
fiscal year), Resultaträkning, Balansräkning (last year beside each figure where the books have
it), the notes (Finansiella placeringar, Förändring av eget kapital, the simplified form and
K1's 3 MSEK limit), the date and the board's signatures; then, after a page break, what the
treasurer and the auditors check: the checks (OK/FEL), the year-end checklist, and every
account under its item with its amount, so each figure traces to the accounts and the auditors'
workbook. Amounts in kronor with öre (``2 680 462,00``, no-break spaces), so that every total is
the sum of its lines to the öre.
"""
from __future__ import annotations

import datetime as dt
import html

import pandas as pd

from ..core.annual_items import BALANCE_SHEET, INCOME_STATEMENT, ITEMS_BY_CODE
from ..core.money import format_kr
from ..core.outputs import made_text

NBSP = "\u00a0"
SIGNATURES = 4
NOTE_PLACEMENTS, NOTE_EQUITY = 1, 2
NOTE_OF = {"finansiella-placeringar": NOTE_PLACEMENTS, "summa-eget-kapital": NOTE_EQUITY}
STATUS_SV = {"ok": "OK", "åtgärda": "Åtgärda", "kontrollera": "Kontrollera", "ej tillämplig": "Ej tillämplig"}


def amount(ore) -> str:
    """``2 680 462,00`` (no-break spaces, minus sign), ``""`` for None."""
    if ore is None or ore != ore or ore is pd.NA:
        return ""
    return format_kr(int(ore), decimals=2, unit=False, sep=NBSP, minus="−")


def columns(aa, statement: str) -> list[str]:
    """The amount columns' headings of a statement."""
    y = aa.year
    if statement == INCOME_STATEMENT:
        cols = [f"{y}-01-01–{y}-12-31"]
        return cols + ([f"{y - 1}-01-01–{y - 1}-12-31"] if aa.has_previous_income else [])
    return [f"{y}-12-31"] + ([f"{y - 1}-12-31"] if aa.has_previous_balance else [])


def statement_rows(aa, statement: str) -> list[tuple[str, str, list[str], str]]:
    """``(label, note, [amounts], style)`` per row; style ``heading``, ``item``, ``total`` or
    ``result``."""
    lines = aa.income_statement if statement == INCOME_STATEMENT else aa.balance_sheet
    previous = aa.has_previous_income if statement == INCOME_STATEMENT else aa.has_previous_balance
    out = []
    for line in lines:
        note = f"Not {NOTE_OF[line.code]}" if line.code in NOTE_OF else ""
        if line.kind == "heading":
            out.append((line.label, "", [], "heading"))
            continue
        figures = [amount(line.current)] + ([amount(line.previous)] if previous else [])
        out.append((line.label, note, figures, line.kind))
    return out


def placement_rows(aa) -> list[list[str]]:
    rows = []
    for rec in aa.placements.itertuples(index=False):
        rows.append([str(rec.deposit_id), str(rec.bank), str(rec.account), amount(rec.principal),
                     f"{str(rec.rate).replace('.', ',')}{NBSP}%", rec.start.date().isoformat(),
                     rec.maturity.date().isoformat()])
    return rows


def placements_total(aa) -> int:
    return int(aa.placements["principal"].sum()) if len(aa.placements) else 0


def equity_rows(aa) -> list[list[str]]:
    return [[label, amount(b), amount(a), amount(s)] for label, b, a, s in aa.equity_change]


def account_rows(aa) -> list[list[str]]:
    """Every account under its item: statement, item, account, name, this year, last year."""
    rows = []
    for rec in aa.accounts.itertuples(index=False):
        item = ITEMS_BY_CODE.get(rec.item)
        label = item.sv if item else "Årets resultat, bokslutspost (ingen post)"
        rows.append(["RR" if rec.statement == INCOME_STATEMENT else "BR", label, rec.account or "–", rec.name,
                     amount(rec.current), amount(rec.previous)])
    return rows


def check_rows(aa) -> list[list[str]]:
    out = []
    for c in aa.checks:
        fmt = amount if c.unit == "kr" else str
        out.append([c.name, fmt(c.left), fmt(c.right), "OK" if c.ok else "FEL"])
    return out


def checklist_rows(items) -> list[tuple[str, str, str, list[str]]]:
    return [(i.title, STATUS_SV.get(i.status, i.status), i.summary, [f.text for f in i.findings]) for i in items]


# --- HTML ------------------------------------------------------------------------------------

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#111;max-width:52em;margin:1.5em auto;padding:0 1em}
h1{font-size:18pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.6em 0 .4em;border-bottom:1px solid #999}
h3{font-size:11pt;margin:1.2em 0 .3em}.sub{color:#333;margin:.1em 0}
table{border-collapse:collapse;width:100%;margin:.3em 0}td,th{padding:.18em .4em;vertical-align:top}
th{text-align:left;border-bottom:1px solid #555;font-weight:bold}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.note{color:#444;white-space:nowrap;width:4em}
tr.heading td{font-weight:bold;padding-top:.7em}tr.item td:first-child{padding-left:1.2em}
tr.total td{font-weight:bold;border-top:1px solid #999}tr.result td{font-weight:bold;border-top:1px solid #111;
border-bottom:3px double #111}
.ok{color:#1a6b1a;font-weight:bold}.fel{color:#9c0006;background:#f4c7c3;font-weight:bold}
.sign{display:grid;grid-template-columns:1fr 1fr;gap:2.6em 3em;margin-top:2.4em}
.sign div{border-top:1px solid #111;padding-top:.2em;color:#333}
.small{font-size:8.5pt;color:#444}.page{page-break-before:always;break-before:page}
ul{margin:.2em 0 .2em 1.2em;padding:0}
@media print{body{margin:0;max-width:none}}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    out = ["<table><thead><tr>"]
    out += [f'<th class="{"n" if i in numeric else ""}">{_e(h)}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f'<td class="{"n" if i in numeric else ""}">{_e(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _statement(aa, statement: str) -> str:
    cols = columns(aa, statement)
    out = ['<table class="statement"><thead><tr><th></th><th></th>']
    out += [f'<th class="n">{_e(c)}</th>' for c in cols]
    out.append("</tr></thead><tbody>")
    for label, note, figures, style in statement_rows(aa, statement):
        cells = "".join(f'<td class="n">{_e(f)}</td>' for f in figures) if figures else \
            "".join("<td></td>" for _ in cols)
        out.append(f'<tr class="{style}"><td>{_e(label)}</td><td class="note">{_e(note)}</td>{cells}</tr>')
    out.append("</tbody></table>")
    return "".join(out)


def annual_accounts_html(aa, checklist, made: dt.datetime, sources: list[tuple[str, str]], version: str) -> str:
    """The whole page (see the module docstring)."""
    y = aa.year
    parts = [f"<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Årsbokslut {y} – "
             f"{_e(aa.organisation)}</title><style>{CSS}</style></head><body>"]
    parts.append(f"<h1>Årsbokslut {y}</h1><p class=\"sub\"><b>{_e(aa.organisation)}</b>"
                 + (f", org.nr {_e(aa.org_number)}" if aa.org_number else "") + "</p>")
    parts.append(f"<p class=\"sub\">Räkenskapsår {y}-01-01–{y}-12-31. Förenklat årsbokslut enligt "
                 "BFNAR 2010:1, bilaga 2. Belopp i kronor.</p>")
    parts.append("<h2>Resultaträkning</h2>" + _statement(aa, INCOME_STATEMENT))
    parts.append("<h2>Balansräkning</h2>" + _statement(aa, BALANCE_SHEET))
    parts.append("<h2>Tilläggsupplysningar</h2>")
    parts.append(f"<h3>Not {NOTE_PLACEMENTS} Finansiella placeringar</h3>")
    if len(aa.placements):
        parts.append(f"<p>Placeringar som löper vid årets slut, {y}-12-31:</p>")
        parts.append(_table(["Placering", "Bank", "Konto", "Belopp", "Ränta", "Start", "Förfaller"],
                            placement_rows(aa) + [["Summa", "", "", amount(placements_total(aa)), "", "", ""]],
                            {3, 4}))
    else:
        parts.append("<p>Inga placeringar löper vid årets slut.</p>")
    parts.append(f"<h3>Not {NOTE_EQUITY} Förändring av eget kapital</h3>")
    parts.append(_table(["", "Balanserat över-/underskott", "Årets över-/underskott", "Summa eget kapital"],
                        equity_rows(aa), {1, 2, 3}))
    parts.append("<h3>Förenklat årsbokslut</h3><p>" + _e(aa.k1.text()) + "</p>")
    parts.append(f"<h2>Underskrifter</h2><p>Ort och datum: {'_' * 40}</p><div class=\"sign\">"
                 + "".join("<div>Styrelseledamot, namnförtydligande</div>" for _ in range(SIGNATURES)) + "</div>")

    parts.append('<div class="page"></div><h2>Kontroller</h2>')
    rows = check_rows(aa)
    parts.append("<table><thead><tr><th>Kontroll</th><th class=\"n\">Belopp A</th><th class=\"n\">Belopp B</th>"
                 "<th>Resultat</th></tr></thead><tbody>")
    for name, a, b, verdict in rows:
        parts.append(f"<tr><td>{_e(name)}</td><td class=\"n\">{_e(a)}</td><td class=\"n\">{_e(b)}</td>"
                     f"<td class=\"{'ok' if verdict == 'OK' else 'fel'}\">{verdict}</td></tr>")
    parts.append("</tbody></table>")
    parts.append("<h2>Bokslutskontroller</h2>")
    for title, status, summary, findings in checklist_rows(checklist):
        cls = "ok" if status in ("OK", "Ej tillämplig") else "fel"
        parts.append(f"<h3>{_e(title)}: <span class=\"{cls}\">{_e(status)}</span></h3><p>{_e(summary)}</p>")
        if findings:
            parts.append("<ul>" + "".join(f"<li>{_e(f)}</li>" for f in findings) + "</ul>")
    parts.append("<h2>Konton per post</h2>")
    head = ["", "Post", "Konto", "Kontonamn", str(y)] + ([str(y - 1)] if aa.has_previous_income or
                                                         aa.has_previous_balance else [])
    acc_rows = [r[: len(head)] for r in account_rows(aa)]
    parts.append(_table(head, acc_rows, {4, 5}))
    parts.append("<p class=\"small\">Resultaträkningens belopp: intäkter positiva, kostnader negativa. "
                 "Balansräkningens belopp: tillgångar, eget kapital och skulder positiva. "
                 "Förra årets balansräkning är årets ingående balanser.</p>")
    parts.append(f"<p class=\"small\">Framtagen {made_text(made)} med "
                 f"nns-finance {_e(version)}. Underlag: "
                 + "; ".join(f"{_e(n)} (SHA-256 {_e(s[:12])}…)" for n, s in sources) + ".</p>")
    parts.append("</body></html>\n")
    return "".join(parts)
