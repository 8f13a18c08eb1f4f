"""Which character set a SIE file is in, and its text.

The spec allows only IBM PC8 (codepage 437), but real exports are also UTF-8 while still
declaring ``#FORMAT PC8`` (Q1) and sometimes ISO-8859-1 (Q2). The rule (SIE.md §4):

- a UTF-8 byte-order mark is stripped (and means UTF-8);
- bytes that are valid UTF-8 *and* contain non-ASCII characters are UTF-8 (the CP437 letters
  å ä ö Å Ä Ö are UTF-8 continuation bytes, so a CP437 file almost never passes);
- otherwise CP437 — unless the Latin-1 letters å ä ö Å Ä Ö clearly outnumber the CP437 ones,
  then ISO-8859-1 with a warning;
- an explicit ``encoding`` overrides all of this;
- U+FFFD (a replacement character left by an earlier lossy conversion, Q3) is a warning: those
  letters are lost and cannot be repaired.
"""
from __future__ import annotations

import codecs

from ..core.encodings import mixed_encoding_line
from ..core.i18n import _, ngettext
from ..core.problems import Problems

BOM = codecs.BOM_UTF8
_CP437_LETTERS = [0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99]  # å ä ö Å Ä Ö in CP437
_LATIN1_LETTERS = [0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6]  # å ä ö Å Ä Ö in ISO-8859-1
_NOT_LETTERS = bytes(b for b in range(256) if b not in _CP437_LETTERS + _LATIN1_LETTERS)
_TELLING = set(_CP437_LETTERS + _LATIN1_LETTERS) | {BOM[0], 0xC2, 0xC3, 0xE2}
_NOT_TELLING = bytes(b for b in range(256) if b not in _TELLING)


def telling_bytes(data: bytes) -> bytes:
    """The few bytes of ``data`` that tell its encoding, in one pass: the Swedish letters of
    CP437 and ISO-8859-1, the first byte of a byte-order mark, the bytes that begin UTF-8
    letters. What is not among them need not be searched for in the whole file."""
    return data.translate(None, _NOT_TELLING)


PIECE = 1 << 23  # bytes decoded at a time: a big file is never held as one Python string
_BY_LINE = {"utf-8", "cp437", "latin-1"}  # encodings whose line feed is the byte 0x0A, alone


def pieces(data: bytes, size: int | None = None):
    """``data`` in pieces of about ``size`` bytes, each ending after a line feed (the last
    maybe not): a line feed never lies inside a character in UTF-8 or a one-byte code page."""
    size = size or PIECE
    view = memoryview(data)
    start = 0
    while start < len(data):
        stop = data.find(b"\n", min(start + size, len(data)) - 1)
        stop = len(data) if stop < 0 else stop + 1
        yield view[start:stop]
        start = stop


def decode_sie_utf8(data: bytes, problems: Problems, name: str,
                    encoding: str | None = None) -> tuple[bytes | bytearray, str, bool]:
    """As :func:`decode_sie` (the same problems), but the text comes back as UTF-8 bytes, made a
    piece at a time — the file's own bytes when they are UTF-8 already — so a big file is never
    one Python string."""
    codec = _normal(encoding) if encoding else None
    if encoding and codec not in _BY_LINE:  # unknown, or a multi-byte code: the whole text at once
        text, used, had_bom = decode_sie(data, problems, name, encoding)
        return text.encode("utf-8"), used, had_bom
    had_bom = data.startswith(BOM)
    body = data[len(BOM):] if had_bom else data
    telling = b"" if body.isascii() else telling_bytes(body)
    if BOM[:1] in telling and BOM in body:
        problems.error(name, body.count(b"\n", 0, body.index(BOM)) + 1,
                       _("byte-order mark in the middle of the file (two files joined?)"))
    if encoding:
        used = encoding
    else:
        mixed = mixed_encoding_line(body, telling)
        if mixed is not None:
            problems.error(name, mixed, _("this line is in another encoding than the rest of the file (UTF-8 "
                                            "mixed with Windows-1252 or CP437: two files pasted together?); "
                                            "export the file again"))
        used = codec = "utf-8" if had_bom else detect_encoding(body, telling)
        if used == "latin-1":
            problems.warning(name, None, _("the file looks like ISO-8859-1, not CP437 (PC8) as SIE requires; "
                                           "read as ISO-8859-1"))
    out = None if codec == "utf-8" else bytearray()
    offset = count = 0
    first = None
    for piece in pieces(body):
        try:
            text = str(piece, codec, "strict" if encoding else "replace")
        except UnicodeDecodeError as exc:  # an override that does not fit (no U+FFFD warning then)
            problems.error(name, body.count(b"\n", 0, offset + exc.start) + 1,
                           _("not valid {encoding}: byte {byte} cannot be decoded (the bad bytes are read as U+FFFD)",
                             encoding=used, byte=f"0x{body[offset + exc.start]:02x}"))
            return body.decode(codec, errors="replace").encode("utf-8"), used, had_bom
        if "\ufffd" in text:
            if first is None:   # (the lines before are counted only here, on the bytes)
                first = body.count(b"\n", 0, offset) + text.count("\n", 0, text.index("\ufffd")) + 1
            count += text.count("\ufffd")
            if out is None:  # UTF-8 with bad bytes: from here on the text, not the bytes
                out = bytearray(body[:offset])
        if out is not None:
            out += text.encode("utf-8")
        offset += len(piece)
    if count:
        problems.warning(name, first, replacement_message(count))
    return (body if out is None else out), used, had_bom


def replacement_message(count: int) -> str:
    return ngettext("{n} replacement character (U+FFFD): letters were lost when the file was converted "
                    "earlier; they cannot be repaired",
                    "{n} replacement characters (U+FFFD): letters were lost when the file was converted "
                    "earlier; they cannot be repaired", count)


def _normal(encoding: str) -> str | None:
    """The codec's own name for ``encoding`` (``utf-8``, ``cp437``, ``latin-1`` …), None if unknown."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return {"iso8859-1": "latin-1"}.get(name, name)


def detect_encoding(data: bytes, telling: bytes | None = None) -> str:
    """``"utf-8"``, ``"cp437"`` or ``"latin-1"`` for the bytes of a SIE file (BOM already removed;
    ``telling``: its :func:`telling_bytes` when the caller has them)."""
    if data.isascii():
        return "cp437"
    try:
        for piece in pieces(data):
            str(piece, "utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    letters = (data if telling is None else telling).translate(None, _NOT_LETTERS)
    cp437 = sum(letters.count(b) for b in _CP437_LETTERS)
    latin1 = sum(letters.count(b) for b in _LATIN1_LETTERS)
    return "latin-1" if latin1 > 2 * cp437 else "cp437"


def decode_sie(data: bytes, problems: Problems, name: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """The file's text, the encoding used, and whether a BOM was stripped.

    Problems go to ``problems``: an override that does not fit the bytes (error, the bad bytes
    become U+FFFD), an ISO-8859-1 guess (warning), U+FFFD in the content (warning).
    """
    had_bom = data.startswith(BOM)
    if had_bom:
        data = data[len(BOM):]
    if BOM in data:
        problems.error(name, data.count(b"\n", 0, data.index(BOM)) + 1,
                       _("byte-order mark in the middle of the file (two files joined?)"))
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            problems.error(name, None, _("unknown encoding {encoding}", encoding=repr(encoding)))
            encoding = None
    if encoding:
        used = encoding
        try:
            text = data.decode(used)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            problems.error(name, line, _("not valid {encoding}: byte {byte} cannot be decoded (the bad bytes are "
                                         "read as U+FFFD)", encoding=used, byte=f"0x{data[exc.start]:02x}"))
            text = data.decode(used, errors="replace")
            return text, used, had_bom
    else:
        mixed = mixed_encoding_line(data)
        if mixed is not None:
            problems.error(name, mixed, _("this line is in another encoding than the rest of the file (UTF-8 "
                                            "mixed with Windows-1252 or CP437: two files pasted together?); "
                                            "export the file again"))
        used = "utf-8" if had_bom else detect_encoding(data)
        text = data.decode(used, errors="replace")
        if used == "latin-1":
            problems.warning(name, None, _("the file looks like ISO-8859-1, not CP437 (PC8) as SIE requires; "
                                           "read as ISO-8859-1"))
    if "\ufffd" in text:
        first = text.index("\ufffd")
        count = text.count("\ufffd")
        problems.warning(name, text.count("\n", 0, first) + 1, replacement_message(count))
    return text, used, had_bom
