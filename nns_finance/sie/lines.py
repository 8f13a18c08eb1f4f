"""Lines of a SIE file: what kind of record each line is, and which voucher block it is in.

Everything here works on whole arrays (numpy on the file's bytes), so a file of millions of
lines is classified in a fraction of a second. Line ``i`` of the bytes is line ``i`` of the
decoded text: a line feed is byte 0x0A in CP437, ISO-8859-1 and UTF-8 alike.

A line's kind is decided by its first token, as the tokenizer reads it: a label ends at a
blank, a quote or a brace; labels are compared in upper case; ``{`` and ``}`` alone on their
line open and close a voucher's block of rows (§5.4).
"""
from __future__ import annotations

import os
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np
from ..core.i18n import _

BLANK, OPEN, CLOSE, VER, TRANS, RTRANS, BTRANS, OTHER = range(8)
ROW_KINDS = {TRANS: "TRANS", RTRANS: "RTRANS", BTRANS: "BTRANS"}
_LABELS = {VER: b"#VER", TRANS: b"#TRANS", RTRANS: b"#RTRANS", BTRANS: b"#BTRANS"}
_BLANKS = (32, 9, 13, 11, 12)


_BLANK_OF = np.zeros(256, bool)   # byte → is it a blank
_BLANK_OF[list(_BLANKS)] = True
_ENDS_LABEL = _BLANK_OF.copy()    # byte → does it end a label
_ENDS_LABEL[[ord("{"), ord("}"), ord('"')]] = True
WIDTH = 8  # bytes read at once from a label on: the longest label and the byte after it
PARALLEL_LINES = 500_000  # lines from which classify uses a pool's threads


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
    starts = np.empty(len(nl) + 1, np.int64)
    starts[0] = 0
    np.add(nl, 1, out=starts[1:])
    ends = np.empty(len(nl) + 1, np.int64)
    ends[:-1] = nl
    ends[-1] = len(data)
    return starts, ends


def classify(data: bytes, starts: np.ndarray | None = None, ends: np.ndarray | None = None,
             pool: Executor | None = None) -> np.ndarray:
    """The kind (``BLANK`` … ``OTHER``) of every line of ``data`` (lines split at LF only;
    ``starts``/``ends`` from :func:`line_bounds` when the caller has them). With a ``pool``, a
    file of many lines is classified in parts on its threads at once (a line's kind depends on
    its own bytes only; numpy lets go of the GIL)."""
    if starts is None or ends is None:
        starts, ends = line_bounds(data)
    parts = os.cpu_count() or 1
    if pool is not None and parts > 1 and len(starts) >= PARALLEL_LINES:
        cuts = np.linspace(0, len(starts), parts + 1).astype(np.int64)
        jobs = [pool.submit(classify, data, starts[a:b], ends[a:b]) for a, b in zip(cuts[:-1], cuts[1:])]
        return np.concatenate([job.result() for job in jobs])
    arr = np.frombuffer(data, np.uint8)
    size = len(arr)

    def byte(pos: np.ndarray) -> np.ndarray:  # the byte at each position, 0 past the end
        if size == 0:
            return np.zeros(len(pos), np.uint8)
        out = arr.take(pos, mode="clip")
        if len(pos) and pos.max() >= size:
            out[pos >= size] = 0
        return out

    c0 = byte(starts)
    first = starts
    todo = np.flatnonzero(_BLANK_OF[c0] & (starts < ends))
    if len(todo):
        first = starts.copy()
        while len(todo):
            first[todo] += 1
            todo = todo[(first[todo] < ends[todo]) & _BLANK_OF[byte(first[todo])]]
        moved = np.flatnonzero(first != starts)
        c0[moved] = byte(first[moved])
    last = ends - 1
    todo = np.flatnonzero(_BLANK_OF[byte(last)] & (last >= first))   # (byte(-1): clipped, and masked)
    while len(todo):
        last[todo] -= 1
        todo = todo[(last[todo] >= first[todo]) & _BLANK_OF[byte(last[todo])]]
    kinds = np.full(len(starts), OTHER, np.int8)
    kinds[last < first] = BLANK
    single = last == first
    kinds[single & (c0 == ord("{"))] = OPEN
    kinds[single & (c0 == ord("}"))] = CLOSE
    cand = np.flatnonzero((c0 == ord("#")) & (kinds == OTHER))
    at = first[cand]
    room = last[cand] - at + 1
    # the 8 bytes from each label on, as one gather of little-endian words (0 past the file)
    inside = at <= size - WIDTH
    words = (np.ndarray((size - WIDTH + 1,), np.dtype("<u8"), buffer=data, offset=0, strides=(1,))
             if size >= WIDTH else None)
    if words is not None and inside.all():
        word = words[at]
    else:
        word = np.zeros(len(cand), np.uint64)
        if words is not None:
            word[inside] = words[at[inside]]
    for i in np.flatnonzero(~inside):   # the last few bytes of the file
        tail = bytes(data[at[i]:at[i] + WIDTH])
        word[i] = int.from_bytes(tail.ljust(WIDTH, b"\0"), "little")
    folded = word | np.uint64(0x2020202020202000)   # the letters after '#' in lower case
    for kind, label in _LABELS.items():
        k = len(label)
        code = np.uint64(int.from_bytes(label.lower(), "little"))
        hit = (folded & np.uint64((1 << (8 * k)) - 1)) == code
        after = ((word >> np.uint64(8 * k)) & np.uint64(0xFF)).astype(np.uint8)
        hit &= (room <= k) | _ENDS_LABEL[after]
        kinds[cand[hit]] = kind
    return kinds


@dataclass(frozen=True)
class Blocks:
    """Voucher blocks: ``row_owner[j]`` is the #VER line index the ``j``-th row line
    (#TRANS/#RTRANS/#BTRANS, in file order) belongs to (-1: none).

    ver_with_block: the #VER line indexes a ``{`` follows
    issues:         (line index, severity, message) for malformed structure
    """

    row_owner: np.ndarray
    ver_with_block: np.ndarray
    issues: tuple[tuple[int, str, str], ...]


def voucher_blocks(kinds: np.ndarray) -> Blocks:
    """Which #VER each #TRANS/#RTRANS/#BTRANS line belongs to, and what is malformed."""
    rec = np.flatnonzero(kinds != BLANK)
    rk = kinds[rec]
    pos = np.arange(len(rec), dtype=np.int32)    # (int32: half the memory traffic of int64)
    is_open, is_close = rk == OPEN, rk == CLOSE
    last_open = np.maximum.accumulate(np.where(is_open, pos, np.int32(-1))) if len(rec) else pos
    last_close = np.maximum.accumulate(np.where(is_close, pos, np.int32(-1))) if len(rec) else pos
    inside = last_open > last_close
    inside_before = np.empty_like(inside)   # inside a block just before each record
    inside_before[:1] = False
    inside_before[1:] = inside[:-1]
    issues: list[tuple[int, str, str]] = []
    for j in np.flatnonzero(is_open & inside_before):
        issues.append((int(rec[last_open[j - 1]]), "error",
                       _("voucher block not closed: '}' missing before the next '{'")))
    for j in np.flatnonzero(is_close & ~inside_before):
        issues.append((int(rec[j]), "error", _("'}' without a '{' before it")))
    # the owner of each '{' is the #VER record just before it
    opens = np.flatnonzero(is_open)
    prev_kind = np.where(opens > 0, rk[np.maximum(opens - 1, 0)], BLANK)
    owner_of_open = np.where(prev_kind == VER, rec[np.maximum(opens - 1, 0)], -1)
    for j in opens[owner_of_open < 0]:
        issues.append((int(rec[j]), "error", _("'{' that does not follow a #VER")))
    is_row = (rk == TRANS) | (rk == RTRANS) | (rk == BTRANS)
    rows = np.flatnonzero(is_row)
    owner_at = np.full(len(rows), -1, np.int64)   # of each row record: its block's #VER line
    in_block = np.flatnonzero(inside[rows])
    open_index = np.cumsum(is_open, dtype=np.int32) - 1   # the opens so far, less one
    owner_at[in_block] = owner_of_open[open_index[rows[in_block]]]
    for j in rows[owner_at < 0]:
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
    return Blocks(row_owner=owner_at, ver_with_block=rec[ver_pos[followed]], issues=tuple(issues))


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
