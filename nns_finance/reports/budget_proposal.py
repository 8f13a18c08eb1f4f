"""The budget proposal for the member meeting: the board's table as CSV, XLSX, HTML and PDF.

- :func:`proposal_csv`: the table exactly in the layout ``load()`` reads as a budget
  (semicolons, ``1 552 276``, sub-lines after ``– ``, the totals and equity rows), UTF-8 with a
  byte-order mark so Excel shows å, ä, ö;
- the workbook (the same table, ``load()`` reads it too) is
  :mod:`nns_finance.workbook.budget_proposal`'s;
- :func:`proposal_html` and :func:`proposal_pdf`: the page and the document for the member
  meeting — the table, the fee rules in words, per line what changed from this year's budget
  and why, where each column came from, and the inputs.

Every figure comes from :class:`~nns_finance.planning.budget_proposal.BudgetProposal`; nothing is
summed here, so every total shown is the sum of its lines to the öre.
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from ..books.budget_file import SUB_MARK, board_rows
from ..core.money import format_kr
from ..core.outputs import made_text
from .textout import csv_text

NBSP = "\u00a0"
SIGN_NOTE = ("Belopp i kronor. Intäkter positiva, kostnader negativa. Varje summa, årets resultat "
             "och det egna kapitalet är räknade ur raderna.")


def amount_text(ore, sep: str = " ") -> str:
    """``1 552 276``, ``-85 500``, ``3 264,11`` (öre shown only when there are any); "" for blank."""
    if ore is None or ore is pd.NA or (isinstance(ore, float) and ore != ore):
        return ""
    ore = int(ore)
    return format_kr(ore, unit=False, sep=sep, decimals=0 if ore % 100 == 0 else 2)


def table_rows(p) -> list[list]:
    """The proposal's table in the board's layout (see :func:`nns_finance.books.budget_file.board_rows`)."""
    return board_rows(p.table, list(p.columns), p.title)


# ---------------------------------------------------------------- CSV
def proposal_csv(p) -> str:
    """The table as the budget CSV ``load()`` reads (see the module docstring)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    for i, row in enumerate(table_rows(p)):
        if i == 0:
            w.writerow([csv_text(str(c)) for c in row])
        else:
            w.writerow([csv_text(str(row[0]))] + [amount_text(v) for v in row[1:]])
    return "\ufeff" + out.getvalue()


# ---------------------------------------------------------------- words shared by HTML and PDF
def changed_lines(p) -> pd.DataFrame:
    """The lines the meeting reads about: changed, commented, or made by the fee model."""
    lines = p.lines
    keep = (lines["change"] != 0) | (lines["comment"] != "") | lines["how"].str.startswith("avgiftsmodellen")
    return lines[keep]


def unchanged_sentence(p) -> str:
    rest = p.lines.drop(changed_lines(p).index)
    if rest.empty:
        return ""
    return f"Oförändrade mot budget {p.year - 1}: " + ", ".join(rest["name"]) + "."


def _cells(p, sep: str = NBSP) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, rows of text cells and row kinds of the table (sections without figures)."""
    rows = table_rows(p)
    kinds = list(p.table["kind"])
    body = []
    for row, kind in zip(rows[1:], kinds):
        name = row[0][len(SUB_MARK):] if kind == "subline" else row[0]
        body.append([name] + ["" if kind == "section" else amount_text(v, sep) for v in row[1:]])
    return ["Budgetrad", *p.columns], body, kinds


def _change_text(ore: int) -> str:
    return ("+" if ore > 0 else "") + amount_text(ore, NBSP) if ore else "0"


def _made_text(p) -> str:
    return made_text(p.made)


# ---------------------------------------------------------------- HTML
_PAGE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ p.title }}</title>
<style>
  body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; margin: 2rem auto;
         max-width: 62rem; padding: 0 1rem; line-height: 1.4; }
  h1 { font-size: 1.7rem; margin-bottom: .2rem; }
  h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #c9d3dd; padding-bottom: .2rem; }
  .sub { color: #444; margin-top: 0; }
  .small { font-size: .8rem; color: #555; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { padding: .22rem .5rem; vertical-align: top; }
  thead th { background: #eef2f5; border-bottom: 2px solid #333; text-align: left; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.num { white-space: nowrap; }
  table.budget td.num:last-child, table.budget th.num:last-child { background: #f6f9ec; font-weight: 600; }
  tr.section td { font-weight: 700; padding-top: .7rem; }
  tr.subline td:first-child { padding-left: 1.8rem; color: #333; }
  tr.line td:first-child { padding-left: .8rem; }
  tr.total td, tr.result td { font-weight: 700; border-top: 1px solid #999; }
  tr.result td { border-top: 2px solid #333; }
  tr.equity td { font-style: italic; }
  tr.equity.first td { border-top: 1px solid #ccc; padding-top: .5rem; }
  table.changes td { border-bottom: 1px solid #e3e7eb; }
  ul.fees li { margin: .15rem 0; }
  code { font-size: .8rem; word-break: break-all; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>{{ p.title }}</h1>
<p class="sub">{{ p.organisation }} · förslag till medlemsmötet · budget {{ p.year }}</p>
<p class="small">Framtagen {{ made }} med nns-finance {{ p.version }}{% if p.changes_file %} · styrelsens beslut om raderna: {{ p.changes_file }}{% endif %}</p>

<h2>Budget {{ p.year }}</h2>
<table class="budget">
<thead><tr>{% for h in header %}<th{% if not loop.first %} class="num"{% endif %}>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}<tr class="{{ kinds[loop.index0] }}{% if kinds[loop.index0] == 'equity' and (loop.first or kinds[loop.index0 - 1] != 'equity') %} first{% endif %}">{% for c in row %}<td{% if not loop.first %} class="num"{% endif %}>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
<p class="small">{{ sign_note }}</p>

{% if p.fee_words %}<h2>Avgifter {{ p.year }}</h2>
<ul class="fees">{% for w in p.fee_words %}<li>{{ w }}</li>{% endfor %}</ul>{% endif %}

<h2>Förändringar mot budget {{ p.year - 1 }}</h2>
<table class="changes">
<thead><tr><th>Budgetrad</th><th class="num">Budget {{ p.year - 1 }}</th><th class="num">Förslag {{ p.year }}</th><th class="num">Förändring</th><th>Så har raden tagits fram</th><th>Varför</th></tr></thead>
<tbody>
{% for r in changes %}<tr><td>{{ r.name }}</td><td class="num">{{ r.budget }}</td><td class="num">{{ r.proposal }}</td><td class="num">{{ r.change }}</td><td>{{ r.how }}</td><td>{{ r.comment }}</td></tr>
{% endfor %}</tbody>
</table>
{% if unchanged %}<p class="small">{{ unchanged }}</p>{% endif %}

<h2>Så är tabellen gjord</h2>
<ul>{% for n in p.notes %}<li>{{ n }}</li>{% endfor %}</ul>
{% if p.problems %}<h2>Att observera</h2>
<ul class="small">{% for x in p.problems %}<li>{{ x }}</li>{% endfor %}</ul>{% endif %}

<h2>Underlag</h2>
<table class="small">
<thead><tr><th>Fil</th><th>SHA-256</th></tr></thead>
<tbody>{% for i in inputs %}<tr><td>{{ i.file }}</td><td><code>{{ i.sha256 }}</code></td></tr>{% endfor %}</tbody>
</table>
</body>
</html>
"""


def _change_rows(p) -> list[dict]:
    return [{"name": r.name, "budget": amount_text(r.budget, NBSP), "proposal": amount_text(r.proposal, NBSP),
             "change": _change_text(r.change), "how": r.how, "comment": r.comment}
            for r in changed_lines(p).itertuples(index=False)]


def proposal_html(p, record: dict) -> str:
    """The page for the member meeting: one self-contained HTML file (no network needed)."""
    import jinja2

    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    header, rows, kinds = _cells(p)
    return env.from_string(_PAGE).render(
        p=p, made=_made_text(p), header=header, rows=rows, kinds=kinds, sign_note=SIGN_NOTE,
        changes=_change_rows(p), unchanged=unchanged_sentence(p), inputs=record["inputs"])


# ---------------------------------------------------------------- PDF
def proposal_pdf(p, record: dict) -> bytes:
    """The same as :func:`proposal_html` as an A4 PDF (reportlab, fonts embedded, invariant)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from .pdf import BOLD, FONT, _esc, _styles, _table, register_fonts

    register_fonts()
    s = _styles()
    s["h2"].keepWithNext = True
    margin = 16 * mm
    width = A4[0] - 2 * margin
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=p.title, author=p.organisation,
                            subject=f"Budget {p.year}", creator=f"nns-finance {p.version}", invariant=1)
    footer = f"{p.organisation} · {p.title}"

    def on_page(canvas, doc_):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(margin, 9 * mm, footer)
        canvas.drawRightString(A4[0] - margin, 9 * mm, f"Sida {doc_.page}")
        canvas.restoreState()

    header, rows, kinds = _cells(p)
    names = [("    " if k == "subline" else ("  " if k == "line" else "")) + r[0] for r, k in zip(rows, kinds)]
    table = pd.DataFrame([[n, *r[1:]] for n, r in zip(names, rows)], columns=header)
    n = len(header) - 1
    name_w = 62 * mm
    budget = _table(table, bold=[k in ("section", "total", "result") for k in kinds], font_size=8, padding=1.6,
                    col_widths=[name_w] + [(width - name_w) / n] * n)
    last = len(header) - 1
    budget.setStyle(TableStyle([("BACKGROUND", (last, 1), (last, -1), colors.HexColor("#f6f9ec")),
                                ("FONTNAME", (last, 1), (last, -1), BOLD)]))
    story = [Paragraph(_esc(p.title), s["title"]),
             Paragraph(_esc(f"{p.organisation} · förslag till medlemsmötet · budget {p.year}"), s["sub"]),
             Paragraph(_esc(f"Framtagen {_made_text(p)} med nns-finance {p.version}"
                            + (f" · styrelsens beslut om raderna: {p.changes_file}" if p.changes_file else "")),
                       s["small"]),
             Spacer(1, 4 * mm), budget, Spacer(1, 2 * mm), Paragraph(_esc(SIGN_NOTE), s["small"])]
    if p.fee_words:
        story += [Paragraph(_esc(f"Avgifter {p.year}"), s["h2"])]
        story += [Paragraph("• " + _esc(w), s["body"]) for w in p.fee_words]
    cell = s["small"].clone("cell", fontSize=7.5, leading=9.5, textColor=colors.black)
    head = ["Budgetrad", f"Budget {p.year - 1}", f"Förslag {p.year}", "Förändring", "Så har raden tagits fram",
            "Varför"]
    data = [[Paragraph(_esc(h), cell.clone("h", fontName=BOLD)) for h in head]]
    for r in _change_rows(p):
        data.append([Paragraph(_esc(r["name"]), cell), r["budget"], r["proposal"], r["change"],
                     Paragraph(_esc(r["how"]), cell), Paragraph(_esc(r["comment"]), cell)])
    widths = [40 * mm, 20 * mm, 20 * mm, 19 * mm, 36 * mm]
    widths.append(width - sum(widths))
    ch = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    ch.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (3, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f5")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    story += [Paragraph(_esc(f"Förändringar mot budget {p.year - 1}"), s["h2"]), ch]
    unchanged = unchanged_sentence(p)
    if unchanged:
        story += [Spacer(1, 2 * mm), Paragraph(_esc(unchanged), s["small"])]
    story += [Paragraph("Så är tabellen gjord", s["h2"])]
    story += [Paragraph("• " + _esc(n_), s["body"]) for n_ in p.notes]
    if p.problems:
        story += [Paragraph("Att observera", s["h2"])]
        story += [Paragraph(_esc(str(x)), s["small"]) for x in p.problems]
    story += [Paragraph("Underlag", s["h2"])]
    story += [Paragraph(_esc(f"{i['file']}  SHA-256 {i['sha256']}"), s["small"]) for i in record["inputs"]]
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
