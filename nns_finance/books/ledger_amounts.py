"""Amount columns of ledger size: :func:`ore_column` parses a million amounts in well under a second.

It gives exactly what :func:`nns_finance.core.money.parse_ore_series` gives (``Int64`` öre and a
reason per bad cell), but reads the common forms — ``-1 552 276,50``, ``1552276.5``, ``12``,
with space, no-break-space or apostrophe thousands and a hyphen, minus sign or en dash — with
numpy digit arithmetic on a fixed-width character array instead of regular expressions. Every
cell it does not recognise (``200 kr``, ``+5``, text, more than two decimals, 10^12 kr or more,
very long cells) goes to ``parse_ore_series``, which decides and says why.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.money import MAX_ORE, ORE_PER_KRONA, parse_ore_series

WIDTH = 32                                   # longer cells take the exact, slow path
_MAX_INT_DIGITS = 15
_ZERO = 0x30

# every character is sorted into one class by a lookup table (code points above it are OTHER)
PAD, DIGIT, SEP, MINUS, SPACE, APOSTROPHE, OTHER = range(7)
_TABLE = np.full(0x2214, OTHER, dtype=np.uint8)
_TABLE[0] = PAD
_TABLE[0x30:0x3A] = DIGIT
_TABLE[[0x2C, 0x2E]] = SEP                                  # , .
_TABLE[[0x2D, 0x2212, 0x2013]] = MINUS                      # - − –
_TABLE[[0x20, 0x09, 0xA0, 0x202F, 0x2009]] = SPACE          # spaces group thousands
_TABLE[0x27] = APOSTROPHE                                   # 1'000 groups thousands too


def ore_column(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``(ore, reasons)`` like :func:`~nns_finance.core.money.parse_ore_series`, fast.

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
    kind = _TABLE[np.minimum(c, len(_TABLE) - 1)]

    # one pass over the positions, vectorised over the cells: a small state machine
    bad = too_long.copy()
    filled = np.zeros(n, dtype=bool)           # anything but whitespace (blank cells are no error)
    negative = np.zeros(n, dtype=bool)
    seen_number = np.zeros(n, dtype=bool)      # a digit or the separator seen
    seen_sep = np.zeros(n, dtype=bool)
    n_int = np.zeros(n, dtype=np.int64)
    n_frac = np.zeros(n, dtype=np.int64)
    whole = np.zeros(n, dtype=np.int64)
    frac = np.zeros(n, dtype=np.int64)
    for j in range(c.shape[0]):
        k = kind[j]
        digit, sep, minus = k == DIGIT, k == SEP, k == MINUS
        bad |= (k == OTHER) | (sep & seen_sep) | (minus & (negative | seen_number))
        filled |= (k != PAD) & (k != SPACE)
        negative |= minus
        seen_number |= digit | sep
        int_digit = digit & ~seen_sep
        frac_digit = digit & seen_sep
        d = c[j].astype(np.int64) - _ZERO
        whole = np.where(int_digit, whole * 10 + d, whole)
        frac = np.where(frac_digit, frac * 10 + d, frac)
        n_int += int_digit
        n_frac += frac_digit
        seen_sep |= sep
    blank = ~filled & ~too_long
    ok = ~bad & (n_int >= 1) & (n_int <= _MAX_INT_DIGITS) & (n_frac <= 2)
    frac = np.where(n_frac == 1, frac * 10, frac)
    value = whole * ORE_PER_KRONA + frac
    value = np.where(negative, -value, value)
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

