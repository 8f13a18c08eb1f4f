"""The frames' shapes, declared once: column -> dtype of every frame in :class:`~.books.Books`.

"str" is pandas' string dtype; amounts are int64 öre; "object" holds Decimal rates. Every loader
returns frames of these shapes (:func:`empty_frame` when a file gives nothing).
"""
from __future__ import annotations

import pandas as pd

# The contract between loaders and everything downstream: column -> dtype of each frame.
# "str" is pandas' string dtype; amounts are int64 öre; "object" holds Decimal rates.
SCHEMAS: dict[str, dict[str, str]] = {
    "budget_lines": {"code": "str", "section": "str", "name": "str", "parent": "str",
                     "level": "int64", "order": "int64"},
    "budget": {"code": "str", "version": "str", "year": "int64", "amount": "int64"},
    "budget_equity": {"version": "str", "year": "int64", "opening": "int64", "closing": "int64"},
    "accounts": {"account": "str", "name": "str", "line": "str", "balance_group": "str", "annual_item": "str"},
    "members": {"member_id": "str", "name": "str", "org_number": "str",
                "joined": "datetime64[ns]", "notice_date": "datetime64[ns]",
                "withdrawal_date": "datetime64[ns]", "indicator_from": "datetime64[ns]",
                "indicator_to": "datetime64[ns]"},
    "fee_bases": {"member_id": "str", "year": "int64", "base": "int64"},
    "deposits": {"deposit_id": "str", "bank": "str", "account": "str", "principal": "int64",
                 "rate": "object", "start": "datetime64[ns]", "maturity": "datetime64[ns]",
                 "day_count": "str", "status": "str"},
    "ledger": {"year": "int64", "series": "str", "number": "str", "date": "datetime64[ns]",
               "account": "str", "amount": "int64", "text": "str", "source": "str",
               "line": "int64", "reg_order": "int64"},
    "balances": {"year": "int64", "account": "str", "kind": "str", "amount": "int64"},
    "forecast": {"code": "str", "year": "int64", "amount": "int64", "comment": "str", "where": "str"},
    "commitments": {"date": "datetime64[ns]", "amount": "int64", "text": "str", "line": "str",
                    "source": "str", "row": "int64"},
}


def empty_frame(name: str) -> pd.DataFrame:
    """A frame with no rows and the columns and dtypes of ``SCHEMAS[name]``."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCHEMAS[name].items()})


def schema_mismatches(frame: pd.DataFrame, name: str) -> list[str]:
    """How ``frame`` differs from ``SCHEMAS[name]`` (tests assert this is empty)."""
    out = []
    for col, dtype in SCHEMAS[name].items():
        if col not in frame.columns:
            out.append(f"{name}: missing column {col}")
        elif dtype == "str":
            if not (pd.api.types.is_string_dtype(frame[col]) or frame[col].dtype == object):
                out.append(f"{name}.{col}: {frame[col].dtype}, expected text")
        elif str(frame[col].dtype) != dtype and not (dtype.startswith("datetime64") and
                                                     str(frame[col].dtype).startswith("datetime64")):
            out.append(f"{name}.{col}: {frame[col].dtype}, expected {dtype}")
    return out
