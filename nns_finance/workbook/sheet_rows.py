"""A big sheet's rows described, not built: each row of the sheet is a row of a source frame (a
voucher row) or a made row (an opening or closing balance), and a column is made a slice at a
time, as it is written. A million-row Huvudbok or Verifikationslista then never exists as a
second frame beside the ledger: only one integer per row (where it comes from) is kept.

Row ``p`` of the sheet is ``pos[p]``: below ``len(source)`` a source row, from there on made
row ``pos[p] - len(source)``. A column is given as the source's values and the made rows'
values (:func:`stacked`), or as any function of the positions (:class:`SheetRows`).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

STRING = pa.large_string()


class Column:
    """Rows ``first`` … ``stop - 1`` of one column of a :class:`SheetRows`, made on demand."""

    def __init__(self, rows: "SheetRows", name: str, first: int, stop: int):
        self.rows, self.name, self.first, self.stop = rows, name, first, stop

    def __len__(self) -> int:
        return self.stop - self.first

    def slice(self, start: int, stop: int) -> pd.Series:
        """Rows ``start`` … ``stop - 1`` of this part (0 = its first row)."""
        return self.rows.values(self.name, self.first + start, self.first + min(stop, len(self)))


class SheetRows:
    """The rows of a sheet: ``pos`` (see the module) and a maker per column, a function of a
    slice of ``pos`` giving that slice's values as a Series."""

    def __init__(self, pos: np.ndarray, makers: dict[str, Callable[[np.ndarray], pd.Series]]):
        self.pos = np.asarray(pos, dtype="int64")
        self.makers = makers

    def __len__(self) -> int:
        return len(self.pos)

    @property
    def columns(self) -> list[str]:
        return list(self.makers)

    def values(self, name: str, start: int = 0, stop: int | None = None) -> pd.Series:
        part = self.makers[name](self.pos[start:stop])
        return part.reset_index(drop=True) if isinstance(part, pd.Series) else pd.Series(part)

    def column(self, name: str, first: int = 0, stop: int | None = None) -> Column:
        return Column(self, name, first, len(self) if stop is None else stop)

    def __getitem__(self, name: str) -> pd.Series:
        """A whole column (small sheets, tests)."""
        return self.values(name)

    def frame(self) -> pd.DataFrame:
        """Every row and column as one frame (small sheets, tests)."""
        return pd.DataFrame({name: self.values(name) for name in self.makers})


def as_arrow_text(values) -> pa.Array:
    """Text values (a Series, numpy or a list) as an Arrow ``large_string`` array (nulls kept)."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, (pd.StringDtype, pd.ArrowDtype)):
        try:
            arr = pa.array(values.array)
        except (TypeError, pa.ArrowInvalid):   # pragma: no cover - a python-backed string array
            arr = pa.array(values.astype(object).to_numpy(), STRING)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        return arr if arr.type == STRING else arr.cast(STRING)
    data = pd.Series(np.asarray(values, dtype=object), dtype=object)
    missing = data.isna().to_numpy()
    return pa.array(data.where(~missing, "").astype(str).to_numpy(dtype=object), STRING,
                    mask=missing if missing.any() else None)


def stacked_text(source, made) -> Callable[[np.ndarray], pd.Series]:
    """A text column: the source rows' texts, then the made rows' texts."""
    src, extra = as_arrow_text(source), as_arrow_text(made)
    n = len(src)

    def make(pos: np.ndarray) -> pd.Series:
        mine = pos >= n
        if not len(src):
            return pd.Series(extra.take(pa.array(pos - n)), dtype=pd.ArrowDtype(STRING))
        out = src.take(pa.array(np.where(mine, 0, pos)))
        if mine.any():
            out = pc.replace_with_mask(out, pa.array(mine), extra.take(pa.array(pos[mine] - n)))
        return pd.Series(out, dtype=pd.ArrowDtype(STRING))
    return make


def whole_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column of whole numbers (maybe with missing values) as (int64 values, missing mask)."""
    missing = values.isna().to_numpy()
    return values.fillna(0).to_numpy(dtype="int64") if missing.any() else values.to_numpy(dtype="int64"), missing


def stacked_numbers(source: np.ndarray, made: np.ndarray, missing_source: np.ndarray | None = None,
                    missing_made: np.ndarray | None = None, nullable: bool = False) -> Callable[[np.ndarray], pd.Series]:
    """A numeric or date column: source values then made values (one numpy array; masks of
    missing values make an ``Int64`` column when ``nullable``)."""
    values = np.concatenate([np.asarray(source), np.asarray(made, dtype=np.asarray(source).dtype)])
    missing = None
    if nullable:
        missing = np.concatenate([np.zeros(len(source), bool) if missing_source is None else missing_source,
                                  np.zeros(len(made), bool) if missing_made is None else missing_made])

    def make(pos: np.ndarray) -> pd.Series:
        if missing is None:
            return pd.Series(values[pos])
        return pd.Series(pd.arrays.IntegerArray(values[pos].astype("int64"), missing[pos]))
    return make
