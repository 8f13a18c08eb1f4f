"""The hot path for a million voucher rows: whole rows of cell XML, streamed into XlsxWriter.

XlsxWriter spends ~8 µs on every cell (type dispatch, a cell record, escaping, one write per
element). The Huvudbok has only three kinds of cell — text, whole numbers and kronor — so this
module renders a chunk of rows at a time as the very XML XlsxWriter itself writes in
``constant_memory`` mode (inline strings, ``<v>`` numbers, the cells' style indices) and hands
it to the worksheet's own row-data file; XlsxWriter then assembles the sheet as usual. Text is
escaped exactly as XlsxWriter escapes it (``& < >``, control characters as ``_xHHHH_``, a
literal ``_xHHHH_`` as ``_x005F_xHHHH_``, ``xml:space="preserve"`` for edge whitespace) and is
always an inline *string*: nothing in it can become a formula.

Amounts are written from integer öre as exact decimal text (``8333333`` → ``83333.33``), which
the reader turns into the same double as ``öre / 100``.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .writer import EXCEL_EPOCH, col_name

CHUNK = 50_000
MAX_TEXT = 32_767          # Excel's limit on characters in a cell
_RARE = re.compile(r"[\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LITERAL = re.compile(r"(_x[0-9a-fA-F]{4}_)")


def escape_text(values: pd.Series) -> list[str]:
    """Cell text as the XML of a ``<t>`` element's attribute and content: ``'>text'`` or
    ``' xml:space="preserve">text'``; ``""`` for empty text (no cell is written)."""
    text = values.fillna("").astype(str)
    long = text.str.len() > MAX_TEXT
    if long.any():
        text = text.where(~long, text.str.slice(0, MAX_TEXT))
    esc = text.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False) \
        .str.replace(">", "&gt;", regex=False)
    out = (">" + esc).where(text != "", "")
    rare = esc.str.contains(_RARE.pattern, regex=True) & (text != "")
    if rare.any():
        out = out.copy()
        for idx in rare[rare].index:
            s = _LITERAL.sub(r"_x005F\1", esc.at[idx])
            s = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", s)
            preserve = s[:1].isspace() or s[-1:].isspace()
            out.at[idx] = (' xml:space="preserve">' if preserve else ">") + s
    return out.tolist()


def kronor_text(ore: pd.Series | np.ndarray) -> list[str]:
    """Exact kronor text from integer öre: ``-8333333`` → ``-83333.33``, ``100`` → ``1``."""
    ore = np.asarray(ore, dtype="int64")
    sign = np.where(ore < 0, "-", "")
    whole, frac = np.divmod(np.abs(ore), 100)
    frac_text = pd.Series(frac).map(lambda f: "" if f == 0 else (f".{f:02d}".rstrip("0")))
    return (pd.Series(sign) + pd.Series(whole).astype(str) + frac_text).tolist()


def render(kind: str, values: pd.Series) -> list[str]:
    """One column of a chunk as cell text: ``text``, ``kr`` (öre), ``int`` or ``date``."""
    if kind == "text":
        return escape_text(values)
    if kind == "kr":
        return kronor_text(values.to_numpy(dtype="int64"))
    if kind == "int":
        return values.astype("int64").astype(str).tolist()
    if kind == "date":
        serial = (pd.to_datetime(values) - EXCEL_EPOCH) / pd.Timedelta(days=1)
        if serial.isna().any() or not serial.eq(serial.round()).all():
            return [("" if pd.isna(v) else repr(float(v))) for v in serial]
        return serial.round().astype("int64").astype(str).tolist()
    raise ValueError(kind)


def write_rows(ws, first_row: int, columns: list[tuple[str, pd.Series, object]]) -> int:
    """Write rows ``first_row``, ``first_row + 1`` … of ``ws`` (0-based) from equally long
    columns ``(kind, values, format)`` (kinds as :func:`render`), a chunk at a time, so only
    one chunk of cell text is ever in memory. Returns the last row written.

    The rows above ``first_row`` must have been written with XlsxWriter's own calls already;
    nothing may be written above the returned row afterwards.
    """
    n = len(columns[0][1]) if columns else 0
    if n == 0:
        return first_row - 1
    if first_row + n - 1 >= ws.xls_rowmax:
        raise ValueError(f"{n} rows from row {first_row + 1} do not fit on one sheet "
                         f"({ws.xls_rowmax} rows)")
    ws._write_single_row(first_row)          # flush XlsxWriter's pending row (the header)
    parts = []
    for c, (kind, _, fmt) in enumerate(columns):
        style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
        parts.append(("text" if kind == "text" else "number", col_name(c), style))
    fh = ws.fh
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        chunk_cols = [render(kind, values.iloc[start:stop]) for kind, values, _ in columns]
        out = []
        append = out.append
        for i, cells in enumerate(zip(*chunk_cols)):
            r = first_row + start + i + 1
            row = [f'<row r="{r}">']
            for (kind, letter, style), v in zip(parts, cells):
                if kind == "text":
                    if v:
                        row.append(f'<c r="{letter}{r}"{style} t="inlineStr"><is><t{v}</t></is></c>')
                elif v:
                    row.append(f'<c r="{letter}{r}"{style}><v>{v}</v></c>')
            row.append("</row>")
            append("".join(row))
        fh.write("".join(out))
    last = first_row + n - 1
    if ws._check_dimensions(last, len(columns) - 1) != 0:   # pragma: no cover - guarded above
        raise ValueError(f"row {last + 1} is outside the sheet")
    ws.previous_row = last + 1   # XlsxWriter's own writes may only continue below
    return last
