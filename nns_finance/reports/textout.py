"""Frames as text: aligned tables with Swedish numbers for people, plain CSV for programs.

``render(frame, "table", money=[...])`` right-aligns money columns written ``1 552 276``;
``render(frame, "csv", money=[...])`` writes UTF-8, comma-separated, a header row, kronor with
a ``.`` decimal point and no thousands separator (``1552276.00``); a text that a spreadsheet
would take for a formula gets a leading apostrophe.
"""
from __future__ import annotations

import csv
import io

import pandas as pd

from ..core.money import format_kr, format_percent, kronor_csv


def render(frame: pd.DataFrame, fmt: str = "table", *, money=(), percent=(),
           decimals: int = 0) -> str:
    money, percent = set(money), set(percent)
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow([str(c) for c in frame.columns])
        cols = []
        for c in frame.columns:
            s = frame[c]
            if c in money:
                cols.append([kronor_csv(v) if not pd.isna(v) else "" for v in s])
            elif c in percent:
                cols.append(["" if pd.isna(v) else f"{float(v):.6f}" for v in s])
            else:
                cols.append(["" if _isna(v) else csv_text(str(v)) for v in s])
        w.writerows(zip(*cols)) if cols else None
        return out.getvalue()
    headers = [str(c) for c in frame.columns]
    body = []
    for c in frame.columns:
        s = frame[c]
        if c in money:
            body.append([format_kr(v, unit=False, decimals=decimals) for v in s])
        elif c in percent:
            body.append([format_percent(None if pd.isna(v) else float(v)) for v in s])
        else:
            body.append(["" if _isna(v) else str(v) for v in s])
    widths = [max([len(h)] + [len(x) for x in col]) for h, col in zip(headers, body)]
    right = [c in money or c in percent for c in frame.columns]

    def line(cells):
        return "  ".join(x.rjust(w) if r else x.ljust(w) for x, w, r in zip(cells, widths, right)).rstrip()

    lines = [line(headers), line(["-" * w for w in widths])]
    lines += [line(row) for row in zip(*body)] if body else []
    return "\n".join(lines) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text cell for CSV that a spreadsheet will not run as a formula: a text starting with
    ``=``, ``+``, ``-``, ``@`` (or TAB/CR) gets a leading apostrophe, as OWASP recommends.
    Amount columns are not text and are never touched."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
