"""Bytes of bad input files, built in code (no binary files are committed).

- :func:`csv_bytes` / :func:`example_bytes`: text files (the example's own files as a start);
- :func:`xlsx_bytes`: a real workbook from rows of cells (openpyxl, in memory);
- :func:`entity_bomb_xlsx`: a valid workbook whose sheet XML declares nested entities (the
  "billion laughs"); a safe reader must refuse it rather than expand it;
- :func:`zip_bomb_xlsx`: a valid workbook with one extra member that unpacks to tens of MB of
  zeros from a few tens of kB;
- :func:`example_ledger_csv` / :func:`example_sie`: the example ledger in either form (the
  example folder holds one of them; the other is made by ``nns_finance.example.ledger``).
"""
from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "example"
LEDGER_FILES = ("ledger/2025.csv", "ledger/2025.se", "ledger/opening_balances.csv")


def example_bytes(rel: str) -> bytes:
    """A file of the example data folder, as bytes."""
    return (EXAMPLE / rel).read_bytes()


def example_text(rel: str) -> str:
    return example_bytes(rel).decode("utf-8-sig")


def csv_bytes(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8") -> bytes:
    """Rows joined by ``sep`` and LF (no quoting: the cases decide every byte)."""
    return "".join(sep.join(r) + "\n" for r in rows).encode(encoding)


def xlsx_bytes(rows: list[list[object]], sheet: str = "Blad1") -> bytes:
    """A workbook with one sheet holding ``rows`` (strings stay strings: no formulas)."""
    import openpyxl
    from openpyxl.cell.cell import TYPE_STRING

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = TYPE_STRING   # "=1+1" as text, the way a treasurer's cell holds it
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _replace_member(data: bytes, member: str, content: bytes,
                    extra: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == member else src.read(info.filename))
        for name, body in extra:
            dst.writestr(name, body)
    return out.getvalue()


def entity_bomb_xlsx(rows: list[list[object]]) -> bytes:
    """A valid workbook whose sheet XML carries a DOCTYPE with nested entities (10^9 'lol's)."""
    good = xlsx_bytes(rows)
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE worksheet [" + "".join(entities) + "]>"
    head, rest = sheet.split("?>", 1) if sheet.startswith("<?xml") else ("", sheet)
    bomb_cell = '<c r="A99" t="inlineStr"><is><t>&lol9;</t></is></c>'
    rest = rest.replace("</sheetData>", f'<row r="99">{bomb_cell}</row></sheetData>')
    sheet = (head + "?>" if head else "") + doctype + rest
    return _replace_member(good, "xl/worksheets/sheet1.xml", sheet.encode("utf-8"))


def zip_bomb_xlsx(rows: list[list[object]], megabytes: int = 40) -> bytes:
    """A valid workbook plus ``xl/media/image1.bin``: ``megabytes`` MB of zeros, deflated."""
    good = xlsx_bytes(rows)
    out = io.BytesIO(good)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("xl/media/image1.bin", "w", force_zip64=False) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


def grid_of(rel: str) -> list[list[str]]:
    """The cells of an example CSV (semicolon separated, no quoted separators in the example)."""
    return [line.split(";") for line in example_text(rel).splitlines() if line.strip()]


# --- the example ledger in both forms ---------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _generated(form: str) -> dict[str, bytes]:
    from nns_finance.example import ledger

    with tempfile.TemporaryDirectory() as tmp:
        paths = ledger.write(Path(tmp), form=form)
        return {str(p.relative_to(tmp)): p.read_bytes() for p in paths}


def example_ledger_csv() -> bytes:
    """``ledger/2025.csv`` of the example (semicolons, decimal comma)."""
    path = EXAMPLE / "ledger" / "2025.csv"
    return path.read_bytes() if path.exists() else _generated("csv")["ledger/2025.csv"]


def example_opening_csv() -> bytes:
    path = EXAMPLE / "ledger" / "opening_balances.csv"
    return path.read_bytes() if path.exists() else _generated("csv")["ledger/opening_balances.csv"]


def example_sie() -> bytes:
    """``ledger/2025.se`` of the example (SIE 4E, CP437, vouchers and IB)."""
    path = EXAMPLE / "ledger" / "2025.se"
    return path.read_bytes() if path.exists() else _generated("sie")["ledger/2025.se"]


def zip_bomb_message(data: bytes) -> str:
    """What the reader must say about a zip bomb: how much it unpacks to, from how little."""
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    return f"refused: the workbook unpacks to {total // (1024 * 1024)} MB from {packed // 1024} kB (a zip bomb?)"
