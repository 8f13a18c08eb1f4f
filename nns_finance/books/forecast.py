"""``forecast.csv`` / ``forecast.xlsx`` (optional): the treasurer's own full-year forecasts per line.

    code;year;amount;comment
    kostnader.konferenser.arsmote-medlemsmote;2025;-224 000;fler deltagare än väntat

``amount`` in kronor with the budget's sign convention; read into a frame (see
:data:`FORECAST_COLUMNS`); :mod:`nns_finance.accounting.forecast` uses it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.money import parse_ore_series
from ..core.problems import Problems
from ..core.schema import SCHEMAS, empty_frame
from .grids import Column, columns_by_header, find_input, read_grid
from ..core.i18n import _

FORECAST_STEM = "forecast"
FORECAST_COLUMNS = SCHEMAS["forecast"]

TEMPLATE_HELP = """\
forecast.csv (eller forecast.xlsx, frivillig) – kassörens egen helårsprognos för rader där du vet
bättre än "utfall hittills + återstående budget". Kolumner: kod (budgetraden), år, belopp
(kronor, intäkter positiva, kostnader med minustecken), kommentar (varför). Exempel:
kostnader.konferenser.arsmote-medlemsmote;2025;-224 000;fler deltagare än väntat. Rapporten
märker sådana rader med *."""


def _empty() -> pd.DataFrame:
    return empty_frame("forecast")


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
            problems.error(**place, message=_("no budget line code"))
            ok[row] = False
        elif c not in section:
            problems.error(**place, message=_("unknown budget line {code} (not in the budget)", code=repr(c)))
            ok[row] = False
        elif c in parents:
            problems.error(**place, message=_("{code} has sub-lines: give the forecast per sub-line", code=repr(c)))
            ok[row] = False
        if not (year_text[row].isdigit() and len(year_text[row]) == 4):
            problems.error(**table.place(row, "year"), message=_("year {value}: expected YYYY", value=repr(year_text[row])))
            ok[row] = False
        if bad[row]:
            problems.error(**table.place(row, "amount"), message=bad[row])
            ok[row] = False
        elif pd.isna(ore[row]):
            problems.error(**table.place(row, "amount"), message=_("no amount"))
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
                       message=_("{code} {year} given twice (first on line {first})", code=repr(out.at[row, 'code']),
                                 year=out.at[row, 'year'], first=int(first)))
    out = out[~dup]
    for row in out.index:
        sec, amount = section[out.at[row, "code"]], out.at[row, "amount"]
        if (sec == "cost" and amount > 0) or (sec == "income" and amount < 0):
            problems.warning(**table.place(row, "amount"),
                             message=_("cost line forecast above 0: income is positive and costs negative "
                                       "(sign typed the other way?)") if sec == "cost" else
                             _("income line forecast below 0: income is positive and costs negative "
                               "(sign typed the other way?)"))
    return out.reset_index(drop=True)
