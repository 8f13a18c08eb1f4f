"""The fast path: the very regular ``#TRANS`` and ``#VER`` lines of big files, read at once.

A year's export is mostly lines like ``#TRANS 1930 {} -1000.00 20250105 "Text"``. Instead of
running the tokenizer on each, the lines of one kind are matched as one Arrow string array by
one regular expression (``pyarrow.compute.extract_regex``, RE2 in C++, no Python per line;
written so RE2 matches it in one pass, which it does with at most four groups, so the fields
come in two passes of the same pattern) that accepts only the common, unambiguous forms: a bare account, an object list without escapes, an
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
from concurrent.futures import Executor, ThreadPoolExecutor, as_completed

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..core import progress

_SEP = r"[ \t]+"
_BARE = r'[^ \t"{}\r\n]+'
_QUOTED = r'"[^"\\\n]*(?:\\[^\\\n][^"\\\n]*)*"'   # \" escapes, never two backslashes in a row
_TEXT = r"(" + _QUOTED + r"|" + _BARE + r")"                # a text token as written, quotes and all
_IDENT = r'("[^"\\\n]*"|' + _BARE + r")"
_DATE_OR_EMPTY = r'(?:([0-9]{8})|"")'
_SIGN = _IDENT
_END = r"(?:\r[ \t\r]*)?"


def _then(*fields: str) -> str:
    """Optional fields, each after a separator and each only after the one before; blanks at
    the end go to the last separator. Written so that the next character always decides the
    branch (RE2 then matches in one pass: three times faster than backtracking)."""
    out = "(?:" + _SEP + ")?"
    for field in reversed(fields):
        out = "(?:" + _SEP + "(?:" + field + out + ")?)?"
    return out


TRANS_PATTERN = (
    r"[ \t]*#[A-Za-z]+" + _SEP + r"([0-9]+)[ \t]*"
    r'\{([^{}"\\\n]*(?:"[^"\\\n]*"[^{}"\\\n]*)*)\}[ \t]*'
    r"(-?[0-9]{1,13}(?:\.[0-9]{1,2})?)"
    + _then(_DATE_OR_EMPTY, _TEXT, r'(?:(-?[0-9]+(?:\.[0-9]+)?)|"")', _SIGN) + _END)
TRANS_GROUPS = ("account", "objects", "amount", "date", "text", "qty", "sign")

VER_PATTERN = (r"[ \t]*#[A-Za-z]+" + _SEP + _IDENT + _SEP + _IDENT + _SEP + r"([0-9]{8})"
               + _then(_TEXT, _DATE_OR_EMPTY, _SIGN) + _END)
VER_GROUPS = ("series", "number", "date", "text", "regdate", "sign")

PASS_GROUPS = 4   # RE2 matches in one pass only with at most four groups: the fields in passes


STRING = pa.large_string()


def _named(pattern: str, names: tuple[str, ...], keep: tuple[str, ...]) -> str:
    """The pattern for RE2, anchored at both ends, capturing only the groups ``keep`` (named);
    a line may still carry its line feed."""
    groups = iter(names)
    named = re.sub(r"\((?!\?)", lambda m: f"(?P<{n}>" if (n := next(groups)) in keep else "(?:", pattern)
    if next(groups, None) is not None:  # pragma: no cover - the names and the groups must agree
        raise AssertionError("group names do not match the pattern")
    return "^" + named + r"\n?$"


def _passes(pattern: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_named(pattern, names, names[i:i + PASS_GROUPS]) for i in range(0, len(names), PASS_GROUPS))


_TRANS_RE2 = _passes(TRANS_PATTERN, TRANS_GROUPS)
_VER_RE2 = _passes(VER_PATTERN, VER_GROUPS)


def as_strings(values) -> pa.Array | pa.ChunkedArray:
    """Text values (numpy, list or Arrow) as Arrow ``large_string`` (chunked stays chunked)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values if values.type == STRING else values.cast(STRING)
    return pa.array(np.asarray(values, dtype=object), STRING)


PIECE = 250_000  # rows matched at a time


class Matching:
    """Lines matched with each pattern (the same language, different groups captured), in
    pieces on ``pool``'s threads (Arrow lets go of the GIL) from the moment it is made, so the
    caller can do other work meanwhile; :meth:`result` waits for it. Without a pool, or for
    one piece, the lines are matched when :meth:`result` is called. The lines are the
    matching's own: it lets go of them once matched, keeping only those not read
    (:attr:`unread`, line ``i`` → its text without the line feed)."""

    def __init__(self, lines: pa.Array, patterns: tuple[str, ...], names: tuple[str, ...],
                 pool: Executor | None = None):
        self.lines, self.patterns, self.names = as_strings(lines), patterns, names
        self.starts = range(0, max(len(self.lines), 1), PIECE)
        self.running = None
        if pool is not None and len(self.starts) > 1:
            self.running = {pool.submit(pc.extract_regex, self.lines.slice(a, PIECE), p): (a, p)
                            for a in self.starts for p in patterns}

    def result(self) -> tuple[dict[str, pa.ChunkedArray], np.ndarray]:
        """The groups as Arrow string columns (``""`` where a line did not match or a group took
        no part; in the pieces, as chunked arrays) and the mask of lines that matched; with a
        bar over the rows on a terminal while a big array is matched."""
        patterns, starts = self.patterns, self.starts
        if self.running is None:
            found = {(a, p): pc.extract_regex(self.lines.slice(a, PIECE), p) for a in starts for p in patterns}
        else:
            found = {}
            with progress.rows(len(self.lines), "Tolkar verifikationsrader") as bar:
                for job in as_completed(self.running):
                    found[self.running[job]] = job.result()
                    bar.update(len(found[self.running[job]]) // len(patterns))
        ok = np.concatenate([found[a, patterns[0]].is_valid().to_numpy(zero_copy_only=False) for a in starts])
        # the lines the pattern did not read, for the tokenizer; the rest are let go of here
        self.unread = {int(i): _without_line_feed(self.lines[int(i)].as_py()) for i in np.flatnonzero(~ok)}
        self.lines = self.running = None
        columns = {}
        for p in patterns:
            for name in found[0, p].type.names:
                col = pa.chunked_array([found[a, p].field(name) for a in starts], STRING)
                if not ok.all():
                    col = pc.if_else(pa.array(ok), pc.fill_null(col, ""), "")
                columns[name] = col
        return {name: columns[name] for name in self.names}, ok


def _without_line_feed(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


def extract(lines: pa.Array, patterns: tuple[str, ...], names: tuple[str, ...]
            ) -> tuple[dict[str, pa.ChunkedArray], np.ndarray]:
    """:class:`Matching` on every core, waited for."""
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return Matching(lines, patterns, names, pool).result()


def match_trans_lines(lines: pa.Array, pool: Executor | None = None) -> Matching:
    """``#TRANS``/``#RTRANS``/``#BTRANS`` lines being matched: fields ``amount`` as written,
    ``text`` and ``sign`` as tokens, quotes and all."""
    return Matching(lines, _TRANS_RE2, TRANS_GROUPS, pool)


def match_ver_lines(lines: pa.Array, pool: Executor | None = None) -> Matching:
    """``#VER`` lines being matched: fields ``series``, ``number``, ``text`` and ``sign`` as
    tokens (the date is never empty)."""
    return Matching(lines, _VER_RE2, VER_GROUPS, pool)


def read_trans_lines(lines: pa.Array) -> tuple[dict[str, pa.Array], np.ndarray]:
    """:func:`match_trans_lines` on every core: the fields (Arrow) and the mask of lines read."""
    return extract(lines, _TRANS_RE2, TRANS_GROUPS)


def read_ver_lines(lines: pa.Array) -> tuple[dict[str, pa.Array], np.ndarray]:
    """:func:`match_ver_lines` on every core: the fields (Arrow) and the mask of lines read."""
    return extract(lines, _VER_RE2, VER_GROUPS)


def token_text(tokens: pa.Array, unescape: bool = True) -> pa.Array:
    """The text of each token: a quoted one without its quotes (``\\"`` read as ``"`` unless
    ``unescape`` is false: identifiers and signatures have no escapes), a bare one as it is.
    The common cases (no token quoted; every one quoted, none escaped) take one pass."""
    tokens = as_strings(tokens)
    quoted = pc.starts_with(tokens, '"')
    if not pc.any(quoted).as_py():
        return tokens
    inner = pc.utf8_slice_codeunits(tokens, 1, -1)
    if unescape and pc.any(pc.match_substring(tokens, '\\"')).as_py():
        inner = pc.replace_substring(inner, '\\"', '"')
    return inner if pc.all(quoted).as_py() else pc.if_else(quoted, inner, tokens)
