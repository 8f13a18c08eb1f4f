"""Reading a SIE file (types 1–4, 4E and 4I) into a :class:`~.model.SieFile`.

The bytes are read once and decoded (:mod:`.encoding`) and kept as UTF-8 bytes with the start
of every line (no Python string per line); every line is classified with numpy
(:mod:`.lines`); voucher lines go through the fast path (Arrow) and the tokenizer
(:mod:`.vouchers`); the few other records through the tokenizer (:mod:`.records`); then
#KSUMMA is verified (:mod:`.ksumma`) and the file's own identities checked (:mod:`.checks`).
Problems are collected in the caller's :class:`~nns_finance.core.problems.Problems`, never raised.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import progress
from ..core.problems import Problems
from .checks import check_sie
from .encoding import decode_sie_utf8
from .fastpath import match_trans_lines, match_ver_lines
from .ksumma import crc_of_bytes
from .lines import BLANK, OTHER, ROW_KINDS, VER, TextLines, classify, line_feeds, voucher_blocks
from .model import Company, SieFile, frame
from .records import LineProblems, RecordCollector
from .tokenize import tokenize_line
from .vouchers import read_rows, read_vouchers
from ..core.i18n import _, os_error_text

MAX_JUNK_REPORTED = 50
ROW_KINDS_CODES = list(ROW_KINDS)  # #TRANS, #RTRANS, #BTRANS


def read_sie(path: str | Path, problems: Problems, name: str | None = None,
             encoding: str | None = None) -> SieFile:
    """Read the SIE file at ``path``; problems go to ``problems`` under ``name`` (default: the path)."""
    name = name or str(path)
    holder = []
    try:
        holder.append(Path(path).read_bytes())
    except OSError as exc:
        problems.error(name, None, _("cannot read the file: {error}", error=os_error_text(exc)))
        return empty_sie(name)
    return _parse(holder, problems, name, encoding, check=True)


def empty_sie(name: str, encoding: str = "", refused: bool = False) -> SieFile:
    frames = {n: frame(n) for n in ("fiscal_years", "accounts", "sru", "dimensions", "objects", "balances",
                                     "period_balances", "vouchers", "transactions", "audit_rows",
                                     "unknown_records")}
    return SieFile(name=name, encoding=encoding, company=Company(), refused=refused, **frames)


def parse_sie(data: bytes, problems: Problems, name: str, encoding: str | None = None,
              check: bool = True) -> SieFile:
    """Read SIE bytes (see :func:`read_sie`); ``check=False`` skips the identity checks."""
    return _parse([data], problems, name, encoding, check)


_KSUMMA_LABEL = re.compile(r"#ksumma", re.IGNORECASE)


def _parse(holder: list[bytes], problems: Problems, name: str, encoding: str | None, check: bool) -> SieFile:
    """:func:`parse_sie` on the bytes in ``holder``, which are let go of (taken out of it) once
    decoded, so a big file's bytes and its text are not both kept."""
    data = holder[0]
    report = LineProblems(problems, name)
    if not data or data.isspace():  # (no stripped copy of a big file)
        report.error(None, _("empty file: not a SIE file"))
        return empty_sie(name)
    if b"\r" in data and b"\n" not in data:      # old Mac line ends (CR only)
        data = holder[0] = data.replace(b"\r", b"\n")
    size = len(data)
    del data
    with progress.step(f"Läser {name} ({size // 1_000_000} MB)"):
        vouchers, transactions, audit, others, text, used, had_bom = _read_lines(holder, problems, name, encoding,
                                                                                report)
    if others is None:
        return empty_sie(name, used)
    collector = RecordCollector(report)
    junk = 0
    for i, line in others:
        tok = tokenize_line(line)
        if tok.label is None:
            junk += 1
            if junk <= MAX_JUNK_REPORTED:
                report.error(int(i) + 1, _("not a SIE record: a line must start with a #label"))
            continue
        for issue in tok.issues:
            report.warning(int(i) + 1, issue)
        collector.add(int(i) + 1, tok, line)
    if junk > MAX_JUNK_REPORTED:
        report.error(None, _("{n} more lines are not SIE records", n=junk - MAX_JUNK_REPORTED))
    checksum, refused = _ksumma(collector, text, used, report)
    if refused:
        return empty_sie(name, used, refused=True)
    sie = _assemble(name, used, collector, vouchers, transactions, audit, checksum, refused)
    if check:
        with progress.step(f"Kontrollerar {name}"):
            check_sie(sie, report)
    return sie


def _read_lines(holder: list[bytes], problems: Problems, name: str, encoding: str | None,
                report: LineProblems):
    """Decode (the bytes taken out of ``holder``), classify and read the voucher lines:
    ``(vouchers, transactions, audit_rows, others, text, encoding, had_bom)``, ``others`` the
    other records as ``(line index, text)``; ``others`` is None when the bytes are not a SIE
    file (reported). The decoded text is let go of once the voucher lines are taken out of it —
    unless a #KSUMMA needs it (``text``: the decoded file as UTF-8, else None)."""
    utf8, used, had_bom = decode_sie_utf8(holder.pop(), problems, name, encoding)
    lines = TextLines(utf8)
    del utf8
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:   # numpy and Arrow work on every core
        kinds = classify(lines.data, lines.starts, lines.ends, pool)
        first = (lines.text(i).lstrip(" \t") for i in range(min(200, len(lines))))
        if not (kinds != BLANK).any() or not any(x.startswith("#") for x in first):
            report.error(None, _("not a SIE file: no line starts with a #label"))
            return None, None, None, None, None, used, had_bom
        ver_idx = np.flatnonzero(kinds == VER)
        row_idx = np.flatnonzero(np.isin(kinds, ROW_KINDS_CODES))
        taken = pool.submit(lines.arrow, ver_idx), pool.submit(lines.arrow, row_idx)
        blocks = voucher_blocks(kinds)    # (while the voucher lines are taken out)
        for line, severity, message in blocks.issues:
            (report.error if severity == "error" else report.warning)(line + 1, message)
        others = [(i, lines.text(i)) for i in np.flatnonzero(kinds == OTHER)]
        text = lines.data if any(_KSUMMA_LABEL.search(line) for _, line in others) else None
        count = len(lines)
        # the rows are matched while the vouchers are read; the text is let go of meanwhile
        vers, rows = (match_ver_lines(taken[0].result(), pool), match_trans_lines(taken[1].result(), pool))
        del lines, taken   # (the voucher lines are the matchings' own now: let go of once matched)
        vouchers, voucher_of_line = read_vouchers(vers, ver_idx, count, report)
        del vers
        transactions, audit = read_rows(rows, row_idx, kinds, blocks, vouchers, voucher_of_line, report)
    return vouchers, transactions, audit, others, text, used, had_bom


def _ksumma(collector: RecordCollector, text: bytes | None, encoding: str,
            report: LineProblems) -> tuple[tuple | None, bool]:
    """Verify #KSUMMA on the file's own bytes: ``text`` (the decoded file as UTF-8, without the
    BOM) encoded again in CP437, which gives back every byte (each of the 256 is one character
    and back); returns the ``(declared, computed)`` pair (None when the file has none) and
    whether the file is refused."""
    marks = collector.ksumma
    if not marks:
        return None, False
    opening = [(ln, v) for ln, v in marks if not v]
    closing = [(ln, v) for ln, v in marks if v]
    if opening and not any(ln > opening[0][0] for ln, _v in closing):
        report.error(opening[0][0], _("opening #KSUMMA without a closing #KSUMMA: the file is truncated "
                                      "and is refused; export it again"))
        return (None, None), True
    if not opening:
        report.warning(closing[0][0], _("closing #KSUMMA without an opening #KSUMMA; not verified"))
        return None, False
    start = opening[0][0]
    end = min(ln for ln, _v in closing if ln > start)
    declared_text = dict(closing)[end]
    try:
        declared = int(declared_text)
    except ValueError:
        report.error(end, _("#KSUMMA {value} is not a number", value=repr(declared_text)))
        return (None, None), False
    if encoding not in ("cp437", "ibm437", "437"):
        report.warning(end, _("#KSUMMA cannot be verified on a {encoding} file (it is defined on CP437 bytes)",
                                encoding=encoding))
        return (declared, None), False
    raw = bytes(text).decode("utf-8").encode(encoding)
    nl = line_feeds(raw)  # line k (1-based) ends at nl[k - 1]
    computed = crc_of_bytes(raw[nl[start - 1] + 1:nl[end - 2] + 1], encoding)
    if computed != declared:
        report.error(end, _("#KSUMMA {declared} does not match the file's content (computed {computed}): "
                            "the file was changed after it was exported", declared=declared, computed=computed))
    return (declared, computed), False


def _assemble(name, encoding, c: RecordCollector, vouchers, transactions, audit, checksum, refused) -> SieFile:
    company = dict(c.company)
    company.setdefault("sie_type", "1")
    if company["sie_type"] == "4":
        company["sie_type"] = "4E" if c.balances else "4I"
    company = Company(**company)
    fiscal = sorted(c.rar, key=lambda r: -r[0])
    fiscal_years = frame("fiscal_years", {"yr": [r[0] for r in fiscal], "start": [r[1] for r in fiscal],
                                          "end": [r[2] for r in fiscal]})
    ktyp = {a: v.upper() for a, v, _ in c.ktyp}
    unit = {a: v for a, v, _ in c.unit}
    accounts = frame("accounts", {
        "account": list(c.accounts), "name": [v["name"] for v in c.accounts.values()],
        "type": [ktyp.get(a, "") for a in c.accounts], "unit": [unit.get(a, "") for a in c.accounts],
        "line": [v["line"] for v in c.accounts.values()]})
    sru = frame("sru", dict(zip(("account", "code", "line"), map(list, zip(*c.sru)))) if c.sru else None)
    dims = frame("dimensions", dict(zip(("dim", "name", "parent", "line"), map(list, zip(*c.dimensions))))
                 if c.dimensions else None)
    objs = frame("objects", dict(zip(("dim", "object", "name", "line"), map(list, zip(*c.objects))))
                 if c.objects else None)
    bal_cols = ("kind", "yr", "account", "objects", "amount", "qty", "line")
    balances = frame("balances", {k: [r[i] for r in c.balances] for i, k in enumerate(bal_cols)})
    per_cols = ("kind", "yr", "period", "account", "objects", "is_account_total", "amount", "qty", "line")
    periods = frame("period_balances", {k: [r[i] for r in c.periods] for i, k in enumerate(per_cols)})
    if c.periods:
        periods["period"] = pd.PeriodIndex([r[2] for r in c.periods], freq="M")
    unknown = frame("unknown_records", {"line": [u[0] for u in c.unknown], "label": [u[1] for u in c.unknown],
                                        "text": [u[2] for u in c.unknown]})
    return SieFile(name=name, encoding=encoding, company=company, fiscal_years=fiscal_years,
                   accounts=accounts, sru=sru, dimensions=dims, objects=objs, balances=balances,
                   period_balances=periods, vouchers=vouchers, transactions=transactions,
                   audit_rows=audit, unknown_records=unknown, checksum=checksum, refused=refused)
