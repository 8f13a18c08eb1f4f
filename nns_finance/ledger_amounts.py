"""Amount columns of ledger size: :func:`ore_column` parses a million amounts in well under a second.

It gives exactly what :func:`nns_finance.money.parse_ore_series` gives (``Int64`` öre and a
reason per bad cell), but reads the common forms — ``-1 552 276,50``, ``1552276.5``, ``12``,
with space, no-break-space or apostrophe thousands and a hyphen, minus sign or en dash — with
numpy digit arithmetic on a fixed-width character array instead of regular expressions. Every
cell it does not recognise (``200 kr``, ``+5``, text, more than two decimals, 10^12 kr or more,
very long cells) goes to ``parse_ore_series``, which decides and says why.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .money import MAX_ORE, ORE_PER_KRONA, parse_ore_series

WIDTH = 32                                   # longer cells take the exact, slow path
_SKIP = np.array([0x20, 0x09, 0xA0, 0x202F, 0x2009, 0x27], dtype=np.uint32)   # thousands
_MINUS = np.array([0x2D, 0x2212, 0x2013], dtype=np.uint32)                  # - − –
_ZERO, _NINE, _COMMA, _DOT = 0x30, 0x39, 0x2C, 0x2E
_MAX_INT_DIGITS = 15


def ore_column(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``(ore, reasons)`` like :func:`~nns_finance.money.parse_ore_series`, fast.

    ``ore`` is ``Int64`` (``<NA>`` where blank or bad); ``reasons`` is ``""`` where the cell is
    fine or blank, else why it is not an amount.
    """
    n = len(values)
    ore = np.zeros(n, dtype=np.int64)
    if n == 0:
        return pd.Series(ore, index=values.index, dtype="Int64"), pd.Series("", index=values.index, dtype="object")
    text = values.astype("str").fillna("").to_numpy(dtype=object)
    chars = np.asarray(text, dtype="U")
    width = chars.dtype.itemsize // 4
    if width > WIDTH:                        # a few long cells: cut them and send them the slow way
        chars = np.asarray(text, dtype=f"<U{WIDTH + 1}")
        width = WIDTH + 1
    c = chars.view(np.uint32).reshape(n, width)
    too_long = c[:, WIDTH] != 0 if width > WIDTH else np.zeros(n, dtype=bool)
    c = np.ascontiguousarray(c[:, :WIDTH].T)   # one row per character position: fast slices
    width = c.shape[0]
    digit = (c >= _ZERO) & (c <= _NINE)
    sep = (c == _COMMA) | (c == _DOT)
    minus = _any_of(c, _MINUS)
    other = ~(digit | sep | minus | _any_of(c, _SKIP) | (c == 0))

    blank = ~(digit | sep | minus | other | (c == 0x27)).any(axis=0) & ~too_long
    n_minus = minus.sum(axis=0)
    n_sep = sep.sum(axis=0)
    numeric = digit | sep
    first_num = np.where(numeric.any(axis=0), np.argmax(numeric, axis=0), width)
    sep_pos = np.where(n_sep == 1, np.argmax(sep, axis=0), width)
    int_digit = digit & (np.arange(width)[:, None] < sep_pos[None, :])
    frac_digit = digit & ~int_digit
    n_int, n_frac = int_digit.sum(axis=0), frac_digit.sum(axis=0)
    ok = (~other.any(axis=0) & ~too_long & (n_sep <= 1) & (n_minus <= 1)
          & ((n_minus == 0) | (np.argmax(minus, axis=0) < first_num))
          & (n_int >= 1) & (n_int <= _MAX_INT_DIGITS) & (n_frac <= 2))

    d = np.where(digit, c - _ZERO, 0).astype(np.int64)
    whole = np.zeros(n, dtype=np.int64)
    frac = np.zeros(n, dtype=np.int64)
    for j in range(width):                  # Horner over the positions, vectorised over the rows
        whole = np.where(int_digit[j], whole * 10 + d[j], whole)
        frac = np.where(frac_digit[j], frac * 10 + d[j], frac)
    frac = np.where(n_frac == 1, frac * 10, frac)
    value = whole * ORE_PER_KRONA + frac
    value = np.where(n_minus == 1, -value, value)
    ok &= np.abs(value) < MAX_ORE
    ore = np.where(ok, value, 0)

    result = pd.Series(ore, index=values.index, dtype="Int64")
    result[~ok] = pd.NA
    reasons = pd.Series("", index=values.index, dtype="object")
    slow = ~ok & ~blank
    if slow.any():
        s_ore, s_reasons = parse_ore_series(values[slow])
        result[slow] = s_ore.to_numpy()
        reasons[slow] = s_reasons.to_numpy()
    return result, reasons


def _any_of(c: np.ndarray, codes: np.ndarray) -> np.ndarray:
    out = c == codes[0]
    for code in codes[1:]:
        out |= c == code
    return out
