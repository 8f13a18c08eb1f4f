"""The monthly report's tables as people read them: text cells with the report language's labels.

Each function takes a :class:`~nns_finance.reports.monthly.MonthlyReport` and returns a frame of
strings (``1 552 276``, ``-3,1 %``) with translated headers, plus :func:`html` to show one in
the notebook with totals in bold. The same frames feed the PDF, so the notebook, the HTML page
and the PDF show identical text.
"""
from __future__ import annotations

import html as _html

import pandas as pd

from ..core.labels import label, month_short, period_text
from ..core.money import format_kr, format_percent
from ..core.outputs import made_text

RESULT_COLUMNS = ("outcome_month", "outcome_ytd", "budget_ytd", "variance_ytd", "variance_pct",
                  "budget_year", "forecast_year", "budget_forecast_year", "last_year_ytd", "last_year_year")


def _kr(v) -> str:
    return format_kr(v, unit=False)


def result(report) -> pd.DataFrame:
    """The result table: name (sub-lines indented), then the amount columns; section headings
    blank; a forecast the treasurer gave is marked ``*``."""
    t, lang = report.result, report.lang
    heading = t["kind"] == "section"
    names = [("– " if k == "subline" else "") + n for n, k in zip(t["name"], t["kind"])]
    out = pd.DataFrame({label("name", lang): names})
    for col in RESULT_COLUMNS:
        if col not in t:
            continue
        if col == "variance_pct":
            cells = [format_percent(None if pd.isna(v) else float(v)) for v in t[col]]
        else:
            cells = [_kr(v) for v in t[col]]
            if col == "forecast_year":
                cells = [c + (" *" if g else "") for c, g in zip(cells, t["forecast_given"])]
        out[label(col, lang)] = ["" if h else c for c, h in zip(cells, heading)]
    return out


def result_bold(report) -> list[bool]:
    """Which rows of :func:`result` are set in bold (headings, totals, the result)."""
    return [k in ("section", "total", "result") for k in report.result["kind"]]


def key_figures(report) -> pd.DataFrame:
    """The one key-figure block the board reads first, four rows: result to date (against the
    budget to date), forecast result (against the full-year budget), equity opening → forecast
    closing, and cash and deposits (bank + deposits with accrued interest)."""
    lang, liq = report.lang, report.liquidity
    kf = dict(zip(report.key_figures["key"], report.key_figures["amount"]))
    through = f"{label('result_ytd', lang)} ({month_short(1, lang)}–{month_short(report.period.month, lang)})"
    rows = [
        (through, format_kr(kf["result_ytd"]),
         f"{label('budget_ytd', lang)} {format_kr(report.figure('arets-resultat', 'budget_ytd'))}"),
        (label("forecast_result", lang), format_kr(kf["forecast_result"]),
         f"{label('budget_year', lang)} {format_kr(report.figure('arets-resultat', 'budget_year'))}"),
        (label("equity_path", lang),
         f"{format_kr(kf['equity_opening'])} → {format_kr(kf['equity_closing_forecast'])}",
         label("equity_path_note_other" if report.equity_other else "equity_path_note", lang)),
        (label("cash_and_deposits", lang), format_kr(kf["cash_and_deposits"]),
         f"{label('bank', lang)} {format_kr(liq.bank)} + {label('deposits', lang).lower()} "
         f"{format_kr(liq.deposit_value)}"),
    ]
    return pd.DataFrame(rows, columns=[label("key_figure", lang), label("amount", lang), label("compared", lang)])


def equity(report) -> pd.DataFrame:
    """The roll-forward: opening, result to date, each other movement on the equity accounts
    (its own row, with its voucher), equity now; then the forecast result and the forecast
    closing (opening + other movements to date + forecast result)."""
    lang = report.lang
    now = int(report.equity["equity"].iloc[-1]) if len(report.equity) else report.equity_opening
    ledger_result = int(report.equity["result"].sum()) if "result" in report.equity else \
        report.figure("arets-resultat", "outcome_ytd")
    items = [(label("equity_opening", lang), report.equity_opening),
             (label("result_ytd", lang), ledger_result)]
    moves = report.equity_moves if report.equity_moves is not None else pd.DataFrame()
    for m in moves.itertuples(index=False):
        items.append((f"{label('voucher', lang)} {m.series} {m.number} {pd.Timestamp(m.date).date().isoformat()}: "
                      f"{m.text} ({m.account})", int(m.amount)))
    items += [(label("equity_now", lang), now),
              (label("forecast_result", lang), report.figure("arets-resultat", "forecast_year"))]
    if report.equity_other:
        items.append((label("equity_other_to_date", lang), report.equity_other))
    items.append((label("equity_closing_forecast", lang), report.equity_forecast_closing))
    return pd.DataFrame({label("item", lang): [k for k, _ in items],
                         label("amount", lang): [format_kr(v) for _, v in items]})


def balance_sheet(report) -> pd.DataFrame:
    """The balance sheet by group: opening balance and balance at the period end; side
    headings and totals (bold, see :func:`balance_sheet_bold`), then the difference if any."""
    lang, bs = report.lang, report.balance_sheet
    end = bs.date.date().isoformat()
    cols = [label("item", lang), f"{label('bs_opening', lang)} {bs.year}-01-01", f"{label('bs_closing', lang)} {end}"]
    rows = []
    for side, head, total in (("assets", "bs_assets", "bs_total_assets"),
                              ("equity_liabilities", "bs_eq_liab", "bs_total_eq_liab")):
        rows.append([label(head, lang), "", ""])
        for g in bs.groups[bs.groups["side"] == side].itertuples(index=False):
            rows.append([g.name, _kr(g.opening), _kr(g.closing)])
        rows.append([label(total, lang), _kr(bs.totals["opening"][side]), _kr(bs.totals["closing"][side])])
    if bs.totals["opening"]["difference"] or bs.totals["closing"]["difference"]:
        rows.append([label("bs_difference", lang), format_kr(bs.totals["opening"]["difference"], decimals=2, unit=False),
                     format_kr(bs.totals["closing"]["difference"], decimals=2, unit=False)])
    return pd.DataFrame(rows, columns=cols)


def balance_sheet_bold(report) -> list[bool]:
    """Headings and totals of :func:`balance_sheet`."""
    lang = report.lang
    strong = {label(k, lang) for k in ("bs_assets", "bs_eq_liab", "bs_total_assets", "bs_total_eq_liab",
                                       "bs_difference")}
    return [r[0] in strong for r in balance_sheet(report).itertuples(index=False)]


def equity_months(report) -> pd.DataFrame:
    """One row: equity at the opening (IB) and at each month end through the period."""
    lang = report.lang
    eq = report.equity
    cells = {"": [label("equity", lang)], "IB": [_kr(report.equity_opening)]}
    for m, v in zip(eq["month"], eq["equity"]):
        cells[month_short(int(m), lang)] = [_kr(v)]
    return pd.DataFrame(cells)


def liquidity(report) -> pd.DataFrame:
    lang, liq = report.lang, report.liquidity
    items = [("bank", liq.bank), ("deposits", liq.deposit_value),
             ("cash_and_deposits", liq.bank + liq.deposit_value)]
    return pd.DataFrame({label("item", lang): [label(k, lang) for k, _ in items],
                         label("amount", lang): [format_kr(v) for _, v in items]})


def _date(v) -> str:
    return "" if pd.isna(v) else pd.Timestamp(v).date().isoformat()


def _rate(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v).replace(".", ",")


def deposits(report) -> pd.DataFrame:
    lang, d = report.lang, report.liquidity.deposits
    return pd.DataFrame({
        "Id": d["deposit_id"].astype(str), label("deposit_bank", lang): d["bank"].astype(str),
        label("principal", lang): [_kr(v) for v in d["principal"]],
        label("rate", lang): [_rate(v) for v in d["rate"]],
        label("start", lang): [_date(v) for v in d["start"]],
        label("maturity", lang): [_date(v) for v in d["maturity"]],
        label("accrued", lang): [format_kr(v, decimals=2, unit=False) for v in d["accrued"]],
        label("value", lang): [format_kr(v, decimals=2, unit=False) for v in d["value"]]})


def maturing(report) -> pd.DataFrame:
    lang, m = report.lang, report.liquidity.maturing
    return pd.DataFrame({
        label("maturity", lang): [_date(v) for v in m["maturity"]], "Id": m["deposit_id"].astype(str),
        label("deposit_bank", lang): m["bank"].astype(str),
        label("principal", lang): [_kr(v) for v in m["principal"]],
        label("amount", lang): [format_kr(v, decimals=2, unit=False) for v in m["amount"]]})


def guarantee(report) -> pd.DataFrame:
    """Per bank: exposure (principal + accrued interest), the guarantee in force, headroom."""
    lang, g = report.lang, report.liquidity.guarantee
    return pd.DataFrame({
        label("deposit_bank", lang): g["bank"].astype(str),
        label("exposure", lang): [format_kr(v, decimals=2, unit=False) for v in g["exposure"]],
        label("limit", lang): [_kr(v) for v in g["limit"]],
        label("headroom", lang): [format_kr(v, decimals=2, unit=False) for v in g["headroom"]]})


def _phasing_names(report) -> tuple[list[str], list[str]]:
    """For each phased line: its section's heading and its name as the reader knows it
    (``Utvecklingsverksamhet – Våld i nära relationer`` for a sub-line)."""
    t = report.result
    names = dict(zip(t["code"].astype(str), t["name"].astype(str)))
    sections = {c: n for c, n, k in zip(t["code"].astype(str), t["name"].astype(str), t["kind"]) if k == "section"}
    shown, heads = [], []
    for code, name in zip(report.phasing["code"].astype(str), report.phasing["name"].astype(str)):
        parts = code.split(".")
        parent = names.get(".".join(parts[:2])) if len(parts) > 2 else None
        shown.append(f"{parent} – {name}" if parent else name)
        heads.append(sections.get(parts[0], parts[0]))
    return heads, shown


def phasing(report) -> pd.DataFrame:
    """One row per phased line under its section heading (Intäkter, Kostnader): the profile
    (``jämn`` or where the monthly profile came from), the twelve months and the year."""
    lang, p = report.lang, report.phasing
    heads, names = _phasing_names(report)
    columns = ([label("name", lang), label("profile", lang)] + [month_short(m, lang) for m in range(1, 13)]
               + [label("year_total", lang)])
    rows, current = [], None
    for i, (head, name) in enumerate(zip(heads, names)):
        if head != current:
            rows.append([head] + [""] * (len(columns) - 1))
            current = head
        rows.append([name, p["profile"].iloc[i] or label("even", lang)]
                    + [_kr(p[f"m{m}"].iloc[i]) for m in range(1, 13)] + [_kr(p["year"].iloc[i])])
    return pd.DataFrame(rows, columns=columns)


def phasing_bold(report) -> list[bool]:
    """Which rows of :func:`phasing` are section headings (bold)."""
    return [row[1] == "" for row in phasing(report).itertuples(index=False)]


def problems(report) -> pd.DataFrame:
    lang = report.lang
    return pd.DataFrame({label("problem", lang): [str(p) for p in report.problems]})


def sources(report) -> pd.DataFrame:
    lang = report.lang
    return pd.DataFrame({label("file", lang): [s.name for s in report.sources],
                         "SHA-256": [s.sha256 for s in report.sources]})


def header(report) -> dict[str, str]:
    """Title lines: title (with the organisation), period text, made (with the version),
    org_number, and sources (the input files' names; their SHA-256 close the report)."""
    lang = report.lang
    return {
        "title": f"{label('title', lang)} — {report.organisation}",
        "period": f"{label('through', lang)} {period_text(report.period.year, report.period.month, lang)}",
        "made": f"{label('made', lang)} {made_text(report.made)} · nns-finance {report.version}",
        "org_number": report.org_number,
        "sources": (f"{label('sources', lang)}: " + ", ".join(src.name for src in report.sources)
                    + f" ({label('sources_note', lang)})") if report.sources else "",
    }


def html(frame: pd.DataFrame, bold: list[bool] | None = None, right_from: int = 1,
         right_to: int | None = None) -> str:
    """A small, deterministic HTML table: columns ``right_from`` up to (not including)
    ``right_to`` right-aligned (default: all from ``right_from``), ``bold`` rows in bold.
    Text is escaped."""
    esc = _html.escape
    stop = len(frame.columns) if right_to is None else right_to

    def align(i: int) -> str:
        return "right" if right_from <= i < stop else "left"

    head = "".join(f'<th style="text-align:{align(i)}">{esc(str(c))}</th>'
                   for i, c in enumerate(frame.columns))
    body = []
    for r, values in enumerate(frame.itertuples(index=False)):
        weight = "font-weight:bold;" if bold and bold[r] else ""
        cells = "".join(f'<td style="{weight}text-align:{align(i)};'
                        f'white-space:nowrap">{esc(str(v))}</td>' for i, v in enumerate(values))
        body.append(f"<tr>{cells}</tr>")
    # a table wider than a phone scrolls sideways inside its box instead of being cut off
    return (f'<div class="nns-table" style="overflow-x:auto;max-width:100%">'
            f'<table class="nns-report"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def key_figure_cards(frame: pd.DataFrame) -> str:
    """The key figures as cards: side by side on a wide screen, stacked
    one under the other on a phone (400 px), each amount kept on one line — a table of four
    columns would be cut off there. ``frame``: :func:`key_figures` (name, amount, compared)."""
    esc = _html.escape
    cards = []
    for name, amount, compared in frame.itertuples(index=False):
        # non-breaking spaces inside each amount: a narrow card breaks only at the arrow
        shown = " → ".join(esc(str(a)).replace(" ", "\u00a0") for a in str(amount).split(" → "))
        cards.append(
            '<div class="nns-key-figure" style="flex:1 1 15rem;min-width:0;border:1px solid #d0d0d0;'
            'border-radius:4px;padding:0.5rem 0.75rem">'
            f'<div style="font-size:smaller;color:#444">{esc(str(name))}</div>'
            f'<div style="margin:0.15rem 0;font-size:1.3em;font-weight:bold">{shown}</div>'
            f'<div style="font-size:smaller;color:#444">{esc(str(compared))}</div></div>')
    return ('<div class="nns-key-figures" style="display:flex;flex-wrap:wrap;gap:0.75rem">'
            + "".join(cards) + "</div>")


# --- the notebook's sections ------------------------------------------------------------

def _h(text: str, level: int = 2) -> str:
    return f"<h{level}>{_html.escape(text)}</h{level}>"


def _p(text: str, small: bool = False) -> str:
    style = ' style="font-size:smaller;color:#444"' if small else ""
    return f"<p{style}>{_html.escape(text)}</p>"


def section(report, name: str) -> str:
    """One section of the report as HTML for the notebook: ``header``, ``key_figures``,
    ``result``, ``charts`` (the heading), ``equity``, ``balance_sheet``, ``liquidity``, ``phasing``, ``data_quality`` or ``sources``."""
    lang = report.lang
    if name == "header":
        h = header(report)
        org = f" · {h['org_number']}" if h["org_number"] else ""
        return (_h(h["title"], 1) + _h(h["period"], 3) + _p(h["made"] + org, small=True)
                + (_p(h["sources"], small=True) if h["sources"] else ""))
    if name == "key_figures":
        return _h(label("key_figures", lang)) + key_figure_cards(key_figures(report))
    if name == "charts":
        return _h(label("charts", lang))
    if name == "result":
        return (_h(label("result_table", lang)) + html(result(report), result_bold(report))
                + _p(label("sign_note", lang), small=True) + _p(label("forecast_note", lang), small=True)
                + "".join(_p(n, small=True) for n in report.notes))
    if name == "equity":
        return (_h(label("equity", lang)) + html(equity(report))
                + _h(label("chart_equity", lang), 4) + html(equity_months(report)))
    if name == "balance_sheet":
        if report.balance_sheet is None:
            return ""
        bs = report.balance_sheet
        ok = not (bs.totals["opening"]["difference"] or bs.totals["closing"]["difference"])
        return (_h(label("balance_sheet", lang)) + html(balance_sheet(report), balance_sheet_bold(report))
                + _p((label("bs_ok", lang) + " " if ok else "") + label("bs_note", lang), small=True))
    if name == "liquidity":
        parts = [_h(label("liquidity", lang)), html(liquidity(report)), _h(label("deposit_list", lang), 4)]
        d = deposits(report)
        parts.append(html(d, right_from=2) if len(d) else _p(label("no_deposits", lang)))
        parts.append(_h(label("maturing", lang), 4))
        m = maturing(report)
        parts.append(html(m, right_from=3) if len(m) else _p(label("none_maturing", lang)))
        g = guarantee(report)
        if len(g):
            parts += [_h(label("guarantee_table", lang), 4), html(g)]
        parts += [_p(f"{label('guarantee', lang)}: {p.message}") for p in report.liquidity.findings]
        return "".join(parts)
    if name == "phasing":
        return _h(label("phasing", lang)) + html(phasing(report), phasing_bold(report), right_from=2)
    if name == "data_quality":
        body = html(problems(report), right_from=99) if report.problems else _p(label("no_problems", lang))
        return _h(label("data_quality", lang)) + body
    if name == "sources":
        return _h(label("sources", lang)) + html(sources(report), right_from=99)
    raise ValueError(f"no report section {name!r}")
