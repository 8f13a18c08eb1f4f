"""The monthly report's tables as people read them: text cells with the report language's labels.

Each function takes a :class:`~nns_finance.report.MonthlyReport` and returns a frame of
strings (``1 552 276``, ``-3,1 %``) with translated headers, plus :func:`html` to show one in
the notebook with totals in bold. The same frames feed the PDF, so the notebook, the HTML page
and the PDF show identical text.
"""
from __future__ import annotations

import html as _html

import pandas as pd

from .labels import label, month_short, period_text
from .money import format_kr, format_percent

RESULT_COLUMNS = ("outcome_month", "outcome_ytd", "budget_ytd", "variance_ytd", "variance_pct",
                  "budget_year", "forecast_year", "last_year_ytd")


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
    lang = report.lang
    kf = report.key_figures
    return pd.DataFrame({label("item", lang): kf["label"],
                         label("amount", lang): [format_kr(v) for v in kf["amount"]]})


def equity(report) -> pd.DataFrame:
    """Opening, result to date, equity now, forecast result and closing."""
    lang = report.lang
    now = int(report.equity["equity"].iloc[-1]) if len(report.equity) else report.equity_opening
    items = [("equity_opening", report.equity_opening),
             ("result_ytd", report.figure("arets-resultat", "outcome_ytd")),
             ("equity_now", now),
             ("forecast_result", report.figure("arets-resultat", "forecast_year")),
             ("equity_closing_forecast", report.equity_forecast_closing)]
    return pd.DataFrame({label("item", lang): [label(k, lang) for k, _ in items],
                         label("amount", lang): [format_kr(v) for _, v in items]})


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


def phasing(report) -> pd.DataFrame:
    lang, p = report.lang, report.phasing
    out = pd.DataFrame({label("name", lang): p["name"],
                        label("profile", lang): [w or label("even", lang) for w in p["profile"]]})
    for m in range(1, 13):
        out[month_short(m, lang)] = [_kr(v) for v in p[f"m{m}"]]
    out[label("year_total", lang)] = [_kr(v) for v in p["year"]]
    return out


def problems(report) -> pd.DataFrame:
    lang = report.lang
    return pd.DataFrame({label("problem", lang): [str(p) for p in report.problems]})


def sources(report) -> pd.DataFrame:
    lang = report.lang
    return pd.DataFrame({label("file", lang): [s.name for s in report.sources],
                         "SHA-256": [s.sha256 for s in report.sources]})


def header(report) -> dict[str, str]:
    """Title lines: title, organisation, period text, made, version."""
    lang = report.lang
    return {
        "title": f"{label('title', lang)} — {report.organisation}",
        "period": f"{label('through', lang)} {period_text(report.period.year, report.period.month, lang)}",
        "made": f"{label('made', lang)} {report.made.strftime('%Y-%m-%d %H:%M')} UTC · nns-finance {report.version}",
        "org_number": report.org_number,
    }


def html(frame: pd.DataFrame, bold: list[bool] | None = None, right_from: int = 1) -> str:
    """A small, deterministic HTML table: columns from ``right_from`` on right-aligned,
    ``bold`` rows in bold. Text is escaped."""
    esc = _html.escape
    head = "".join(f'<th style="text-align:{"right" if i >= right_from else "left"}">{esc(str(c))}</th>'
                   for i, c in enumerate(frame.columns))
    body = []
    for r, values in enumerate(frame.itertuples(index=False)):
        weight = "font-weight:bold;" if bold and bold[r] else ""
        cells = "".join(f'<td style="{weight}text-align:{"right" if i >= right_from else "left"};'
                        f'white-space:nowrap">{esc(str(v))}</td>' for i, v in enumerate(values))
        body.append(f"<tr>{cells}</tr>")
    return (f'<table class="nns-report"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


# --- the notebook's sections ------------------------------------------------------------

def _h(text: str, level: int = 2) -> str:
    return f"<h{level}>{_html.escape(text)}</h{level}>"


def _p(text: str, small: bool = False) -> str:
    style = ' style="font-size:smaller;color:#444"' if small else ""
    return f"<p{style}>{_html.escape(text)}</p>"


def section(report, name: str) -> str:
    """One section of the report as HTML for the notebook: ``header``, ``key_figures``,
    ``result``, ``charts`` (the heading), ``equity``, ``liquidity``, ``phasing``, ``data_quality`` or ``sources``."""
    lang = report.lang
    if name == "header":
        h = header(report)
        org = f" · {h['org_number']}" if h["org_number"] else ""
        return _h(h["title"], 1) + _h(h["period"], 3) + _p(h["made"] + org, small=True)
    if name == "key_figures":
        return _h(label("key_figures", lang)) + html(key_figures(report))
    if name == "charts":
        return _h(label("charts", lang))
    if name == "result":
        return (_h(label("result_table", lang)) + html(result(report), result_bold(report))
                + _p(label("sign_note", lang), small=True) + _p(label("forecast_note", lang), small=True))
    if name == "equity":
        return (_h(label("equity", lang)) + html(equity(report))
                + _h(label("chart_equity", lang), 4) + html(equity_months(report)))
    if name == "liquidity":
        parts = [_h(label("liquidity", lang)), html(liquidity(report)), _h(label("deposit_list", lang), 4)]
        d = deposits(report)
        parts.append(html(d, right_from=2) if len(d) else _p(label("no_deposits", lang)))
        parts.append(_h(label("maturing", lang), 4))
        m = maturing(report)
        parts.append(html(m, right_from=3) if len(m) else _p(label("none_maturing", lang)))
        parts += [_p(f"{label('guarantee', lang)}: {p.message}") for p in report.liquidity.findings]
        return "".join(parts)
    if name == "phasing":
        return _h(label("phasing", lang)) + html(phasing(report), right_from=2)
    if name == "data_quality":
        body = html(problems(report), right_from=99) if report.problems else _p(label("no_problems", lang))
        return _h(label("data_quality", lang)) + body
    if name == "sources":
        return _h(label("sources", lang)) + html(sources(report), right_from=99)
    raise ValueError(f"no report section {name!r}")
