"""The monthly report's charts, drawn with matplotlib (no pyplot state; Agg renders them).

- :func:`cumulative_chart`: cumulative outcome against cumulative budget, month by month, for
  income, costs and the result;
- :func:`variance_chart`: the variance to date per budget line (positive = favourable);
- :func:`equity_chart`: equity at each month end, with the forecast closing equity.

:func:`png` renders a figure to PNG bytes without a timestamp, so the same report gives the
same image (the notebook shows them, the PDF embeds them).
"""
from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..core.labels import label, month_short
from ..core.money import format_kr

OUTCOME_COLOUR = "#1f5f8b"
BUDGET_COLOUR = "#9a9a9a"
GOOD, BAD = "#2e7d32", "#c62828"


def _kr_axis(ax) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_kr(int(round(v * 100)), unit=False)))
    ax.yaxis.set_major_locator(MaxNLocator(6))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _months(ax, lang: str) -> None:
    ax.set_xticks(range(1, 13))
    ax.set_xticklabels([month_short(m, lang) for m in range(1, 13)], fontsize=7)
    ax.set_xlim(0.5, 12.5)


def cumulative_chart(report) -> Figure:
    """Three panels: income, costs, result — outcome to date (solid) against budget (dashed)."""
    lang, cum = report.lang, report.cumulative
    fig = Figure(figsize=(10, 3.4), dpi=100, layout="constrained")
    axes = fig.subplots(1, 3)
    through = cum[cum["month"] <= report.period.month]
    for ax, key, title in zip(axes, ("income", "cost", "result"), ("income", "cost", "result")):
        ax.plot(cum["month"], cum[f"{key}_budget"] / 100, linestyle="--", color=BUDGET_COLOUR,
                marker="o", markersize=2.5, label=label("budget", lang))
        ax.plot(through["month"], through[f"{key}_outcome"].astype("int64") / 100, color=OUTCOME_COLOUR,
                linewidth=2, marker="o", markersize=3.5, label=label("outcome", lang))
        ax.axvline(report.period.month, color="#cccccc", linewidth=0.8)
        ax.set_title(label(title, lang), fontsize=10)
        _months(ax, lang)
        _kr_axis(ax)
        ax.tick_params(axis="y", labelsize=7)
    axes[0].legend(fontsize=7, frameon=False, loc="upper left")
    fig.suptitle(f"{label('chart_cumulative', lang)} ({label('kr', lang)})", fontsize=11)
    return fig


def variance_chart(report) -> Figure:
    """Horizontal bars: the variance to date of each budget line and sub-line, in kronor."""
    lang, table = report.lang, report.result
    rows = table[table["kind"].isin(["line", "subline"])].iloc[::-1]
    names = [("   – " if k == "subline" else "") + n for n, k in zip(rows["name"], rows["kind"])]
    values = rows["variance_ytd"].to_numpy() / 100
    fig = Figure(figsize=(8, max(3.0, 0.26 * len(rows) + 1.2)), dpi=100, layout="constrained")
    ax = fig.subplots()
    ax.barh(range(len(rows)), values, color=[GOOD if v >= 0 else BAD for v in values], height=0.6)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(names, fontsize=7)
    ax.axvline(0, color="#555555", linewidth=0.8)
    # the same line name can be income and cost (Utvecklingsverksamhet): name each section's block
    sections = rows["section"].astype(str).to_numpy()
    heads = dict(zip(table.loc[table["kind"] == "section", "section"].astype(str),
                     table.loc[table["kind"] == "section", "name"].astype(str)))
    for sec in dict.fromkeys(sections):
        where = [i for i, x in enumerate(sections) if x == sec]
        ax.text(1.0, max(where) + 0.45, heads.get(sec, sec), transform=ax.get_yaxis_transform(),
                ha="right", va="top", fontsize=8, fontweight="bold", color="#444444")
        if min(where) > 0:
            ax.axhline(min(where) - 0.5, color="#bbbbbb", linewidth=0.8, linestyle=":")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_kr(int(round(v * 100)), unit=False)))
    ax.xaxis.set_major_locator(MaxNLocator(7))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"{label('chart_variance', lang)} ({label('kr', lang)}; + = "
                 f"{'gynnsamt' if lang == 'sv' else 'favourable'})", fontsize=11)
    return fig


def equity_chart(report) -> Figure:
    """Equity at each month end through the period (solid), from the opening, with the
    forecast closing equity at December (dashed)."""
    lang, eq = report.lang, report.equity
    fig = Figure(figsize=(10, 3.2), dpi=100, layout="constrained")
    ax = fig.subplots()
    months = [0] + list(eq["month"])
    values = [report.equity_opening / 100] + list(eq["equity"] / 100)
    ax.plot(months, values, color=OUTCOME_COLOUR, linewidth=2, marker="o", markersize=4,
            label=label("equity", lang))
    ax.plot([months[-1], 12], [values[-1], report.equity_forecast_closing / 100], linestyle="--",
            color=BUDGET_COLOUR, marker="o", markersize=4, label=label("equity_closing_forecast", lang))
    ax.set_xticks(range(0, 13))
    ax.set_xticklabels(["IB"] + [month_short(m, lang) for m in range(1, 13)], fontsize=7)
    ax.set_xlim(-0.6, 12.6)
    low = min(values + [report.equity_forecast_closing / 100])
    high = max(values + [report.equity_forecast_closing / 100])
    pad = max((high - low) * 0.25, abs(high) * 0.02, 1)
    ax.set_ylim(max(0, low - pad) if low >= 0 else low - pad, high + pad)
    _kr_axis(ax)
    ax.tick_params(axis="y", labelsize=7)
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    ax.set_title(f"{label('chart_equity', lang)} ({label('kr', lang)})", fontsize=11)
    return fig


def all_charts(report) -> dict[str, Figure]:
    """name → figure for every chart of the report, in the order the report shows them."""
    return {"cumulative": cumulative_chart(report), "variance": variance_chart(report),
            "equity": equity_chart(report)}


def png(fig: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes, without the software/time metadata (reproducible)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def figure_title(fig: Figure) -> str:
    """The chart's own title (the figure's, else its axes' titles joined): its alt text."""
    if getattr(fig, "_suptitle", None) is not None and fig._suptitle.get_text().strip():
        return fig._suptitle.get_text().strip()
    titles = [ax.get_title().strip() for ax in fig.axes]
    return "; ".join(t for t in titles if t)


def image(fig: Figure, alt: str | None = None, dpi: int = 150, png_of=None):
    """``fig`` as an IPython image for a notebook, with alt text (``alt``, else the chart's
    title): the HTML page shows it to a reader who cannot see the picture."""
    from IPython.display import Image

    data = (png_of or png)(fig, dpi=dpi)
    return Image(data, format="png", alt=alt or figure_title(fig) or None)


def notebook_image(report, name: str, dpi: int = 100):
    """Chart ``name`` (``cumulative``, ``variance``, ``equity``) as an IPython image with alt text."""
    from IPython.display import Image

    draw = {"cumulative": cumulative_chart, "variance": variance_chart, "equity": equity_chart}[name]
    return Image(png(draw(report), dpi=dpi), format="png", alt=label(f"chart_{name}", report.lang))
