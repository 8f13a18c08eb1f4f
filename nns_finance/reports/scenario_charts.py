"""Charts for the scenario and withdrawal notebooks (matplotlib, no pyplot state).

- :func:`result_chart` / :func:`equity_chart`: the year's result / closing equity per year, one
  line per scenario and the baseline in grey;
- :func:`lost_fees_chart`: fees lost per year to members leaving, stacked by kind;
- :func:`withdrawal_chart`: equity with and without the members leaving;
- :func:`meeting_chart`: the annual meeting's net by participant count.

Render with :func:`nns_finance.reports.charts.png`. Amounts on the axes are kronor, Swedish style.
"""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..core.money import format_kr
from ..planning.scenarios import BASELINE

BASE_COLOUR = "#9a9a9a"
KINDS_SV = {"membership": "Medlemsavgifter", "service": "Serviceavgifter", "indicator": "Indikatoravgifter"}


def _axis(ax, years=None) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_kr(int(round(v * 100)), unit=False)))
    ax.yaxis.set_major_locator(MaxNLocator(6))
    if years is not None:
        ax.set_xticks(list(years))
        ax.set_xticklabels([str(y) for y in years])
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _by_scenario(summary, column: str, title: str) -> Figure:
    fig = Figure(figsize=(8, 4.2))
    ax = fig.add_subplot()
    for name, g in summary.groupby("scenario", sort=False):
        base = name == BASELINE
        ax.plot(g["year"], g[column] / 100, marker="o", label=name, linewidth=3 if base else 1.6,
                color=BASE_COLOUR if base else None, zorder=1 if base else 2)
    ax.axhline(0, color="#444444", linewidth=0.8)
    _axis(ax, sorted(summary["year"].unique()))
    ax.set_title(title)
    ax.set_ylabel("kr")
    ax.legend(fontsize=7, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.subplots_adjust(right=0.68)
    return fig


def result_chart(summary) -> Figure:
    """Årets resultat per year for the baseline and every scenario (``scenario_report.summary``)."""
    return _by_scenario(summary, "result", "Årets resultat per år")


def equity_chart(summary) -> Figure:
    """Utgående eget kapital per year for the baseline and every scenario."""
    return _by_scenario(summary, "equity", "Utgående eget kapital per år")


def lost_fees_chart(per_year) -> Figure:
    """Fees lost per year, stacked by kind (``withdrawal.WithdrawalEffect.per_year``)."""
    fig = Figure(figsize=(7, 3.8))
    ax = fig.add_subplot()
    bottom = [0.0] * len(per_year)
    for kind, label in KINDS_SV.items():
        values = (per_year[kind] / 100).tolist()
        ax.bar(per_year["year"], values, bottom=bottom, label=label)
        bottom = [b + v for b, v in zip(bottom, values)]
    _axis(ax, per_year["year"])
    ax.set_title("Förlorade avgifter per år")
    ax.legend(fontsize=8, frameon=False)
    return fig


def withdrawal_chart(per_year) -> Figure:
    """Closing equity per year had the members stayed, and with them leaving."""
    fig = Figure(figsize=(7, 3.8))
    ax = fig.add_subplot()
    ax.plot(per_year["year"], per_year["ref_equity"] / 100, marker="o", color=BASE_COLOUR,
            linewidth=3, label="Om medlemmarna stannar")
    ax.plot(per_year["year"], per_year["equity"] / 100, marker="o", label="Med utträdena")
    _axis(ax, per_year["year"])
    ax.set_title("Utgående eget kapital")
    ax.legend(fontsize=8, frameon=False)
    return fig


def meeting_chart(table, title: str = "Årsmötet: netto per antal deltagare",
                  planned: int | None = None) -> Figure:
    """Net (fees + grant − cost) by participant count (``meeting.net_cost_table``); ``planned``
    marks the scenario's own participant count with its net and break-even fee."""
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(table["participants"], table["net"] / 100, marker="o")
    ax.axhline(0, color="#444444", linewidth=0.8)
    if planned is not None and (table["participants"] == planned).any():
        row = table[table["participants"] == planned].iloc[0]
        ax.plot([planned], [row["net"] / 100], marker="o", markersize=11, mfc="none", mec="#c62828", mew=2)
        falling = table["net"].iloc[-1] < table["net"].iloc[0]      # the empty top corner
        ax.text(0.98 if falling else 0.02, 0.95,
                f"○ {planned} deltagare: netto {format_kr(int(row['net']))}\n"
                f"nollresultat vid avgift {format_kr(int(row['break_even_fee']))}",
                transform=ax.transAxes, ha="right" if falling else "left", va="top", fontsize=8,
                color="#c62828", bbox={"facecolor": "white", "edgecolor": "#dddddd"})
    _axis(ax)
    ax.set_xlabel("Deltagare")
    ax.set_ylabel("Netto, kr (intäkter − kostnad)")
    ax.set_title(title)
    return fig
