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
import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter

from ..core.outputs import CELL_TEXT_LIMIT, too_long_for_a_cell
from ..core.problems import OutputError
from ..reports.xlsx import EXCEL_EPOCH, col_name
from ..core.i18n import _

CHECKED_XLSXWRITER = frozenset({"3.3.1"})   # versions whose private row writing this mirrors
_PRIVATE = ("_write_single_row", "fh", "_check_dimensions", "previous_row", "xls_rowmax")
CHUNK = 50_000
MAX_TEXT = CELL_TEXT_LIMIT  # Excel's limit on characters in a cell
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
    if len(text) > MAX_TEXT:    # never cut: inputs are checked when read, this is the last guard
        raise OutputError(_("{reason}: nothing written", reason=too_long_for_a_cell(len(text))))
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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
    if kind == "code":
        return render_code(values)
    return cells_text(kind, values).to_pylist()


def render_code(values: pd.Series) -> list[str]:
    """A code column as cell text: a number's digits as they are (``"183"``), other text escaped
    and marked with a leading ``"t"`` (``"t>A12"``) so :func:`write_rows` writes it as a string."""
    numeric, plain, text = code_parts(values)
    marked = pc.if_else(pc.equal(text, _s("")), _s(""), pc.binary_join_element_wise(_s("t"), text, _s("")))
    return pc.if_else(pa.array(numeric), plain, marked).to_pylist()


STRING = pa.large_string()


def _s(text: str) -> pa.Scalar:
    return pa.scalar(text, STRING)


def _digits(values: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(np.asarray(values, dtype="int64")), STRING)


def cells_text(kind: str, values: pd.Series) -> pa.Array:
    """:func:`render` as one Arrow string array, made in C++ (no Python per row): ``text``,
    ``kr``, ``int`` or ``date``."""
    if kind == "text":
        return escaped_text(values)
    if kind == "kr":
        if values.dtype == "int64":
            return _kronor(values.to_numpy(dtype="int64"), None)
        missing = values.isna().to_numpy()
        return _kronor(values.fillna(0).to_numpy(dtype="int64"), missing if missing.any() else None)
    if kind == "int":
        if values.dtype != "int64" and values.isna().any():
            missing = values.isna().to_numpy()
            return pc.if_else(pa.array(missing), _s(""), _digits(values.fillna(0).to_numpy(dtype="int64")))
        return _digits(values.to_numpy(dtype="int64"))
    if kind == "date":
        serial = (pd.to_datetime(values) - EXCEL_EPOCH) / pd.Timedelta(days=1)
        if serial.isna().any() or not serial.eq(serial.round()).all():
            return pa.array([("" if pd.isna(v) else repr(float(v))) for v in serial], STRING)
        return _digits(serial.round().to_numpy(dtype="int64"))
    raise ValueError(kind)


_FRACTION_ARROW = pa.array(_FRACTION.tolist(), STRING)


def _kronor(ore: np.ndarray, missing: np.ndarray | None) -> pa.Array:
    """:func:`kronor_text` as an Arrow array (``missing``: no cell)."""
    whole, frac = np.divmod(np.abs(ore), 100)
    sign = pc.if_else(pa.array(ore < 0), _s("-"), _s(""))
    out = pc.binary_join_element_wise(sign, _digits(whole), _FRACTION_ARROW.take(pa.array(frac)),
                                      _s(""))
    return out if missing is None else pc.if_else(pa.array(missing), _s(""), out)


# a text that may need more than & < > escaped (control characters, a literal _xHHHH_, blanks
# at either end — any character that is not plainly visible there) or is too long for a cell:
# escaped one by one in Python, as :func:`_escape_one`; every other text in C++
_MAYBE_RARE = r"[\x00-\x1f]|_x[0-9a-fA-F]{4}_|^[^!-~\p{L}\p{N}]|[^!-~\p{L}\p{N}]$"


def arrow_text(values: pd.Series) -> pa.Array:
    """A column as an Arrow string array, ``""`` where a value is missing."""
    if isinstance(values.dtype, (pd.StringDtype, pd.ArrowDtype)) and getattr(values.dtype, "storage", "pyarrow") \
            == "pyarrow":
        arr = pa.array(values.array)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            arr = arr.cast(STRING) if arr.type != STRING else arr
            return pc.fill_null(arr, _s("")) if arr.null_count else arr
    return pa.array(values.fillna("").astype(str).to_numpy(dtype=object), STRING)


def escaped_text(values: pd.Series) -> pa.Array:
    """:func:`escape_text` as an Arrow array, made in C++ but for the rare texts that need more
    than ``& < >`` escaped; each distinct text is escaped once."""
    encoded = pc.dictionary_encode(arrow_text(values))
    return _escaped(encoded.dictionary).take(encoded.indices)


def _escaped(text: pa.Array) -> pa.Array:
    esc = pc.replace_substring(text, "&", "&amp;")
    esc = pc.replace_substring(pc.replace_substring(esc, "<", "&lt;"), ">", "&gt;")
    out = pc.if_else(pc.equal(text, _s("")), _s(""), pc.binary_join_element_wise(_s(">"), esc, _s("")))
    rare = pc.or_(pc.match_substring_regex(text, _MAYBE_RARE),
                  pc.greater(pc.utf8_length(text), MAX_TEXT)).to_numpy(zero_copy_only=False)
    if rare.any():
        at = np.flatnonzero(rare)
        fixed = pa.array([_escape_one(t) for t in text.take(pa.array(at)).to_pylist()], STRING)
        mask = np.zeros(len(text), bool)
        mask[at] = True
        out = pc.replace_with_mask(out, pa.array(mask), fixed)
    return out


def code_parts(values: pd.Series) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """A code column as (numeric mask, the plain text, the escaped text)."""
    plain = arrow_text(values)
    numeric = pc.match_substring_regex(plain, "^" + _NUMBER_CODE.pattern + "$").to_numpy(zero_copy_only=False)
    return np.asarray(numeric, bool), plain, escaped_text(values)


def _cells_xml(kind: str, letter: str, style: str, rows: pa.Array, values: pd.Series) -> pa.Array:
    """One column of a chunk as the cells' XML (``""`` where no cell is written)."""
    def cell(head: str, value: pa.Array, tail: str) -> pa.Array:
        return pc.binary_join_element_wise(_s(f'<c r="{letter}'), rows, _s(f'"{style}{head}'), value,
                                           _s(tail), _s(""))

    def text_cell(value: pa.Array) -> pa.Array:
        return cell(' t="inlineStr"><is><t', value, "</t></is></c>")

    if kind == "code":
        numeric, plain, text = code_parts(values)
        as_text = pc.if_else(pc.equal(text, _s("")), _s(""), text_cell(text))
        return pc.if_else(pa.array(numeric), cell("><v>", plain, "</v></c>"), as_text)
    value = cells_text(kind, values)
    xml = text_cell(value) if kind == "text" else cell("><v>", value, "</v></c>")
    return pc.if_else(pc.equal(value, _s("")), _s(""), xml)


def _part(values, start: int, stop: int) -> pd.Series:
    """Rows ``start`` … ``stop - 1`` of a column: a Series, or a column made on demand
    (:class:`~.sheet_rows.Column`)."""
    return values.iloc[start:stop] if isinstance(values, pd.Series) else values.slice(start, stop)


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
        rows = _digits(np.arange(first_row + start + 1, first_row + stop + 1))
        cells = [_cells_xml(ckind, letter, style, rows, _part(values, start, stop))
                 for (_, letter, style), (ckind, values, _) in zip(parts, columns)]
        xml = pc.binary_join_element_wise(_s('<row r="'), rows, _s('">'), *cells, _s("</row>"), _s(""))
        del cells
        _write_utf8(fh, _joined(xml))
        if on_rows is not None:
            on_rows(stop - start)
    last = first_row + n - 1
    if ws._check_dimensions(last, len(columns) - 1) != 0:   # pragma: no cover - guarded above
        raise ValueError(f"row {last + 1} is outside the sheet")
    ws.previous_row = last + 1   # XlsxWriter's own writes may only continue below
    return last


def _joined(strings: pa.Array) -> memoryview:
    """The items of a string array one after the other: its UTF-8 character data, as it lies."""
    strings = strings.combine_chunks() if isinstance(strings, pa.ChunkedArray) else strings
    if strings.null_count:  # pragma: no cover - every cell is text, never null
        raise ValueError("a cell without text")
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64, count=len(strings) + 1, offset=strings.offset * 8)
    data = strings.buffers()[2]
    return memoryview(data)[offsets[0]:offsets[-1]] if data is not None else memoryview(b"")


def _write_utf8(fh, data: memoryview) -> None:
    """Append UTF-8 bytes to XlsxWriter's row file (a UTF-8 text file): straight to its byte
    stream once the text layer is flushed, so the XML is never decoded and encoded again."""
    raw = getattr(fh, "buffer", None)
    if raw is None or (getattr(fh, "encoding", "") or "").lower().replace("-", "") != "utf8":
        fh.write(bytes(data).decode("utf-8"))
        return
    fh.flush()
    raw.write(data)
    raw.flush()


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
        chunk_cols = [_public_values(kind, _part(values, start, stop)) for kind, values, _ in columns]
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


def _whole(text: pd.Series) -> pd.Series:
    """The texts, if every one fits a cell (never cut without a word)."""
    lengths = text.str.len()
    if len(text) and lengths.max() > MAX_TEXT:
        raise OutputError(_("{reason}: nothing written", reason=too_long_for_a_cell(int(lengths.max()))))
    return text


def _public_values(kind: str, values: pd.Series) -> list:
    """One column of a chunk as the Python values the public calls take (None: no cell)."""
    if kind == "text":
        text = _whole(values.fillna("").astype(str))
        return [t if t else None for t in text.tolist()]
    if kind == "kr":
        return [float(t) if t else None for t in kronor_text(values)]
    if kind == "int":
        return [None if pd.isna(v) else int(v) for v in values.tolist()]
    if kind == "code":
        text = _whole(values.fillna("").astype(str))
        return [(int(t) if n else (t or None)) for t, n in zip(text.tolist(), numeric_codes(values))]
    if kind == "date":
        serial = (pd.to_datetime(values) - EXCEL_EPOCH) / pd.Timedelta(days=1)
        return [None if pd.isna(v) else float(v) for v in serial]
    raise ValueError(kind)
