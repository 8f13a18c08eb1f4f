"""The result table (resultaträkning mot budget) of the monthly report.

Rows follow the budget's own line structure: the income section, its lines and sub-lines,
``Summa intäkter``; the cost section likewise, ``Summa totala kostnader``; ``Årets resultat``.
Columns (all int64 öre, budget sign convention: income positive, costs negative):

``outcome_month``  Utfall perioden — the report month
``outcome_ytd``    Utfall ack. — January through the report month
``budget_ytd``     Budget ack. — the phased budget for the same months
``variance_ytd``   Avvikelse ack. kr — outcome_ytd − budget_ytd (positive = favourable)
``variance_pct``   Avvikelse ack. % — variance_ytd / |budget_ytd| (float ratio; NaN when 0)
``budget_year``    Budget helår
``forecast_year``  Prognos helår (see :mod:`nns_finance.accounting.forecast`); ``forecast_given`` marks
                   lines whose forecast the treasurer gave
``last_year_ytd``  Utfall fg år ack. — when the ledger holds the year before
``last_year_year`` Utfall fg år helår — instead, when last year is known only as a whole
                   year (``#RES -1``, the budget's ``Utfall`` column)
``budget_forecast_year`` Prognos helår enligt budgettabellen — the budget file's own
                   ``Prognos helår`` column for the year, when it has one, beside the computed one

Every line with sub-lines, every total and the result is the sum of the rows under it, to the
öre. Section heading rows (kind ``section``) carry no figures: their amounts are 0 and shown
blank.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.labels import label
from .outcome import outcome_by_line  # noqa: F401  (ledger sums per line and month, re-exported)

AMOUNTS = ("outcome_month", "outcome_ytd", "budget_ytd", "variance_ytd", "budget_year",
           "forecast_year")
SECTIONS = (("income", "intakter", "total_income"), ("cost", "kostnader", "total_cost"))


def has_year(books, year: int) -> bool:
    """Whether the ledger holds any voucher row of ``year``."""
    return bool((books.ledger["year"] == year).any())


def _structure(lines: pd.DataFrame, extra_codes: list[str]) -> list[dict]:
    """Rows in table order: dicts with code, name, level, kind, section, leaves."""
    lines = lines.assign(code=lines["code"].astype(str), parent=lines["parent"].astype(str))
    lines = lines.sort_values("order", kind="stable")
    children: dict[str, list[str]] = {}
    for code, parent in zip(lines["code"], lines["parent"]):
        if parent:
            children.setdefault(parent, []).append(code)
    slug_section = {c.split(".")[0]: s for c, s in zip(lines["code"], lines["section"].astype(str))}
    extra_by_section: dict[str, list[str]] = {}
    for code in extra_codes:
        extra_by_section.setdefault(slug_section.get(code.split(".")[0], "cost"), []).append(code)
    rows = []
    for section, slug, total in SECTIONS:
        rows.append(dict(code=slug, name=label(section), level=0, kind="section", section=section, leaves=[]))
        sec_leaves: list[str] = []
        for code, name, level, parent, sec in zip(lines["code"], lines["name"].astype(str), lines["level"],
                                                  lines["parent"], lines["section"].astype(str)):
            if sec != section:
                continue
            leaves = children.get(code, [code])
            kind = "subline" if parent else "line"
            rows.append(dict(code=code, name=name, level=int(level), kind=kind, section=section,
                             leaves=list(leaves)))
            if code not in children:
                sec_leaves.append(code)
        for code in extra_by_section.get(section, []):
            rows.append(dict(code=code, name=code, level=1, kind="line", section=section, leaves=[code]))
            sec_leaves.append(code)
        rows.append(dict(code=f"summa-{slug}", name=label(total), level=0, kind="total",
                         section=section, leaves=sec_leaves))
    all_leaves = [c for r in rows if r["kind"] == "total" for c in r["leaves"]]
    rows.append(dict(code="arets-resultat", name=label("result"), level=0, kind="result",
                     section="", leaves=all_leaves))
    return rows


def result_table(lines: pd.DataFrame, outcome: pd.DataFrame, phased: pd.DataFrame,
                 forecast: pd.DataFrame, month: int, last_year: pd.DataFrame | None = None,
                 lang: str = "sv", *, last_year_span: str = "ytd",
                 budget_forecast: pd.DataFrame | None = None) -> pd.DataFrame:
    """The result table for report month ``month`` from ready frames (pure).

    ``lines``: :data:`SCHEMAS` ``budget_lines``; ``outcome`` / ``phased`` / ``last_year``:
    code, month, amount; ``forecast``: code, forecast, given (see :func:`forecast.forecast_year`).
    """
    def per_code(frame: pd.DataFrame, months) -> pd.Series:
        sel = frame[frame["month"].isin(months)]
        return sel.groupby(sel["code"].astype(str))["amount"].sum()

    ytd = range(1, month + 1)
    leaf = pd.DataFrame({
        "outcome_month": per_code(outcome, [month]),
        "outcome_ytd": per_code(outcome, ytd),
        "budget_ytd": per_code(phased, ytd),
        "budget_year": per_code(phased, range(1, 13)),
        "forecast_year": forecast.set_index(forecast["code"].astype(str))["forecast"],
    })
    last_col = "last_year_ytd" if last_year_span == "ytd" else "last_year_year"
    if last_year is not None:
        leaf[last_col] = per_code(last_year, ytd if last_year_span == "ytd" else range(1, 13))
    if budget_forecast is not None and len(budget_forecast):
        leaf["budget_forecast_year"] = budget_forecast.groupby(budget_forecast["code"].astype(str))["amount"].sum()
    leaf = leaf.fillna(0).astype("int64")
    given = set(forecast.loc[forecast["given"].astype(bool), "code"].astype(str))
    known = set(lines["code"].astype(str))
    extra = sorted(c for c in leaf.index if c not in known and leaf.loc[c].any())
    rows = _structure(lines, extra)
    for row in rows:
        row["name"] = label(_key(row), lang) if row["kind"] in ("section", "total", "result") else row["name"]
    cols = list(leaf.columns)
    values = np.zeros((len(rows), len(cols)), dtype="int64")
    for i, row in enumerate(rows):
        present = [c for c in row["leaves"] if c in leaf.index]
        if present:
            values[i] = leaf.loc[present].to_numpy(dtype="int64").sum(axis=0)
    table = pd.DataFrame({
        "code": pd.Series([r["code"] for r in rows], dtype="str"),
        "name": pd.Series([r["name"] for r in rows], dtype="str"),
        "level": pd.Series([r["level"] for r in rows], dtype="int64"),
        "kind": pd.Series([r["kind"] for r in rows], dtype="str"),
        "section": pd.Series([r["section"] for r in rows], dtype="str"),
    })
    for j, col in enumerate(cols):
        table[col] = values[:, j]
    table["variance_ytd"] = (table["outcome_ytd"] - table["budget_ytd"]).astype("int64")
    base = table["budget_ytd"].abs().astype("float64")
    table["variance_pct"] = (table["variance_ytd"] / base.where(base != 0)).astype("float64")
    table["forecast_given"] = [r["kind"] in ("line", "subline") and bool(set(r["leaves"]) & given)
                               for r in rows]
    order = ["code", "name", "level", "kind", "section", "outcome_month", "outcome_ytd",
             "budget_ytd", "variance_ytd", "variance_pct", "budget_year", "forecast_year",
             "forecast_given"] + (["budget_forecast_year"] if "budget_forecast_year" in table else []) \
        + ([last_col] if last_year is not None else [])
    return table[order]


def _key(row: dict) -> str:
    if row["kind"] == "section":
        return row["section"]
    if row["kind"] == "total":
        return "total_income" if row["section"] == "income" else "total_cost"
    return "result"


def row(table: pd.DataFrame, code: str) -> pd.Series:
    """One row of a result table by code (``arets-resultat``, ``summa-intakter`` …)."""
    hit = table[table["code"] == code]
    if hit.empty:
        raise KeyError(code)
    return hit.iloc[0]
