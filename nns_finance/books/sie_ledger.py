"""A SIE file as the data folder's ledger: the ``ledger`` and ``balances`` frames of
:data:`nns_finance.books.load.SCHEMAS`, for ``.se``/``.si`` files in ``data/<folder>/ledger/``.

- ledger rows are the file's current #TRANS rows (never #RTRANS/#BTRANS); ``year`` is the
  fiscal year the file is about — the calendar year in which its #RAR 0 starts (the voucher
  date's year when the file has no #RAR, as 4I files); ``date`` the row's transdat, else the
  voucher date; ``text`` the row's text, else the voucher's; ``number`` the voucher number;
  ``line`` the row's line in the file; ``reg_order`` the row's order in the file (1, 2, …);
- balances are #IB, #UB and #RES of every year index with a known year (#RAR, or year 0's
  start year plus the index); object balances (#OIB/#OUB) are not part of it.

A file that is refused (truncated, #KSUMMA) gives no rows at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..core.outputs import CELL_TEXT_LIMIT, too_long_for_a_cell
from ..core.schema import SCHEMAS, empty_frame
from ..core.problems import InputError, Problems, UsageError
from ..sie.model import SieFile
from ..sie.reader import empty_sie, parse_sie
from .files import read_input
from ..core.i18n import _


def load_for_ledger(path: str | Path, problems: Problems, name: str | None = None,
                    encoding: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the SIE file at ``path`` into ``(ledger, balances)`` frames (SCHEMAS ``ledger``, ``balances``)."""
    name = name or str(path)
    sie = _read_sie(path, problems, name, encoding)
    return ledger_frames(sie, name, problems)


def _read_sie(path, problems: Problems, name: str, encoding: str | None = None) -> SieFile:
    """A SIE file opened the one safe way (:func:`~.files.read_input`), then parsed."""
    data = read_input(Path(path), problems, name, "ledger")
    if data is None:
        return empty_sie(name)
    return parse_sie(data, problems, name, encoding=encoding)


@dataclass(frozen=True)
class SieLedger:
    """One SIE file read on its own (``nns-finance balance FILE``): its ledger and balances
    frames, the fiscal year it is about, the account names, the year's first and last month,
    and the warnings the reader found (errors stop it: :class:`InputError`)."""

    ledger: pd.DataFrame
    balances: pd.DataFrame
    year: int
    names: pd.Series
    first: pd.Period | None
    last: pd.Period | None
    warnings: tuple = ()


def read_sie_ledger(path: Path) -> SieLedger:
    """The SIE file at ``path`` as a ledger; :class:`InputError` with every error it has."""
    problems = Problems()
    sie = _read_sie(path, problems, str(path))
    if problems.has_errors:
        raise InputError(problems)
    ledger, balances = ledger_frames(sie, str(path))
    labels = fiscal_year_labels(sie)
    bounds = sie.year_bounds(0)
    year = labels.get(0, int(ledger["year"].max()) if len(ledger) else None)
    if year is None:
        raise UsageError(_("{path}: no fiscal year (#RAR) and no vouchers", path=path))
    names = sie.accounts.set_index("account")["name"]
    first = bounds[0].to_period("M") if bounds else None
    last = bounds[1].to_period("M") if bounds else None
    return SieLedger(ledger, balances, int(year), names, first, last, tuple(problems.sorted()))


def fiscal_year_labels(sie: SieFile) -> dict[int, int]:
    """Year index (0, -1 …) → calendar year its fiscal year starts in."""
    fy = sie.fiscal_years
    labels = {int(yr): int(pd.Timestamp(start).year) for yr, start in zip(fy["yr"], fy["start"])}
    return labels


def _long_texts(sie: SieFile, source: str, problems: Problems) -> None:
    """An error at each voucher, row or account whose text no workbook cell could hold (it
    would be cut in every workbook written from it)."""
    for frame, columns in ((sie.vouchers, ("text",)), (sie.transactions, ("text",)), (sie.accounts, ("name",))):
        for col in columns:
            if col not in frame or not len(frame):
                continue
            lengths = frame[col].astype("str").str.len()
            for i in np.flatnonzero((lengths > CELL_TEXT_LIMIT).to_numpy())[:20]:
                problems.error(source, int(frame["line"].iat[i]), too_long_for_a_cell(int(lengths.iat[i])))


def ledger_frames(sie: SieFile, source: str, problems: Problems | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``ledger`` and ``balances`` frames of an already read SIE file."""
    if sie.refused:
        return empty_frame("ledger"), empty_frame("balances")
    labels = fiscal_year_labels(sie)
    t = sie.transactions
    text = pa.array(t["text"].array)
    if len(t):  # a row without a text takes its voucher's
        vtext = pa.array(sie.vouchers["text"].array).take(pa.array(t["voucher"].to_numpy()))
        text = pc.if_else(pc.equal(text, ""), vtext, text)
    if 0 in labels:
        year = np.full(len(t), labels[0], np.int64)
    else:
        year = t["date"].dt.year.to_numpy(np.int64)
    sources = pa.DictionaryArray.from_arrays(np.zeros(len(t), np.int32), pa.array([source], pa.large_string()))
    columns = {
        "year": pd.Series(year, dtype="int64"),
        "series": t["series"].astype("str"),
        "number": t["number"].astype("str"),
        "date": t["date"].astype("datetime64[ns]"),
        "account": t["account"].astype("str"),
        "amount": t["amount"].astype("int64"),
        "text": pd.Series(text, dtype="str"),
        "source": pd.Series(sources.cast(pa.large_string()), dtype="str"),
        "line": t["line"].astype("int64"),
        "reg_order": pd.Series(np.arange(1, len(t) + 1), dtype="int64"),
        "reg_date": pd.Series(sie.vouchers["reg_date"].to_numpy("datetime64[ns]")[t["voucher"].to_numpy()]
                              if len(t) else np.array([], "datetime64[ns]"), dtype="datetime64[ns]"),
    }
    # the columns as made, not copied (pandas copies a dict's columns by default)
    ledger = pd.DataFrame({c: columns[c] for c in [*SCHEMAS["ledger"], "reg_date"]}, copy=False)
    if problems is not None:
        _long_texts(sie, source, problems)
    b = sie.balances[sie.balances["kind"].isin(["IB", "UB", "RES"])]
    if 0 in labels:
        years = b["yr"].map(lambda yr: labels.get(int(yr), labels[0] + int(yr)))
    else:
        years = b["yr"].map(lambda yr: labels.get(int(yr), np.nan))
    known = years.notna()
    if problems is not None:
        for line in b.loc[~known, "line"]:
            problems.error(source, int(line), _("balance for a year index without a #RAR: its year is unknown; "
                                                "not read"))
    balances = pd.DataFrame({
        "year": years[known].astype("int64"),
        "account": b.loc[known, "account"].astype("str"),
        "kind": b.loc[known, "kind"].astype("str"),
        "amount": b.loc[known, "amount"].astype("int64"),
    }).reset_index(drop=True)[list(SCHEMAS["balances"])]
    return ledger, balances
