"""What a SIE file holds, as the package keeps it: :class:`SieFile` (frames) and :class:`Company`.

Frames (ids are text, amounts ``int64`` öre with the SIE sign — debit positive, credit
negative —, dates ``datetime64[ns]`` with NaT for none, ``line`` the 1-based line in the file;
``objects`` holds a tuple of ``(dimension, object)`` pairs, ``()`` for ``{}``):

``fiscal_years``    yr (0 this year, -1 last year …), start, end                         (#RAR)
``accounts``        account, name, type (T/S/K/I or ""), unit, line          (#KONTO #KTYP #ENHET)
``sru``             account, code, line                                                   (#SRU)
``dimensions``      dim, name, parent ("" unless #UNDERDIM), line                 (#DIM #UNDERDIM)
``objects``         dim, object, name, line                                            (#OBJEKT)
``balances``        kind (IB/UB/RES/OIB/OUB), yr, account, objects, amount, qty, line
``period_balances`` kind (PSALDO/PBUDGET), yr, period (``period[M]``), account, objects,
                    is_account_total (``{}`` rows — sum only these, Q22), amount, qty, line
``vouchers``        voucher (0, 1, … in file order), series, number, date, text, reg_date, sign, line
``transactions``    the current rows (#TRANS only): voucher, series, number, account, objects,
                    amount, date (transdat, else the voucher date), text, qty, sign,
                    added_later (the #TRANS after an #RTRANS), line
``audit_rows``      #RTRANS (added later) and #BTRANS (removed) rows, never in amounts:
                    voucher, series, number, row_kind, account, objects, amount, date (as
                    written; NaT if none), text, qty, sign, line, followed_by (line of the #TRANS
                    an #RTRANS announces, or -1)
``unknown_records`` line, label, text — labels this reader does not know (kept, not fatal)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

FRAME_COLUMNS: dict[str, dict[str, str]] = {
    "fiscal_years": {"yr": "int64", "start": "datetime64[ns]", "end": "datetime64[ns]"},
    "accounts": {"account": "str", "name": "str", "type": "str", "unit": "str", "line": "int64"},
    "sru": {"account": "str", "code": "str", "line": "int64"},
    "dimensions": {"dim": "str", "name": "str", "parent": "str", "line": "int64"},
    "objects": {"dim": "str", "object": "str", "name": "str", "line": "int64"},
    "balances": {"kind": "str", "yr": "int64", "account": "str", "objects": "object",
                 "amount": "int64", "qty": "str", "line": "int64"},
    "period_balances": {"kind": "str", "yr": "int64", "period": "period[M]", "account": "str",
                        "objects": "object", "is_account_total": "bool", "amount": "int64",
                        "qty": "str", "line": "int64"},
    "vouchers": {"voucher": "int64", "series": "str", "number": "str", "date": "datetime64[ns]",
                 "text": "str", "reg_date": "datetime64[ns]", "sign": "str", "line": "int64"},
    "transactions": {"voucher": "int64", "series": "str", "number": "str", "account": "str",
                     "objects": "object", "amount": "int64", "date": "datetime64[ns]", "text": "str",
                     "qty": "str", "sign": "str", "added_later": "bool", "line": "int64"},
    "audit_rows": {"voucher": "int64", "series": "str", "number": "str", "row_kind": "str",
                   "account": "str", "objects": "object", "amount": "int64",
                   "date": "datetime64[ns]", "text": "str", "qty": "str", "sign": "str",
                   "line": "int64", "followed_by": "int64"},
    "unknown_records": {"line": "int64", "label": "str", "text": "str"},
}


def frame(name: str, columns: dict | None = None) -> pd.DataFrame:
    """A frame of kind ``name`` from column data (lists or arrays), with the declared dtypes.

    The arrays become the frame's columns as they are, not copied (pandas copies by default:
    two copies of every column of a million rows): the caller hands them over and keeps none."""
    spec = FRAME_COLUMNS[name]
    columns = columns or {}
    out = {}
    for col, dtype in spec.items():
        values = columns.get(col, [])
        out[col] = pd.Series(values, dtype=dtype, copy=False).reset_index(drop=True)
    return pd.DataFrame(out, copy=False)


@dataclass(frozen=True)
class Company:
    """The identification records of a SIE file (all optional; text kept as written).

    name (#FNAMN), org_number (#ORGNR), company_id (#FNR, the program's own id), company_type
    (#FTYP), address (#ADRESS: contact, street, postal, phone), program and program_version
    (#PROGRAM), generated and generated_by (#GEN), sie_type (``1``, ``2``, ``3``, ``4E``, ``4I``;
    #SIETYP, ``4I`` when a type-4 file has no balances), format (#FORMAT), flag (#FLAGGA),
    chart (#KPTYP; ``BAS95`` when missing), currency (#VALUTA; ``SEK`` when missing), tax_year
    (#TAXAR), balances_through (#OMFATTN), comment (#PROSA), sni (#BKOD)
    """

    name: str = ""
    org_number: str = ""
    company_id: str = ""
    company_type: str = ""
    address: tuple[str, ...] = ()
    program: str = ""
    program_version: str = ""
    generated: dt.date | None = None
    generated_by: str = ""
    sie_type: str = "1"
    format: str = ""
    flag: str = ""
    chart: str = "BAS95"
    currency: str = "SEK"
    tax_year: str = ""
    balances_through: dt.date | None = None
    comment: str = ""
    sni: str = ""


@dataclass(frozen=True)
class SieFile:
    """One SIE file, read: its company and the frames described in the module docstring.

    name:      the file as the user knows it (used in every problem)
    encoding:  the character set it was read in (``cp437``, ``utf-8``, ``latin-1`` …)
    checksum:  ``(declared, computed)`` #KSUMMA values; ``None`` when the file has none
    """

    name: str
    encoding: str
    company: Company
    fiscal_years: pd.DataFrame
    accounts: pd.DataFrame
    sru: pd.DataFrame
    dimensions: pd.DataFrame
    objects: pd.DataFrame
    balances: pd.DataFrame
    period_balances: pd.DataFrame
    vouchers: pd.DataFrame
    transactions: pd.DataFrame
    audit_rows: pd.DataFrame
    unknown_records: pd.DataFrame
    checksum: tuple[int | None, int | None] | None = None
    refused: bool = False
    frames: tuple[str, ...] = field(default=tuple(FRAME_COLUMNS), repr=False)

    def year_bounds(self, yr: int = 0) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """Start and end of fiscal year ``yr`` from #RAR, or None."""
        row = self.fiscal_years[self.fiscal_years["yr"] == yr]
        if row.empty:
            return None
        return pd.Timestamp(row["start"].iloc[0]), pd.Timestamp(row["end"].iloc[0])
