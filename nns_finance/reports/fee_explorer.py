"""The board's fee explorer in JupyterLab: the rate, the maximum fee and the maximum increase, each
a slider with a box beside it where the figure can be typed the Swedish way (``3,65``,
``123 400``, ``ingen``), and a member picker for withdrawals; every change redraws the
comparison, the member table and the charts at once.

The boxes read back as Swedes write: ``3,50 ‰`` and ``123 400 kr``; a typing mistake is said
next to the box and changes nothing. The sliders move over the same positions as the board's
page (:mod:`nns_finance.reports.board.ranges`: rates in steps of 0,01 ‰, amounts in round steps
around the rules in force), and the heat map covers the same ranges. All the work is the
package's own functions (:mod:`nns_finance.planning.fee_scenarios`,
:mod:`nns_finance.reports.fee_charts`), so the notebook holds no code of its own. Headless runs
(papermill) skip it and show the static comparison instead. (For a page that needs no Python:
``nns-finance board``.)
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation

from .board.ranges import Grid
from .fee_charts import (
    fee_curve_figure, fee_distribution_figure, heatmap_axes, heatmap_grid, income_heatmap_figure
)
from .fee_tables import comparison_for_people, members_for_people
from ..core.money import AmountError, format_kr, parse_ore
from ..core.problems import UsageError
from ..fees.arithmetic import hundredths_of_per_mille
from ..planning.fee_scenarios import (
    FeeScenario, budget_amount, compare_scenarios, member_comparison, scenario_tables
)

NBSP = "\u00a0"
NONE_WORDS = ("", "ingen", "inget", "none", "-", "–")
WIDE = {"description_width": "initial"}


def permille_text(rate) -> str:
    """``3.5`` → ``3,50 ‰`` (two decimals, no-break space)."""
    return f"{Decimal(str(rate)).quantize(Decimal('0.01')):f}".replace(".", ",") + NBSP + "‰"


def kr_text(ore: int | None) -> str:
    """``12340000`` → ``123 400 kr`` (no-break spaces; öre shown when there are any)."""
    if ore is None:
        return ""
    return format_kr(ore, decimals=0 if ore % 100 == 0 else 2, sep=NBSP).replace(" kr", NBSP + "kr")


def parse_rate(text: str) -> Decimal:
    """``"3,65"``, ``"3.65"``, ``"3,65 ‰"`` → ``Decimal("3.65")``; UsageError in Swedish otherwise."""
    cleaned = str(text).strip().removesuffix("‰").strip().replace(NBSP, "").replace(" ", "").replace(",", ".")
    try:
        rate = Decimal(cleaned)
        hundredths_of_per_mille(rate)
    except (InvalidOperation, UsageError):
        raise UsageError(f"skriv satsen i promille i steg om 0,01, till exempel 3,65 (inte {text!r})") from None
    if not rate.is_finite() or rate < 0:
        raise UsageError(f"skriv satsen i promille, till exempel 3,65 (inte {text!r})")
    return rate


def parse_kr(text: str) -> int | None:
    """``"123 400"``, ``"123400,50 kr"`` → öre; ``""``/``"ingen"`` → None (no limit)."""
    if str(text).strip().lower() in NONE_WORDS:
        return None
    try:
        ore = parse_ore(text)
    except AmountError:
        raise UsageError(f"skriv beloppet i kronor, till exempel 123 400 (inte {text!r})") from None
    if ore < 0:
        raise UsageError(f"beloppet får inte vara negativt ({text!r})")
    return ore


def explorer(books, year: int, baseline: FeeScenario, rates=None, max_fees_kr=None):
    """A widget box comparing ``baseline`` with the scenario the controls set."""
    import ipywidgets as w
    from IPython.display import display

    rule = baseline.rule
    grid: Grid = heatmap_grid(books, year, [baseline])
    rate = w.FloatSlider(value=float(rule.service_rate), min=grid.rate_first / 100, max=grid.rate_last / 100,
                         step=0.01, readout=False, continuous_update=False,
                         description="Sats för serviceavgiften", style=WIDE, layout=w.Layout(width="60%"))
    rate_box = w.Text(value=permille_text(rule.service_rate), continuous_update=False,
                      layout=w.Layout(width="9em"))
    fee_step = grid.max_fees[1] - grid.max_fees[0] if len(grid.max_fees) > 1 else 100_000
    max_fee = w.IntSlider(value=(rule.max_fee if rule.max_fee is not None else grid.max_fees[len(grid.max_fees) // 2])
                          // 100, min=grid.max_fees[0] // 100, max=grid.max_fees[-1] // 100, step=fee_step // 100,
                          readout=False, continuous_update=False, description="Maxtaxa", style=WIDE,
                          layout=w.Layout(width="60%"))
    fee_box = w.Text(value=kr_text(rule.max_fee) or "ingen", continuous_update=False, layout=w.Layout(width="9em"))
    inc_step = grid.max_increases[1] - grid.max_increases[0] if len(grid.max_increases) > 1 else 100_000
    max_inc = w.IntSlider(value=(rule.max_increase if rule.max_increase is not None else 0) // 100,
                          min=grid.max_increases[0] // 100, max=grid.max_increases[-1] // 100,
                          step=inc_step // 100, readout=False, continuous_update=False,
                          description="Maxhöjning per år", style=WIDE, layout=w.Layout(width="60%"))
    inc_box = w.Text(value=kr_text(rule.max_increase) or "ingen", continuous_update=False,
                     layout=w.Layout(width="9em"))
    message = w.HTML("")
    members = books.members.sort_values("member_id")
    picker = w.SelectMultiple(options=[(f"{m} {n}", m) for m, n in zip(members["member_id"], members["name"])],
                              value=tuple(baseline.without), rows=8, description="Utträder", style=WIDE,
                              layout=w.Layout(width="80%"))
    out = w.Output()
    budget = budget_amount(books, year, books.settings.budget_lines.service_fees)
    state = {"rate": Decimal(rule.service_rate), "max_fee": rule.max_fee, "max_increase": rule.max_increase,
             "busy": False, "errors": {}}
    heat_rates, heat_fees = heatmap_axes(books, year, [baseline])

    def say():
        errors = [e for e in state["errors"].values() if e]
        message.value = "" if not errors else \
            '<span style="color:#b00020">' + "<br>".join(errors) + "</span>"

    def redraw(_=None):
        changed = FeeScenario(
            "Reglage", "Inställt med reglagen",
            dataclasses.replace(rule, service_rate=state["rate"], max_fee=state["max_fee"],
                                max_increase=state["max_increase"]),
            tuple(picker.value), baseline.base_growth, "widgets")
        scenarios = [baseline, changed]
        out.clear_output(wait=True)
        with out:
            try:
                tables = scenario_tables(books, year, scenarios)
            except Exception as exc:  # show the one-line reason inside the widget, keep the controls
                print(f"Kan inte räkna: {exc}")
                return
            display(comparison_for_people(compare_scenarios(books, year, scenarios, tables)))
            display(fee_curve_figure(scenarios, tables, year))
            display(income_heatmap_figure(books, year, scenarios, rates or heat_rates, max_fees_kr or heat_fees,
                                          budget))
            display(fee_distribution_figure(scenarios, tables, year))
            display(members_for_people(member_comparison(books, year, scenarios, tables), year))

    def quietly(widget, value):
        state["busy"] = True
        try:
            widget.value = value
        finally:
            state["busy"] = False

    def on_rate_slider(change):
        if state["busy"]:
            return
        state["rate"] = Decimal(f"{change['new']:.2f}")
        state["errors"]["rate"] = ""
        quietly(rate_box, permille_text(state["rate"]))
        say()
        redraw()

    def on_rate_box(change):
        if state["busy"]:
            return
        try:
            value = parse_rate(change["new"])
        except UsageError as exc:
            state["errors"]["rate"] = f"Sats: {exc}."
            say()
            return
        state["rate"], state["errors"]["rate"] = value, ""
        quietly(rate_box, permille_text(value))
        quietly(rate, min(max(float(value), rate.min), rate.max))
        say()
        redraw()

    def amount_handlers(key: str, slider, box, label: str):
        def on_slider(change):
            if state["busy"]:
                return
            state[key] = int(change["new"]) * 100
            state["errors"][key] = ""
            quietly(box, kr_text(state[key]))
            say()
            redraw()

        def on_box(change):
            if state["busy"]:
                return
            try:
                value = parse_kr(change["new"])
            except UsageError as exc:
                state["errors"][key] = f"{label}: {exc}."
                say()
                return
            state[key], state["errors"][key] = value, ""
            quietly(box, kr_text(value) or "ingen")
            if value is not None:
                quietly(slider, min(max(value // 100, slider.min), slider.max))
            say()
            redraw()

        slider.observe(on_slider, names="value")
        box.observe(on_box, names="value")

    rate.observe(on_rate_slider, names="value")
    rate_box.observe(on_rate_box, names="value")
    amount_handlers("max_fee", max_fee, fee_box, "Maxtaxa")
    amount_handlers("max_increase", max_inc, inc_box, "Maxhöjning")
    picker.observe(redraw, names="value")
    redraw()
    hint = w.HTML('<span style="color:#555">Skriv i rutorna med decimalkomma (3,65) eller dra i reglagen; '
                  '"ingen" i en beloppsruta tar bort taket.</span>')
    controls = w.VBox([w.HBox([rate, rate_box]), w.HBox([max_fee, fee_box]), w.HBox([max_inc, inc_box]), picker,
                       message, hint])
    return w.VBox([controls, out])
