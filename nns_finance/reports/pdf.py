"""The board-pack PDF of the monthly report, made with reportlab (no browser, no TeX).

:func:`report_pdf` returns the PDF as bytes (the caller writes it atomically): a landscape A4
document with the header, key figures, the result table, the charts as images, equity, the
balance sheet, liquidity, the budget phasing, data quality and the input files with their SHA-256. Text is set
in DejaVu Sans, the TrueType font that ships with matplotlib, embedded so that å, ä, ö, − and
``1 552 276 kr`` render everywhere. The document is built in reportlab's invariant mode (no
creation time or random id inside), so the same report gives the same bytes.

Fit for a board member: charts drawn at the size they are printed (full width, labels at their
real point size), no table leaves a lone row at the top or bottom of a page, the footer says
"Sida X av Y", every section is a bookmark, and the document's title and language are set.
"""
from __future__ import annotations

import io
import os

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (Flowable, Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

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


class _Table(Table):
    """A table that never leaves one body row alone on a page: when a split would, one more row
    moves to the next page (or the whole table, when only one would stay behind)."""

    def split(self, availWidth, availHeight):
        parts = Table.split(self, availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first_rows = len(parts[0]._cellvalues) - head
        rest_rows = len(parts[1]._cellvalues) - head
        if first_rows < 2:
            return []
        if rest_rows >= 2:
            return parts
        kept = len(parts[0]._cellvalues) - 1          # rows (header included) left on this page
        if kept - head < 2:
            return []
        return Table.split(self, availWidth, sum(self._rowHeights[:kept]) + 0.01)


class _Bookmark(Flowable):
    """An invisible mark: a PDF bookmark (outline entry) for the section that follows."""

    def __init__(self, title: str, key: str):
        super().__init__()
        self.title, self.key = title, key
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0, closed=False)


def _page_numbers(text: str, font: str, right_x: float, y: float):
    """A canvas class that writes "Sida X av Y" on every page once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.saveState()
                self.setFont(font, 7)
                self.drawRightString(right_x, y, text.format(page=self._pageNumber, total=total))
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


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
    t = _Table(data, colWidths=col_widths, repeatRows=1 if header else 0, hAlign="LEFT")
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
    """The figure as an image ``width`` wide (at most ``max_height`` tall), drawn at that size,
    so that its labels print at their own point size instead of being shrunk."""
    w_in, h_in = fig.get_size_inches()
    height = min(width * h_in / w_in, max_height)
    fig.set_size_inches(width / 72, height / 72)
    data = charts.png(fig, dpi=150)
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
                            subject=head["period"], creator=f"nns-finance {report.version}", invariant=1,
                            lang="en" if lang == "en" else "sv", initialFontName=FONT)
    width = PAGE[0] - 2 * MARGIN
    footer = f"{report.organisation} · {head['period']}"

    def on_page(canvas, doc_):
        if doc_.page == 1:
            canvas.showOutline()           # open with the bookmarks shown
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(MARGIN, 8 * mm, footer)
        canvas.restoreState()

    of = "of" if lang == "en" else "av"
    numbered = _page_numbers(f"{label('page', lang)} {{page}} {of} {{total}}", FONT, PAGE[0] - MARGIN, 8 * mm)
    marks = iter(range(1000))

    def section(title: str) -> list:
        """A section heading with its bookmark."""
        return [_Bookmark(title, f"s{next(marks)}"), Paragraph(_esc(title), s["h2"])]

    figs = charts.all_charts(report)
    # page 1: who, when, from what; the key figures; the cumulative chart
    story = [_Bookmark(head["title"], "top"), Paragraph(_esc(head["title"]), s["title"]),
             Paragraph(_esc(head["period"]), s["sub"]),
             Paragraph(_esc(head["made"] + (f" · {head['org_number']}" if head["org_number"] else "")), s["small"])]
    if head["sources"]:
        story.append(Paragraph(_esc(head["sources"]), s["small"]))
    story += [Spacer(1, 3 * mm), *section(label("key_figures", lang)),
              _table(rt.key_figures(report), font_size=9, right_to=2, padding=2.5,
                     col_widths=[95 * mm, 70 * mm, width - 165 * mm]),
              Spacer(1, 5 * mm), _image(figs["cumulative"], width * 0.98, max_height=105 * mm)]
    # page 2: the result table on one page, with the sign convention
    result = rt.result(report)
    n_amount = len(result.columns) - 1
    name_w = 62 * mm
    story += [PageBreak(), *section(label("result_table", lang)),
              _table(result, bold=rt.result_bold(report), font_size=7.5, padding=1,
                     col_widths=[name_w] + [(width - name_w) / n_amount] * n_amount),
              Spacer(1, 2 * mm),
              Paragraph(_esc(label("sign_note", lang)), s["small"]),
              Paragraph(_esc(label("forecast_note", lang)), s["small"])]
    story += [Paragraph(_esc(n), s["small"]) for n in report.notes]
    # page 3: variance per line; page 4: equity
    story += [PageBreak(), _Bookmark(label("chart_variance", lang), "variance"),
              _image(figs["variance"], width, max_height=PAGE[1] - 2 * MARGIN - 12 * mm)]
    story += [PageBreak(), *section(label("equity", lang)),
              _table(rt.equity(report), col_widths=[80 * mm, 40 * mm]), Spacer(1, 4 * mm),
              _image(figs["equity"], width * 0.98, max_height=95 * mm), Spacer(1, 3 * mm),
              _table(rt.equity_months(report), font_size=7.5)]
    # page 5: the balance sheet; then liquidity, deposits, maturities, the deposit guarantee
    if report.balance_sheet is not None:
        bs = report.balance_sheet
        ok = not (bs.totals["opening"]["difference"] or bs.totals["closing"]["difference"])
        story += [PageBreak(), KeepTogether([
            *section(label("balance_sheet", lang)),
            _table(rt.balance_sheet(report), bold=rt.balance_sheet_bold(report),
                   col_widths=[80 * mm, 40 * mm, 40 * mm]),
            Spacer(1, 2 * mm),
            Paragraph(_esc((label("bs_ok", lang) + " " if ok else "") + label("bs_note", lang)), s["small"]),
            Spacer(1, 5 * mm)])]
    liq_block = [*section(label("liquidity", lang)),
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
    story += [*section(label("phasing", lang)),
              _table(phasing, bold=rt.phasing_bold(report), font_size=6.5, right_from=2,
                     col_widths=[66 * mm, 20 * mm] + [(width - 86 * mm) / 13] * 13),
              Spacer(1, 2 * mm)]
    story += [*section(label("data_quality", lang))]
    if report.problems:
        story += [Paragraph(_esc(str(p)), s["small"]) for p in report.problems]
    else:
        story.append(Paragraph(_esc(label("no_problems", lang)), s["body"]))
    story += [*section(label("sources", lang)),
              _table(rt.sources(report), font_size=6.5, right_from=99)]
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=numbered)
    return buf.getvalue()
