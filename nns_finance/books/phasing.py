"""``phasing.csv`` / ``phasing.xlsx`` (optional): the treasurer's monthly profiles per budget line.

Read into :class:`MonthlyProfile` records (see :mod:`nns_finance.accounting.phasing` for how a
profile spreads a year amount over the months).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..core.problems import Problems
from .grids import Column, columns_by_header, find_input, normalise_header, read_grid
from ..core.i18n import _

PHASING_STEM = "phasing"
MONTH_COLUMNS = tuple(f"m{m}" for m in range(1, 13))
_MONTH_ALIASES = (
    ("jan", "januari", "january", "01"), ("feb", "februari", "february", "02"),
    ("mar", "mars", "march", "03"), ("apr", "april", "04"), ("maj", "may", "05"),
    ("jun", "juni", "june", "06"), ("jul", "juli", "july", "07"),
    ("aug", "augusti", "august", "08"), ("sep", "sept", "september", "09"),
    ("okt", "oktober", "oct", "october", "10"), ("nov", "november", "11"),
    ("dec", "december", "12"),
)
CODE_ALIASES = ("kod", "budgetrad", "rad", "line", "budget_line", "radkod")

MAX_WEIGHT = 1_000_000       # a month weight (per cent, per mille or any scale) is at most this


TEMPLATE_HELP = """\
phasing.csv (eller phasing.xlsx, frivillig) – periodiseringen: hur en budgetrads årsbelopp
fördelas på månaderna i rapportens "Budget ack.". Utan filen fördelas varje rad jämnt, och då
syns t.ex. medlemsavgifterna som faktureras i januari som långt över budget i januari. En rad
per profil: kod (budgetraden, en rad med underrader eller ett avsnitt som "intakter"), år
(frivilligt; tomt = alla år), sedan tolv kolumner jan … dec med vikter (1, 0,25 eller 25 %;
tomt = 0). Exempel: intakter.medlemsavgifter;1;0;0;0;0;0;0;0;0;0;0;0 lägger hela årets budget
i januari."""


@dataclass(frozen=True)
class MonthlyProfile:
    """How one budget line (or everything under a line or section) is spread over the year.

    code:    the budget line code, a line with sub-lines, or a section slug (``intakter``)
    year:    the year it applies to; None for every year
    weights: twelve non-negative relative weights, January first (not all zero)
    where:   ``phasing.csv:3`` — where it was given, for the report's notes
    """

    code: str
    year: int | None
    weights: tuple[Fraction, ...]
    where: str = ""


def leaf_codes(budget_lines: pd.DataFrame) -> list[str]:
    """Budget line codes without sub-lines, in the table's order (what accounts map to)."""
    lines = budget_lines.sort_values("order")
    parents = set(lines["parent"].astype(str))
    return [c for c in lines["code"].astype(str) if c not in parents]


def _month_of(header: str) -> int | None:
    key = normalise_header(header).rstrip("_")
    key = key.lstrip("m") if key[:1] == "m" and key[1:].isdigit() else key
    if key.isdigit() and 1 <= int(key) <= 12:
        return int(key)
    for i, aliases in enumerate(_MONTH_ALIASES, start=1):
        if key in aliases:
            return i
    return None


def read_phasing(folder: Path, problems: Problems, budget_lines: pd.DataFrame) -> list[MonthlyProfile]:
    """The profiles in ``phasing.csv|xlsx`` (none when the file is absent); problems collected."""
    path = find_input(Path(folder), PHASING_STEM)
    if path is None:
        return []
    grid = read_grid(path, problems, name=path.name)
    if grid is None:
        return []
    if grid.cells.empty:
        problems.error(path.name, None, _("no rows: expected a header row and data"))
        return []
    headers = [str(h) for h in grid.cells.iloc[0].tolist()]
    months = {m: i for i, h in enumerate(headers) for m in [_month_of(h)] if m is not None}
    table = columns_by_header(grid, [Column("code", CODE_ALIASES), Column("year", ("ar", "år"), False)],
                              problems)
    if table is None:
        return []
    missing = [m for m in range(1, 13) if m not in months]
    if missing:
        problems.error(**grid.place(table.header_row), message=_("missing month column(s) {months} (expected jan … dec or 1 … 12)",
                                                                 months=", ".join(str(m) for m in missing)))
        return []
    known = set(budget_lines["code"].astype(str)) | {c.split(".")[0] for c in budget_lines["code"].astype(str)}
    body = grid.cells.iloc[1:]
    seen: dict[tuple[str, int | None], int] = {}
    out: list[MonthlyProfile] = []
    for row, code in table.frame["code"].items():
        place = table.place(row, "code")
        code = code.strip()
        ok = True
        if not code:
            problems.error(**place, message=_("no budget line code"))
            ok = False
        elif code not in known:
            problems.error(**place, message=_("unknown budget line {code} (not in the budget)", code=repr(code)))
            ok = False
        year_text = table.frame.at[row, "year"].strip()
        year = None
        if year_text:
            if year_text.isdigit() and len(year_text) == 4:
                year = int(year_text)
            else:
                problems.error(**table.place(row, "year"), message=_("year {value}: expected YYYY or blank", value=repr(year_text)))
                ok = False
        weights = []
        for m in range(1, 13):
            col = months[m]
            text = str(body.at[row, col]).strip().replace(",", ".").replace(" ", "").rstrip("%")
            why = _("expected a number of at least 0")
            try:
                d = Decimal(text) if text else Decimal(0)
                # checked before any arithmetic: Infinity or 1e999999999 would crash or fill the memory
                if d.is_nan() or d < 0:
                    raise ValueError
                if d > MAX_WEIGHT or d.as_tuple().exponent < -6:
                    why = _("expected at most 1 000 000 with at most 6 decimals (a weight, not an amount)")
                    raise ValueError
                w = Fraction(d)
            except (InvalidOperation, ValueError):
                problems.error(**grid.place(row, col), message=_("month weight {value}: {why}", value=repr(body.at[row, col]), why=why))
                ok = False
                continue
            weights.append(w)
        if ok and sum(weights) == 0:
            problems.error(**place, message=_("the twelve month weights add up to 0"))
            ok = False
        if ok and (code, year) in seen:
            problems.error(**place, message=_("{code} given twice (first on line {first})", code=repr(code), first=seen[(code, year)]))
            ok = False
        if ok:
            seen[(code, year)] = int(row)
            where = f"{path.name}:{int(row)}"
            out.append(MonthlyProfile(code, year, tuple(weights), where))
    return out
