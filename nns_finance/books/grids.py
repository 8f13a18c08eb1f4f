"""Reading the treasurer's tabular files (CSV or .xlsx) into frames of text with their places.

Loaders never open files themselves: they call :func:`read_grid` (all cells as text, indexed by
source line or sheet row) and then :func:`columns_by_header` to find their columns by name.
Every cell keeps its place, so a problem can say ``members.csv:14: …`` or
``budget.xlsx:Budget!C7: …``.

CSV dialects read: comma, semicolon or tab separated (sniffed from the header line); UTF-8 with
or without BOM, or Windows-1252 (what Swedish Excel saves); decimal comma and space thousands
are the amount parser's business (:mod:`nns_finance.core.money`). Workbooks are read by
:mod:`nns_finance.books.xlsx`, which refuses zip and XML entity bombs and formulas saved
without their values.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.encodings import mixed_encoding_line
from ..core.i18n import _, ngettext
from ..core.outputs import CELL_TEXT_LIMIT, too_long_for_a_cell
from ..core.problems import Problems
from .cells import Grid, column_letter  # noqa: F401  (the loaders take them from here)
from .files import read_input
from .xlsx import read_xlsx

TABLE_SUFFIXES = (".csv", ".xlsx", ".txt")


def display_name(path: Path, root: Path | None) -> str:
    """The name a message shows: relative to the data folder when the file lies inside it."""
    if root is not None:
        try:     # the names as given: a link is named where it lies, not where it leads
            rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
            if not rel.startswith(".."):
                return Path(rel).as_posix()
            return str(Path(path).resolve().relative_to(Path(root).resolve()))
        except (ValueError, RuntimeError, OSError):
            pass
    return str(path)


def read_grid(path: Path, problems: Problems, *, name: str | None = None,
              sheet: str | int | None = 0, kind: str = "table") -> Grid | None:
    """Read a CSV or .xlsx file into a :class:`Grid`, or record why not and return None.
    ``kind`` (``"table"`` or ``"ledger"``) sets the size limit (:data:`~.files.LIMITS`)."""
    path = Path(path)
    name = name or str(path)
    data = read_input(path, problems, name, kind)
    if data is None:
        return None
    if not data.strip():
        problems.error(name, None, _("file is empty"))
        return None
    if path.suffix.lower() == ".xlsx":
        grid = read_xlsx(data, name, problems, sheet)
        return long_texts(odd_characters(grid, problems), problems) if grid is not None else None
    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        problems.error(name, None, _("{suffix} files are not read; save it as .xlsx or .csv", suffix=path.suffix))
        return None
    if data[:4] == b"PK\x03\x04":
        problems.error(name, None, _("is a zip archive (an Excel workbook?), not a CSV text file; "
                                     "name it .xlsx or export it as CSV"))
        return None
    grid = _read_csv(data, name, problems)
    return long_texts(odd_characters(grid, problems), problems) if grid is not None else None


# digits other than ASCII 0-9, and characters that do not show: zero-width, soft hyphen and the
# bidirectional controls (two budget lines or members that display the same but differ)
_ODD = re.compile("(?![0-9])\\d|[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                  "\u2066-\u206f\ufeff\ufff9-\ufffb]")


def odd_characters(grid: Grid, problems: Problems) -> Grid | None:
    """The grid, or None with an error per cell that holds a digit other than 0–9 or an
    invisible (zero-width, bidirectional) character: such a cell would be misread or look like
    another. Cheap when there are none: one search per column."""
    cells = grid.cells
    if cells.empty:
        return grid
    found = False
    header = [str(h) for h in cells.iloc[0].tolist()]
    for col in cells.columns:
        hits = cells[col].str.contains(_ODD, regex=True, na=False)
        if not hits.any():
            continue
        for row, value in cells[col][hits].items():
            ch = _ODD.search(value).group()
            what = (_("{char} ({name}) is not a digit 0–9", char=repr(ch),
                      name=unicodedata.name(ch, 'U+%04X' % ord(ch)))
                    if ch.isdigit() else
                    _("invisible character {code} ({name})", code=f"U+{ord(ch):04X}",
                      name=unicodedata.name(ch, 'format character')))
            where = grid.place(int(row), int(col))
            prefix = _column(grid, int(row), int(col), header)
            problems.error(**where, message=prefix + _("{what}: {value}; retype it", what=what, value=repr(value)))
            found = True
    return None if found else grid


def _column(grid: Grid, row: int, col: int, header: list[str]) -> str:
    """``column 5 (belopp): `` for a CSV cell below the header (a sheet's cell names its column)."""
    if grid.sheet is not None:
        return ""
    column = _("column {n}", n=col + 1)
    if row != int(grid.cells.index[0]) and header[col].strip():
        column += f" ({header[col].strip()})"
    return f"{column}: "


def long_texts(grid: Grid | None, problems: Problems) -> Grid | None:
    """The grid, or None with an error per cell longer than a workbook cell holds: such a text
    would be cut in every workbook written from it, so it is refused where it is typed."""
    if grid is None or grid.cells.empty:
        return grid
    found = False
    header = [str(h) for h in grid.cells.iloc[0].tolist()]
    for col in grid.cells.columns:
        lengths = grid.cells[col].str.len()
        for row, n in lengths[lengths > CELL_TEXT_LIMIT].items():
            problems.error(**grid.place(int(row), int(col)),
                           message=_column(grid, int(row), int(col), header) + too_long_for_a_cell(int(n)))
            found = True
    return None if found else grid


def find_input(folder: Path, stem: str, suffixes=(".xlsx", ".csv")) -> Path | None:
    """The one file ``stem.xlsx`` or ``stem.csv`` in the folder (xlsx wins if both exist)."""
    for suffix in suffixes:
        candidate = Path(folder) / f"{stem}{suffix}"
        if candidate.exists() or candidate.is_symlink():     # a broken link or loop is told, not skipped
            return candidate
    return None


def read_input_table(folder: Path, stem: str, wanted: list["Column"], problems: Problems) -> "Table | None":
    """The data-folder table ``stem.xlsx`` or ``stem.csv`` with its columns found by header, or
    None when it is absent (no problem) or unusable (problems recorded). Both files present:
    the workbook is read and the CSV named as ignored."""
    folder = Path(folder)
    path = find_input(folder, stem)
    if path is None:
        return None
    if path.suffix == ".xlsx" and (folder / f"{stem}.csv").exists():
        problems.warning(f"{stem}.csv", None, _("ignored: {stem}.xlsx is read instead (remove one of the two)", stem=stem))
    grid = read_grid(path, problems, name=display_name(path, folder))
    return columns_by_header(grid, wanted, problems) if grid is not None else None


# --- CSV --------------------------------------------------------------------------------

def decode_text(data: bytes, name: str, problems: Problems) -> str | None:
    """UTF-8 (BOM stripped) or, failing that, Windows-1252; None with a problem if neither."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        mixed = mixed_encoding_line(data)
        if mixed is not None:
            problems.error(name, mixed, _("this line is in another encoding than the rest of the file (UTF-8 "
                                        "mixed with Windows-1252 or CP437: two files pasted together?); "
                                        "save the file as UTF-8"))
            return None
        dos = _cp437_letter_at(data)
        if dos is not None:
            problems.error(name, data[:dos].count(b"\n") + 1,
                           _("text in CP437 (DOS) encoding: å, ä and ö would be read wrong; "
                             "save the file as UTF-8"))
            return None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            problems.error(name, line, _("cannot decode text: neither UTF-8 nor Windows-1252 "
                                         "(byte {byte}); save the file as UTF-8", byte=f"0x{data[exc.start]:02x}"))
            return None
    if "\x00" in text:
        problems.error(name, text[: text.index("\x00")].count("\n") + 1,
                       _("file contains NUL bytes: not a text file (UTF-16? binary?)"))
        return None
    if "\ufeff" in text:
        line = text[: text.index("\ufeff")].count("\n") + 1
        problems.error(name, line, _("byte-order mark in the middle of the file (two files joined?)"))
        return None
    if "\r" in text and "\n" not in text:      # old Mac line ends (CR only): lines all the same
        text = text.replace("\r", "\n")
    return text


_CP437_LETTERS = b"\x86\x84\x94\x8f\x8e\x99"     # å ä ö Å Ä Ö in CP437 (DOS, SIE files)
_CP1252_LETTERS = b"\xe5\xe4\xf6\xc5\xc4\xd6"    # å ä ö Å Ä Ö in Windows-1252


def _cp437_letter_at(data: bytes) -> int | None:
    """Where the first CP437 å/ä/ö is, when the Swedish letters are CP437 rather than Windows-1252."""
    dos = sum(data.count(bytes([b])) for b in _CP437_LETTERS)
    win = sum(data.count(bytes([b])) for b in _CP1252_LETTERS)
    if dos == 0 or dos <= 2 * win:
        return None
    return min(i for i in (data.find(bytes([b])) for b in _CP437_LETTERS) if i >= 0)


def _mixed_separators(text: str, sep: str, name: str, problems: Problems) -> bool:
    """Rows without the header's separator but with another one as often (``;`` header, ``,`` rows)."""
    lines = pd.Series(text.split("\n"), dtype="str").str.rstrip("\r")
    unquoted = lines.str.replace(r'"[^"]*"', "", regex=True)
    filled = unquoted.str.strip() != ""
    if not filled.any():
        return False
    first = int(filled.idxmax())
    wanted = int(unquoted[first].count(sep))
    if wanted == 0:
        return False
    rows = filled & (lines.index > first) & (unquoted.str.count(re.escape(sep)) == 0)
    found = False
    for other in (s for s in (";", ",", "\t") if s != sep):
        bad = rows & (unquoted.str.count(re.escape(other)) >= wanted)
        for i in bad[bad].index:
            problems.error(name, int(i) + 1, _("fields separated by {other}s, but the header's by {sep}s: "
                                               "use one separator in the whole file",
                                               other=_sep_name(other), sep=_sep_name(sep)))
            found = True
    return found


def _cut_off(text: str, sep: str, name: str, problems: Problems) -> None:
    """A last line without a line end and with fewer fields than the header (or an open quote)."""
    if text.endswith(("\n", "\r")):
        return
    line = text.count("\n") + 1
    if text.count('"') % 2:
        problems.error(name, line, _("the file ends inside a quoted field: it looks cut off; export it again"))
        return
    header = next((h for h in text.split("\n") if h.strip()), "")
    last = text.rsplit("\n", 1)[-1]
    want = len(next(csv.reader([header], delimiter=sep), []))
    have = len(next(csv.reader([last], delimiter=sep), []))
    if 0 < have < want:
        problems.error(name, line, _("the last line has {have} of the header's {want} fields and no line end: "
                                     "the file looks cut off; export it again", have=have, want=want))


def read_text(path: Path, problems: Problems, name: str, *, max_bytes: int | None = None,
              too_big: str = "") -> str | None:
    """A small UTF-8 text file (settings, assumptions, scenarios), BOM stripped; None with a
    problem when it cannot be read, is empty, too big or not UTF-8."""
    raw = read_input(Path(path), problems, name, "text")
    if raw is None:
        return None
    if max_bytes is not None and len(raw) > max_bytes:
        problems.error(name, None, too_big or _("file is larger than {n} bytes", n=max_bytes))
        return None
    if not raw.strip():
        problems.error(name, None, _("file is empty"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(name, raw[: exc.start].count(b"\n") + 1,
                       _("not UTF-8 text; save {name} as UTF-8", name=Path(name).name))
        return None


def sniff_separator(text: str) -> str:
    """The field separator of the first non-blank line: ``;``, ``,`` or TAB (outside quotes)."""
    for line in io.StringIO(text):          # lazily: only up to the first non-blank line
        if line.strip():
            unquoted = re.sub(r'"[^"]*"', "", line)
            counts = {sep: unquoted.count(sep) for sep in (";", ",", "\t")}
            best = max(counts, key=lambda s: counts[s])
            return best if counts[best] else ","
    return ","


def _read_csv(data: bytes, name: str, problems: Problems) -> Grid | None:
    text = decode_text(data, name, problems)
    if text is None:
        return None
    sep = sniff_separator(text)
    if _mixed_separators(text, sep, name, problems):
        return None
    _cut_off(text, sep, name, problems)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str,
                            keep_default_na=False, na_filter=False, skip_blank_lines=False,
                            engine="c", quotechar='"')
    except pd.errors.ParserError:
        return _read_csv_slow(text, sep, name, problems)
    except pd.errors.EmptyDataError:
        problems.error(name, None, _("file is empty"))
        return None
    frame = frame.fillna("")
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    if len(frame) == physical:
        frame.index = pd.RangeIndex(1, len(frame) + 1)
    else:  # quoted fields span lines: find each record's first line the slow, exact way
        return _read_csv_slow(text, sep, name, problems)
    frame.columns = range(frame.shape[1])
    return Grid(name, None, _drop_blank_rows(frame))


def _read_csv_slow(text: str, sep: str, name: str, problems: Problems) -> Grid | None:
    """Row by row with the csv module: only for files pandas' fast path cannot place."""
    reader = csv.reader(io.StringIO(text), delimiter=sep, quotechar='"')
    rows, lines = [], []
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.error(name, reader.line_num, _("broken CSV: {error}", error=exc))
        return None
    width = max((len(r) for r in rows if any(c.strip() for c in r)), default=0)
    header_width = next((len(r) for r in rows if any(c.strip() for c in r)), 0)
    if _unclosed_quotes(text, sep, lines, reader.line_num, header_width, name, problems):
        return None
    bad = False
    for row, line in zip(rows, lines):
        if len(row) > header_width and any(c.strip() for c in row[header_width:]):
            problems.error(name, line, _("{n} fields where the header has {want} (separator is {sep}; "
                                         "a decimal comma in an unquoted amount?)",
                                         n=len(row), want=header_width, sep=_sep_name(sep)))
            bad = True
    if bad:
        return None
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], index=lines, dtype=str)
    frame = frame.iloc[:, :max(header_width, 1)]
    frame.columns = range(frame.shape[1])
    return Grid(name, None, _drop_blank_rows(frame))


def _unclosed_quotes(text: str, sep: str, starts: list[int], last_line: int, header_width: int,
                     name: str, problems: Problems) -> bool:
    """A quote that opens a field and is never closed, so the lines after it would be read
    into that one field (a record running to the end of the file, or one whose field holds
    lines that look like rows: as many separators as the header). One error per such quote, at
    the line where it opens. Only records spanning several lines are looked at."""
    physical = text.split("\n")
    ends = starts[1:] + [last_line + 1]
    cut_off = not text.endswith(("\n", "\r"))
    found = False
    for start, after in zip(starts, ends):
        end = after - 1
        if end <= start:
            continue
        record = "\n".join(physical[start - 1:end])
        for offset, closed, field_text in _quoted_fields(record, sep):
            if "\n" not in field_text and closed:
                continue
            opened = start + record.count("\n", 0, offset)
            inner = field_text.split("\n")[1:]
            looks_like_rows = header_width > 1 and any(
                ln.count(sep) >= header_width - 1 for ln in inner)
            if closed and not looks_like_rows:
                continue         # a note over several lines, quoted as CSV allows
            if not closed and cut_off and opened == len(physical):
                continue         # the last line is cut off: _cut_off has said so
            last = opened + len(inner) if closed else len(physical) - (1 if text.endswith("\n") else 0)
            span = f"{opened + 1}" if last <= opened + 1 else f"{opened + 1}–{last}"
            problems.error(name, opened, ngettext(
                "a quote opened here is never closed (line {span} would be read into this one field); "
                "close the quote or remove it",
                "a quote opened here is never closed (lines {span} would be read into this one field); "
                "close the quote or remove it", max(last - opened, 1), span=span))
            found = True
            break
    return found



def _quoted_fields(record: str, sep: str):
    """``(offset of the opening quote, closed?, field text)`` for each quoted field of one
    record's raw text: a field is quoted when its first character is a quote; ``""`` inside
    is a quote; the field ends at the next lone quote."""
    pos, n = 0, len(record)
    while pos <= n:
        if pos < n and record[pos] == '"':
            closing = re.compile('"(?!")|""').finditer(record, pos + 1)
            end = None
            for m in closing:
                if m.group() == '"':
                    end = m.start()
                    break
            if end is None:
                yield pos, False, record[pos + 1:]
                return
            yield pos, True, record[pos + 1:end]
            pos = end + 1
        nxt = min((i for i in (record.find(sep, pos), record.find("\n", pos)) if i >= 0), default=-1)
        if nxt < 0:
            return
        pos = nxt + 1


def _sep_name(sep: str) -> str:
    return {";": _("semicolon"), ",": _("comma"), "\t": _("tab")}[sep]


def _drop_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame
    stripped = frame.apply(lambda col: col.str.strip())
    keep = (stripped != "").any(axis=1)
    return stripped[keep]


# --- headers ----------------------------------------------------------------------------

def normalise_header(text: str) -> str:
    """``Medlems-ID`` → ``medlems_id``; ``Förfallodag`` → ``forfallodag`` (for matching only)."""
    text = unicodedata.normalize("NFKD", str(text).strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@dataclass(frozen=True)
class Column:
    """A column a loader wants: canonical name, accepted header spellings, required or not."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, header: str) -> bool:
        key = normalise_header(header)
        return key == normalise_header(self.name) or key in {normalise_header(a) for a in self.aliases}


@dataclass
class Table:
    """The rows under a header, with canonical column names, plus where each came from.

    frame:   text cells under canonical names; index = source line / sheet row
    grid:    the grid it came from (for :meth:`Grid.place`)
    col_pos: canonical name → 0-based column position in the file
    extra:   headers present in the file that no Column claimed
    """

    frame: pd.DataFrame
    grid: Grid
    col_pos: dict[str, int]
    extra: list[str] = field(default_factory=list)
    header_row: int = 1

    def place(self, row: int, column: str | None = None) -> dict:
        return self.grid.place(row, self.col_pos.get(column) if column else None)


def columns_by_header(grid: Grid, wanted: list[Column], problems: Problems) -> Table | None:
    """Take the first row of ``grid`` as the header and map it onto ``wanted``.

    Missing required columns are problems (naming what was found instead); duplicated headers
    too. Returns None when a required column is missing.
    """
    if grid.cells.empty:
        problems.error(grid.file, None, _("no rows: expected a header row and data"))
        return None
    header_row = int(grid.cells.index[0])
    headers = [str(h) for h in grid.cells.iloc[0].tolist()]
    col_pos: dict[str, int] = {}
    ok = True
    for col in wanted:
        hits = [i for i, h in enumerate(headers) if h and col.matches(h)]
        if len(hits) > 1:
            problems.error(**grid.place(header_row, hits[1]),
                           message=_("column {column} appears twice in the header", column=repr(col.name)))
            ok = False
        if hits:
            col_pos[col.name] = hits[0]
        elif col.required:
            found = ", ".join(h for h in headers if h) or _("nothing")
            problems.error(**grid.place(header_row, None),
                           message=_("missing column {column} (the header has: {found})",
                                     column=repr(col.name), found=found))
            ok = False
    if not ok:
        return None
    claimed = set(col_pos.values())
    extra = [h for i, h in enumerate(headers) if h and i not in claimed]
    body = grid.cells.iloc[1:]
    frame = pd.DataFrame({name: body[pos] for name, pos in col_pos.items()}, index=body.index)
    for col in wanted:
        if col.name not in frame:
            frame[col.name] = ""
    return Table(frame.astype(str), grid, col_pos, extra, header_row)


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Vectorised dates from ``YYYY-MM-DD`` (also ``YYYYMMDD``, ``YYYY/MM/DD``).

    Returns ``(dates, bad)``: ``datetime64`` (NaT where blank or bad) and a boolean mask of
    cells that were filled but not a real date (``2025-02-30`` is bad).
    """
    text = values.astype(str).str.strip()
    blank = text == ""
    norm = text.str.replace(r"^(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3", regex=True)
    norm = norm.str.replace(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$", r"\1-\2-\3", regex=True)
    norm = norm.str.replace(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$", r"\1", regex=True)
    # a year outside 1900-2200 is a typing error, refused before pandas (which ends in 2262) sees it
    sane = norm.str.match(r"^(19[0-9][0-9]|2[01][0-9][0-9]|2200)-")
    dates = pd.to_datetime(norm.where(~blank & sane), format="%Y-%m-%d", errors="coerce")
    bad = dates.isna() & ~blank
    return dates, bad


def missing_input(folder: Path, stem: str, what: str, why: str) -> str:
    """The message for a data-folder file that is not there: what it is, why it is needed, and
    a file whose name looks like it (``Budget 2026.xlsx`` for ``budget``), if there is one."""
    folder = Path(folder)
    looks = sorted(p.name for p in folder.iterdir() if p.is_file() and stem in p.name.lower()
                   and not p.name.startswith((".", "~$"))) if folder.is_dir() else []
    hint = (_("; found {found}: rename it {name}", found=looks[0],
              name=f"{stem}{Path(looks[0]).suffix.lower() or '.csv'}") if looks
            else _(" (`nns-finance init` writes a template)"))
    return _("no {what} ({stem}.xlsx or {stem}.csv): {why}{hint}", what=what, stem=stem, why=why, hint=hint)
