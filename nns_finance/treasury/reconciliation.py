"""The deposit register against the ledger, and the monthly report's deposit section.

Two comparisons, both "ledger − register" so a positive difference means the books hold more:

- **principal**: per placement account, the principal of the terms placed at the end of a day
  against the account's balance in the ledger that day (opening balance + vouchers to date);
- **interest**: per maturity date, the interest computed for the terms maturing that day
  against the interest booked that day on the interest accounts (``[accounts] interest``).
  A booking on an interest account on a day no term matures is listed too. A year-end accrual
  booked through the accrued-interest accounts (``[accounts] accrued_interest``, 1760) counts
  as interest on the day it is *paid*: interest booked on a day = −(the day's movement on the
  interest and accrued-interest accounts), so the accrual (8312 against 1760) nets to zero on
  its own day, and at maturity the reversal plus the payment give the term's interest.

:func:`deposit_summary` gathers what the report shows: the deposits with their accrued interest,
those maturing within three months, the guarantee per bank and both comparisons.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..accounting.trial_balance import balance_at

from .deposits import accrued, ladder, outstanding
from .guarantee import guarantee_problems, guarantee_status
from ..core.interest import interest_rows
from ..core.money import format_kr
from ..core.problems import WARNING, Problem
from ..core.i18n import _


def ledger_covers(books, at) -> bool:
    """Whether the ledger has anything for the year of ``at`` up to that day."""
    at = pd.Timestamp(at).normalize()
    led, bal = books.ledger, books.balances
    return bool(((led["date"].dt.year == at.year) & (led["date"] <= at)).any()
                or ((bal["year"] == at.year) & (bal["kind"] == "IB")).any())


def principal_reconciliation(books, at) -> pd.DataFrame:
    """Per placement account at the end of ``at``: account, register, ledger, difference."""
    deposits = books.deposits
    held = deposits[outstanding(deposits, at)]
    accounts = sorted(set(books.settings.accounts.deposits) | set(deposits["account"]))
    register = held.groupby("account")["principal"].sum()
    rows = [{"account": a, "register": int(register.get(a, 0)),
             "ledger": balance_at(books, [a], at)} for a in accounts]
    frame = pd.DataFrame(rows, columns=["account", "register", "ledger"])
    frame["difference"] = frame["ledger"] - frame["register"]
    return frame.astype({"account": "str", "register": "int64", "ledger": "int64", "difference": "int64"})


def interest_reconciliation(books, at=None) -> pd.DataFrame:
    """Per day within the ledger (up to ``at``) on which a term matures or interest is booked:
    date, deposits (ids), computed, booked, difference (booked − computed), all öre."""
    led = books.ledger
    cols = ["date", "deposits", "computed", "booked", "difference"]
    if led.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            cols, ["datetime64[ns]", "str", "int64", "int64", "int64"])})
    first, last = led["date"].min(), led["date"].max()
    if at is not None:
        last = min(last, pd.Timestamp(at).normalize())
    deposits = books.deposits
    due = deposits[(deposits["maturity"] >= first) & (deposits["maturity"] <= last)
                   & (deposits["status"] != "withdrawn")].copy()
    due["computed"] = pd.Series(interest_rows(due), index=due.index, dtype="int64")
    computed = due.groupby("maturity").agg(computed=("computed", "sum"),
                                           deposits=("deposit_id", lambda s: ", ".join(s)))
    accounts = [str(a) for a in books.settings.accounts.interest]
    accrual = [str(a) for a in getattr(books.settings.accounts, "accrued_interest", ())]
    rows = led[led["account"].isin(accounts + accrual) & (led["date"] >= first) & (led["date"] <= last)]
    booked = (-rows.groupby("date")["amount"].sum()).rename("booked")
    booked = booked[booked != 0]      # an accrual and its reversal net to zero on their own day
    out = computed.join(booked, how="outer")
    out.index.name = "date"
    out = out.reset_index()
    out["deposits"] = out["deposits"].fillna("").astype("str")
    out["computed"] = out["computed"].fillna(0).astype("int64")
    out["booked"] = out["booked"].fillna(0).astype("int64")
    out["difference"] = out["booked"] - out["computed"]
    return out[cols].sort_values("date").reset_index(drop=True)


def _default_at(books):
    led = books.ledger
    return None if led.empty else led["date"].max()


def reconciliation_problems(books, at=None) -> list[Problem]:
    """Warnings for every difference between register and ledger: principal at ``at`` (default:
    the last voucher date) and interest on each maturity day within the ledger."""
    at = at if at is not None else _default_at(books)
    if at is None or books.deposits.empty:
        return []
    deposits = books.deposits
    source = str(deposits["source"].iloc[0]) if "source" in deposits else "deposits"
    problems = []
    if ledger_covers(books, at):
        for r in principal_reconciliation(books, at).itertuples(index=False):
            if r.difference:
                problems.append(Problem(source, None, severity=WARNING, message=(
                    _("placement account {account} on {date:%Y-%m-%d}: the register has {register} "
                      "placed, the ledger {ledger} (difference {difference})",
                      account=r.account, date=pd.Timestamp(at), register=format_kr(r.register, decimals=2),
                      ledger=format_kr(r.ledger, decimals=2),
                      difference=format_kr(r.difference, decimals=2)))))
    accounts = "/".join(books.settings.accounts.interest)
    for r in interest_reconciliation(books, at).itertuples(index=False):
        if not r.difference:
            continue
        if r.deposits:
            first_id = r.deposits.split(", ")[0]
            line = deposits.loc[deposits["deposit_id"] == first_id, "line"]
            problems.append(Problem(source, int(line.iloc[0]) if len(line) else None, severity=WARNING, message=(
                _("interest on {deposits} maturing {date:%Y-%m-%d}: computed {computed}, booked "
                  "on {accounts} that day {booked} (difference {difference})",
                  deposits=r.deposits, date=r.date, computed=format_kr(r.computed, decimals=2),
                  accounts=accounts, booked=format_kr(r.booked, decimals=2),
                  difference=format_kr(r.difference, decimals=2)))))
        else:
            problems.append(Problem(source, None, severity=WARNING, message=(
                _("interest of {booked} booked on {accounts} on {date:%Y-%m-%d}, a day no "
                  "deposit in the register matures",
                  booked=format_kr(r.booked, decimals=2), accounts=accounts, date=r.date))))
    return problems


def status_problems(books, at) -> list[Problem]:
    """Warnings for terms marked active after their maturity (a roll-over not yet recorded)."""
    deposits = books.deposits
    at = pd.Timestamp(at).normalize()
    late = deposits[(deposits["status"] == "active") & (deposits["maturity"] <= at)]
    return [Problem(str(getattr(r, "source", "deposits")), getattr(r, "line", None), severity=WARNING, message=(
        _("deposit {deposit_id} is marked active but matured on {maturity:%Y-%m-%d}: "
          "record the new term (or mark it matured)",
          deposit_id=r.deposit_id, maturity=r.maturity))) for r in late.itertuples(index=False)]


@dataclass(frozen=True)
class DepositSummary:
    """The deposits at the end of one day, for the monthly report.

    at:          the day
    deposits:    the terms placed, with accrued interest (:func:`nns_finance.treasury.deposits.accrued`)
    maturing:    terms maturing within three months after ``at`` (the maturity ladder)
    guarantee:   per bank: exposure against the limit in force (:mod:`nns_finance.treasury.guarantee`)
    principal_check / interest_check: the register against the ledger (empty without a ledger)
    problems:    warnings: guarantee exceeded, differences with the ledger, stale statuses
    principal, accrued_interest: totals of ``deposits``, öre
    """

    at: dt.date
    deposits: pd.DataFrame
    maturing: pd.DataFrame
    guarantee: pd.DataFrame
    principal_check: pd.DataFrame
    interest_check: pd.DataFrame
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def principal(self) -> int:
        return int(self.deposits["principal"].sum())

    @property
    def accrued_interest(self) -> int:
        return int(self.deposits["accrued"].sum())

    def text_sv(self) -> list[str]:
        """The section in a few Swedish sentences (for the report's text)."""
        day = f"{self.at:%Y-%m-%d}"
        lines = [f"Placerat på fasträntekonton {day}: {format_kr(self.principal)} "
                 f"i {self.deposits['bank'].nunique()} bank(er); upplupen ränta "
                 f"{format_kr(self.accrued_interest, decimals=2)}."]
        for r in self.maturing.itertuples(index=False):
            lines.append(f"{r.deposit_id} ({r.bank}) förfaller {r.maturity:%Y-%m-%d}: "
                         f"{format_kr(r.principal)} plus ränta {format_kr(r.interest, decimals=2)}.")
        over = self.guarantee[~self.guarantee["within"]]
        if over.empty:
            lines.append("Insättningsgarantin: alla placeringar ryms inom gränsen per bank "
                         f"({format_kr(int(self.guarantee['limit'].iloc[0]) if len(self.guarantee) else 0)}).")
        for r in over.itertuples(index=False):
            lines.append(f"Insättningsgarantin: {format_kr(r.exposure)} hos {r.bank} överstiger "
                         f"gränsen {format_kr(r.limit)} med {format_kr(-r.headroom)}.")
        return lines


def deposit_summary(books, at) -> DepositSummary:
    """Everything the report's deposit section shows at the end of ``at``."""
    at = pd.Timestamp(at).normalize()
    problems = guarantee_problems(books, at) + reconciliation_problems(books, at) + status_problems(books, at)
    has_ledger = ledger_covers(books, at)
    principal_check = principal_reconciliation(books, at)
    if not has_ledger:
        principal_check = principal_check.iloc[0:0]
    return DepositSummary(at=at.date(), deposits=accrued(books, at), maturing=ladder(books, at, months=3),
                          guarantee=guarantee_status(books, at), principal_check=principal_check,
                          interest_check=interest_reconciliation(books, at), problems=tuple(problems))
