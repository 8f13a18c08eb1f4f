"""Charts for the projection notebook, drawn with matplotlib's object API (no pyplot state).

- :func:`equity_chart`: closing equity per year (bars) with the result (line);
- :func:`months_chart`: months of costs covered by equity per year;
- :func:`cash_chart`: the cash forecast's bank balance at each month end, the lowest marked.

Values are drawn in kronor; the figures carry their numbers on the bars so a reader need not
guess from the axis (tests read them back from the axes).
"""
from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..core.money import format_kr

BAR = "#1f5f8b"
LINE = "#c62828"
GREY = "#9a9a9a"


def _kr_axis(ax) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_kr(int(round(v * 100)), unit=False)))
    ax.yaxis.set_major_locator(MaxNLocator(6))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)


def equity_chart(projection) -> Figure:
    """Utgående eget kapital per year, with the year's result."""
    y = projection.years
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    years = [str(v) for v in y["year"]]
    bars = ax.bar(years, y["closing_equity"] / 100, color=BAR, label="Utgående eget kapital")
    ax.bar_label(bars, labels=[format_kr(v, unit=False) for v in y["closing_equity"]], fontsize=8)
    ax.plot(years, y["result"] / 100, color=LINE, marker="o", label="Årets resultat")
    ax.axhline(0, color=GREY, linewidth=0.8)
    _kr_axis(ax)
    ax.set_title("Eget kapital per år (kr)")
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig


def months_chart(projection) -> Figure:
    """Months of costs covered by closing equity, per year."""
    y = projection.years
    fig = Figure(figsize=(8, 3.5))
    ax = fig.add_subplot()
    years = [str(v) for v in y["year"]]
    values = y["months_covered"].fillna(0)
    bars = ax.bar(years, values, color=BAR)
    ax.bar_label(bars, labels=[f"{v:.1f}".replace(".", ",") for v in values], fontsize=8)
    ax.set_ylabel("månader")
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title("Eget kapital i månader av årets kostnader")
    fig.tight_layout()
    return fig


def cash_chart(forecast) -> Figure:
    """Bank balance at each month end of the cash forecast; the lowest point marked."""
    m = forecast.months
    fig = Figure(figsize=(8, 3.5))
    ax = fig.add_subplot()
    ax.plot(list(m["month"]), m["bank"] / 100, color=BAR, marker="o", label="Bank vid månadens slut")
    low = m["month"].tolist().index(forecast.lowest_month)
    ax.annotate(f"lägst {format_kr(forecast.lowest)}", (low, forecast.lowest / 100),
                textcoords="offset points", xytext=(0, -14), ha="center", fontsize=8, color=LINE)
    ax.axhline(0, color=GREY, linewidth=0.8)
    _kr_axis(ax)
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.set_title("Likviditetsprognos: bank (kr)")
    fig.tight_layout()
    return fig


def image(fig: Figure, alt: str | None = None):
    """``fig`` as a notebook image with the chart's title as alt text (see ``charts.image``)."""
    from .charts import image as chart_image

    return chart_image(fig, alt, dpi=120, png_of=png)


def png(fig: Figure, dpi: int = 120) -> bytes:
    """The figure as PNG bytes without a timestamp (same figures, same bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
