"""SIE field values: amounts to exact öre, dates and periods — one at a time and vectorised.

SIE amounts use ``.`` as the decimal point, at most two decimals, a leading ``-`` for credit
(§5.9). A ``,`` decimal or a leading ``+`` is read with a warning (files in the wild have
them); a third decimal, or an amount of 10^12 kr or more, is an error. Dates are ``YYYYMMDD``
(``""`` and ``00000000`` mean no date; ``YYYY-MM-DD`` is read with a warning), periods
``YYYYMM``.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..core.dates import outside_years, year_outside
from ..core.money import MAX_ORE
from ..core.i18n import _

_AMOUNT = re.compile(r"^([-+]?)([0-9]+)(?:([.,])([0-9]*))?$")
_DATE = re.compile(r"^([0-9]{4})-?([0-9]{2})-?([0-9]{2})$")
_PERIOD = re.compile(r"^([0-9]{4})-?([0-9]{2})$")
_QUANTITY = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")
_ORE = pa.decimal128(15, 2)   # 13 digits of kronor (the fast path's limit) and two of öre




class ValueIssue(ValueError):
    """A field that cannot be read; the message names the rule (for a Problem)."""


def parse_amount(text: str) -> tuple[int, str | None]:
    """One SIE amount in öre, plus a warning for a tolerated deviation.

    >>> parse_amount("-10586.99"), parse_amount("17240"), parse_amount("12,5")
    ((-1058699, None), (1724000, None), (1250, "amount '12,5' uses a decimal comma"))
    """
    m = _AMOUNT.match(text.strip())
    if not m:
        raise ValueIssue(_("not an amount: {value}", value=repr(text)) if text else _("amount missing"))
    sign, whole, sep, frac = m.groups()
    frac = frac or ""
    if len(frac) > 2:
        raise ValueIssue(_("amount {value} has more than two decimals", value=repr(text)))
    ore = int(whole) * 100 + int(frac.ljust(2, "0"))
    if ore >= MAX_ORE:
        raise ValueIssue(_("amount {value} is beyond 10^12 kr", value=repr(text)))
    warning = None
    if sep == ",":
        warning = _("amount {value} uses a decimal comma", value=repr(text))
    elif sign == "+":
        warning = _("amount {value} has a '+' sign", value=repr(text))
    return (-ore if sign == "-" else ore), warning


def parse_date(text: str) -> tuple[np.datetime64 | None, str | None]:
    """``YYYYMMDD`` to a date (``None`` for ``""``/``00000000``), plus a warning for dashes."""
    text = text.strip()
    if text in ("", "00000000"):
        return None, None
    m = _DATE.match(text)
    if not m:
        raise ValueIssue(_("not a date (YYYYMMDD): {value}", value=repr(text)))
    try:
        if not 1900 <= int(m.group(1)) <= 2200:
            raise ValueError
        value = np.datetime64(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "ns")
    except ValueError:
        raise ValueIssue(no_such_date(text)) from None
    return value, (_("date {value} is not written YYYYMMDD", value=repr(text)) if "-" in text else None)


def no_such_date(text: str) -> str:
    """What is wrong with a ``YYYYMMDD`` that did not read: its year, or the date itself."""
    return outside_years(text) if year_outside(text) else _("no such date: {value}", value=repr(text))


def parse_period(text: str) -> pd.Period:
    """``YYYYMM`` to a monthly period."""
    m = _PERIOD.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueIssue(_("not a period (YYYYMM): {value}", value=repr(text)))
    return pd.Period(year=int(m.group(1)), month=int(m.group(2)), freq="M")


def is_quantity(text: str) -> bool:
    """True for a quantity field: a number or empty."""
    return text == "" or bool(_QUANTITY.match(text))


def _strings(values) -> pa.Array | pa.ChunkedArray:
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    return pa.array(np.asarray(values, dtype=object), pa.large_string())


def amounts_from_text(values) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised: amounts written ``-?\\d{1,13}(?:\\.\\d\\d?)?`` (the caller's pattern
    guarantees it; ``""``, a line the pattern did not match, reads as 0), Arrow or numpy →
    (öre, too_big). Exact: Arrow reads each as a decimal of two decimals, whose unscaled
    integer is the öre."""
    values = _strings(values)
    if len(values) == 0:
        return np.zeros(0, np.int64), np.zeros(0, bool)
    try:
        decimals = pc.cast(values, _ORE)
    except pa.ArrowInvalid:  # the lines the pattern did not match
        decimals = pc.cast(pc.if_else(pc.equal(values, ""), "0", values), _ORE)
    chunks = decimals.chunks if isinstance(decimals, pa.ChunkedArray) else [decimals]
    # a decimal128 is two 64-bit words, the low one first: the öre, as |öre| < 10^15 < 2^63
    ore = np.concatenate([np.frombuffer(c.buffers()[1], np.int64)[2 * c.offset:2 * (c.offset + len(c)):2]
                          for c in chunks] or [np.zeros(0, np.int64)])  # (a copy: the tokenizer fills in)
    return ore, np.abs(ore) >= MAX_ORE


def dates_from_text(values) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised ``YYYYMMDD`` (or ``""``), Arrow or numpy → (datetime64[ns] with NaT for none,
    bad mask); each distinct text is read once."""
    values = _strings(values)
    if len(values) == 0:
        return np.zeros(0, "datetime64[ns]"), np.zeros(0, bool)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    encoded = pc.dictionary_encode(values)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    u = pd.Series(encoded.dictionary.to_numpy(zero_copy_only=False), dtype=object)
    # years outside 1900-2200 are typing errors, refused before pandas could overflow on them
    in_range = u.astype(str).str.match(r"^(19[0-9][0-9]|2[01][0-9][0-9]|2200)[0-9]{4}$").to_numpy(bool)
    parsed = pd.to_datetime(u.where(in_range), format="%Y%m%d", errors="coerce").to_numpy("datetime64[ns]")
    bad_u = np.isnat(parsed) & (u != "").to_numpy() & (u != "00000000").to_numpy()
    return parsed[codes], bad_u[codes]
