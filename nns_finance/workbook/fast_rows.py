"""The hot path for a million voucher rows: whole rows of cell XML, streamed into XlsxWriter.

XlsxWriter spends ~8 µs on every cell (type dispatch, a cell record, escaping, one write per
element). The Huvudbok has only a few kinds of cell — text, whole numbers, kronor, dates, and
codes (a voucher number: a number when it is one, else text) — so this
module renders a chunk of rows at a time as the very XML XlsxWriter itself writes in
``constant_memory`` mode (inline strings, ``<v>`` numbers, the cells' style indices) and hands
it to the worksheet's own row-data file; XlsxWriter then assembles the sheet as usual. Text is
escaped exactly as XlsxWriter escapes it (``& < >``, control characters as ``_xHHHH_``, a
literal ``_xHHHH_`` as ``_x005F_xHHHH_``, ``xml:space="preserve"`` for edge whitespace) and is
always an inline *string*: nothing in it can become a formula.

Amounts are written from integer öre as exact decimal text (``8333333`` → ``83333.33``), which
the reader turns into the same double as ``öre / 100``.

This leans on XlsxWriter's private row-data file and helpers, so it is used only with the
XlsxWriter versions it was checked against (:data:`CHECKED_XLSXWRITER`, the one in
``requirements.lock``; a test proves both ways give the same bytes). With any other version —
or when those private names are gone — :func:`write_rows` writes the same cells through
XlsxWriter's public ``write_string`` / ``write_number`` calls instead: slower (~8 µs a cell),
never a broken file.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import xlsxwriter

from ..reports.xlsx import EXCEL_EPOCH, col_name

CHECKED_XLSXWRITER = frozenset({"3.3.1"})   # versions whose private row writing this mirrors
_PRIVATE = ("_write_single_row", "fh", "_check_dimensions", "previous_row", "xls_rowmax")
CHUNK = 50_000
MAX_TEXT = 32_767          # Excel's limit on characters in a cell
_RARE = re.compile(r"[\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LITERAL = re.compile(r"(_x[0-9a-fA-F]{4}_)")


def escape_text(values: pd.Series) -> list[str]:
    """Cell text as the XML of a ``<t>`` element's attribute and content: ``'>text'`` or
    ``' xml:space="preserve">text'``; ``""`` for empty text (no cell is written).

    Each distinct text is escaped once (accounts, names, periods, series and files repeat on
    every row), then spread back over the rows."""
    text = values.fillna("").astype(str)
    codes, uniques = pd.factorize(text, sort=False)
    escaped = np.array([_escape_one(u) for u in np.asarray(uniques, dtype=object).tolist()] + [""],
                       dtype=object)
    return escaped[codes].tolist()   # code -1 (none) picks the trailing ""


def _escape_one(text: str) -> str:
    if not text:
        return ""
    esc = text[:MAX_TEXT].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not _RARE.search(esc):
        return ">" + esc
    esc = _LITERAL.sub(r"_x005F\1", esc)
    esc = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", esc)
    preserve = esc[:1].isspace() or esc[-1:].isspace()
    return (' xml:space="preserve">' if preserve else ">") + esc


_FRACTION = np.array([""] + [f".{f:02d}".rstrip("0") for f in range(1, 100)], dtype=object)


def kronor_text(ore: pd.Series | np.ndarray) -> list[str]:
    """Exact kronor text from integer öre: ``-8333333`` → ``-83333.33``, ``100`` → ``1``;
    a missing amount (``<NA>`` in an ``Int64`` column) is ``""``: no cell."""
    if isinstance(ore, pd.Series) and ore.dtype != "int64":
        missing = ore.isna().to_numpy()
        if missing.any():
            text = np.array(kronor_text(ore.fillna(0).to_numpy(dtype="int64")), dtype=object)
            text[missing] = ""
            return text.tolist()
        ore = ore.to_numpy(dtype="int64")
    ore = np.asarray(ore, dtype="int64")
    whole, frac = np.divmod(np.abs(ore), 100)
    sign = np.where(ore < 0, "-", "").astype(object)
    return (sign + whole.astype(str).astype(object) + _FRACTION[frac]).tolist()


_NUMBER_CODE = re.compile(r"(?:0|[1-9][0-9]{0,14})")


def numeric_codes(values: pd.Series) -> np.ndarray:
    """True where a code (account, voucher number) is a plain whole number that a cell can hold
    as a number and give back unchanged: ``183`` yes; ``007``, ``A12``, ``1 2`` no."""
    text = values.fillna("").astype(str)
    return text.str.fullmatch(_NUMBER_CODE.pattern).fillna(False).to_numpy(dtype=bool)


def render(kind: str, values: pd.Series) -> list[str]:
    """One column of a chunk as cell text: ``text``, ``kr`` (öre), ``int``, ``date`` or ``code``
    (see :func:`render_code`). A missing value is ``""``: no cell."""
    if kind == "text":
        return escape_text(values)
    if kind == "kr":
        return kronor_text(values)
    if kind == "int":
        if values.dtype != "int64" and values.isna().any():
            out = values.fillna(0).astype("int64").astype(str).to_numpy(dtype=object)
            out[values.isna().to_numpy()] = ""
            return out.tolist()
        return values.astype("int64").astype(str).tolist()
    if kind == "code":
        return render_code(values)
    if kind == "date":
        serial = (pd.to_datetime(values) - EXCEL_EPOCH) / pd.Timedelta(days=1)
        if serial.isna().any() or not serial.eq(serial.round()).all():
            return [("" if pd.isna(v) else repr(float(v))) for v in serial]
        return serial.round().astype("int64").astype(str).tolist()
    raise ValueError(kind)


def render_code(values: pd.Series) -> list[str]:
    """A code column as cell text: a number's digits as they are (``"183"``), other text escaped
    and marked with a leading ``"t"`` (``"t>A12"``) so :func:`write_rows` writes it as a string."""
    numeric = numeric_codes(values)
    text = np.array(escape_text(values), dtype=object)
    plain = values.fillna("").astype(str).to_numpy(dtype=object)
    out = np.where(numeric, plain, np.where(text == "", "", "t" + text.astype(str)))
    return out.tolist()


def fast_path_usable(ws) -> bool:
    """True when ``ws`` is a streaming worksheet of an XlsxWriter version the fast path mirrors."""
    return (getattr(xlsxwriter, "__version__", None) in CHECKED_XLSXWRITER
            and bool(getattr(ws, "constant_memory", False))
            and all(hasattr(ws, name) for name in _PRIVATE))


def write_rows(ws, first_row: int, columns: list[tuple[str, pd.Series, object]], on_rows=None) -> int:
    """Write rows ``first_row``, ``first_row + 1`` … of ``ws`` (0-based) from equally long
    columns ``(kind, values, format)`` (kinds as :func:`render`), a chunk at a time, so only
    one chunk of cell text is ever in memory. Returns the last row written. ``on_rows(n)`` is
    called after every n rows written (a progress bar).

    The rows above ``first_row`` must have been written with XlsxWriter's own calls already;
    nothing may be written above the returned row afterwards. Uses XlsxWriter's public calls
    (:func:`write_rows_public`) unless :func:`fast_path_usable`.
    """
    n = len(columns[0][1]) if columns else 0
    if n == 0:
        return first_row - 1
    if first_row + n - 1 >= 1_048_576:
        raise ValueError(f"{n} rows from row {first_row + 1} do not fit on one sheet "
                         f"(1048576 rows)")
    if not (fast_path_usable(ws) and all(fmt is None or hasattr(fmt, "_get_xf_index")
                                         for _, _, fmt in columns)):
        return write_rows_public(ws, first_row, columns)
    ws._write_single_row(first_row)          # flush XlsxWriter's pending row (the header)
    parts = []
    for c, (kind, _, fmt) in enumerate(columns):
        style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
        parts.append(({"text": "text", "code": "code"}.get(kind, "number"), col_name(c), style))
    fh = ws.fh
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        rows = [str(first_row + start + i + 1) for i in range(stop - start)]
        cells = [[f'<row r="{r}">' for r in rows]]
        for (kind, letter, style), (ckind, values, _) in zip(parts, columns):
            rendered = render(ckind, values.iloc[start:stop])
            if kind == "text":
                cells.append([f'<c r="{letter}{r}"{style} t="inlineStr"><is><t{v}</t></is></c>' if v else ""
                              for r, v in zip(rows, rendered)])
            elif kind == "code":
                cells.append([(f'<c r="{letter}{r}"{style} t="inlineStr"><is><t{v[1:]}</t></is></c>'
                               if v[0] == "t" else f'<c r="{letter}{r}"{style}><v>{v}</v></c>') if v else ""
                              for r, v in zip(rows, rendered)])
            else:
                cells.append([f'<c r="{letter}{r}"{style}><v>{v}</v></c>' if v else ""
                              for r, v in zip(rows, rendered)])
        cells.append(["</row>"] * len(rows))
        fh.write("".join(["".join(row) for row in zip(*cells)]))
        if on_rows is not None:
            on_rows(stop - start)
    last = first_row + n - 1
    if ws._check_dimensions(last, len(columns) - 1) != 0:   # pragma: no cover - guarded above
        raise ValueError(f"row {last + 1} is outside the sheet")
    ws.previous_row = last + 1   # XlsxWriter's own writes may only continue below
    return last


def write_rows_public(ws, first_row: int, columns: list[tuple[str, pd.Series, object]]) -> int:
    """:func:`write_rows` through XlsxWriter's public cell calls (any XlsxWriter version).

    The cell values are the very ones the fast path writes (the same rendering of each chunk),
    so both ways give the same workbook; only the speed differs.
    """
    n = len(columns[0][1]) if columns else 0
    kinds = [kind for kind, _, _ in columns]
    fmts = [fmt for _, _, fmt in columns]
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        chunk_cols = [_public_values(kind, values.iloc[start:stop]) for kind, values, _ in columns]
        for i, cells in enumerate(zip(*chunk_cols)):
            r = first_row + start + i
            for c, (kind, fmt, v) in enumerate(zip(kinds, fmts, cells)):
                if v is None:
                    continue
                if kind == "text" or (kind == "code" and isinstance(v, str)):
                    ws.write_string(r, c, v, fmt)
                else:
                    ws.write_number(r, c, v, fmt)
    return first_row + n - 1


def _public_values(kind: str, values: pd.Series) -> list:
    """One column of a chunk as the Python values the public calls take (None: no cell)."""
    if kind == "text":
        text = values.fillna("").astype(str).str.slice(0, MAX_TEXT)
        return [t if t else None for t in text.tolist()]
    if kind == "kr":
        return [float(t) if t else None for t in kronor_text(values)]
    if kind == "int":
        return [None if pd.isna(v) else int(v) for v in values.tolist()]
    if kind == "code":
        text = values.fillna("").astype(str).str.slice(0, MAX_TEXT)
        return [(int(t) if n else (t or None)) for t, n in zip(text.tolist(), numeric_codes(values))]
    if kind == "date":
        serial = (pd.to_datetime(values) - EXCEL_EPOCH) / pd.Timedelta(days=1)
        return [None if pd.isna(v) else float(v) for v in serial]
    raise ValueError(kind)
