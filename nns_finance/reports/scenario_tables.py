"""The scenarios side by side, as the board reads them: frames in öre and Swedish tables.

:func:`compare` runs every scenario against one shared baseline
(:func:`nns_finance.planning.scenarios.baseline`); :func:`summary` is one row per scenario and year;
:func:`side_by_side` is the Swedish table (rows: scenario and measure, columns: years);
:func:`most_affected` the members whose fees change the most; :func:`meeting_table` the annual
meeting by participant count. The notebooks only display these.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..planning.meeting import deadlines
from ..core.money import format_kr
from ..books.scenario_file import Scenario
from ..planning.scenarios import BASELINE, Baseline, ScenarioOutcome, baseline, run_scenario, totals

MEASURES = (("income", "Intäkter"), ("costs", "Kostnader"), ("result", "Årets resultat"),
            ("equity", "Utgående eget kapital"))
DIFFS = (("diff_result", "Skillnad resultat"), ("diff_equity", "Skillnad eget kapital"))
REFERENCE_SV = {"baseline": "basen"}


@dataclass(frozen=True)
class Comparison:
    """Every scenario worked through against the same baseline.

    base:     the shared baseline (lines, opening equity, fees)
    years:    the baseline's year, income, costs, result, equity (öre)
    outcomes: one :class:`~nns_finance.planning.scenarios.ScenarioOutcome` per scenario, in file order
    """

    base: Baseline
    years: pd.DataFrame
    outcomes: tuple[ScenarioOutcome, ...]


def compare(books, scenarios: tuple[Scenario, ...] | list[Scenario],
            years: tuple[int, int] | str | None = None) -> Comparison:
    """Run each scenario against the baseline of ``years``."""
    base = baseline(books, years)
    return Comparison(base, totals(books, base.lines, base.opening),
                      tuple(run_scenario(books, s, base=base) for s in scenarios))


def reference_sv(reference: str) -> str:
    """``baseline with X staying`` → ``basen om X stannar kvar``."""
    if reference.startswith("baseline with ") and reference.endswith(" staying"):
        return "basen om " + reference[len("baseline with "):-len(" staying")] + " stannar kvar"
    return REFERENCE_SV.get(reference, reference)


def summary(comparison: Comparison) -> pd.DataFrame:
    """One row per scenario and year (the baseline first): scenario, compared_with, year,
    income, costs, result, equity, diff_result, diff_equity (int64 öre)."""
    base = comparison.years.assign(scenario=BASELINE, compared_with="", diff_result=0, diff_equity=0)
    frames = [base] + [o.years.assign(scenario=o.scenario.name, compared_with=reference_sv(o.reference))
                       for o in comparison.outcomes]
    cols = ["scenario", "compared_with", "year", "income", "costs", "result", "equity",
            "diff_result", "diff_equity"]
    out = pd.concat([f[cols] for f in frames], ignore_index=True)
    return out.astype({c: "int64" for c in cols[2:]})


def side_by_side(comparison: Comparison) -> pd.DataFrame:
    """The Swedish table: Scenario, Post, then one column per year with ``1 552 276 kr`` text."""
    s = summary(comparison)
    rows = []
    for name, group in s.groupby("scenario", sort=False):
        measures = MEASURES + (DIFFS if name != BASELINE else ())
        for col, label in measures:
            row = {"Scenario": name, "Post": label}
            row.update({str(y): format_kr(v) for y, v in zip(group["year"], group[col])})
            rows.append(row)
    return pd.DataFrame(rows)


def most_affected(comparison: Comparison, n: int = 10) -> pd.DataFrame:
    """The ``n`` members whose fees change the most in any scenario: Scenario, Medlem, one
    column per year with the change in kronor, and Summa (sorted by the largest change)."""
    frames = []
    for o in comparison.outcomes:
        m = o.members
        if m.empty:
            continue
        wide = m.pivot_table(index=["member_id", "name"], columns="year", values="difference",
                             aggfunc="sum", fill_value=0)
        wide["total"] = wide.sum(axis=1)
        wide = wide[wide["total"] != 0].reset_index()
        wide.insert(0, "scenario", o.scenario.name)
        frames.append(wide)
    if not frames:
        return pd.DataFrame(columns=["Scenario", "Medlem", "Summa"])
    all_rows = pd.concat(frames, ignore_index=True)
    all_rows = all_rows.reindex(all_rows["total"].abs().sort_values(ascending=False, kind="stable").index)
    top = all_rows.head(n)
    out = pd.DataFrame({"Scenario": top["scenario"], "Medlem": top["name"].astype(str)})
    for y in comparison.base.years:
        if y in top.columns:
            out[str(y)] = [format_kr(int(v)) for v in top[y]]
    out["Summa"] = [format_kr(int(v)) for v in top["total"]]
    return out.reset_index(drop=True)


def member_fees_table(outcome: ScenarioOutcome, year: int) -> pd.DataFrame:
    """Per member in ``year``: fee in the comparison and in the scenario, and the change (Swedish)."""
    m = outcome.members[outcome.members["year"] == year]
    m = m[(m["ref_total"] != 0) | (m["total"] != 0)]
    return pd.DataFrame({"Medlem": m["name"].astype(str),
                         "Avgift jämförelse": [format_kr(v) for v in m["ref_total"]],
                         "Avgift scenario": [format_kr(v) for v in m["total"]],
                         "Förändring": [format_kr(v) for v in m["difference"]]}).reset_index(drop=True)


def meeting_table(outcome: ScenarioOutcome) -> pd.DataFrame:
    """The annual meeting by participant count, in Swedish (empty without a meeting)."""
    t = outcome.meeting
    if t is None:
        return pd.DataFrame()
    return pd.DataFrame({
        "Deltagare": t["participants"],
        "Kostnad": [format_kr(v) for v in t["cost"]],
        "Deltagaravgifter": [format_kr(v) for v in t["fee_income"]],
        "Bidrag": [format_kr(v) for v in t["grant"]],
        "Netto": [format_kr(v) for v in t["net"]],
        "Avgift för nollresultat": [format_kr(v) for v in t["break_even_fee"]],
    })


def meeting_summary(comparison: Comparison, outcome: ScenarioOutcome) -> str:
    """One Swedish paragraph for the board: the planned meeting's cost, income and net against
    the baseline's meeting lines, the break-even fee and the cancellation dates the plan states."""
    from ..planning.meeting import meeting_codes, meeting_figures

    plan = outcome.scenario.meeting
    if plan is None:
        return ""
    f = meeting_figures(plan)
    lines = comparison.base.lines
    codes = list(meeting_codes(comparison.base.books.settings.budget_lines))
    budget = int(lines.loc[lines["code"].isin(codes) & (lines["year"] == plan.year), "amount"].sum())
    d = deadlines(plan)
    last = dict(zip(d["what"], d["last_day"]))
    grant = f" och bidrag {format_kr(f.grant)}" if f.grant else ""
    what = {"venue": "lokalen", "dinner": "middagen"}
    cancel = ", ".join(f"{what[w]}: **{day:%Y-%m-%d}**" for w, day in last.items())
    return (f"{f.participants} deltagare à {format_kr(plan.fee)}: kostnad {format_kr(f.cost)}, "
            f"deltagaravgifter {format_kr(f.fee_income)}{grant}, netto {format_kr(f.net)} "
            f"(basen {plan.year}: {format_kr(budget)}, skillnad {format_kr(f.net - budget)}). "
            f"Avgiften som ger nollresultat vid {f.participants} deltagare: "
            f"**{format_kr(f.break_even_fee)}** per deltagare."
            + (f" Sista dag att avboka {cancel}." if cancel else ""))


def deadline_table(outcome: ScenarioOutcome) -> pd.DataFrame:
    """The meeting's cancellation deadlines as dates, in Swedish."""
    if outcome.scenario.meeting is None:
        return pd.DataFrame()
    d = deadlines(outcome.scenario.meeting)
    what = {"venue": "Avbokning lokal", "dinner": "Avbokning middag"}
    return pd.DataFrame({"Villkor": [what[w] for w in d["what"]],
                         "Dagar före": d["days_before"],
                         "Sista dag": [x.isoformat() for x in d["last_day"]]})


def scenario_list(comparison: Comparison) -> pd.DataFrame:
    """The scenarios shown: name, description, file and what each is compared with."""
    outs = comparison.outcomes
    return pd.DataFrame({"Scenario": [o.scenario.name for o in outs],
                         "Beskrivning": [o.scenario.description for o in outs],
                         "Fil": [o.scenario.file for o in outs],
                         "Jämförs med": [reference_sv(o.reference) for o in outs]})


def baseline_note(books, comparison: Comparison) -> str:
    """Swedish: what the baseline is built from, and the years whose fee rules are carried."""
    from ..fees.years import rules_note

    text = ("Basen är flerårsprognosen (budgeten och assumptions.toml) med avgifterna per medlem "
            "ur avgiftsmodellen (medlemsregistret, settings.toml).")
    note = rules_note(books.settings, comparison.base.first, comparison.base.last)
    return f"{text} {note}" if note else text
