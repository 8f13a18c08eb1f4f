"""Money: amounts as integer öre, parsed from what treasurers type and written as Swedes read it.

Never a float sum: every amount inside the package is an ``int`` (or an ``int64`` column) of
öre. This module is the one place that turns text or spreadsheet cells into öre and öre back
into text:

- :func:`parse_ore` / :func:`parse_ore_series` read ``1 552 276``, ``-1 552 276,50``,
  ``1552276.5``, ``−200 kr``: whitespace (also no-break space) groups thousands, one ``,`` or ``.``
  is the decimal separator, at most two decimals, at most 10^12 kronor.
- :func:`format_kr` writes ``1 552 276 kr`` (Swedish: space thousands, decimal comma).
- :func:`kronor_csv` writes ``1552276.00`` for machine-readable CSV.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np
import pandas as pd
from .i18n import _

ORE_PER_KRONA = 100
MAX_KRONOR = 10**12
MAX_ORE = MAX_KRONOR * ORE_PER_KRONA

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_AMOUNT = re.compile(r"^([-+]?)([0-9]+)(?:[.,]([0-9]*))?$")
# digits other than ASCII 0-9 (full-width ４, Arabic-Indic ٤ …): Python's \d and int() take them
_FOREIGN_DIGIT = re.compile(r"(?![0-9])\d")
_UNIT = re.compile(r"\s*(kr|sek|:-)\.?\s*$", re.IGNORECASE)


class AmountError(ValueError):
    """Text that is not an amount; the message says why, for a Problem."""


def foreign_digit(text: str) -> str | None:
    """Why ``text`` holds a digit other than ASCII 0–9 (``'４' (FULLWIDTH DIGIT FOUR)``), else None."""
    m = _FOREIGN_DIGIT.search(text)
    if m is None:
        return None
    import unicodedata
    return _("{char} ({name}) is not a digit 0–9", char=repr(m.group()),
             name=unicodedata.name(m.group(), 'U+%04X' % ord(m.group())))


def _clean(text: str) -> str:
    text = _UNIT.sub("", text.strip().translate(_MINUS))
    return _SPACES.sub("", text)


def parse_ore(value: object) -> int:
    """One amount (text, int, float or Decimal from a cell) in öre.

    >>> parse_ore("1 552 276")
    155227600
    >>> parse_ore("-85 500,5")
    -8550050
    """
    if isinstance(value, bool):
        raise AmountError(_("not an amount: {value}", value=repr(value)))
    if isinstance(value, (int, np.integer)):
        ore = int(value) * ORE_PER_KRONA
    elif isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise AmountError(_("not an amount: {value}", value=repr(value)))
        ore = _decimal_to_ore(Decimal(repr(float(value))), repr(value))
    elif isinstance(value, Decimal):
        ore = _decimal_to_ore(value, str(value))
    else:
        foreign = foreign_digit(str(value))
        if foreign:
            raise AmountError(_("not an amount: {value}: {why}", value=repr(str(value).strip()), why=foreign))
        text = _clean(str(value))
        m = _AMOUNT.match(text)
        if not m:
            raise AmountError(_("not an amount: {value}", value=repr(str(value).strip())))
        sign, whole, frac = m.groups()
        frac = frac or ""
        if len(frac) > 2:
            raise AmountError(_("more than two decimals: {value}", value=repr(str(value).strip())))
        ore = int(whole) * ORE_PER_KRONA + int(frac.ljust(2, "0") or 0)
        ore = -ore if sign == "-" else ore
    if abs(ore) >= MAX_ORE:
        raise AmountError(_("amount beyond 10^12 kr: {value}", value=repr(str(value).strip())))
    return ore


def _decimal_to_ore(d: Decimal, shown: str) -> int:
    try:
        scaled = d * ORE_PER_KRONA
        if scaled != scaled.to_integral_value():
            # floats from spreadsheets: accept binary noise below 1e-6 öre, refuse real 3rd decimals
            near = scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP)
            if abs(scaled - near) > Decimal("0.000001"):
                raise AmountError(_("more than two decimals: {value}", value=shown))
            scaled = near
        return int(scaled)
    except InvalidOperation as exc:  # pragma: no cover - NaN decimals
        raise AmountError(_("not an amount: {value}", value=shown)) from exc


_SERIES_RE = r"^(-?)([0-9]{1,15})(?:[.,]([0-9]{0,2}))?$"


def parse_ore_series(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Vectorised :func:`parse_ore` for a column of text.

    Returns ``(ore, bad)``: ``ore`` is an ``Int64`` series (``<NA>`` where blank or bad) and
    ``bad`` holds, for each bad cell, the reason (``""`` where the cell is fine or blank).
    Blank cells are neither amounts nor errors; the caller decides whether blank is allowed.
    """
    text = values.astype("string").fillna("")
    text = text.str.strip()
    blank = text == ""
    cleaned = (text.str.translate(_MINUS).str.replace(_UNIT.pattern, "", regex=True, flags=re.IGNORECASE)
               .str.replace(_SPACES.pattern, "", regex=True))
    parts = cleaned.str.extract(_SERIES_RE)
    ok = parts[1].notna() & ~blank
    whole = pd.to_numeric(parts[1].where(ok), errors="coerce").astype("Int64")
    frac = pd.to_numeric(parts[2].where(ok).fillna("").str.ljust(2, "0").replace("", "00"),
                         errors="coerce").astype("Int64")
    ore = whole * ORE_PER_KRONA + frac.fillna(0)
    ore = ore.where(parts[0] != "-", -ore)
    too_big = ok & (ore.abs() >= MAX_ORE)
    ore = ore.where(ok & ~too_big)
    bad = pd.Series("", index=values.index, dtype="object")
    failed = ~ok & ~blank
    if failed.any():
        # the slow path only for the failures: give each its precise reason
        for idx in failed[failed].index:
            try:
                parse_ore(values.loc[idx])
                bad.loc[idx] = _("not an amount: {value}", value=repr(str(values.loc[idx]).strip()))
            except AmountError as exc:
                bad.loc[idx] = str(exc)
    if too_big.any():
        bad[too_big] = [_("amount beyond 10^12 kr: {value}", value=repr(str(v).strip())) for v in values[too_big]]
    return ore.astype("Int64"), bad


def round_to_krona(ore: int) -> int:
    """Öre rounded to whole kronor (half away from zero), still in öre."""
    q, r = divmod(abs(int(ore)), ORE_PER_KRONA)
    q += 1 if r >= 50 else 0
    return q * ORE_PER_KRONA * (1 if ore >= 0 else -1)


def kronor(ore: int) -> Decimal:
    """Öre as an exact :class:`Decimal` of kronor."""
    return Decimal(int(ore)) / ORE_PER_KRONA


def to_ore(kr: Decimal | int | str) -> int:
    """Exact kronor (Decimal, int or text like ``"123400"``) to öre; refuses a third decimal."""
    return parse_ore(kr if not isinstance(kr, str) else kr)


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(groups)


def format_kr(ore: int | None, *, decimals: int = 0, unit: bool = True, sep: str = " ",
              minus: str = "-", blank: str = "") -> str:
    """Swedish money text: ``1 552 276 kr``, ``-85 500 kr``, ``3 264,11 kr`` (decimals=2).

    ``decimals=0`` rounds half away from zero to whole kronor. ``None``/NA gives ``blank``.
    """
    if ore is None or ore is pd.NA or (isinstance(ore, float) and math.isnan(ore)):
        return blank
    ore = int(ore)
    if decimals == 0:
        ore = round_to_krona(ore)
    negative = ore < 0
    whole, frac = divmod(abs(ore), ORE_PER_KRONA)
    text = _group(str(whole), sep)
    if decimals:
        text += "," + f"{frac:02d}"[:decimals].ljust(decimals, "0")
    if negative:
        text = minus + text
    return f"{text} kr" if unit else text


def format_number(value: int, sep: str = " ") -> str:
    """An integer count with Swedish thousands grouping: ``1 000 000``."""
    value = int(value)
    return ("-" if value < 0 else "") + _group(str(abs(value)), sep)


def format_percent(value: float | None, decimals: int = 1, blank: str = "") -> str:
    """A ratio as a Swedish per cent: ``0.0312`` → ``3,1 %``."""
    if value is None or value is pd.NA or (isinstance(value, float) and not math.isfinite(value)):
        return blank
    return f"{value * 100:.{decimals}f}".replace(".", ",").replace("-", "-") + " %"


def kronor_csv(ore: int | None) -> str:
    """Machine-readable kronor for CSV: ``1552276.00``, ``-85500.50``; blank for NA."""
    if ore is None or ore is pd.NA:
        return ""
    ore = int(ore)
    sign = "-" if ore < 0 else ""
    whole, frac = divmod(abs(ore), ORE_PER_KRONA)
    return f"{sign}{whole}.{frac:02d}"
