"""Charts of fee scenarios (matplotlib figures, Swedish labels; no pyplot state, no files).

- :func:`fee_curve_figure`: service fee against fee base per scenario — the maximum fee shows as
  the kink where the line turns flat; the members sit on it as dots;
- :func:`income_heatmap_figure`: service-fee income over a rate × maximum-fee grid, with the
  budget's level as a contour and the scenarios marked;
- :func:`fee_distribution_figure`: how the members' fees are spread, per scenario.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..fees.grid import FeeInputs, fee_inputs, income_matrix
from ..fees.arithmetic import per_mille_of, ratio, rounding_unit
from ..planning.fee_scenarios import FeeScenario

KR = 100


def _sv(x: float, decimals: int = 0) -> str:
    text = f"{x:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text


def _kr_axis(ax, axis: str = "y", scale: float = 1.0) -> None:
    fmt = FuncFormatter(lambda v, _: _sv(v / scale))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def rule_curve(scenario: FeeScenario, bases_ore: np.ndarray) -> np.ndarray:
    """The fee (öre) the scenario's rule gives each base, with the maximum fee and — when the
    increase is measured against the previous rate — the increase cap (exact)."""
    rule = scenario.rule
    unit = rounding_unit(rule.rounding)
    num, den = ratio(rule.service_rate)
    fee = per_mille_of(bases_ore, num, den, unit).astype("int64")
    if rule.max_increase is not None and rule.max_increase_basis == "previous_rate" and rule.previous_rate is not None:
        pnum, pden = ratio(rule.previous_rate)
        fee = np.minimum(fee, per_mille_of(bases_ore, pnum, pden, unit) + rule.max_increase)
    if rule.max_fee is not None:
        fee = np.minimum(fee, rule.max_fee)
    return fee


def fee_curve_figure(scenarios: list[FeeScenario], tables: list[pd.DataFrame], year: int) -> Figure:
    """Service fee against base for each scenario; dots are the members' own fees."""
    fig = Figure(figsize=(9, 5), layout="constrained")
    ax = fig.add_subplot()
    top = max(int(t["base"].fillna(0).max()) for t in tables) if tables else 0
    bases = np.linspace(0, max(top, 1) * 1.08, 400).astype("int64")
    for i, (s, t) in enumerate(zip(scenarios, tables)):
        color = f"C{i}"
        ax.plot(bases / KR / 1e6, rule_curve(s, bases) / KR, color=color, label=s.name, lw=2 - 0.3 * min(i, 3))
        paying = t[t["months"] > 0]
        ax.scatter(paying["base"].fillna(0).astype("int64") / KR / 1e6, paying["service_fee"] / KR,
                   color=color, s=14, alpha=0.7, zorder=3)
        if s.rule.max_fee is not None:
            ax.axhline(s.rule.max_fee / KR, color=color, ls=":", lw=1)
            ax.annotate(f"maxtaxa {_sv(s.rule.max_fee / KR)} kr", (0, s.rule.max_fee / KR),
                        xytext=(4, 3), textcoords="offset points", color=color, fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace(".", ",")))
    ax.set_xlabel(f"Underlag {year} (tilldelning + matchning), miljoner kr")
    ax.set_ylabel(f"Serviceavgift {year}, kr")
    ax.set_title(f"Serviceavgift mot underlag {year}")
    _kr_axis(ax, "y")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=9)
    return fig


def heatmap_grid(books, year: int, scenarios: list[FeeScenario]):
    """The control positions around the scenarios' rules (:func:`nns_finance.reports.board.ranges.make_grid`,
    as the board's page has them): rates 2 ‰ either side, maximum fees from half to twice the
    largest, maximum increases from 0 to twice the largest."""
    from .board.ranges import make_grid
    from ..fees.arithmetic import hundredths_of_per_mille
    from ..fees.model import fee_table

    rules = [s.rule for s in scenarios]
    rates = [hundredths_of_per_mille(r.service_rate) for r in rules] + \
        [hundredths_of_per_mille(r.previous_rate) for r in rules if r.previous_rate is not None]
    table = fee_table(books, year, rules[0], scenarios[0].without, scenarios[0].base_growth)
    largest = int(table["service_fee"].max()) if len(table) else 0
    return make_grid(rates, [r.max_fee for r in rules], [r.max_increase for r in rules], largest)


def heatmap_axes(books, year: int, scenarios: list[FeeScenario], rates_text: str = "",
                 max_fees_text: str = "") -> tuple[list[Decimal], list[int]]:
    """The heat map's rates (‰) and maximum fees (kronor): ``FROM:TO:STEP`` texts when given,
    else from the data around the scenarios' rules (:func:`heatmap_grid`), as on the board's page."""
    from ..planning.fee_scenarios import decimal_range

    grid = heatmap_grid(books, year, scenarios) if not (str(rates_text).strip() and str(max_fees_text).strip()) \
        else None
    if str(rates_text).strip():
        rates = decimal_range(rates_text)
    else:
        rates = [Decimal(grid.rate_first + i).scaleb(-2) for i in grid.heat_rates]
    if str(max_fees_text).strip():
        fees = [int(k) for k in decimal_range(max_fees_text)]
    else:
        fees = [grid.max_fees[i] // KR for i in grid.heat_fees]
    return rates, fees


def income_heatmap_figure(books, year: int, scenarios: list[FeeScenario], rates: Sequence,
                          max_fees_kr: Sequence[int], budget_ore: int | None = None,
                          inputs: FeeInputs | None = None) -> Figure:
    """Service-fee income (thousand kr) over rates × maximum fees, with the first scenario's
    members, increase cap and bases; the budget level as a contour, scenarios as markers."""
    base = scenarios[0]
    inputs = inputs or fee_inputs(books, year, base.rule, base.without, base.base_growth)
    income = income_matrix(inputs, rates, [int(m) * KR for m in max_fees_kr])
    rates_f = np.asarray([float(Decimal(str(r))) for r in rates])
    mf = np.asarray(max_fees_kr, dtype=float)
    fig = Figure(figsize=(9, 5.5), layout="constrained")
    ax = fig.add_subplot()
    mesh = ax.pcolormesh(mf / 1000, rates_f, income / KR / 1000, shading="nearest", cmap="viridis")
    cbar = fig.colorbar(mesh, ax=ax, format=FuncFormatter(lambda v, _: _sv(v)))
    cbar.set_label("Serviceavgifter, tusen kr")
    if budget_ore is not None and income.min() <= budget_ore <= income.max():
        cs = ax.contour(mf / 1000, rates_f, income / KR / 1000, levels=[budget_ore / KR / 1000],
                        colors="white", linewidths=1.5)
        ax.clabel(cs, fmt={cs.levels[0]: f"budget {_sv(budget_ore / KR / 1000)} tkr"}, fontsize=8)
    for i, s in enumerate(scenarios):
        if s.rule.max_fee is not None:
            ax.plot(s.rule.max_fee / KR / 1000, float(s.rule.service_rate), marker="o", ms=8,
                    mec="white", color=f"C{i}", label=s.name)
    ax.set_xlabel("Maxtaxa, tusen kr")
    ax.set_ylabel("Sats, promille (‰)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _sv(v)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _sv(v, 1 if abs(v * 10 - round(v * 10)) < 1e-9 else 2)))
    ax.set_title(f"Serviceavgifter {year} över sats och maxtaxa")
    if any(s.rule.max_fee is not None for s in scenarios):
        ax.legend(loc="lower right", fontsize=8)
    return fig


def fee_distribution_figure(scenarios: list[FeeScenario], tables: list[pd.DataFrame], year: int) -> Figure:
    """Histogram of the paying members' service fees per scenario (shared bins)."""
    fig = Figure(figsize=(9, 4.5), layout="constrained")
    ax = fig.add_subplot()
    fees = [t.loc[t["months"] > 0, "service_fee"].to_numpy() / KR for t in tables]
    top = max((f.max() for f in fees if len(f)), default=1.0)
    bins = np.linspace(0, top * 1.02 + 1, 21)
    for i, (s, f) in enumerate(zip(scenarios, fees)):
        ax.hist(f, bins=bins, histtype="step", lw=2, color=f"C{i}", label=s.name)
    ax.set_xlabel(f"Serviceavgift {year}, kr")
    ax.set_ylabel("Antal medlemmar")
    ax.set_title(f"Fördelning av serviceavgifterna {year}")
    _kr_axis(ax, "x")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9)
    return fig
