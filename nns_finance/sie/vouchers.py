"""Vouchers and their rows: #VER lines into ``vouchers``, #TRANS/#RTRANS/#BTRANS lines into
``transactions`` (the current rows) and ``audit_rows`` (added and removed rows).

The fast path (:mod:`.fastpath`) reads the regular lines in bulk; the tokenizer reads the
rest; both give the same columns, which are put back in line order. #RTRANS/#BTRANS follow
SIE.md §1.5: the current voucher is all its #TRANS rows; an #RTRANS announces the #TRANS right
after it (same account, objects and amount — dates and signatures differ in real files), which
is marked ``added_later``; neither kind ever counts in amounts.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .fastpath import match_trans, match_ver, pick, unquote
from .lines import BTRANS, RTRANS, TRANS, VER, Blocks
from .model import frame
from .records import LineProblems, trans_row, ver_row
from .tokenize import tokenize_line
from .values import amounts_from_parts, dates_from_text

_KIND_NAMES = np.array(["", "", "", "", "TRANS", "RTRANS", "BTRANS", ""], dtype=object)


def _report_issues(tok, line: int, report: LineProblems) -> None:
    for issue in tok.issues:
        report.warning(line, issue)


def read_vouchers(lines: np.ndarray, kinds: np.ndarray, report: LineProblems) -> tuple[pd.DataFrame, np.ndarray]:
    """The ``vouchers`` frame, and for every line the voucher id of a #VER line (-1 elsewhere)."""
    idx = np.flatnonzero(kinds == VER)
    cols, ok = match_ver(lines[idx])
    esc = cols["escaped"]
    series = pick(cols["qseries"], cols["bseries"], esc[:0])
    number = pick(cols["qnumber"], cols["bnumber"], esc[:0])
    text = pick(cols["qtext"], cols["btext"], esc)
    sign = unquote(cols["sign"])
    date, bad_date = dates_from_text(cols["date"])
    reg, bad_reg = dates_from_text(cols["regdate"])
    valid = ok & ~bad_date
    for i in np.flatnonzero(ok & bad_date):
        report.error(int(idx[i]) + 1, f"#VER: no such date: {cols['date'][i]!r}")
    for i in np.flatnonzero(ok & bad_reg):
        report.warning(int(idx[i]) + 1, f"#VER: registration date {cols['regdate'][i]!r} is not a date; ignored")
    for i in np.flatnonzero(~ok):
        tok = tokenize_line(lines[idx[i]])
        _report_issues(tok, int(idx[i]) + 1, report)
        row = ver_row(tok, int(idx[i]) + 1, report)
        if row is None:
            continue
        valid[i] = True
        series[i], number[i], text[i], sign[i] = row["series"], row["number"], row["text"], row["sign"]
        date[i] = row["date"]
        reg[i] = row["reg_date"] if row["reg_date"] is not None else np.datetime64("NaT")
    keep = np.flatnonzero(valid)
    voucher_of_line = np.full(len(lines), -1, np.int64)
    voucher_of_line[idx[keep]] = np.arange(len(keep))
    vouchers = frame("vouchers", {
        "voucher": np.arange(len(keep)), "series": series[keep], "number": number[keep],
        "date": date[keep], "text": text[keep], "reg_date": reg[keep], "sign": sign[keep],
        "line": idx[keep] + 1})
    return vouchers, voucher_of_line


def _objects(raw: np.ndarray, idx: np.ndarray, report: LineProblems) -> np.ndarray:
    """Raw object-list contents → tuples of (dimension, object), parsing each distinct list once."""
    codes, uniques = pd.factorize(pd.Series(raw, dtype=object))
    parsed = np.empty(len(uniques), dtype=object)
    for u, value in enumerate(uniques):
        tok = tokenize_line("#O {" + value + "}")
        obj = tok.fields[0]
        if len(obj.items) % 2:
            report.warning(int(idx[np.argmax(codes == u)]) + 1,
                           f"object list {{{value.strip()}}} has an odd number of items; the last is ignored")
        parsed[u] = obj.pairs()
    out = np.empty(len(raw), dtype=object)
    out[:] = parsed[codes] if len(raw) else []
    return out


def read_rows(lines: np.ndarray, kinds: np.ndarray, blocks: Blocks, vouchers: pd.DataFrame,
              voucher_of_line: np.ndarray, report: LineProblems) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``transactions`` and ``audit_rows`` frames."""
    idx = np.flatnonzero((kinds == TRANS) | (kinds == RTRANS) | (kinds == BTRANS))
    n = len(idx)
    cols, ok = match_trans(lines[idx])
    account = cols["account"]
    objects = np.empty(n, dtype=object)
    objects[ok] = _objects(cols["objects"][ok], idx[ok], report)
    amount, too_big = amounts_from_parts(cols["minus"], cols["kronor"], cols["ore"])
    date, bad_date = dates_from_text(cols["date"])
    text = pick(cols["qtext"], cols["btext"], cols["escaped"])
    qty = cols["qty"]
    sign = unquote(cols["sign"])
    valid = ok & ~too_big & ~bad_date
    kind_names = _KIND_NAMES[kinds[idx]]
    for i in np.flatnonzero(ok & too_big):
        report.error(int(idx[i]) + 1, f"#{kind_names[i]}: amount is beyond 10^12 kr")
    for i in np.flatnonzero(ok & bad_date):
        report.error(int(idx[i]) + 1, f"#{kind_names[i]}: no such date: {cols['date'][i]!r}")
    for i in np.flatnonzero(~ok):
        line = int(idx[i]) + 1
        tok = tokenize_line(lines[idx[i]])
        _report_issues(tok, line, report)
        row = trans_row(tok, line, report)
        if row is None:
            continue
        valid[i] = True
        account[i], objects[i], amount[i] = row["account"], row["objects"], row["amount"]
        date[i] = row["date"] if row["date"] is not None else np.datetime64("NaT")
        text[i], qty[i], sign[i] = row["text"], row["qty"], row["sign"]
    owner_line = blocks.owner[idx]
    voucher = np.where(owner_line >= 0, voucher_of_line[np.maximum(owner_line, 0)], -1)
    orphan = (owner_line >= 0) & (voucher < 0)
    for ver_line in np.unique(owner_line[orphan]):
        report.error(int(ver_line) + 1, "the rows of this unusable #VER are left out")
    valid &= voucher >= 0
    kinds_here = kinds[idx]
    # #RTRANS → the #TRANS right after it in the same voucher, same account, objects, amount
    nxt = np.arange(1, n + 1)
    is_r = kinds_here == RTRANS
    r_pos = np.flatnonzero(is_r & valid)
    followed_by = np.full(n, -1, np.int64)
    added_later = np.zeros(n, bool)
    for p in r_pos:
        q = nxt[p]
        if (q < n and kinds_here[q] == TRANS and valid[q] and voucher[q] == voucher[p]
                and account[q] == account[p] and objects[q] == objects[p] and amount[q] == amount[p]):
            followed_by[p] = idx[q] + 1
            added_later[q] = True
        else:
            report.warning(int(idx[p]) + 1, "#RTRANS is not followed by the same #TRANS (account, objects, "
                                            "amount); the voucher's #TRANS rows are used as they stand")
    vdate = vouchers["date"].to_numpy("datetime64[ns]")
    cur = np.flatnonzero(valid & (kinds_here == TRANS))
    cur_date = date[cur]
    missing = np.isnat(cur_date)
    cur_date[missing] = vdate[voucher[cur][missing]]
    vser = vouchers["series"].to_numpy(object)
    vnum = vouchers["number"].to_numpy(object)
    transactions = frame("transactions", {
        "voucher": voucher[cur], "series": vser[voucher[cur]], "number": vnum[voucher[cur]],
        "account": account[cur], "objects": objects[cur], "amount": amount[cur], "date": cur_date,
        "text": text[cur], "qty": qty[cur], "sign": sign[cur], "added_later": added_later[cur],
        "line": idx[cur] + 1})
    aud = np.flatnonzero(valid & (kinds_here != TRANS))
    audit = frame("audit_rows", {
        "voucher": voucher[aud], "series": vser[voucher[aud]], "number": vnum[voucher[aud]],
        "row_kind": kind_names[aud], "account": account[aud], "objects": objects[aud],
        "amount": amount[aud], "date": date[aud], "text": text[aud], "qty": qty[aud],
        "sign": sign[aud], "line": idx[aud] + 1, "followed_by": followed_by[aud]})
    return transactions, audit
