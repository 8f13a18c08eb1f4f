"""The board-pack PDF of the monthly report, made with reportlab (no browser, no TeX).

:func:`report_pdf` returns the PDF as bytes (the caller writes it atomically): a landscape A4
document with the header, key figures, the result table, the charts as images, equity, the
balance sheet, liquidity, the budget phasing, data quality and the input files with their SHA-256. Text is set
in DejaVu Sans, the TrueType font that ships with matplotlib, embedded so that å, ä, ö, − and
``1 552 276 kr`` render everywhere. The document is built in reportlab's invariant mode (no
creation time or random id inside), so the same report gives the same bytes.
"""
from __future__ import annotations

import io
import os

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

from . import charts, tables as rt
from ..core.labels import label

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = landscape(A4)
MARGIN = 14 * mm


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) from matplotlib's font folder, once."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    import matplotlib

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    pdfmetrics.registerFont(TTFont(FONT, os.path.join(folder, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "DejaVuSans-Bold.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=17, leading=21, spaceAfter=2),
        "sub": ParagraphStyle("sub", parent=base, fontSize=11, leading=14),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=4),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")),
    }


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(frame, *, bold=None, font_size=8.0, right_from=1, right_to=None, col_widths=None, header=True,
           padding=1.5) -> Table:
    head = []
    right_to = len(frame.columns) if right_to is None else right_to
    if header:  # header cells wrap inside their column instead of running into the next one
        from reportlab.lib.enums import TA_LEFT, TA_RIGHT
        styles = [ParagraphStyle(f"th{i}", fontName=BOLD, fontSize=font_size, leading=font_size + 1.5,
                                 alignment=TA_RIGHT if right_from <= i < right_to else TA_LEFT)
                  for i in range(len(frame.columns))]
        head = [[Paragraph(_esc(str(c)), st) for c, st in zip(frame.columns, styles)]]
    data = head + [list(map(str, r)) for r in frame.itertuples(index=False)]
    t = Table(data, colWidths=col_widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size + 2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if right_from < min(right_to, len(frame.columns)):
        style.append(("ALIGN", (right_from, 0), (right_to - 1, -1), "RIGHT"))
    if header:
        style += [("FONTNAME", (0, 0), (-1, 0), BOLD), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f5"))]
    offset = 1 if header else 0
    for i, b in enumerate(bold or []):
        if b:
            style += [("FONTNAME", (0, i + offset), (-1, i + offset), BOLD),
                      ("LINEABOVE", (0, i + offset), (-1, i + offset), 0.3, colors.HexColor("#999999"))]
    t.setStyle(TableStyle(style))
    return t


def _image(fig, width: float, max_height: float = PAGE[1] - 2 * MARGIN - 30 * mm) -> Image:
    """The figure as an image ``width`` wide, shrunk to ``max_height`` if it is taller."""
    data = charts.png(fig, dpi=150)
    w_in, h_in = fig.get_size_inches()
    height = width * h_in / w_in
    if height > max_height:
        width, height = max_height * w_in / h_in, max_height
    return Image(io.BytesIO(data), width=width, height=height)


def report_pdf(report) -> bytes:
    """The whole report as PDF bytes."""
    register_fonts()
    lang = report.lang
    s = _styles()
    head = rt.header(report)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=head["title"], author=report.organisation,
                            subject=head["period"], creator=f"nns-finance {report.version}", invariant=1)
    width = PAGE[0] - 2 * MARGIN
    footer = f"{report.organisation} · {head['period']}"

    def on_page(canvas, doc_):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(MARGIN, 8 * mm, footer)
        canvas.drawRightString(PAGE[0] - MARGIN, 8 * mm, f"{label('page', lang)} {doc_.page}")
        canvas.restoreState()

    figs = charts.all_charts(report)
    # page 1: who, when, from what; the key figures; the cumulative chart
    story = [Paragraph(_esc(head["title"]), s["title"]),
             Paragraph(_esc(head["period"]), s["sub"]),
             Paragraph(_esc(head["made"] + (f" · {head['org_number']}" if head["org_number"] else "")), s["small"])]
    if head["sources"]:
        story.append(Paragraph(_esc(head["sources"]), s["small"]))
    story += [Spacer(1, 3 * mm), Paragraph(_esc(label("key_figures", lang)), s["h2"]),
              _table(rt.key_figures(report), font_size=9, right_to=2, padding=2.5,
                     col_widths=[95 * mm, 70 * mm, width - 165 * mm]),
              Spacer(1, 5 * mm), _image(figs["cumulative"], width * 0.98, max_height=105 * mm)]
    # page 2: the result table on one page, with the sign convention
    result = rt.result(report)
    n_amount = len(result.columns) - 1
    name_w = 62 * mm
    story += [PageBreak(), Paragraph(_esc(label("result_table", lang)), s["h2"]),
              _table(result, bold=rt.result_bold(report), font_size=7.5, padding=1,
                     col_widths=[name_w] + [(width - name_w) / n_amount] * n_amount),
              Spacer(1, 2 * mm),
              Paragraph(_esc(label("sign_note", lang)), s["small"]),
              Paragraph(_esc(label("forecast_note", lang)), s["small"])]
    story += [Paragraph(_esc(n), s["small"]) for n in report.notes]
    # page 3: variance per line; page 4: equity
    story += [PageBreak(), _image(figs["variance"], width * 0.98)]
    story += [PageBreak(), Paragraph(_esc(label("equity", lang)), s["h2"]),
              _table(rt.equity(report), col_widths=[80 * mm, 40 * mm]), Spacer(1, 4 * mm),
              _image(figs["equity"], width * 0.98, max_height=95 * mm), Spacer(1, 3 * mm),
              _table(rt.equity_months(report), font_size=7.5)]
    # page 5: the balance sheet; then liquidity, deposits, maturities, the deposit guarantee
    if report.balance_sheet is not None:
        bs = report.balance_sheet
        ok = not (bs.totals["opening"]["difference"] or bs.totals["closing"]["difference"])
        story += [PageBreak(), KeepTogether([
            Paragraph(_esc(label("balance_sheet", lang)), s["h2"]),
            _table(rt.balance_sheet(report), bold=rt.balance_sheet_bold(report),
                   col_widths=[80 * mm, 40 * mm, 40 * mm]),
            Spacer(1, 2 * mm),
            Paragraph(_esc((label("bs_ok", lang) + " " if ok else "") + label("bs_note", lang)), s["small"]),
            Spacer(1, 5 * mm)])]
    liq_block = [Paragraph(_esc(label("liquidity", lang)), s["h2"]),
                 _table(rt.liquidity(report), col_widths=[80 * mm, 40 * mm]), Spacer(1, 3 * mm),
                 Paragraph(_esc(label("deposit_list", lang)), s["body"])]
    deposits = rt.deposits(report)
    liq_block.append(_table(deposits, right_from=2) if len(deposits)
                     else Paragraph(_esc(label("no_deposits", lang)), s["small"]))
    liq_block += [Spacer(1, 3 * mm), Paragraph(_esc(label("maturing", lang)), s["body"])]
    maturing = rt.maturing(report)
    liq_block.append(_table(maturing, right_from=3) if len(maturing)
                     else Paragraph(_esc(label("none_maturing", lang)), s["small"]))
    g = rt.guarantee(report)
    if len(g):
        liq_block += [Spacer(1, 3 * mm), Paragraph(_esc(label("guarantee_table", lang)), s["body"]),
                      _table(g, col_widths=[60 * mm, 40 * mm, 40 * mm, 40 * mm])]
    for p in report.liquidity.findings:
        liq_block.append(Paragraph(_esc(f"{label('guarantee', lang)}: {p.message}"), s["body"]))
    story += ([] if report.balance_sheet is not None else [PageBreak()]) + [KeepTogether(liq_block)]
    phasing = rt.phasing(report)
    story += [Paragraph(_esc(label("phasing", lang)), s["h2"]),
              _table(phasing, bold=rt.phasing_bold(report), font_size=6.5, right_from=2,
                     col_widths=[66 * mm, 20 * mm] + [(width - 86 * mm) / 13] * 13),
              Spacer(1, 2 * mm)]
    story += [Paragraph(_esc(label("data_quality", lang)), s["h2"])]
    if report.problems:
        story += [Paragraph(_esc(str(p)), s["small"]) for p in report.problems]
    else:
        story.append(Paragraph(_esc(label("no_problems", lang)), s["body"]))
    story += [Paragraph(_esc(label("sources", lang)), s["h2"]),
              _table(rt.sources(report), font_size=6.5, right_from=99)]
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
