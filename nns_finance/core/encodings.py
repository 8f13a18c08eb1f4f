"""One encoding per text file: finding the line where a file stops being what it started as.

A file that is UTF-8 in part and Windows-1252 or CP437 in another part (two exports pasted
together, a line typed in an old editor) would be read in one of the two and show ``Ã¥`` or
``├á`` for å in the other. :func:`mixed_encoding_line` finds the first line that does not fit.
"""
from __future__ import annotations

import re

# UTF-8 for the letters and signs of Swedish text: Latin-1 supplement (å ä ö é …, no-break
# space) and the en dash, quotes and ellipsis
_UTF8_TEXT = re.compile(rb"[\xc2\xc3][\x80-\xbf]|\xe2\x80[\x93\x94\x98\x99\x9c\x9d\xa6]")



PIECE = 1 << 23   # bytes validated at a time: a big file is never decoded into one string
_LEADS = (b"\xc2", b"\xc3", b"\xe2\x80")   # where a match of _UTF8_TEXT can begin


def first_bad_utf8(data: bytes) -> int | None:
    """The offset of the first byte of ``data`` that is not valid UTF-8, or None when all of it
    is. Checked a piece at a time, each ending after a line feed (a line feed is never inside a
    UTF-8 character), so no string the size of the file is made."""
    view = memoryview(data)
    start = 0
    while start < len(data):
        stop = data.find(b"\n", min(start + PIECE, len(data)) - 1)
        stop = len(data) if stop < 0 else stop + 1
        try:
            str(view[start:stop], "utf-8")
        except UnicodeDecodeError as exc:
            return start + exc.start
        start = stop
    return None


def mixed_encoding_line(data: bytes, present: bytes | None = None) -> int | None:
    """The 1-based line where ``data`` changes between UTF-8 and a one-byte code page, or None
    when the file is all UTF-8 or holds no UTF-8 letter at all. ``present``: bytes known to
    hold every byte of ``data`` that may begin a UTF-8 letter (so absent ones are not searched
    for through the whole file)."""
    bad = first_bad_utf8(data)
    if bad is None:
        return None
    leads = [i for i in (data.find(lead) for lead in _LEADS if present is None or lead[:1] in present) if i >= 0]
    m = _UTF8_TEXT.search(data, min(leads)) if leads else None   # (the regex only from a lead byte on)
    if m is None:
        return None
    first_change = bad if m.start() < bad else m.start()
    return data.count(b"\n", 0, first_change) + 1
