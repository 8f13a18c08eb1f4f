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

from pathlib import Path

import pandas as pd

from ..books.load import find_input
from ..core.money import parse_ore_series
from ..core.problems import InputError, Problems
from ..books.grids import Column, columns_by_header, read_grid

FORECAST_STEM = "forecast"
FORECAST_COLUMNS = {"code": "str", "year": "int64", "amount": "int64", "comment": "str", "where": "str"}


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in FORECAST_COLUMNS.items()})


def read_forecast(folder: Path, problems: Problems, budget_lines: pd.DataFrame) -> pd.DataFrame:
    """The treasurer's forecasts: code, year, amount (öre), comment, where (``forecast.csv:2``).

    No file gives no rows. Unknown lines, lines with sub-lines, bad years or amounts and a line
    given twice for a year are errors; a cost forecast above zero (or an income one below) is a
    warning, since it is most likely a sign typed the other way round.
    """
    path = find_input(Path(folder), FORECAST_STEM)
    if path is None:
        return _empty()
    grid = read_grid(path, problems, name=path.name)
    if grid is None:
        return _empty()
    table = columns_by_header(grid, [
        Column("code", ("kod", "budgetrad", "rad", "line", "budget_line")),
        Column("year", ("ar", "år")),
        Column("amount", ("belopp", "prognos", "forecast", "prognos_helar", "kronor", "kr")),
        Column("comment", ("kommentar", "note", "anteckning"), required=False),
    ], problems)
    if table is None:
        return _empty()
    f = table.frame
    lines = budget_lines.assign(code=budget_lines["code"].astype(str))
    parents = set(lines["parent"].astype(str))
    section = dict(zip(lines["code"], lines["section"].astype(str)))
    code = f["code"].str.strip()
    year_text = f["year"].str.strip()
    ore, bad = parse_ore_series(f["amount"])
    ok = pd.Series(True, index=f.index)
    for row in f.index:
        c, place = code[row], table.place(row, "code")
        if not c:
            problems.error(**place, message="no budget line code")
            ok[row] = False
        elif c not in section:
            problems.error(**place, message=f"unknown budget line {c!r} (not in the budget)")
            ok[row] = False
        elif c in parents:
            problems.error(**place, message=f"{c!r} has sub-lines: give the forecast per sub-line")
            ok[row] = False
        if not (year_text[row].isdigit() and len(year_text[row]) == 4):
            problems.error(**table.place(row, "year"), message=f"year {year_text[row]!r}: expected YYYY")
            ok[row] = False
        if bad[row]:
            problems.error(**table.place(row, "amount"), message=bad[row])
            ok[row] = False
        elif pd.isna(ore[row]):
            problems.error(**table.place(row, "amount"), message="no amount")
            ok[row] = False
    good = f[ok]
    out = pd.DataFrame({
        "code": code[ok].astype("str"),
        "year": year_text[ok].astype("int64"),
        "amount": ore[ok].astype("int64"),
        "comment": good["comment"].str.strip().astype("str"),
        "where": pd.Series([f"{path.name}:{int(r)}" for r in good.index], index=good.index, dtype="str"),
    })
    dup = out.duplicated(["code", "year"], keep="first")
    for row in out.index[dup]:
        first = out[(out.code == out.at[row, "code"]) & (out.year == out.at[row, "year"])].index[0]
        problems.error(**table.place(row, "code"),
                       message=f"{out.at[row, 'code']!r} {out.at[row, 'year']} given twice (first on line {int(first)})")
    out = out[~dup]
    for row in out.index:
        sec, amount = section[out.at[row, "code"]], out.at[row, "amount"]
        if (sec == "cost" and amount > 0) or (sec == "income" and amount < 0):
            kind = "cost" if sec == "cost" else "income"
            problems.warning(**table.place(row, "amount"),
                             message=f"{kind} line forecast {'above' if amount > 0 else 'below'} 0: "
                                     "income is positive and costs negative (sign typed the other way?)")
    return out.reset_index(drop=True)


def load_forecasts(books, problems: Problems | None = None) -> pd.DataFrame:
    """The data folder's forecast file; raises :class:`InputError` if it has errors.

    Warnings go to ``problems`` when given (the report's data-quality section)."""
    found = Problems()
    frame = read_forecast(books.folder, found, books.budget_lines)
    if found.has_errors:
        raise InputError(found)
    if problems is not None:
        problems.extend(found)
    return frame


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
