"""Vouchers and their rows: #VER lines into ``vouchers``, #TRANS/#RTRANS/#BTRANS lines into
``transactions`` (the current rows) and ``audit_rows`` (added and removed rows).

The fast path (:mod:`.fastpath`) reads the regular lines in bulk as Arrow arrays; the tokenizer
reads the rest; both give the same columns, which are put back in line order (text columns stay
Arrow strings). #RTRANS/#BTRANS follow SIE.md §1.5: the current voucher is all its #TRANS rows;
an #RTRANS announces the #TRANS right after it (same account, objects and amount — dates and
signatures differ in real files), which is marked ``added_later``; neither kind ever counts in
amounts.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .fastpath import Matching, match_trans_lines, match_ver_lines, token_text
from .lines import RTRANS, TRANS, Blocks
from .model import frame
from .records import LineProblems, trans_row, ver_row
from .tokenize import tokenize_line
from .values import amounts_from_text, dates_from_text, no_such_date as _no_such_date
from ..core.i18n import _

_KIND_NAMES = np.array(["", "", "", "", "TRANS", "RTRANS", "BTRANS", ""], dtype=object)


def _report_issues(tok, line: int, report: LineProblems) -> None:
    for issue in tok.issues:
        report.warning(line, issue)


def _patched(column: pa.Array, rows: list[int], values: list) -> pa.Array:
    """``column`` with the items at ``rows`` replaced by ``values`` (the lines the tokenizer read)."""
    if not rows:
        return column
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    mask = np.zeros(len(column), bool)
    mask[rows] = True
    order = np.argsort(rows, kind="stable")
    return pc.replace_with_mask(column, pa.array(mask), pa.array([values[k] for k in order], column.type))


def _bad_rows(mask: np.ndarray, idx: np.ndarray, values, message) -> None:
    """One problem per row of ``mask`` (few: bad dates, amounts too big)."""
    rows = np.flatnonzero(mask)
    if len(rows):
        texts = (values.take(pa.array(rows)).to_pylist() if isinstance(values, (pa.Array, pa.ChunkedArray))
                 else [values[i] for i in rows])
        for i, text in zip(rows, texts):
            message(int(idx[i]) + 1, i, text)


def read_vouchers(lines: pa.Array | Matching, idx: np.ndarray, count: int, report: LineProblems
                  ) -> tuple[pd.DataFrame, np.ndarray]:
    """The ``vouchers`` frame from the #VER ``lines`` (line ``idx[i]`` of the file, which has
    ``count`` lines; or a :class:`~.fastpath.Matching` of them, under way), and for every line
    the voucher id of a #VER line (-1 elsewhere)."""
    matching = lines if isinstance(lines, Matching) else match_ver_lines(lines)
    cols, ok = matching.result()
    series = token_text(cols["series"], unescape=False)
    number = token_text(cols["number"], unescape=False)
    text = token_text(cols["text"])
    sign = token_text(cols["sign"], unescape=False)
    date, bad_date = dates_from_text(cols["date"])
    reg, bad_reg = dates_from_text(cols["regdate"])
    undated = ok & ~bad_date & np.isnat(date)
    valid = ok & ~bad_date & ~undated
    _bad_rows(ok & bad_date, idx, cols["date"],
              lambda line, i, v: report.error(line, f"#VER: {_no_such_date(v)}"))
    _bad_rows(undated, idx, cols["date"],
              lambda line, i, v: report.error(line, _("#VER: the voucher date is missing ({value}): "
                                                      "its rows would drop out of the books", value=repr(v))))
    _bad_rows(ok & bad_reg, idx, cols["regdate"],
              lambda line, i, v: report.warning(line, _("#VER: registration date {value} is not a date; ignored",
                                                        value=repr(v))))
    fixed: dict[str, list] = {"rows": [], "series": [], "number": [], "text": [], "sign": []}
    for i in np.flatnonzero(~ok):
        tok = tokenize_line(matching.unread[int(i)])
        _report_issues(tok, int(idx[i]) + 1, report)
        row = ver_row(tok, int(idx[i]) + 1, report)
        if row is None:
            continue
        valid[i] = True
        fixed["rows"].append(int(i))
        for key in ("series", "number", "text", "sign"):
            fixed[key].append(row[key])
        date[i] = row["date"]
        reg[i] = row["reg_date"] if row["reg_date"] is not None else np.datetime64("NaT")
    series, number, text, sign = (_patched(c, fixed["rows"], fixed[k]) for c, k in
                                  ((series, "series"), (number, "number"), (text, "text"), (sign, "sign")))
    keep = np.flatnonzero(valid)
    voucher_of_line = np.full(count, -1, np.int64)
    voucher_of_line[idx[keep]] = np.arange(len(keep))
    take = pa.array(keep)
    vouchers = frame("vouchers", {
        "voucher": np.arange(len(keep)), "series": series.take(take), "number": number.take(take),
        "date": date[keep], "text": text.take(take), "reg_date": reg[keep], "sign": sign.take(take),
        "line": idx[keep] + 1})
    return vouchers, voucher_of_line


def _objects(raw: pa.Array, idx: np.ndarray, report: LineProblems) -> np.ndarray:
    """Raw object-list contents → tuples of (dimension, object), parsing each distinct list once."""
    out = np.empty(len(raw), dtype=object)
    if not len(raw):
        return out
    if isinstance(raw, pa.ChunkedArray):
        raw = raw.combine_chunks()
    encoded = pc.dictionary_encode(raw)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    uniques = encoded.dictionary.to_pylist()
    parsed = np.empty(len(uniques), dtype=object)
    for u, value in enumerate(uniques):
        tok = tokenize_line("#O {" + value + "}")
        obj = tok.fields[0]
        if len(obj.items) % 2:
            report.warning(int(idx[np.argmax(codes == u)]) + 1,
                           _("object list {items} has an odd number of items; the last is ignored",
                             items="{" + value.strip() + "}"))
        parsed[u] = obj.pairs()
    out[:] = parsed[codes]
    return out


def read_rows(lines: pa.Array | Matching, idx: np.ndarray, kinds: np.ndarray, blocks: Blocks,
              vouchers: pd.DataFrame, voucher_of_line: np.ndarray, report: LineProblems
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``transactions`` and ``audit_rows`` frames from the #TRANS/#RTRANS/#BTRANS ``lines``
    (line ``idx[i]`` of the file; or a :class:`~.fastpath.Matching` of them, under way)."""
    n = len(idx)
    matching = lines if isinstance(lines, Matching) else match_trans_lines(lines)
    cols, ok = matching.result()
    account = cols["account"]
    objects = np.empty(n, dtype=object)
    ok_rows = np.flatnonzero(ok)
    objects[ok_rows] = _objects(cols["objects"].take(pa.array(ok_rows)) if not ok.all() else cols["objects"],
                                idx[ok_rows], report)
    amount, too_big = amounts_from_text(cols.pop("amount"))
    date, bad_date = dates_from_text(cols["date"])
    text = token_text(cols.pop("text"))
    qty = cols.pop("qty")
    sign = token_text(cols.pop("sign"), unescape=False)
    del cols["objects"]  # (each raw column goes as soon as it is read: a million rows are big)
    valid = ok & ~too_big & ~bad_date
    kind_names = _KIND_NAMES[kinds[idx]]
    _bad_rows(ok & too_big, idx, kind_names,
              lambda line, i, v: report.error(line, _("{label}: amount is beyond 10^12 kr", label=f"#{v}")))
    _bad_rows(ok & bad_date, idx, cols["date"],
              lambda line, i, v: report.error(line, f"#{kind_names[i]}: {_no_such_date(v)}"))
    fixed: dict[str, list] = {"rows": [], "account": [], "text": [], "qty": [], "sign": []}
    for i in np.flatnonzero(~ok):
        line = int(idx[i]) + 1
        tok = tokenize_line(matching.unread[int(i)])
        _report_issues(tok, line, report)
        row = trans_row(tok, line, report)
        if row is None:
            continue
        valid[i] = True
        fixed["rows"].append(int(i))
        for key in ("account", "text", "qty", "sign"):
            fixed[key].append(row[key])
        objects[i], amount[i] = row["objects"], row["amount"]
        date[i] = row["date"] if row["date"] is not None else np.datetime64("NaT")
    account, text, qty, sign = (_patched(c, fixed["rows"], fixed[k]) for c, k in
                                ((account, "account"), (text, "text"), (qty, "qty"), (sign, "sign")))
    owner_line = blocks.row_owner   # (the rows of idx, in order)
    voucher = np.where(owner_line >= 0, voucher_of_line[np.maximum(owner_line, 0)], -1)
    orphan = (owner_line >= 0) & (voucher < 0)
    for ver_line in np.unique(owner_line[orphan]):
        report.error(int(ver_line) + 1, _("the rows of this unusable #VER are left out"))
    valid &= voucher >= 0
    kinds_here = kinds[idx]
    followed_by, added_later = _rtrans(kinds_here, valid, voucher, account, objects, amount, idx, report)
    vdate = vouchers["date"].to_numpy("datetime64[ns]")
    cur = np.flatnonzero(valid & (kinds_here == TRANS))
    cur_date = date[cur]
    missing = np.isnat(cur_date)
    cur_date[missing] = vdate[voucher[cur][missing]]
    vser = pa.array(vouchers["series"].array)
    vnum = pa.array(vouchers["number"].array)
    of = pa.array(voucher[cur])

    def current(column):  # the rows of the current #TRANS lines: most often every row, as it is
        return column if len(cur) == n else column.take(pa.array(cur))

    transactions = frame("transactions", {
        "voucher": voucher[cur], "series": vser.take(of), "number": vnum.take(of),
        "account": current(account), "objects": objects[cur], "amount": amount[cur], "date": cur_date,
        "text": current(text), "qty": current(qty), "sign": current(sign),
        "added_later": added_later[cur], "line": idx[cur] + 1})
    aud = np.flatnonzero(valid & (kinds_here != TRANS))
    rows = pa.array(aud)
    of = pa.array(voucher[aud])
    audit = frame("audit_rows", {
        "voucher": voucher[aud], "series": vser.take(of), "number": vnum.take(of),
        "row_kind": kind_names[aud], "account": account.take(rows), "objects": objects[aud],
        "amount": amount[aud], "date": date[aud], "text": text.take(rows), "qty": qty.take(rows),
        "sign": sign.take(rows), "line": idx[aud] + 1, "followed_by": followed_by[aud]})
    return transactions, audit


def _rtrans(kinds_here, valid, voucher, account, objects, amount, idx, report) -> tuple[np.ndarray, np.ndarray]:
    """#RTRANS → the #TRANS right after it in the same voucher, same account, objects, amount:
    ``followed_by`` (line of that #TRANS, or -1) and ``added_later`` (True on that #TRANS)."""
    n = len(kinds_here)
    followed_by = np.full(n, -1, np.int64)
    added_later = np.zeros(n, bool)
    r_pos = np.flatnonzero((kinds_here == RTRANS) & valid)
    if not len(r_pos):
        return followed_by, added_later
    q = r_pos + 1
    inside = q < n
    qq = np.minimum(q, n - 1)
    same_account = np.asarray(pc.equal(account.take(pa.array(r_pos)), account.take(pa.array(qq)))
                              .to_numpy(zero_copy_only=False), bool)
    same_objects = np.array([objects[a] == objects[b] for a, b in zip(r_pos, qq)], bool)
    match = (inside & (kinds_here[qq] == TRANS) & valid[qq] & (voucher[qq] == voucher[r_pos])
             & same_account & same_objects & (amount[qq] == amount[r_pos]))
    followed_by[r_pos[match]] = idx[qq[match]] + 1
    added_later[qq[match]] = True
    for p in r_pos[~match]:
        report.warning(int(idx[p]) + 1, _("#RTRANS is not followed by the same #TRANS (account, objects, "
                                          "amount); the voucher's #TRANS rows are used as they stand"))
    return followed_by, added_later
