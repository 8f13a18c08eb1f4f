"""What a SIE file says about itself, checked (SIE.md §1.4): every voucher balances, opening
balance + movements = closing balance, movements = result, monthly movements = #PSALDO,
last year's closing = this year's opening; every dimension and object used is declared.

A voucher that does not balance is an error (the ledger itself is wrong). The other identities
compare the vouchers with the file's own summary records; a mismatch is a warning that names
both figures — the vouchers are what the package uses (Fortnox has written #UB equal to #IB, Q25).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..core.money import format_kr
from .model import SieFile
from .records import LineProblems
from ..core.i18n import _


def kr(ore: int) -> str:
    return format_kr(int(ore), decimals=2)


def check_sie(sie: SieFile, report: LineProblems) -> None:
    """Run every check on ``sie``; problems go to ``report``."""
    duplicate_vouchers(sie, report)
    undeclared_objects(sie, report)
    unbalanced_vouchers(sie, report)
    if sie.transactions.empty:
        carried_forward(sie, report)
        return
    closing_balances(sie, report)
    monthly_movements(sie, report)
    carried_forward(sie, report)


def duplicate_vouchers(sie: SieFile, report: LineProblems) -> None:
    """One series and number on two #VER: the same date is the same voucher twice (two exports
    joined: its rows would count twice), an error; another date is a numbering quirk some
    programs have (BL Administration's series ``#``), a warning. Vouchers without a number (4I)
    are not compared."""
    if _numbers_unique(sie.vouchers):
        return
    v = sie.vouchers[sie.vouchers["number"] != ""]
    again = v.duplicated(["series", "number"], keep="first")
    if not again.any():
        return
    first = v.drop_duplicates(["series", "number"]).set_index(["series", "number"])
    for row in v[again].itertuples(index=False):
        earlier = first.loc[(row.series, row.number)]
        if pd.Timestamp(row.date) == pd.Timestamp(earlier["date"]):
            report.error(int(row.line), _("voucher {series} {number} appears twice (also the #VER at line "
                                          "{line}, same date): two exports joined? its rows would count twice",
                                          series=row.series, number=row.number, line=int(earlier['line'])))
        else:
            report.warning(int(row.line), _("voucher number {series} {number} is used twice (also the #VER at "
                                            "line {line}, dated {date})", series=row.series, number=row.number,
                                            line=int(earlier['line']), date=f"{pd.Timestamp(earlier['date']):%Y-%m-%d}"))


def _numbers_unique(vouchers: pd.DataFrame) -> bool:
    """True when no series and number is on two #VER, found fast for numbers written as plain
    whole numbers (``1``, ``17``, not ``017``): each voucher as one integer key (series code,
    number), checked by sorting. False means: look closely (there may be a repeat)."""
    if len(vouchers) < 2:
        return True
    number = pa.array(vouchers["number"].array)
    try:
        value = pc.cast(number, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):   # not all whole numbers
        return False
    if not pc.all(pc.equal(pc.cast(value, number.type), number)).as_py() or pc.min(value).as_py() < 0:
        return False   # 017, +17 and 17 would be one integer
    series = pc.dictionary_encode(pa.array(vouchers["series"].array))
    high = int(pc.max(value).as_py()) + 1
    if len(series.dictionary) * high >= 2 ** 62:
        return False
    key = series.indices.to_numpy(zero_copy_only=False).astype(np.int64) * high + value.to_numpy()
    key.sort()
    return not (key[1:] == key[:-1]).any()


def unbalanced_vouchers(sie: SieFile, report: LineProblems) -> None:
    t = sie.transactions
    sums = t.groupby("voucher", sort=True)["amount"].sum()
    bad = sums[sums != 0]
    v = sie.vouchers.set_index("voucher")
    for voucher, total in bad.items():
        row = v.loc[voucher]
        report.error(int(row["line"]), _("voucher {series} {number} ({date}) does not balance: its #TRANS rows "
                                         "sum to {sum}, not 0", series=row['series'], number=row['number'],
                                         date=f"{pd.Timestamp(row['date']):%Y-%m-%d}", sum=kr(total)))


def _balance_account(sie: SieFile, accounts: pd.Index) -> pd.Series:
    """True for balance-sheet accounts: by #KTYP (T, S) when given, else BAS classes 1–2."""
    types = sie.accounts.set_index("account")["type"]
    t = pd.Series(accounts, index=accounts).map(types).fillna("")
    by_number = pd.Series(accounts.astype(str).str[:1].isin(["1", "2"]), index=accounts)
    return pd.Series(np.where(t.isin(["T", "S"]), True, np.where(t.isin(["K", "I"]), False, by_number)),
                     index=accounts)


def closing_balances(sie: SieFile, report: LineProblems) -> None:
    """IB(0) + movements = UB(0) on balance accounts; movements = RES(0) on the others."""
    b = sie.balances[(sie.balances["yr"] == 0) & sie.balances["kind"].isin(["IB", "UB", "RES"])]
    if b.empty:
        return
    amounts = b.pivot_table(index="account", columns="kind", values="amount", aggfunc="sum")
    lines = b.drop_duplicates(["account", "kind"], keep="last").pivot(index="account", columns="kind", values="line")
    by_account = sie.transactions.groupby("account").agg(amount=("amount", "sum"), line=("line", "min"))
    movements, first_line = by_account["amount"], by_account["line"]
    accounts = amounts.index.union(movements.index)
    amounts = amounts.reindex(accounts).fillna(0).astype("int64")
    lines = lines.reindex(accounts)
    mov = movements.reindex(accounts).fillna(0).astype("int64")
    is_balance = _balance_account(sie, accounts)
    for kind in ("IB", "UB", "RES"):
        if kind not in amounts:
            amounts[kind] = 0
            lines[kind] = np.nan
    has_ub = "UB" in set(b["kind"])
    has_res = "RES" in set(b["kind"])
    for account in accounts:
        ib, ub, res, m = (int(amounts.at[account, "IB"]), int(amounts.at[account, "UB"]),
                          int(amounts.at[account, "RES"]), int(mov.at[account]))
        where = lines.loc[account]
        if is_balance[account] and has_ub and ib + m != ub:
            line = where["UB"] if pd.notna(where["UB"]) else where["IB"]
            line = int(line) if pd.notna(line) else int(first_line.get(account, 0)) or None
            report.warning(line, _("account {account}: #IB 0 {ib} + movements {m} = {sum}, but #UB 0 is {ub}",
                                   account=account, ib=kr(ib), m=kr(m), sum=kr(ib + m), ub=kr(ub)))
        elif not is_balance[account] and has_res and m != res:
            line = where["RES"] if pd.notna(where["RES"]) else first_line.get(account)
            report.warning(int(line) if pd.notna(line) else None,
                           _("account {account}: movements {m}, but #RES 0 is {res}", account=account, m=kr(m),
                             res=kr(res)))


def monthly_movements(sie: SieFile, report: LineProblems) -> None:
    """Σ #TRANS per account and month = the account-total #PSALDO row of year 0 (Q22)."""
    p = sie.period_balances
    p = p[(p["kind"] == "PSALDO") & (p["yr"] == 0) & p["is_account_total"]]
    if p.empty:
        return
    t = sie.transactions
    grouped = t.assign(period=t["date"].dt.to_period("M")).groupby(["account", "period"])
    moves = grouped["amount"].sum()
    move_line = grouped["line"].min()
    saldo = p.groupby(["account", "period"])["amount"].sum()
    saldo_line = p.groupby(["account", "period"])["line"].min()
    keys = saldo.index.union(moves[moves.index.get_level_values(0).isin(p["account"].unique())].index)
    bounds = sie.year_bounds(0)
    for account, period in keys:
        if bounds and not (bounds[0].to_period("M") <= period <= bounds[1].to_period("M")):
            continue
        s = int(saldo.get((account, period), 0))
        m = int(moves.get((account, period), 0))
        if s != m:
            line = saldo_line.get((account, period), move_line.get((account, period)))
            report.warning(int(line) if line is not None and pd.notna(line) else None,
                           _("account {account}, {period}: movements {m}, but #PSALDO is {s}", account=account,
                             period=period, m=kr(m), s=kr(s)))


def carried_forward(sie: SieFile, report: LineProblems) -> None:
    """#UB −1 = #IB 0 for every account (only when the file has both)."""
    b = sie.balances
    ub1 = b[(b["kind"] == "UB") & (b["yr"] == -1)]
    ib0 = b[(b["kind"] == "IB") & (b["yr"] == 0)]
    if ub1.empty or ib0.empty:
        return
    balance = _balance_account(sie, ub1["account"].drop_duplicates().pipe(pd.Index).union(ib0["account"].unique()))
    u = ub1.groupby("account")["amount"].sum()
    i = ib0.groupby("account")["amount"].sum()
    lines = ib0.groupby("account")["line"].min()
    ulines = ub1.groupby("account")["line"].min()
    for account in u.index.union(i.index):
        if not balance[account]:
            continue  # some programs write #UB -1 for result accounts too (SoftOne XE)
        a, c = int(u.get(account, 0)), int(i.get(account, 0))
        if a != c:
            line = lines.get(account, ulines.get(account))
            report.warning(int(line), _("account {account}: #UB -1 is {ub}, but #IB 0 is {ib}", account=account,
                                          ub=kr(a), ib=kr(c)))


RESERVED_DIMENSIONS = {str(d) for d in range(1, 11)}  # §8.17: need not be declared (#DIM)


def _object_uses(sie: SieFile) -> pd.DataFrame:
    """Every distinct (dimension, object) an object list names, with the first line naming it."""
    parts = [f[["objects", "line"]] for f in (sie.transactions, sie.balances, sie.period_balances) if len(f)]
    if not parts:
        return pd.DataFrame({"dim": [], "object": [], "line": []})
    uses = pd.concat(parts, ignore_index=True)
    codes, lists = pd.factorize(uses["objects"])  # the few distinct lists, each read once
    first = uses["line"].groupby(codes).min()
    rows = [(d, o, int(first.at[i])) for i, pairs in enumerate(lists) for d, o in pairs]
    out = pd.DataFrame(rows, columns=["dim", "object", "line"])
    return out.groupby(["dim", "object"], as_index=False, sort=False)["line"].min()


def undeclared_objects(sie: SieFile, report: LineProblems) -> None:
    """A dimension an object list uses without a #DIM (the reserved 1–10 need none), and an
    object without an #OBJEKT in a dimension whose objects the file lists: one warning each, at
    the first line that uses it (SIE.md §4)."""
    uses = _object_uses(sie)
    if uses.empty:
        return
    declared_dims = set(sie.dimensions["dim"].astype(str))
    objects = sie.objects
    listed = set(zip(objects["dim"].astype(str), objects["object"].astype(str)))
    dims_with_list = set(objects["dim"].astype(str))
    uses = uses.sort_values("line", kind="stable")
    for dim, group in uses.groupby("dim", sort=False):
        if dim not in declared_dims and dim not in RESERVED_DIMENSIONS:
            report.warning(int(group["line"].iloc[0]), _("dimension {dim} is used but not declared (#DIM)", dim=dim))
        if dim in dims_with_list:
            for row in group.itertuples(index=False):
                if (dim, row.object) not in listed:
                    report.warning(int(row.line), _("object {object} of dimension {dim} is used but not "
                                                    "declared (#OBJEKT)", object=repr(row.object), dim=dim))
