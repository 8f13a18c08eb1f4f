"""Budget phasing (periodisering): each budget line's year amount spread over the twelve months.

By default a line is spread evenly. The treasurer may give a monthly profile per line in the
optional data-folder file ``phasing.csv`` / ``phasing.xlsx``: a column ``code`` (budget line,
or a line with sub-lines, or a section — a profile applies to every leaf line beneath it that
has no profile of its own), an optional ``year`` (blank: every year), and twelve month columns
(``jan`` … ``dec``, Swedish or English names, or ``1`` … ``12``) holding relative weights::

    code;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec
    intakter.serviceavgifter;1;1;1;0;0;0;0;0;0;0;0;0
    kostnader.konferenser.arsmote-medlemsmote;0;0;0;1;0;0;0;0;0;0;0;0

Weights need not add up to anything (``25`` or ``0,25`` both work); a blank cell is 0. The
amounts are exact integer öre: each month gets its share rounded down and the öre left over go
to the months with the largest remainders (earlier month first on a tie), so the twelve months
always add up exactly to the line's year amount.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from ..books.load import find_input
from ..core.problems import InputError, Problems
from ..books.grids import Column, columns_by_header, read_grid

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


def spread(amount: int, weights: Sequence[Fraction | Decimal | int] = (1,) * 12) -> list[int]:
    """``amount`` öre split over the months in proportion to ``weights``, exactly.

    Largest-remainder method on the absolute amount (so a cost spreads like the same income):
    floor of each exact share, then one öre each to the largest remainders, earliest first.

    >>> spread(100, [1] * 12)
    [9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]
    >>> spread(-1000, [1, 1, 1] + [0] * 9)
    [-334, -333, -333, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    ws = [Fraction(w) for w in weights]
    total = sum(ws)
    if total <= 0 or any(w < 0 for w in ws):
        raise ValueError("weights must be non-negative and not all zero")
    sign = -1 if amount < 0 else 1
    whole = abs(int(amount))
    exact = [whole * w / total for w in ws]
    parts = [math.floor(x) for x in exact]
    left = whole - sum(parts)
    order = sorted(range(len(ws)), key=lambda m: (-(exact[m] - parts[m]), m))
    for m in order[:left]:
        parts[m] += 1
    return [sign * p for p in parts]


def leaf_codes(budget_lines: pd.DataFrame) -> list[str]:
    """Budget line codes without sub-lines, in the table's order (what accounts map to)."""
    lines = budget_lines.sort_values("order")
    parents = set(lines["parent"].astype(str))
    return [c for c in lines["code"].astype(str) if c not in parents]


def _month_of(header: str) -> int | None:
    from ..books.grids import normalise_header

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
        problems.error(path.name, None, "no rows: expected a header row and data")
        return []
    headers = [str(h) for h in grid.cells.iloc[0].tolist()]
    months = {m: i for i, h in enumerate(headers) for m in [_month_of(h)] if m is not None}
    table = columns_by_header(grid, [Column("code", CODE_ALIASES), Column("year", ("ar", "år"), False)],
                              problems)
    if table is None:
        return []
    missing = [m for m in range(1, 13) if m not in months]
    if missing:
        problems.error(**grid.place(table.header_row), message="missing month column(s) "
                       + ", ".join(str(m) for m in missing) + " (expected jan … dec or 1 … 12)")
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
            problems.error(**place, message="no budget line code")
            ok = False
        elif code not in known:
            problems.error(**place, message=f"unknown budget line {code!r} (not in the budget)")
            ok = False
        year_text = table.frame.at[row, "year"].strip()
        year = None
        if year_text:
            if year_text.isdigit() and len(year_text) == 4:
                year = int(year_text)
            else:
                problems.error(**table.place(row, "year"), message=f"year {year_text!r}: expected YYYY or blank")
                ok = False
        weights = []
        for m in range(1, 13):
            col = months[m]
            text = str(body.at[row, col]).strip().replace(",", ".").replace(" ", "").rstrip("%")
            try:
                w = Fraction(Decimal(text)) if text else Fraction(0)
                if w < 0:
                    raise ValueError
            except (InvalidOperation, ValueError):
                problems.error(**grid.place(row, col), message=f"month weight {body.at[row, col]!r}: "
                               "expected a number of at least 0")
                ok = False
                continue
            weights.append(w)
        if ok and sum(weights) == 0:
            problems.error(**place, message="the twelve month weights add up to 0")
            ok = False
        if ok and (code, year) in seen:
            problems.error(**place, message=f"{code!r} given twice (first on line {seen[(code, year)]})")
            ok = False
        if ok:
            seen[(code, year)] = int(row)
            where = f"{path.name}:{int(row)}"
            out.append(MonthlyProfile(code, year, tuple(weights), where))
    return out


def load_profiles(books) -> list[MonthlyProfile]:
    """The data folder's profiles; raises :class:`InputError` if the phasing file has errors."""
    problems = Problems()
    profiles = read_phasing(books.folder, problems, books.budget_lines)
    if problems.has_errors:
        raise InputError(problems)
    return profiles


def profile_for(code: str, year: int, profiles: Sequence[MonthlyProfile]) -> MonthlyProfile | None:
    """The profile that applies to ``code`` in ``year``: its own, else its line's, else its
    section's; a profile for that year wins over one for every year."""
    by_key: Mapping[tuple[str, int | None], MonthlyProfile] = {(p.code, p.year): p for p in profiles}
    parts = code.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        for key in ((prefix, year), (prefix, None)):
            if key in by_key:
                return by_key[key]
    return None


def phase_budget(books, year: int, version: str = "budget",
                 profiles: Sequence[MonthlyProfile] | None = None) -> pd.DataFrame:
    """The leaf budget of ``version``/``year`` spread over months 1..12.

    Returns columns code, month, amount (int64 öre), twelve rows per leaf line in the budget
    table's order; each line's months add up exactly to its year amount. ``profiles`` default
    to the data folder's ``phasing.csv|xlsx`` (see the module docstring).
    """
    if profiles is None:
        profiles = load_profiles(books)
    budget = books.budget
    rows = budget[(budget["version"] == version) & (budget["year"] == year)]
    amounts = rows.groupby(rows["code"].astype(str))["amount"].sum()
    order = leaf_codes(books.budget_lines)
    codes = [c for c in order if c in amounts.index] + sorted(set(amounts.index) - set(order))
    even = (Fraction(1),) * 12
    out_code, out_month, out_amount = [], [], []
    for code in codes:
        profile = profile_for(code, year, profiles)
        months = spread(int(amounts[code]), profile.weights if profile else even)
        out_code += [code] * 12
        out_month += list(range(1, 13))
        out_amount += months
    return pd.DataFrame({"code": pd.Series(out_code, dtype="str"),
                         "month": pd.Series(out_month, dtype="int64"),
                         "amount": pd.Series(out_amount, dtype="int64")})


def profile_names(books, year: int, profiles: Sequence[MonthlyProfile]) -> dict[str, str]:
    """Leaf code → where its profile was given (``phasing.csv:3``), for the lines that have one."""
    out = {}
    for code in leaf_codes(books.budget_lines):
        p = profile_for(code, year, profiles)
        if p is not None:
            out[code] = p.where
    return out
