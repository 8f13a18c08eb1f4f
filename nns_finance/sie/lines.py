"""Lines of a SIE file: what kind of record each line is, and which voucher block it is in.

Everything here works on whole arrays (numpy on the file's bytes), so a file of millions of
lines is classified in a fraction of a second. Line ``i`` of the bytes is line ``i`` of the
decoded text: a line feed is byte 0x0A in CP437, ISO-8859-1 and UTF-8 alike.

A line's kind is decided by its first token, as the tokenizer reads it: a label ends at a
blank, a quote or a brace; labels are compared in upper case; ``{`` and ``}`` alone on their
line open and close a voucher's block of rows (§5.4).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ..core.i18n import _

BLANK, OPEN, CLOSE, VER, TRANS, RTRANS, BTRANS, OTHER = range(8)
ROW_KINDS = {TRANS: "TRANS", RTRANS: "RTRANS", BTRANS: "BTRANS"}
_LABELS = {VER: b"#VER", TRANS: b"#TRANS", RTRANS: b"#RTRANS", BTRANS: b"#BTRANS"}
_BLANKS = (32, 9, 13, 11, 12)


def _is_blank(c: np.ndarray) -> np.ndarray:
    out = np.zeros(c.shape, bool)
    for b in _BLANKS:
        out |= c == b
    return out


def line_feeds(data: bytes, chunk: int = 1 << 22) -> np.ndarray:
    """Where the line feeds of ``data`` are, found a few megabytes at a time (one small scratch
    buffer instead of a mask the size of the file)."""
    arr = np.frombuffer(data, np.uint8)
    scratch = np.empty(min(chunk, len(arr)), bool)
    parts = [np.zeros(0, np.int64)]
    for start in range(0, len(arr), chunk):
        piece = arr[start:start + chunk]
        mask = scratch[:len(piece)]
        np.equal(piece, 10, out=mask)
        parts.append(np.flatnonzero(mask) + start)
    return np.concatenate(parts)


def line_bounds(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive, before the line feed) of every line of ``data``."""
    nl = line_feeds(data)
    return np.concatenate(([0], nl + 1)).astype(np.int64), np.concatenate((nl, [len(data)])).astype(np.int64)


def classify(data: bytes, starts: np.ndarray | None = None, ends: np.ndarray | None = None) -> np.ndarray:
    """The kind (``BLANK`` … ``OTHER``) of every line of ``data`` (lines split at LF only;
    ``starts``/``ends`` from :func:`line_bounds` when the caller has them)."""
    arr = np.frombuffer(data, np.uint8)
    if starts is None or ends is None:
        starts, ends = line_bounds(data)
    size = len(arr)

    def byte(pos: np.ndarray) -> np.ndarray:  # the byte at each position, 0 past the end
        if size == 0:
            return np.zeros(len(pos), np.uint8)
        out = arr.take(pos, mode="clip")
        if len(pos) and pos.max() >= size:  # only the end of the last line
            out[pos >= size] = 0
        return out

    c0 = byte(starts)
    first = starts.copy()
    todo = np.flatnonzero((first < ends) & _is_blank(c0))
    while len(todo):  # skip leading blanks, only on the lines that have them
        first[todo] += 1
        todo = todo[(first[todo] < ends[todo]) & _is_blank(byte(first[todo]))]
    last = ends - 1
    todo = np.flatnonzero((last >= first) & _is_blank(byte(np.maximum(last, 0))))
    while len(todo):  # skip trailing blanks (CR of CRLF)
        last[todo] -= 1
        todo = todo[(last[todo] >= first[todo]) & _is_blank(byte(np.maximum(last[todo], 0)))]
    kinds = np.full(len(starts), OTHER, np.int8)
    kinds[last < first] = BLANK
    moved = np.flatnonzero(first != starts)
    c0[moved] = byte(first[moved])
    single = last == first
    kinds[single & (c0 == ord("{"))] = OPEN
    kinds[single & (c0 == ord("}"))] = CLOSE
    cand = np.flatnonzero((c0 == ord("#")) & (kinds == OTHER))
    at = first[cand]
    room = last[cand] - at + 1  # characters on the line from the label on
    key = np.zeros(len(cand), np.uint64)
    lengths = {len(label) for label in _LABELS.values()}
    after = {}
    for k in range(max(lengths) + 1):
        b = byte(at + k)
        b = np.where((b >= 97) & (b <= 122), b - 32, b)
        if k < max(lengths):
            key |= b.astype(np.uint64) << np.uint64(8 * k)
        if k in lengths:
            after[k] = (room <= k) | _is_blank(b) | (b == ord("{")) | (b == ord("}")) | (b == ord('"'))
    for kind, label in _LABELS.items():
        k = len(label)
        mask = np.uint64((1 << (8 * k)) - 1)
        code = np.uint64(int.from_bytes(label, "little"))
        hit = ((key & mask) == code) & after[k]
        kinds[cand[hit]] = kind
    return kinds


@dataclass(frozen=True)
class Blocks:
    """Voucher blocks: ``owner[i]`` is the #VER line index a row line ``i`` belongs to (-1: none).

    has_block: for each #VER line index (key of ``owner`` values), whether a ``{`` follows it
    issues:    (line index, severity, message) for malformed structure
    """

    owner: np.ndarray
    ver_with_block: np.ndarray
    issues: tuple[tuple[int, str, str], ...]


def voucher_blocks(kinds: np.ndarray) -> Blocks:
    """Which #VER each #TRANS/#RTRANS/#BTRANS line belongs to, and what is malformed."""
    rec = np.flatnonzero(kinds != BLANK)
    rk = kinds[rec]
    pos = np.arange(len(rec))
    is_open, is_close = rk == OPEN, rk == CLOSE
    last_open = np.maximum.accumulate(np.where(is_open, pos, -1)) if len(rec) else pos
    last_close = np.maximum.accumulate(np.where(is_close, pos, -1)) if len(rec) else pos
    prev_open = np.concatenate(([-1], last_open[:-1])) if len(rec) else pos
    prev_close = np.concatenate(([-1], last_close[:-1])) if len(rec) else pos
    inside_before = prev_open > prev_close
    inside = last_open > last_close
    issues: list[tuple[int, str, str]] = []
    for j in np.flatnonzero(is_open & inside_before):
        issues.append((int(rec[prev_open[j]]), "error", _("voucher block not closed: '}' missing before the next '{'")))
    for j in np.flatnonzero(is_close & ~inside_before):
        issues.append((int(rec[j]), "error", _("'}' without a '{' before it")))
    # the owner of each '{' is the #VER record just before it
    opens = np.flatnonzero(is_open)
    prev_kind = np.where(opens > 0, rk[np.maximum(opens - 1, 0)], BLANK)
    owner_of_open = np.where(prev_kind == VER, rec[np.maximum(opens - 1, 0)], -1)
    for j in opens[owner_of_open < 0]:
        issues.append((int(rec[j]), "error", _("'{' that does not follow a #VER")))
    owner_at = np.full(len(rec), -1, np.int64)
    open_index = np.cumsum(is_open) - 1  # position of last_open within opens (the opens so far)
    has_open = last_open >= 0
    owner_at[has_open] = owner_of_open[np.minimum(open_index[has_open], max(len(opens) - 1, 0))]
    owner_at[~inside] = -1
    is_row = (rk == TRANS) | (rk == RTRANS) | (rk == BTRANS)
    for j in np.flatnonzero(is_row & (owner_at < 0)):
        label = "#" + ROW_KINDS[int(rk[j])]
        issues.append((int(rec[j]), "error", _("{label} outside a #VER block: the row is not in any voucher", label=label)))
    for j in np.flatnonzero((rk == VER) & inside):
        issues.append((int(rec[j]), "error", _("#VER inside another voucher's block ('}' missing before it)")))
    if len(rec) and inside[-1]:
        issues.append((int(rec[last_open[-1]]), "error", _("voucher block not closed at the end of the file")))
    ver_pos = np.flatnonzero(rk == VER)
    followed = np.zeros(len(ver_pos), bool)
    nxt = ver_pos + 1
    ok = nxt < len(rec)
    followed[ok] = rk[nxt[ok]] == OPEN
    owner = np.full(len(kinds), -1, np.int64)
    owner[rec[is_row]] = owner_at[is_row]
    return Blocks(owner=owner, ver_with_block=rec[ver_pos[followed]], issues=tuple(issues))


class TextLines:
    """The lines of a decoded file kept as its UTF-8 bytes and where each line starts: no Python
    string per line. :meth:`arrow` gives chosen lines as one Arrow string array (each with its
    line feed), :meth:`text` one line as Python text (without it), for the few lines read one
    at a time."""

    def __init__(self, data: bytes):
        self.data = data
        self.starts, self.ends = line_bounds(data)  # ends: exclusive, before the line feed

    def __len__(self) -> int:
        return len(self.starts)

    def text(self, i: int) -> str:
        return self.data[self.starts[i]:self.ends[i]].decode("utf-8")

    def arrow(self, idx: np.ndarray):
        """Lines ``idx`` as a ``large_string`` array (each with its line feed, the last line
        without one)."""
        import pyarrow as pa

        offsets = np.append(self.starts, len(self.data)).astype(np.int64)
        every = pa.LargeStringArray.from_buffers(len(self.starts), pa.py_buffer(offsets), pa.py_buffer(self.data))
        return every.take(pa.array(np.asarray(idx, np.int64)))
