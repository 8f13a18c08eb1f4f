"""#KSUMMA: the CRC-32 a SIE file may carry over its records (SIE 4B §10, verified on the corpus).

The checksum covers the records strictly between the opening ``#KSUMMA`` (no value, near the
top) and the closing ``#KSUMMA n`` (at the end): each label and each field's *content* run
together — no blanks between fields, no quotes around them, no braces, ``\\"`` counted as
``"`` — in CP437 bytes, fed to CRC-32 (``zlib.crc32``) and compared as an unsigned decimal.
It can only be checked on CP437 files. An opening ``#KSUMMA`` without a closing one means the
file was cut short; such a file is refused (§10.6).

The text is worked on as one byte array (numpy), not line by line: outside quotes blanks,
braces, line ends and the quotes themselves are dropped, inside quotes everything is kept.
That is exactly what the tokenizer counts on every line whose quotes pair up and whose only
backslashes are ``\\"`` inside quotes; the few other lines (a literal backslash, an unclosed
quote) go through
:func:`~.tokenize.tokenize_line`, in their place in the sequence.
"""
from __future__ import annotations

import zlib

import numpy as np

from .tokenize import tokenize_line

_DROP = str.maketrans("", "", " \t\r\x0b\x0c{}")
_DROP_BYTES = np.zeros(256, bool)
_DROP_BYTES[[32, 9, 13, 11, 12, 10, ord("{"), ord("}")]] = True
_QUOTE, _BACKSLASH, _LF = ord('"'), ord("\\"), 10


def checksum_text(line: str) -> str:
    """What one line contributes to the checksum (a line without quotes is just its characters
    without blanks and braces; anything else goes through the tokenizer)."""
    if '"' not in line:
        return line.translate(_DROP)
    return tokenize_line(line).checksum_text()


def crc_of_bytes(data: bytes, encoding: str = "cp437") -> int:
    """CRC-32 of the checksum text of ``data``: the records between the two #KSUMMA, as bytes
    in ``encoding`` (lines split at LF; blank lines count for nothing)."""
    arr = np.frombuffer(data, np.uint8)
    if not len(arr):
        return 0
    nl = np.flatnonzero(arr == _LF)
    starts = np.concatenate(([0], nl + 1))
    ends = np.concatenate((nl, [len(arr)]))
    n = len(starts)
    quote, slash = arr == _QUOTE, arr == _BACKSLASH
    escaped = quote & np.concatenate(([False], slash[:-1]))        # the " of \\"
    escaping = slash & np.concatenate((quote[1:], [False]))         # the \\ of \\"
    real = quote & ~escaped
    real_at = np.flatnonzero(real)
    real_line = np.searchsorted(nl, real_at)  # line index of each quote
    # lines the byte rule cannot read as the tokenizer does: a backslash that is not \\", a quote
    # left open, or a \\" outside a quoted field
    slow = ((np.bincount(real_line, minlength=n) & 1) > 0)
    slow[np.searchsorted(nl, np.flatnonzero(slash & ~escaping))] = True
    real[real_at[slow[real_line]]] = False
    inside = np.logical_xor.accumulate(real)  # on a byte that is not a quote: inside a quoted field
    slow[np.searchsorted(nl, np.flatnonzero(escaped & ~inside))] = True
    keep = ~real & ~escaping & (inside | ~_DROP_BYTES[arr])
    crc, pos = 0, 0
    for i in np.flatnonzero(slow):  # only the odd lines go through the tokenizer
        crc = zlib.crc32(arr[pos:starts[i]][keep[pos:starts[i]]].tobytes(), crc)
        line = data[starts[i]:ends[i]].decode(encoding, errors="replace")
        crc = zlib.crc32(tokenize_line(line).checksum_text().encode(encoding, errors="replace"), crc)
        pos = ends[i]
    return zlib.crc32(arr[pos:][keep[pos:]].tobytes(), crc)


def crc_of_lines(lines, encoding: str = "cp437") -> int:
    """CRC-32 of the checksum text of ``lines`` (the records between the two #KSUMMA)."""
    lines = list(lines)
    if not lines:
        return 0
    return crc_of_bytes("\n".join(lines).encode(encoding, errors="replace"), encoding)


def ksumma_line(lines_between: list[str], encoding: str = "cp437") -> str:
    """The closing ``#KSUMMA n`` record for records about to be written."""
    return f"#KSUMMA {crc_of_lines(lines_between, encoding)}"
