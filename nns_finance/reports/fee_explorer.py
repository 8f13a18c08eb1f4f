"""The board's fee explorer in JupyterLab: sliders for the rate, the maximum fee and the maximum
increase, a member picker for withdrawals; every change redraws the comparison, the member
table and the charts at once.

:func:`explorer` returns the widget box; all the work is the package's own functions
(:mod:`nns_finance.planning.fee_scenarios`, :mod:`nns_finance.reports.fee_charts`), so the notebook holds no code
of its own. Headless runs (papermill) skip it and show the static comparison instead.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal

from .fee_charts import fee_curve_figure, fee_distribution_figure, income_heatmap_figure
from .fee_tables import comparison_for_people, members_for_people
from ..planning.fee_scenarios import (
    FeeScenario, budget_amount, compare_scenarios, member_comparison, scenario_tables
)
from ..fees.model import SERVICE_CODE


def _rate_text(x: float) -> Decimal:
    return Decimal(f"{x:.2f}")


def explorer(books, year: int, baseline: FeeScenario, rates=None, max_fees_kr=None):
    """A widget box comparing ``baseline`` with the scenario the sliders set."""
    import ipywidgets as w
    from IPython.display import display

    rule = baseline.rule
    rate = w.FloatSlider(value=float(rule.service_rate), min=0.5, max=8.0, step=0.01,
                         description="Sats ‰", readout_format=".2f", continuous_update=False)
    max_fee = w.IntSlider(value=(rule.max_fee or 12_340_000) // 100, min=20_000, max=300_000, step=100,
                          description="Maxtaxa kr", continuous_update=False)
    use_max = w.Checkbox(value=rule.max_fee is not None, description="med maxtaxa")
    max_inc = w.IntSlider(value=(rule.max_increase or 3_000_000) // 100, min=0, max=200_000, step=1_000,
                          description="Maxhöjning kr", continuous_update=False)
    use_inc = w.Checkbox(value=rule.max_increase is not None, description="med maxhöjning")
    members = books.members.sort_values("member_id")
    picker = w.SelectMultiple(options=[(f"{m} {n}", m) for m, n in zip(members["member_id"], members["name"])],
                              value=tuple(baseline.without), rows=8, description="Utträder",
                              layout=w.Layout(width="60%"))
    out = w.Output()
    budget = budget_amount(books, year, SERVICE_CODE)

    def redraw(_=None):
        changed = FeeScenario(
            "Reglage", "Inställt med reglagen",
            dataclasses.replace(rule, service_rate=_rate_text(rate.value),
                                max_fee=max_fee.value * 100 if use_max.value else None,
                                max_increase=max_inc.value * 100 if use_inc.value else None),
            tuple(picker.value), baseline.base_growth, "widgets")
        scenarios = [baseline, changed]
        out.clear_output(wait=True)
        with out:
            try:
                tables = scenario_tables(books, year, scenarios)
            except Exception as exc:  # show the one-line reason inside the widget, keep the sliders
                print(f"Kan inte räkna: {exc}")
                return
            display(comparison_for_people(compare_scenarios(books, year, scenarios, tables)))
            display(fee_curve_figure(scenarios, tables, year))
            display(income_heatmap_figure(books, year, scenarios, rates or _default_rates(),
                                          max_fees_kr or list(range(60_000, 200_001, 5_000)), budget))
            display(fee_distribution_figure(scenarios, tables, year))
            display(members_for_people(member_comparison(books, year, scenarios, tables), year))

    for widget in (rate, max_fee, use_max, max_inc, use_inc, picker):
        widget.observe(redraw, names="value")
    redraw()
    controls = w.VBox([w.HBox([rate]), w.HBox([max_fee, use_max]), w.HBox([max_inc, use_inc]), picker])
    return w.VBox([controls, out])


def _default_rates():
    return [Decimal(r).scaleb(-2) for r in range(200, 601, 5)]
