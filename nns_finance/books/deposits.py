"""The term-deposit register (``deposits.xlsx`` or ``deposits.csv``) and what it holds at a date.

One row per term: a deposit rolled over is a new row starting the day the old one matures.
:func:`read_deposits` reads and checks the register into the ``deposits`` frame of
:data:`nns_finance.books.load.SCHEMAS` (plus ``source``/``line``, where each row came from);
:func:`accrued`, :func:`outstanding` and :func:`ladder` answer the treasurer's questions at a
date. The interest arithmetic is in :mod:`nns_finance.core.interest` (re-exported here:
:func:`interest`); the deposit guarantee in :mod:`nns_finance.treasury.guarantee`; the comparison with
the ledger in :mod:`nns_finance.treasury.reconciliation`; the report's section is
:func:`deposit_summary`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from ..core.dates import outside_years, year_outside
from ..core.interest import DAY_COUNTS, day_count_name, interest
from ..core.money import parse_ore_series
from ..core.problems import Problems
from .grids import Column, parse_dates, read_input_table
from ..core.i18n import _

__all__ = ["Deposit", "deposit_records", "empty_deposits", "read_deposits"]

STEM = "deposits"
STATUSES = ("active", "matured", "withdrawn")
_STATUS_ALIASES = {
    "active": "active", "aktiv": "active", "lopande": "active", "placerad": "active", "open": "active",
    "matured": "matured", "forfallen": "matured", "avslutad": "matured", "utbetald": "matured",
    "aterbetald": "matured", "closed": "matured", "paid": "matured",
    "withdrawn": "withdrawn", "uttagen": "withdrawn", "uttagen_i_fortid": "withdrawn",
    "fortida_uttag": "withdrawn",
}
MAX_RATE = Decimal(100)

COLUMNS = [
    Column("deposit_id", ("id", "placering", "placerings_id", "nr", "nummer", "deposit")),
    Column("bank", ("bank", "institut", "bankinstitut", "kreditinstitut", "institution")),
    Column("account", ("konto", "placeringskonto", "bokforingskonto", "placement_account"), required=False),
    Column("principal", ("belopp", "kapital", "insatt_belopp", "placerat_belopp", "amount")),
    Column("rate", ("ranta", "rantesats", "ranta_procent", "rate_percent", "interest_rate")),
    Column("start", ("startdatum", "fran", "fran_och_med", "insattningsdag", "start_date")),
    Column("maturity", ("forfallodag", "forfallodatum", "slutdatum", "till", "maturity_date", "end")),
    Column("day_count", ("dagrakning", "rantekonvention", "dagberakning", "rantebas", "convention")),
    Column("status", ("status", "lage"), required=False),
]

TEMPLATE_FILES = {
    "deposits.csv": "id;bank;konto;belopp;ränta;startdatum;förfallodag;dagräkning;status\n",
}
TEMPLATE_HELP = """\
deposits.csv (eller deposits.xlsx) – fasträntekonton (placeringar). En rad per placeringsperiod:
när en placering förnyas skrivs en ny rad som börjar samma dag som den gamla förfaller.
id: unik beteckning (t.ex. P1). bank: banken (institutet); insättningsgarantin gäller per bank.
konto: bokföringskontot för placeringen (t.ex. 1880; tomt = kontot i settings.toml).
belopp: insatt belopp i kronor. ränta: räntesats i procent per år (1,85).
startdatum och förfallodag: ÅÅÅÅ-MM-DD; räntan räknas från startdatum till förfallodagen och
betalas ut på förfallodagen. dagräkning: bankens konvention, ACT/365, ACT/360, ACT/ACT eller
30/360 (står i avtalet; gissa inte). status: aktiv, förfallen eller uttagen (tomt = enligt datumen)."""


@dataclass(frozen=True)
class Deposit:
    """One term of a fixed-rate deposit (fasträntekonto).

    deposit_id: the register's id for this term
    bank:       the bank (institution) holding it; the deposit guarantee is per bank
    account:    the BAS placement account it is booked on (1880 / 1940)
    principal:  the amount placed, öre
    rate:       interest rate in per cent a year, exact
    start:      first day of the term (interest from this day)
    maturity:   the day principal and interest are paid back
    day_count:  ``ACT/365``, ``ACT/360``, ``ACT/ACT`` or ``30/360``
    status:     ``active``, ``matured``, ``withdrawn`` or "" (by the dates)
    """

    deposit_id: str
    bank: str
    account: str
    principal: int
    rate: Decimal
    start: dt.date
    maturity: dt.date
    day_count: str
    status: str = ""

    @property
    def interest(self) -> int:
        """Interest paid at maturity, öre."""
        return interest(self.principal, self.rate, self.start, self.maturity, self.day_count)


def deposit_records(deposits: pd.DataFrame) -> list[Deposit]:
    """The frame's rows as :class:`Deposit` records."""
    return [Deposit(str(r.deposit_id), str(r.bank), str(r.account), int(r.principal), r.rate,
                    r.start.date(), r.maturity.date(), str(r.day_count), str(r.status))
            for r in deposits.itertuples(index=False)]


def empty_deposits() -> pd.DataFrame:
    from ..core.schema import empty_frame

    frame = empty_frame("deposits")
    frame["source"] = pd.Series(dtype="str")
    frame["line"] = pd.Series(dtype="int64")
    return frame


def _parse_rate(text: str) -> tuple[Decimal | None, str]:
    """A per-cent rate from ``1,85``, ``1.85 %``; (None, reason) when it is not one."""
    cleaned = re.sub(r"[\s\u00a0%]", "", text).replace(",", ".").replace("\u2212", "-")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        return None, _("not a rate in per cent: {value}", value=repr(text))
    try:
        rate = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above rules it out
        return None, _("not a rate in per cent: {value}", value=repr(text))
    if rate < 0:
        return None, _("negative interest rate {value}", value=repr(text))
    if rate > MAX_RATE:
        return None, _("interest rate {value} is above 100 % (write per cent: 1,85)", value=repr(text))
    return rate, ""


def _not_a_date(text: str) -> str:
    """What is wrong with a date cell that did not read: its year, or its form."""
    return outside_years(text) if year_outside(text) else _("not a date (YYYY-MM-DD): {value}", value=repr(text))


def read_deposits(folder: Path, problems: Problems, settings) -> pd.DataFrame:
    """Read ``deposits.xlsx`` or ``deposits.csv`` from the data folder (an empty frame if
    neither exists: a register is optional). Every problem is collected with its place."""
    folder = Path(folder)
    table = read_input_table(folder, STEM, COLUMNS, problems)
    if table is None:
        return empty_deposits()
    name = table.grid.file
    return _deposits_from_table(table, problems, settings, name)


def _deposits_from_table(table, problems: Problems, settings, name: str) -> pd.DataFrame:
    f = table.frame
    ok = pd.Series(True, index=f.index)

    def bad(mask: pd.Series, column: str, messages) -> None:
        nonlocal ok
        for row in mask[mask].index:
            message = (messages(row) if callable(messages) else
                       messages.loc[row] if isinstance(messages, pd.Series) else messages)
            problems.error(**table.place(row, column), message=message)
        ok &= ~mask

    ids = f["deposit_id"].str.strip()
    if "deposit_id" not in table.col_pos:  # no id column at all: number the rows
        ids = pd.Series([f"rad {i}" for i in f.index], index=f.index, dtype="str")
    bad(ids == "", "deposit_id", _("missing deposit id"))
    first_line = pd.Series(f.index, index=f.index).groupby(ids.values).transform("min")
    dup = ids.duplicated() & (ids != "")
    bad(dup, "deposit_id", lambda row: _("duplicate deposit id {id} (first on line {first})", id=repr(ids[row]),
                                         first=first_line[row]))

    bank = f["bank"].str.strip()
    bad(bank == "", "bank", _("missing bank (the guarantee is per bank)"))

    default_account = settings.accounts.deposits[0] if settings is not None else "1880"
    account = f["account"].str.strip().replace("", default_account)
    bad(~account.str.fullmatch(r"\d{4}"), "account",
        lambda row: _("placement account must be a four-digit BAS account, got {value}", value=repr(account[row])))
    allowed = set(settings.accounts.deposits) if settings is not None else {default_account}
    odd = account.str.fullmatch(r"\d{4}") & ~account.isin(allowed)
    for row in odd[odd].index:
        problems.warning(**table.place(row, "account"),
                         message=_("placement account {account} is not a deposit account in "
                                   "settings.toml ([accounts] deposits = {allowed})", account=account[row],
                                   allowed=sorted(allowed)))

    principal, reasons = parse_ore_series(f["principal"])
    bad(f["principal"].str.strip() == "", "principal", _("missing principal"))
    bad(reasons != "", "principal", lambda row: _("principal: {why}", why=reasons[row]))
    nonpositive = principal.notna() & (principal <= 0)
    bad(nonpositive.fillna(False).astype(bool), "principal", _("principal must be more than 0 kr"))

    parsed = [(_parse_rate(t) if t.strip() else (None, _("missing interest rate"))) for t in f["rate"]]
    rate = pd.Series([p[0] for p in parsed], index=f.index, dtype="object")
    bad(rate.isna(), "rate", pd.Series([p[1] for p in parsed], index=f.index))
    tiny = rate.map(lambda r: r is not None and Decimal(0) < r < Decimal("0.1"))
    for row in tiny[tiny].index:
        problems.warning(**table.place(row, "rate"),
                         message=_("interest rate {value} % is tiny: the rate is in "
                                   "per cent (1,85 for 1.85 %), not a fraction", value=f['rate'][row].strip()))

    start, bad_start = parse_dates(f["start"])
    maturity, bad_maturity = parse_dates(f["maturity"])
    bad(f["start"].str.strip() == "", "start", _("missing start date"))
    bad(bad_start, "start", lambda row: _("start date: {why}", why=_not_a_date(f["start"][row])))
    bad(f["maturity"].str.strip() == "", "maturity", _("missing maturity date"))
    bad(bad_maturity, "maturity", lambda row: _("maturity date: {why}", why=_not_a_date(f["maturity"][row])))
    both = start.notna() & maturity.notna()
    early = both & (maturity <= start)
    bad(early, "maturity", lambda row: _("deposit matures on {maturity}, not after it starts on {start}",
                                         maturity=maturity[row].strftime("%Y-%m-%d"),
                                         start=start[row].strftime("%Y-%m-%d")))

    day_count = f["day_count"].map(day_count_name)
    bad(f["day_count"].str.strip() == "", "day_count",
        _("missing day count (the bank's convention: {choices})", choices=', '.join(DAY_COUNTS)))
    bad(day_count.isna() & (f["day_count"].str.strip() != ""), "day_count",
        lambda row: _("unknown day count {value} (expected one of {choices})", value=repr(f["day_count"][row]),
                      choices=', '.join(DAY_COUNTS)))

    status_key = f["status"].map(lambda s: re.sub(r"[^a-z]+", "_", s.strip().lower()
                                                   .translate(str.maketrans("åäö", "aao"))).strip("_"))
    status = status_key.map(lambda k: _STATUS_ALIASES.get(k, "" if k == "" else None))
    bad(status.isna(), "status", lambda row: _("unknown status {value} (expected active/aktiv, matured/förfallen "
                                               "or withdrawn/uttagen)", value=repr(f["status"][row])))

    keep = ok
    out = pd.DataFrame({
        "deposit_id": ids[keep].astype("str"),
        "bank": bank[keep].astype("str"),
        "account": account[keep].astype("str"),
        "principal": principal[keep].astype("int64"),
        "rate": rate[keep].astype("object"),
        "start": start[keep].astype("datetime64[ns]"),
        "maturity": maturity[keep].astype("datetime64[ns]"),
        "day_count": day_count[keep].astype("str"),
        "status": status[keep].astype("str"),
        "source": pd.Series(name, index=f.index, dtype="str")[keep],
        "line": pd.Series(f.index, index=f.index, dtype="int64")[keep],
    })
    return out.sort_values(["start", "line"], kind="stable").reset_index(drop=True)


# --- the register at a date ---------------------------------------------------------------
