"""The fast path: the very regular ``#TRANS`` and ``#VER`` lines of big files, read at once.

A year's export is mostly lines like ``#TRANS 1930 {} -1000.00 20250105 "Text"``. Instead of
running the tokenizer on each, the lines of one kind are matched as one Arrow string array by
one regular expression (``pyarrow.compute.extract_regex``, RE2 in C++, no Python per line) that
accepts only the common, unambiguous forms: a bare account, an object list without escapes, an
amount with at most two decimals, a ``YYYYMMDD`` date or ``""``, a text with no two backslashes
in a row, a numeric quantity or ``""``, a sign. Every field is positional, as in the tokenizer,
so a line the pattern accepts reads exactly as :func:`~.tokenize.tokenize_line` would read it
(a test checks this on the whole corpus); any other line is left to the tokenizer.

The fields come back as Arrow string arrays (``large_string``), which pandas keeps as its
``str`` dtype without copying.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor, as_completed

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..core import progress

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

STRING = pa.large_string()


def _named(pattern: str, names: tuple[str, ...]) -> str:
    """The pattern for RE2, anchored at both ends, its groups named in order; a line may still
    carry its line feed."""
    groups = iter(names)
    named = re.sub(r"\((?!\?)", lambda m: f"(?P<{next(groups)}>", pattern)
    if next(groups, None) is not None:  # pragma: no cover - the names and the groups must agree
        raise AssertionError("group names do not match the pattern")
    return "^" + named + r"\n?$"


_TRANS_RE2 = _named(TRANS_PATTERN, TRANS_GROUPS)
_VER_RE2 = _named(VER_PATTERN, VER_GROUPS)


def as_strings(values) -> pa.Array | pa.ChunkedArray:
    """Text values (numpy, list or Arrow) as Arrow ``large_string`` (chunked stays chunked)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values if values.type == STRING else values.cast(STRING)
    return pa.array(np.asarray(values, dtype=object), STRING)


PIECE = 250_000  # rows matched at a time


def extract(lines: pa.Array, pattern: str, names: tuple[str, ...]) -> tuple[dict[str, pa.ChunkedArray], np.ndarray]:
    """Match every line; returns the groups as Arrow string columns (``""`` where a line did not
    match or a group took no part) and the mask of lines that matched.

    A big array is matched in pieces at once on every core (Arrow lets go of the GIL), with a
    bar over the rows on a terminal; the columns stay in those pieces (chunked arrays)."""
    lines = as_strings(lines)
    starts = range(0, max(len(lines), 1), PIECE)
    found: dict[int, pa.StructArray] = {}
    if len(starts) == 1:
        found[0] = pc.extract_regex(lines, pattern)
    else:
        with progress.rows(len(lines), "Tolkar verifikationsrader") as bar, \
                ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            jobs = {pool.submit(pc.extract_regex, lines.slice(a, PIECE), pattern): a for a in starts}
            for job in as_completed(jobs):
                found[jobs[job]] = job.result()
                bar.update(len(found[jobs[job]]))
    ok = np.concatenate([found[a].is_valid().to_numpy(zero_copy_only=False) for a in starts])
    columns = {}
    for name in names:
        col = pa.chunked_array([found[a].field(name) for a in starts], STRING)
        if not ok.all():
            col = pc.if_else(pa.array(ok), pc.fill_null(col, ""), "")
        columns[name] = col
    return columns, ok


def read_trans_lines(lines: pa.Array) -> tuple[dict[str, pa.Array], np.ndarray]:
    """``#TRANS``/``#RTRANS``/``#BTRANS`` lines → their fields (Arrow), and the mask of lines read."""
    return extract(lines, _TRANS_RE2, TRANS_GROUPS)


def read_ver_lines(lines: pa.Array) -> tuple[dict[str, pa.Array], np.ndarray]:
    """``#VER`` lines → their fields (Arrow), and the mask of lines read (the date is never empty)."""
    return extract(lines, _VER_RE2, VER_GROUPS)


def pick_text(quoted: pa.Array, bare: pa.Array, unescape: bool = True) -> pa.Array:
    """The field from whichever of the two alternatives matched; ``\\"`` in quoted text is ``"``."""
    quoted, bare = as_strings(quoted), as_strings(bare)
    if unescape:
        quoted = pc.replace_substring(quoted, '\\"', '"')
    return pc.if_else(pc.not_equal(bare, ""), bare, quoted)


def unquote_sign(values: pa.Array) -> pa.Array:
    """Strip the quotes of the (few) quoted values of a ``sign`` column."""
    values = as_strings(values)
    return pc.if_else(pc.starts_with(values, '"'), pc.utf8_slice_codeunits(values, 1, -1), values)


# the same, on numpy object arrays of lines (one line per item, without its line feed)

def _to_numpy(columns: dict[str, pa.Array]) -> dict[str, np.ndarray]:
    return {name: np.asarray(col.to_numpy(zero_copy_only=False), dtype=object) for name, col in columns.items()}


def _escaped(quoted: pa.Array) -> np.ndarray:
    return np.flatnonzero(pc.match_substring(quoted, '\\"').to_numpy(zero_copy_only=False))


def match_trans(lines: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """``#TRANS``/``#RTRANS``/``#BTRANS`` lines → their fields as object columns (plus
    ``escaped``: the rows whose quoted text has a ``\\"``), and the mask of lines read here."""
    cols, ok = read_trans_lines(as_strings(lines))
    out = _to_numpy(cols)
    out["escaped"] = _escaped(cols["qtext"])
    return out, ok


def match_ver(lines: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """``#VER`` lines → their fields as object columns, and the mask of lines read here."""
    cols, ok = read_ver_lines(as_strings(lines))
    out = _to_numpy(cols)
    out["escaped"] = _escaped(cols["qtext"])
    return out, ok


def pick(quoted: np.ndarray, bare: np.ndarray, escaped: np.ndarray) -> np.ndarray:
    """:func:`pick_text` on object columns (``escaped``: the rows that may hold ``\\"``)."""
    out = np.where(bare != "", bare, quoted)
    for i in escaped:
        out[i] = quoted[i].replace('\\"', '"')
    return out


def unquote(values: np.ndarray) -> np.ndarray:
    """:func:`unquote_sign` on an object column."""
    return np.asarray(unquote_sign(values).to_numpy(zero_copy_only=False), dtype=object)
