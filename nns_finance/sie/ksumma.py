"""#KSUMMA: the CRC-32 a SIE file may carry over its records (SIE 4B §10, verified on the corpus).

The checksum covers the records strictly between the opening ``#KSUMMA`` (no value, near the
top) and the closing ``#KSUMMA n`` (at the end): each label and each field's *content* run
together — no blanks between fields, no quotes around them, no braces, ``\\"`` counted as
``"`` — in CP437 bytes, fed to CRC-32 (``zlib.crc32``) and compared as an unsigned decimal.
It can only be checked on CP437 files. An opening ``#KSUMMA`` without a closing one means the
file was cut short; such a file is refused (§10.6).
"""
from __future__ import annotations

import zlib

import numpy as np

from .tokenize import tokenize_line

_DROP = str.maketrans("", "", " \t\r\x0b\x0c{}")


def checksum_text(line: str) -> str:
    """What one line contributes to the checksum (a line without quotes is just its characters
    without blanks and braces; anything else goes through the tokenizer)."""
    if '"' not in line:
        return line.translate(_DROP)
    return tokenize_line(line).checksum_text()


def crc_of_lines(lines: np.ndarray, encoding: str = "cp437") -> int:
    """CRC-32 of the checksum text of ``lines`` (the records between the two #KSUMMA)."""
    crc = 0
    chunk: list[str] = []
    for line in lines:
        chunk.append(checksum_text(line))
        if len(chunk) >= 65536:
            crc = zlib.crc32("".join(chunk).encode(encoding, errors="replace"), crc)
            chunk = []
    return zlib.crc32("".join(chunk).encode(encoding, errors="replace"), crc)


def ksumma_line(lines_between: list[str], encoding: str = "cp437") -> str:
    """The closing ``#KSUMMA n`` record for records about to be written."""
    return f"#KSUMMA {crc_of_lines(np.array(lines_between, dtype=object), encoding)}"
