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

MIXED_MESSAGE = ("this line is in another encoding than the rest of the file (UTF-8 mixed with "
                 "Windows-1252 or CP437: two files pasted together?)")


def mixed_encoding_line(data: bytes) -> int | None:
    """The 1-based line where ``data`` changes between UTF-8 and a one-byte code page, or None
    when the file is all UTF-8 or holds no UTF-8 letter at all."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        bad = exc.start
    m = _UTF8_TEXT.search(data)
    if m is None:
        return None
    first_change = bad if m.start() < bad else m.start()
    return data.count(b"\n", 0, first_change) + 1
