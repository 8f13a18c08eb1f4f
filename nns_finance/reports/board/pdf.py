"""The fee table of the rules in force as a PDF beside the board's page (reportlab, the fonts
and table style of :mod:`nns_finance.reports.pdf`).

One landscape A4 document: the rules in words, each member's fees (fee base, fee before limits,
which limit binds, service fee, last year's fee and the change, membership and indicator fee,
total) with a Summa row that is the sum of the rows, the totals against the budget, and what the
page was made from. Built in reportlab's invariant mode: the same inputs give the same bytes.
"""
from __future__ import annotations

import io

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ..fee_tables import rule_text, total_change_percent
from ..pdf import FONT, MARGIN, PAGE, _esc, _styles, _table, register_fonts
from ...core.money import format_kr, format_percent
from ...fees.model import LIMIT_LABELS, totals_of

BUDGET_KINDS = {"membership": "Medlemsavgifter", "service": "Serviceavgifter", "indicator": "Indikatoravgifter"}


def _kr(v) -> str:
    return "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else format_kr(v, unit=False)


def member_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, list[bool]]:
    """The member table in Swedish text with a Summa row (kronor, no unit), and which rows are bold."""
    rows = pd.DataFrame({
        "Medlem": table["member_id"].astype(str), "Namn": table["name"].astype(str),
        "Underlag": table["base"].map(_kr), "Före tak": table["fee_before_limits"].map(_kr),
        "Tak": table["limit"].map(lambda s: LIMIT_LABELS.get(s, s)),
        "Service- avgift": table["service_fee"].map(_kr), "Fg år": table["last_year_fee"].map(_kr),
        "Förändring": table["change"].map(_kr),
        "%": table["change_percent"].map(lambda v: "" if pd.isna(v) else format_percent(float(v))),
        "Medlems- avgift": table["membership_fee"].map(_kr), "Indikator- avgift": table["indicator_fee"].map(_kr),
        "Summa": table["total_fee"].map(_kr),
    })
    pct = total_change_percent(table)
    total = {"Medlem": "Summa", "Namn": "", "Underlag": "", "Före tak": "", "Tak": "",
             "Service- avgift": _kr(int(table["service_fee"].sum())),
             "Fg år": _kr(table["last_year_fee"].sum(min_count=1)),
             "Förändring": _kr(table["change"].sum(min_count=1)),
             "%": "" if pct is None else format_percent(pct),
             "Medlems- avgift": _kr(int(table["membership_fee"].sum())),
             "Indikator- avgift": _kr(int(table["indicator_fee"].sum())), "Summa": _kr(int(table["total_fee"].sum()))}
    out = pd.concat([rows, pd.DataFrame([total])], ignore_index=True)
    return out, [False] * len(rows) + [True]


def fee_table_pdf(books, fig, provenance: dict) -> bytes:
    """The PDF of the year's fee table under the rules in force (``fig``: a
    :class:`~nns_finance.reports.board.figures.YearFigures`)."""
    register_fonts()
    s = _styles()
    org = books.settings.organisation
    title = f"Avgifter {fig.year} – {org}"
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=title, author=org, subject=rule_text(fig.rule),
                            creator=f"nns-finance {provenance['version']}", invariant=1)
    width = PAGE[0] - 2 * MARGIN

    def on_page(canvas, doc_):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(MARGIN, 8 * mm, f"{org} · avgifter {fig.year} · gällande regler")
        canvas.drawRightString(PAGE[0] - MARGIN, 8 * mm, f"Sida {doc_.page}")
        canvas.restoreState()

    story = [Paragraph(_esc(title), s["title"]), Paragraph(_esc(rule_text(fig.rule)), s["body"])]
    story += [Paragraph(_esc(n), s["small"]) for n in fig.notes]
    rows, bold = member_rows(fig.table)
    name_w = 60 * mm
    other = (width - 14 * mm - name_w - 18 * mm) / (len(rows.columns) - 3)
    widths = [14 * mm, name_w] + [other] * 2 + [18 * mm] + [other] * (len(rows.columns) - 5)
    story += [Spacer(1, 3 * mm), _table(rows, bold=bold, font_size=7, padding=1, right_from=2, col_widths=widths)]
    totals = totals_of(fig.table)
    budget_rows = []
    for item in totals.itertuples():
        budget = fig.budget.get(item.item) if item.item in BUDGET_KINDS else None
        budget_rows.append({"Avgift": item.name, "Betalande": str(item.members), "Belopp": format_kr(item.amount),
                            f"Budget {fig.year}": format_kr(budget) if budget is not None else "",
                            "Mot budget": format_kr(item.amount - budget) if budget is not None else ""})
    story += [Spacer(1, 4 * mm), Paragraph("Summering", s["h2"]),
              _table(pd.DataFrame(budget_rows), bold=[False] * (len(budget_rows) - 1) + [True], font_size=8,
                     col_widths=[50 * mm, 22 * mm, 35 * mm, 35 * mm, 35 * mm])]
    story += [Spacer(1, 4 * mm), Paragraph(_esc(
        f"nns-finance {provenance['version']}, framtagen {provenance['made']} ur {provenance['data_folder']}. "
        "Indata (SHA-256): " + "; ".join(f"{i['file']} {i['sha256'][:16]}…" for i in provenance["inputs"])),
        s["small"])]
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
