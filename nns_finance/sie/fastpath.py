"""The fast path: the very regular ``#TRANS`` and ``#VER`` lines of big files, read at once.

A year's export is mostly lines like ``#TRANS 1930 {} -1000.00 20250105 "Text"``. Instead of
running the tokenizer on each, the lines of one kind are joined and matched by one regular
expression (``re.findall`` runs in C) that accepts only the common, unambiguous forms: a bare
account, an object list without escapes, an amount with at most two decimals, a ``YYYYMMDD``
date or ``""``, a text with no two backslashes in a row, a numeric quantity or ``""``, a sign. Every field is
positional, as in the tokenizer, so a line the pattern accepts reads exactly as
:func:`~.tokenize.tokenize_line` would read it (a test checks this on the whole corpus);
any other line comes back in ``fallback`` for the tokenizer.
"""
from __future__ import annotations

import re

import numpy as np

_SEP = r"[ \t]+"
_BARE = r'[^ \t"{}\r\n]+'
_QTEXT = r'"([^"\\\n]*(?:\\[^\\\n][^"\\\n]*)*)"'   # quoted; \" escapes, never two backslashes in a row
_TEXT = r"(?:" + _QTEXT + r"|(" + _BARE + r"))"
_IDENT = r'(?:"([^"\\\n]*)"|(' + _BARE + r"))"
_DATE_OR_EMPTY = r'(?:([0-9]{8})|"")'
_SIGN = r'("[^"\\\n]*"|' + _BARE + r")"
_END = r"[ \t\r]*"

#  1 account  2 objects  3 minus  4 kronor  5 öre  6 date  7 quoted text  8 bare text  9 qty  10 sign
TRANS_PATTERN = (
    r"[ \t]*#[A-Za-z]+" + _SEP + r"([0-9]+)[ \t]*"
    r'\{([^{}"\\\n]*(?:"[^"\\\n]*"[^{}"\\\n]*)*)\}[ \t]*'
    r"(-?)([0-9]{1,13})(?:\.([0-9]{1,2}))?"
    r"(?:" + _SEP + _DATE_OR_EMPTY +
    r"(?:" + _SEP + _TEXT +
    r'(?:' + _SEP + r'(?:(-?[0-9]+(?:\.[0-9]+)?)|"")' +
    r"(?:" + _SEP + _SIGN + r")?)?)?)?" + _END)
TRANS_GROUPS = ("account", "objects", "minus", "kronor", "ore", "date", "qtext", "btext", "qty", "sign")

#  1/2 series  3/4 number  5 date  6/7 text  8 regdate  9 sign
VER_PATTERN = (
    r"[ \t]*#[A-Za-z]+" + _SEP + _IDENT + _SEP + _IDENT + _SEP + r"([0-9]{8})"
    r"(?:" + _SEP + _TEXT +
    r"(?:" + _SEP + _DATE_OR_EMPTY +
    r"(?:" + _SEP + _SIGN + r")?)?)?" + _END)
VER_GROUPS = ("qseries", "bseries", "qnumber", "bnumber", "date", "qtext", "btext", "regdate", "sign")



def _possessive(pattern: str) -> str:
    """Make every character-class repetition possessive (Python 3.11+): none of them ever needs to
    give characters back here, and not trying saves a tenth of the time on large files."""
    return pattern.replace("]*", "]*+").replace("]+", "]++").replace("{1,13}", "{1,13}+")


_ESCAPE = re.compile(r'\\"')
_TRANS_RE = re.compile(r"^(?:" + _possessive(TRANS_PATTERN) + r"|.*)$", re.M)
_VER_RE = re.compile(r"^(?:" + _possessive(VER_PATTERN) + r"|.*)$", re.M)


def _match(lines: np.ndarray, regex: re.Pattern, names: tuple[str, ...]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Match every line; returns the groups as object columns (plus ``escaped``: the rows with a
    ``\\"`` somewhere) and the mask of lines that matched."""
    n = len(lines)
    if n == 0:
        cols = {name: np.empty(0, dtype=object) for name in names}
        cols["escaped"] = np.zeros(0, np.int64)
        return cols, np.zeros(0, bool)
    joined = "\n".join(lines.tolist())
    found = regex.findall(joined)
    if len(found) != n:  # pragma: no cover - a line with a newline inside cannot occur
        raise AssertionError("fast path lost the line alignment")
    table = np.empty((n, len(names)), dtype=object)
    table[:] = found
    del found
    columns = {name: table[:, i] for i, name in enumerate(names)}
    hits = [m.start() for m in _ESCAPE.finditer(joined)]
    if hits:
        ends = np.cumsum(np.fromiter(map(len, lines), np.int64, n) + 1)
        columns["escaped"] = np.unique(np.searchsorted(ends, np.array(hits), side="right"))
    else:
        columns["escaped"] = np.zeros(0, np.int64)
    return columns, columns[names[0]] != ""


def match_trans(lines: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """``#TRANS``/``#RTRANS``/``#BTRANS`` lines → their fields, and the mask of lines read here."""
    return _match(lines, _TRANS_RE, TRANS_GROUPS)


def match_ver(lines: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """``#VER`` lines → their fields, and the mask of lines read here (the date is never empty)."""
    cols, _ = _match(lines, _VER_RE, VER_GROUPS)
    return cols, cols["date"] != ""


def pick(quoted: np.ndarray, bare: np.ndarray, escaped: np.ndarray) -> np.ndarray:
    """The field from whichever of the two alternatives matched; ``\\"`` in quoted text is ``"``
    (only the rows in ``escaped`` can have one)."""
    out = np.where(bare != "", bare, quoted)
    for i in escaped:
        out[i] = quoted[i].replace('\\"', '"')
    return out


def unquote(values: np.ndarray) -> np.ndarray:
    """Strip the quotes of the (few) quoted values of a ``sign`` column."""
    out = values
    for i in np.flatnonzero(values != ""):
        if values[i].startswith('"'):
            out = values.copy() if out is values else out
            out[i] = values[i][1:-1]
    return out
