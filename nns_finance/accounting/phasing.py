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
from decimal import Decimal
from fractions import Fraction
from typing import Mapping, Sequence

import pandas as pd

from ..books.phasing import MONTH_COLUMNS, MonthlyProfile, leaf_codes  # noqa: F401  (the records it spreads)
from ..core.i18n import _, language

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


def load_profiles(books) -> list[MonthlyProfile]:
    """The data folder's profiles, as :func:`nns_finance.books.load.load` read them."""
    return list(books.phasing)


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


PHASING_FILE_STEM = "phasing."
SEASONAL_SHARE = Fraction(3, 5)   # more than this share of a year's outcome in one month


def seasonal_problems(books, share: Fraction = SEASONAL_SHARE) -> list:
    """Warnings for budget lines whose ledger outcome is seasonal but that have no phasing.

    A line is seasonal in a year when one month holds more than ``share`` (60 %) of the year's
    outcome (each month counted by its size). Without a profile in ``phasing.csv`` the report's
    ``Budget ack.`` spreads such a line evenly, so January's membership invoices show as far
    above budget. Only years with vouchers in at least four months, and lines with a budget
    that year, are judged.
    """
    from ..core.labels import month_name
    from ..core.problems import Problem, WARNING
    from .outcome import outcome_by_line

    led = books.ledger
    if not len(led) or not len(books.budget) or not len(books.accounts):
        return []
    if any(p.is_error and p.file.startswith(PHASING_FILE_STEM) for p in books.problems):
        return []                  # the phasing file's own errors come first
    profiles = load_profiles(books)
    budget = books.budget[books.budget["version"] == "budget"]
    out = []
    for year in sorted(int(y) for y in led["year"].unique()):
        months = led.loc[led["year"] == year, "date"].dt.month.nunique()
        if months < 4:
            continue
        budgeted = set(budget.loc[(budget["year"] == year) & (budget["amount"] != 0), "code"].astype(str))
        outcome = outcome_by_line(books, year)
        size = outcome.assign(size=outcome["amount"].abs())
        by_line = size.groupby("code")["size"]
        total, top = by_line.sum(), by_line.max()
        peak = size.loc[size.groupby("code")["size"].idxmax().dropna().astype(int)].set_index("code")["month"]
        seasonal = total[(total > 0) & (top * share.denominator > total * share.numerator)].index
        for code in seasonal:
            if code not in budgeted or profile_for(code, year, profiles) is not None:
                continue
            percent = round(100 * int(top[code]) / int(total[code]))
            out.append(Problem(
                "phasing.csv", None,
                _("{code}: {percent} % of the {year} outcome falls in {month} but the line has no "
                  "phasing, so Budget ack. spreads it evenly: add a row to phasing.csv", code=code,
                  percent=percent, year=year, month=month_name(int(peak[code]), language())),
                WARNING, rule="seasonal-without-phasing"))
    return out
