"""The annual accounts as a PDF for signing: portrait A4, made with reportlab in its invariant
mode (the same inputs give the same bytes), in DejaVu Sans (å, ä, ö, −). The same rows as the
page (:mod:`.annual_accounts`): the statements, the notes, the signatures; then the checks, the
year-end checklist and the accounts under each item.
"""
from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core.annual_items import BALANCE_SHEET, INCOME_STATEMENT
from . import annual_accounts as page
from .pdf import BOLD, FONT, register_fonts
from ..core.outputs import made_text

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


def _styles() -> dict:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=22),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10.5, leading=14),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=10,
                             spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "num": ParagraphStyle("num", parent=base, fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")),
    }


def _e(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _statement(aa, statement: str, st) -> Table:
    cols = page.columns(aa, statement)
    n = len(cols)
    amount_w = 34 * mm
    widths = [WIDTH - 16 * mm - n * amount_w, 16 * mm] + [amount_w] * n
    data = [["", ""] + [Paragraph(_e(c).replace("–", "–<br/>"), ParagraphStyle("h", parent=st["num"], fontName=BOLD))
                        for c in cols]]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
             ("ALIGN", (2, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
             ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6)]
    for label, note, figures, kind in page.statement_rows(aa, statement):
        r = len(data)
        if kind == "heading":
            data.append([label, ""] + [""] * n)
            style += [("FONTNAME", (0, r), (-1, r), BOLD), ("TOPPADDING", (0, r), (-1, r), 6)]
            continue
        data.append([("    " if kind == "item" else "") + label, note] + figures)
        if kind == "total":
            style += [("FONTNAME", (0, r), (-1, r), BOLD), ("LINEABOVE", (2, r), (-1, r), 0.4, colors.grey)]
        elif kind == "result":
            style += [("FONTNAME", (0, r), (-1, r), BOLD), ("LINEABOVE", (2, r), (-1, r), 0.6, colors.black),
                      ("LINEBELOW", (2, r), (-1, r), 0.6, colors.black)]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle(style))
    return t


def _grid(head: list[str], rows: list[list[str]], numeric: set[int], widths: list[float], st,
          verdict_col: int | None = None) -> Table:
    def cell(text, i, bold=False):
        s = st["num"] if i in numeric else st["cell"]
        if bold:
            s = ParagraphStyle("b", parent=s, fontName=BOLD)
        return Paragraph(_e(text), s)

    data = [[cell(h, i, True) for i, h in enumerate(head)]] + [[cell(c, i) for i, c in enumerate(r)] for r in rows]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
             ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2)]
    if verdict_col is not None:
        for r, row in enumerate(rows, start=1):
            if row[verdict_col] == "FEL":
                style.append(("BACKGROUND", (verdict_col, r), (verdict_col, r), colors.HexColor("#F4C7C3")))
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle(style))
    return t


def annual_accounts_pdf(aa, checklist, made: dt.datetime, sources: list[tuple[str, str]], version: str) -> bytes:
    """The PDF's bytes (see the module docstring)."""
    register_fonts()
    st = _styles()
    y = aa.year
    story = [Paragraph(f"Årsbokslut {y}", st["title"]),
             Paragraph(f"<b>{_e(aa.organisation)}</b>" + (f", org.nr {_e(aa.org_number)}" if aa.org_number else ""),
                       st["sub"]),
             Paragraph(f"Räkenskapsår {y}-01-01–{y}-12-31. Förenklat årsbokslut enligt BFNAR 2010:1, bilaga 2. "
                       "Belopp i kronor.", st["body"]),
             Paragraph("Resultaträkning", st["h2"]), _statement(aa, INCOME_STATEMENT, st),
             KeepTogether([Paragraph("Balansräkning", st["h2"]), _statement(aa, BALANCE_SHEET, st)]),
             Paragraph("Tilläggsupplysningar", st["h2"]),
             Paragraph(f"Not {page.NOTE_PLACEMENTS} Finansiella placeringar", st["h3"])]
    if len(aa.placements):
        story.append(Paragraph(f"Placeringar som löper vid årets slut, {y}-12-31:", st["body"]))
        rows = page.placement_rows(aa) + [["Summa", "", "", page.amount(page.placements_total(aa)), "", "", ""]]
        w = [24 * mm, 36 * mm, 16 * mm, 32 * mm, 18 * mm, 24 * mm, 24 * mm]
        story.append(_grid(["Placering", "Bank", "Konto", "Belopp", "Ränta", "Start", "Förfaller"], rows, {3, 4}, w, st))
    else:
        story.append(Paragraph("Inga placeringar löper vid årets slut.", st["body"]))
    equity = _grid(["", "Balanserat över-/underskott", "Årets över-/underskott", "Summa eget kapital"],
                   page.equity_rows(aa), {1, 2, 3}, [WIDTH - 3 * 36 * mm] + [36 * mm] * 3, st)
    story.append(KeepTogether([Paragraph(f"Not {page.NOTE_EQUITY} Förändring av eget kapital", st["h3"]), equity]))
    story += [Paragraph("Förenklat årsbokslut", st["h3"]), Paragraph(_e(aa.k1.text()), st["body"])]
    sign_cells = [["Ort och datum: " + "_" * 34, ""]] + [["", ""]] * 1
    names = [["_" * 38, "_" * 38], ["Styrelseledamot, namnförtydligande"] * 2, ["", ""],
             ["_" * 38, "_" * 38], ["Styrelseledamot, namnförtydligande"] * 2]
    signatures = Table(sign_cells + names, colWidths=[WIDTH / 2] * 2, hAlign="LEFT",
                       style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
                                         ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    story.append(KeepTogether([Paragraph("Underskrifter", st["h2"]), Spacer(1, 4 * mm), signatures]))

    story += [PageBreak(), Paragraph("Kontroller", st["h2"]),
              _grid(["Kontroll", "Belopp A", "Belopp B", "Resultat"], page.check_rows(aa), {1, 2},
                    [WIDTH - 2 * 30 * mm - 18 * mm, 30 * mm, 30 * mm, 18 * mm], st, verdict_col=3),
              Paragraph("Bokslutskontroller", st["h2"])]
    for title, status, summary, findings in page.checklist_rows(checklist):
        story.append(Paragraph(f"{_e(title)}: <b>{_e(status)}</b>", st["h3"]))
        story.append(Paragraph(_e(summary), st["body"]))
        for f in findings:
            story.append(Paragraph("• " + _e(f), st["body"]))
    story.append(Paragraph("Konton per post", st["h2"]))
    prev = aa.has_previous_income or aa.has_previous_balance
    head = ["", "Post", "Konto", "Kontonamn", str(y)] + ([str(y - 1)] if prev else [])
    w = [9 * mm, 48 * mm, 15 * mm, 0, 27 * mm] + ([27 * mm] if prev else [])
    w[3] = WIDTH - sum(w)
    story.append(_grid(head, [r[: len(head)] for r in page.account_rows(aa)], {4, 5}, w, st))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(f"Framtagen {made_text(made)} med nns-finance "
                           f"{_e(version)}. Underlag: " + "; ".join(f"{_e(n)} (SHA-256 {_e(s[:12])}…)"
                                                                   for n, s in sources) + ".", st["small"]))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, 10 * mm, f"{aa.organisation} – Årsbokslut {y}")
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Sida {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=16 * mm, title=f"Årsbokslut {y}", author=aa.organisation,
                            invariant=True)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
