"""The full-year forecast (prognos helår) per budget line.

For each leaf line: the outcome through the report month plus the phased budget of the months
still to come — unless the treasurer has given a forecast for that line in the optional
data-folder file ``forecast.csv`` / ``forecast.xlsx``::

    code;year;amount;comment
    kostnader.konferenser.arsmote-medlemsmote;2025;-224 000;fler deltagare än väntat

``amount`` is in kronor with the budget's sign convention (income positive, costs negative).
Such lines are marked as given by the treasurer in the report. A forecast is given for leaf
lines only (a line with sub-lines is forecast through its sub-lines).
"""
from __future__ import annotations

import pandas as pd

from ..books.forecast import FORECAST_COLUMNS, FORECAST_STEM  # noqa: F401  (the frame it reads)
from ..core.problems import Problems

def load_forecasts(books, problems: Problems | None = None) -> pd.DataFrame:
    """The treasurer's forecasts, as :func:`nns_finance.books.load.load` read them (``problems``
    is kept for callers that collect warnings: the load already holds them)."""
    return books.forecast


def forecast_year(outcome: pd.DataFrame, phased: pd.DataFrame, through_month: int,
                  given: pd.DataFrame | None = None, year: int | None = None) -> pd.DataFrame:
    """Full-year forecast per leaf line: code, forecast (int64 öre), given (bool), where.

    ``outcome`` and ``phased`` are ``code, month, amount`` frames; the forecast is the outcome of
    months 1..``through_month`` plus the phased budget of the months after it. A line in
    ``given`` (code, year, amount, where) for ``year`` replaces that sum and is marked ``given``.
    """
    done = outcome[outcome["month"] <= through_month].groupby("code")["amount"].sum()
    rest = phased[phased["month"] > through_month].groupby("code")["amount"].sum()
    codes = list(dict.fromkeys(list(phased["code"].astype(str)) + list(outcome["code"].astype(str))))
    fc = (done.reindex(codes, fill_value=0) + rest.reindex(codes, fill_value=0)).astype("int64")
    out = pd.DataFrame({"code": pd.Series(codes, dtype="str"), "forecast": fc.to_numpy(dtype="int64"),
                        "given": False, "where": ""})
    if given is not None and len(given):
        g = given if year is None else given[given["year"] == year]
        g = g.drop_duplicates("code", keep="last").set_index("code")
        hit = out["code"].isin(g.index)
        out.loc[hit, "forecast"] = out.loc[hit, "code"].map(g["amount"]).astype("int64")
        out.loc[hit, "given"] = True
        out.loc[hit, "where"] = out.loc[hit, "code"].map(g["where"]).astype("str")
        extra = [c for c in g.index if c not in set(out["code"])]
        if extra:
            out = pd.concat([out, pd.DataFrame({"code": pd.Series(extra, dtype="str"),
                                                "forecast": g.loc[extra, "amount"].to_numpy(dtype="int64"),
                                                "given": True, "where": g.loc[extra, "where"].to_numpy()})],
                            ignore_index=True)
    out["forecast"] = out["forecast"].astype("int64")
    out["given"] = out["given"].astype(bool)
    out["where"] = out["where"].astype("str")
    return out
