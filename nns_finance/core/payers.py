"""Who pays fees for a year, and for how many months.

The rules (see README, "fees"):

- A member is *on the register* on a day when it has joined on or before that day (a blank
  joining date means a member since before the register began) and its withdrawal has not yet
  taken effect (the effective date is the first day it is no longer a member).
- A member on the register on the year's **fee date** (1 January unless settings say otherwise)
  pays the full year. A member whose withdrawal takes effect on or before the fee date pays
  nothing for the year.
- A member that joins after the fee date but within the year pays either the full fee
  (``joining = "full"``) or a share by months, counting the month it joins
  (``joining = "pro_rata"``: joining 15 March gives 10/12).
- Members named in a scenario's ``without`` are treated as gone before the year.
- The indicator fee is due from paying members whose indicator agreement is in force on some
  day between the fee date and the year end (a blank end date means open-ended).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

import numpy as np
import pandas as pd

from .problems import UsageError
from .settings import FeeRule
from .i18n import ngettext

# status codes in fee tables (labels for people: STATUS_LABELS)
PAYS = "member"
JOINS = "joins"
WITHDRAWN = "withdrawn"
WITHOUT = "without"
STATUS_LABELS = {PAYS: "medlem", JOINS: "inträde under året", WITHDRAWN: "utträtt",
                 WITHOUT: "utträder (scenario)"}


def _on_register(members: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    joined_ok = members["joined"].isna() | (members["joined"] <= day)
    not_left = members["withdrawal_date"].isna() | (members["withdrawal_date"] > day)
    return joined_ok & not_left


def check_ids(members: pd.DataFrame, ids: Iterable[str]) -> tuple[str, ...]:
    """The ids as a tuple, after checking each is on the register (UsageError otherwise)."""
    ids = tuple(str(i).strip() for i in ids if str(i).strip())
    known = set(members["member_id"].astype(str))
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UsageError(ngettext("unknown member id: {ids} (see the member_id column of the member register)",
                                  "unknown member ids: {ids} (see the member_id column of the member register)",
                                  len(unknown), ids=", ".join(unknown)))
    return ids


def fee_payers(members: pd.DataFrame, year: int, rule: FeeRule, without: Iterable[str] = ()) -> pd.DataFrame:
    """One row per member relevant to ``year``: on the register at some time in the year or
    the year before (so that a member who just left shows with fee 0).

    Columns: member_id, name, status (see ``STATUS_LABELS``), pays (bool), months (int64, the
    months charged: 12 for a full fee, 0 for none), indicator (bool).
    """
    without = check_ids(members, without)
    fee_day = pd.Timestamp(rule.effective_fee_date)
    year_start = pd.Timestamp(dt.date(year, 1, 1))
    year_end = pd.Timestamp(dt.date(year, 12, 31))
    last_year_start = pd.Timestamp(dt.date(year - 1, 1, 1))

    joined, left = members["joined"], members["withdrawal_date"]
    relevant = ((joined.isna() | (joined <= year_end))
                & (left.isna() | (left > last_year_start)))
    m = members[relevant]
    joined, left = m["joined"], m["withdrawal_date"]

    on_fee_day = _on_register(m, fee_day)
    joins = (~on_fee_day & joined.notna() & (joined > fee_day) & (joined <= year_end)
             & (left.isna() | (left > joined)))
    scenario_out = m["member_id"].astype(str).isin(without)
    pays = (on_fee_day | joins) & ~scenario_out

    if rule.joining == "pro_rata":
        join_months = (13 - joined.dt.month).fillna(12).astype("int64")
    else:
        join_months = pd.Series(12, index=m.index, dtype="int64")
    months = np.where(on_fee_day, 12, np.where(joins, join_months, 0))
    months = np.where(pays, months, 0).astype("int64")

    status = np.select([scenario_out, on_fee_day, joins], [WITHOUT, PAYS, JOINS], default=WITHDRAWN)

    ind_from, ind_to = m["indicator_from"], m["indicator_to"]
    indicator = (ind_from.notna() & (ind_from <= year_end)
                 & (ind_to.isna() | (ind_to >= max(fee_day, year_start))) & pays)

    return pd.DataFrame({
        "member_id": m["member_id"].astype("string"),
        "name": m["name"].astype("string"),
        "status": pd.Series(status, index=m.index, dtype="string"),
        "pays": pays.astype(bool),
        "months": pd.Series(months, index=m.index, dtype="int64"),
        "indicator": indicator.astype(bool),
    }).reset_index(drop=True)
