"""Members leaving (utträde): what NNS loses each year and what rate would win it back.

:func:`withdrawal_effect` takes member ids with the dates their written notices arrived, turns
them into a scenario (the effective date follows the notice rule in ``settings.toml``; the same
checks as a scenario file), and runs it with the scenario engine. It answers:

- **lost fees** per member and year: membership, service and indicator fees the members would
  have paid had they stayed (the comparison lets members stay even when the register already
  holds their withdrawal, as Södra Vänern's);
- **result and equity** per year against that comparison;
- **the restoring rate**: the service-fee rate (to 0.01 ‰, under the year's maximum fee and
  increase cap) at which the remaining members bring in the service-fee income the comparison
  had, from :func:`nns_finance.fees.solve.solve_rate`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

import pandas as pd

from ..core.problems import InputError, Problems, UsageError
from ..books.scenario_file import Scenario, build_scenario
from ..core.i18n import _
from .scenarios import (
    FEE_KINDS, Baseline, ScenarioOutcome, already_leaving, baseline, rule_for, run_scenario,
    scenario_books, staying_books, year_range
)

PARAMETERS = "notebook parameters"


@dataclass(frozen=True)
class WithdrawalEffect:
    """The effect of members leaving.

    outcome:   the scenario worked through (:class:`~nns_finance.planning.scenarios.ScenarioOutcome`)
    lost:      member_id, name, year, membership, service, indicator, total — fees lost (öre, ≥ 0)
    per_year:  year, membership, service, indicator, total (lost, öre), then ref_result, result,
               diff_result, ref_equity, equity, diff_equity
    restoring: year, target (service-fee income had they stayed), income (at the rate), rate
               (Decimal ‰; None when no rate reaches it under the maximum fee), current_rate
    """

    outcome: ScenarioOutcome
    lost: pd.DataFrame
    per_year: pd.DataFrame
    restoring: pd.DataFrame


def leaving_scenario(books, leaving: Mapping[str, str | dt.date],
                     years: tuple[int, int] | str | None = None, name: str = PARAMETERS) -> Scenario:
    """Members with their notice dates as a scenario; :class:`InputError` naming each bad entry."""
    if not isinstance(leaving, Mapping) or not leaving:
        raise UsageError(_("give the leaving members as {{member id: notice date YYYY-MM-DD}}"))
    data = {"name": "Utträde: " + ", ".join(str(k) for k in leaving),
            "withdrawals": [{"member": str(k).strip(), "notice_date": v} for k, v in leaving.items()]}
    problems = Problems()
    scenario = build_scenario(data, name, problems, books, year_range(years, books))
    if scenario is None or problems.has_errors:
        raise InputError(problems)
    return scenario


def withdrawal_effect(books, leaving: Mapping[str, str | dt.date],
                      years: tuple[int, int] | str | None = None) -> WithdrawalEffect:
    """Lost fees, result and equity against the members staying, and the restoring rate."""
    first, last = year_range(years, books)
    scenario = leaving_scenario(books, leaving, (first, last))
    base = baseline(books, (first, last))
    outcome = run_scenario(books, scenario, base=base)
    ids = {w.member_id for w in scenario.withdrawals}
    m = outcome.members[outcome.members["member_id"].astype(str).isin(ids)]
    lost = pd.DataFrame({"member_id": m["member_id"], "name": m["name"], "year": m["year"]})
    for kind in FEE_KINDS:
        lost[kind] = (m[f"ref_{kind}"] - m[kind]).astype("int64")
    lost["total"] = lost[list(FEE_KINDS)].sum(axis=1).astype("int64")
    lost = lost.reset_index(drop=True)
    per_year = lost.groupby("year", as_index=False)[[*FEE_KINDS, "total"]].sum()
    per_year = pd.DataFrame({"year": range(first, last + 1)}).merge(per_year, on="year", how="left")
    per_year = per_year.fillna(0).astype("int64")
    y = outcome.years
    per_year = per_year.merge(y[["year", "ref_result", "result", "diff_result", "ref_equity", "equity",
                                 "diff_equity"]], on="year")
    return WithdrawalEffect(outcome, lost, per_year, restoring_rates(books, scenario, outcome, base))


def restoring_rates(books, scenario: Scenario, outcome: ScenarioOutcome, base: Baseline) -> pd.DataFrame:
    """Per year: the service-fee rate at which the remaining members bring in what all paid
    (the year's rules and bases as the baseline has them, on its register)."""
    from ..fees.grid import inputs_from_table
    from ..fees.solve import solve_rate
    from ..fees.model import fee_table

    staying = already_leaving(base.books, scenario)
    gone = scenario_books(staying_books(base.books, staying), scenario)
    rows = []
    for year in sorted(outcome.members["year"].unique()):
        year = int(year)
        target = int(outcome.members.loc[outcome.members["year"] == year, "ref_service"].sum())
        rule = rule_for(books.settings, year)
        table = fee_table(gone, year, rule, growth=base.growth, carry=staying)
        try:
            solution = solve_rate(gone, year, target, rules=rule, inputs=inputs_from_table(table, rule))
            rate, income = Decimal(solution.rate), int(solution.income)
        except UsageError:          # the maximum fee caps every member below the target
            rate, income = None, 0
        rows.append({"year": year, "target": target, "income": income, "rate": rate,
                     "current_rate": Decimal(rule.service_rate)})
    return pd.DataFrame(rows).astype({"year": "int64", "target": "int64", "income": "int64"})


# ---------------------------------------------------------------- for the notebook (Swedish)
def _permille(rate: Decimal) -> str:
    text = f"{Decimal(rate):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace(".", ",") + " ‰"


def leaving_table(effect: WithdrawalEffect) -> pd.DataFrame:
    """Who leaves, when the notice came and when it takes effect."""
    names = effect.outcome.members.drop_duplicates("member_id").set_index("member_id")["name"]
    ws = effect.outcome.scenario.withdrawals
    return pd.DataFrame({"Medlem": [str(names.get(w.member_id, w.member_id)) for w in ws],
                         "Utträde anmält": [w.notice_date.isoformat() if w.notice_date else "" for w in ws],
                         "Utträde från": [w.effective_date.isoformat() for w in ws]})


def lost_table(effect: WithdrawalEffect) -> pd.DataFrame:
    """Lost fees per year by kind, and result and equity against the members staying."""
    from ..core.money import format_kr

    p = effect.per_year
    rows = [("Förlorade medlemsavgifter", "membership"), ("Förlorade serviceavgifter", "service"),
            ("Förlorade indikatoravgifter", "indicator"), ("Summa förlorade avgifter", "total"),
            ("Årets resultat om de stannar", "ref_result"), ("Årets resultat", "result"),
            ("Skillnad resultat", "diff_result"), ("Eget kapital om de stannar", "ref_equity"),
            ("Utgående eget kapital", "equity"), ("Skillnad eget kapital", "diff_equity")]
    out = pd.DataFrame({"Post": [label for label, _ in rows]})
    for i, year in enumerate(p["year"]):
        out[str(year)] = [format_kr(int(p[col].iloc[i])) for _, col in rows]
    return out


def restoring_table(effect: WithdrawalEffect) -> pd.DataFrame:
    """Per year: the service-fee rate that would bring back the income the members paid."""
    from ..core.money import format_kr

    r = effect.restoring
    return pd.DataFrame({"År": r["year"].astype(str),
                         "Serviceavgifter om de stannar": [format_kr(v) for v in r["target"]],
                         "Nuvarande sats": [_permille(v) for v in r["current_rate"]],
                         "Sats som återställer intäkten": [_permille(v) if v is not None else
                                                           "ingen: maxtaxan hindrar" for v in r["rate"]],
                         "Intäkt med den satsen": [format_kr(v) if rate is not None else ""
                                                   for v, rate in zip(r["income"], r["rate"])]})
