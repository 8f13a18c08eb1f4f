"""Reading the treasurer's ``.xlsx`` files safely into a :class:`~nns_finance.books.grids.Grid`.

Before openpyxl sees a workbook it must be a real zip with ``[Content_Types].xml`` that does not
unpack to far more than it weighs (a zip bomb); openpyxl itself refuses XML entity declarations
(entity-expansion bombs) because defusedxml is installed. Cells come back as the text a CSV
would hold; a formula saved without its value is an error at its cell, never a silent blank.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pandas as pd

from ..core.i18n import _
from ..core.problems import Problems
from .cells import Grid, column_letter
from ..core.i18n import _, ngettext

MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024   # a year of NNS is a few MB; 512 MB is a bomb
MAX_XLSX_RATIO = 200                          # zip members compressed more than this are suspect
#: the most rows a sheet is read with (a cell-by-cell read, about a minute for this many on a slow
#: machine); a bigger sheet is refused up front with its size, counted from the file before parsing
MAX_XLSX_ROWS = 200_000
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def read_xlsx(data: bytes, name: str, problems: Problems, sheet: str | int | None) -> Grid | None:
    if data[:4] != b"PK\x03\x04":
        problems.error(name, None, _("not an Excel workbook: the file is text (a CSV renamed .xlsx?)")
                       if _looks_like_text(data) else _("not an Excel workbook: the file is not a zip archive"))
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_XLSX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_XLSX_RATIO):
                problems.error(name, None, _("refused: the workbook unpacks to {size} MB from {packed} kB (a zip bomb?)",
                                             size=total // (1024 * 1024), packed=packed // 1024))
                return None
            if "[Content_Types].xml" not in zf.namelist():
                problems.error(name, None, _("not an Excel workbook: a zip archive without [Content_Types].xml"))
                return None
            links = [n for n in zf.namelist() if n.startswith("xl/externalLinks/") and n.endswith(".xml")]
            if links:
                problems.error(name, None, ngettext(
                    "the workbook links to {n} other workbook: the linked cells hold values saved when it was "
                    "last opened, perhaps stale; break the links (Data > Edit Links > Break Link) and save it again",
                    "the workbook links to {n} other workbooks: the linked cells hold values saved when it was "
                    "last opened, perhaps stale; break the links (Data > Edit Links > Break Link) and save it again",
                    len(links)))
                return None
    except zipfile.BadZipFile as exc:
        problems.error(name, None, _("not an Excel workbook: broken zip archive ({error})", error=exc))
        return None
    import openpyxl  # imported late: only workbooks need it

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds; each means "cannot read this workbook"
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        if any("Entit" in e.__class__.__name__ or "DTD" in e.__class__.__name__
               or "entit" in str(e).lower() for e in _exception_chain(exc)):
            reason = _("XML entity declarations are refused (an entity-expansion bomb?)")
        problems.error(name, None, _("cannot read workbook: {error}", error=reason))
        return None
    try:
        if isinstance(sheet, str):
            if sheet not in wb.sheetnames:
                problems.error(name, None, _("no sheet named {sheet} (sheets: {sheets})", sheet=repr(sheet),
                                             sheets=', '.join(wb.sheetnames)))
                return None
            ws = wb[sheet]
        else:
            visible = [w for w in wb.worksheets if getattr(w, "sheet_state", "visible") == "visible"]
            hidden = [w.title for w in wb.worksheets if w not in visible]
            if not visible:
                problems.error(name, None, _("every sheet of the workbook is hidden: show the one to read"))
                return None
            if hidden:
                problems.warning(name, None, ngettext(
                    "hidden sheet {sheets} not read; the first visible sheet {first} is",
                    "hidden sheets {sheets} not read; the first visible sheet {first} is", len(hidden),
                    sheets=', '.join(repr(h) for h in hidden), first=repr(visible[0].title)))
            ws = visible[sheet or 0] if (sheet or 0) < len(visible) else visible[0]
        count, formulas = sheet_scan(data, getattr(ws, "_worksheet_path", None))
        if count > MAX_XLSX_ROWS:
            problems.error(name, None, _("the sheet {sheet} has {rows} rows; a workbook is read up to {limit} rows "
                                         "(more would take minutes): save it as CSV (a ledger also as SIE), "
                                         "which is read in seconds", sheet=repr(ws.title), rows=_spaced(count),
                                         limit=_spaced(MAX_XLSX_ROWS)))
            return None
        if hasattr(ws, "reset_dimensions"):    # the saved extent may be wrong (A1:A1): read every row
            ws.reset_dimensions()
        rows, index = [], []
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if values and any(v is not None and str(v).strip() != "" for v in values):
                rows.append([cell_text(v) for v in values])
                index.append(r)
        title = ws.title
        uncached = _formulas_without_values(data, title) if formulas else []
    except Exception as exc:
        problems.error(name, None, _("cannot read workbook: {error}", error=exc))
        return None
    finally:
        wb.close()
    for r, c in uncached:
        problems.error(name, r, _("formula without a saved value (the file was not saved by a "
                                  "spreadsheet program): open it in Excel or LibreOffice and save it"),
                       sheet=title, cell=f"{column_letter(c)}{r}")
    if uncached:
        return None
    width = max((len(r) for r in rows), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], index=index, dtype=str)
    frame.columns = range(frame.shape[1])
    return Grid(name, title, frame)


def sheet_scan(data: bytes, member: str | None) -> tuple[int, bool]:
    """How many rows (``<row>`` elements) the sheet's XML holds, and whether it holds any
    formula (``<f>``), found in the unpacked stream without parsing it (a second or so for a
    million rows). Unknown member: ``(0, True)`` (nothing known, so formulas are looked for)."""
    if not member:
        return 0, True
    count, formulas, carry = 0, False, b""
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(member.lstrip("/")) as f:
        while True:
            block = f.read(1 << 23)
            buf = carry + block
            cut = buf.rfind(b"<") if block else len(buf)   # no tag is split between two blocks
            cut = len(buf) if cut < 0 else cut
            count += len(_ROW.findall(buf, 0, cut))
            formulas = formulas or _FORMULA.search(buf, 0, cut) is not None
            if not block:
                return count, formulas
            carry = buf[cut:]


def _spaced(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _exception_chain(exc: BaseException | None):
    """``exc`` and the exceptions that caused it (openpyxl wraps defusedxml's refusal)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _formulas_without_values(data: bytes, title: str) -> list[tuple[int, int]]:
    """Cells holding a formula but no cached value: reading them would give a silent blank."""
    import openpyxl

    wb_f = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    wb_v = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        found = []
        for wb in (wb_f, wb_v):                 # every row, whatever extent the file claims
            wb[title].reset_dimensions()
        rows_f = wb_f[title].iter_rows(values_only=True)
        rows_v = wb_v[title].iter_rows(values_only=True)
        for r, (vf, vv) in enumerate(zip(rows_f, rows_v), start=1):
            for c, (f, v) in enumerate(zip(vf, vv)):
                if v is None and isinstance(f, str) and f.startswith("="):
                    found.append((r, c))
        return found
    finally:
        wb_f.close()
        wb_v.close()


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" not in head and sum(32 <= b < 127 or b in (9, 10, 13) for b in head) > 0.9 * len(head)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (dates ISO, floats without binary noise)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text
    return str(value).strip()
