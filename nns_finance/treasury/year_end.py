"""The year-end checklist (bokslutskontroller): what a treasurer must book or explain before the
annual accounts of a closed year are final.

:func:`year_end_checklist` ``(books, year)`` returns one :class:`ChecklistItem` per question,
each with its findings (:class:`Finding`, with the amount and the place to look):

1. **Upplupen ränta** — a term deposit running over the year end has earned interest in the
   year that is paid only at maturity next year; it belongs to the year as accrued interest
   income (upplupna ränteintäkter, 1760, or ``[accounts] accrued_interest``). The interest
   earned through 31 December (:func:`nns_finance.treasury.interest.accrued_interest`) is
   compared with the year-end balance of the accrual accounts. (The 2025 example: 3 264,11 kr
   earned 1 October–31 December on P2, paid 2026-01-01, not accrued.)
2. **Förutbetalda intäkter** — income rows (3000–3999) dated in the year whose text names next
   year (``Medlemsavgifter 2026``): fees invoiced in advance belong to next year and are
   deferred on 2970–2979 (förutbetalda intäkter). Shown for the treasurer to judge when those
   accounts are empty at the year end.
3. **Ingående balans = föregående års utgående balans** per balance-sheet account, where the
   books hold both (``#UB`` of last year or last year's vouchers, and this year's ``#IB``). A
   difference on the equity accounts that equals last year's result is last year's result
   carried forward, not an error.
4. **Oväntat tecken** — a balance-sheet account whose closing balance has the wrong sign for its
   kind: an asset (1000–1999) in credit (except the contra accounts 1xx9 of 1000–1599:
   accumulated depreciation, doubtful receivables), a liability (2100–2999) in debit (except
   the input VAT and VAT settlement accounts 2640–2650).

The year is *closed* when ``closed_through`` in ``settings.toml`` is its December or later
(:func:`year_is_closed`); ``nns-finance check`` then prints the findings as warnings, and the
annual accounts carry the checklist.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from ..accounting.trial_balance import TOTAL, trial_balance
from ..core.money import format_kr
from ..core.problems import WARNING, Problem
from ..core.interest import accrued_rows
from ..core.i18n import _

NBSP = "\u00a0"
OK, ACT, CHECK, NOT_APPLICABLE = "ok", "åtgärda", "kontrollera", "ej tillämplig"
DEFAULT_ACCRUAL_ACCOUNTS = ("1760",)
DEFERRAL = (2970, 2979)
VAT_EXCEPTIONS = (2640, 2650)


def kr(ore: int) -> str:
    return format_kr(int(ore), decimals=2, sep=NBSP).replace(" kr", f"{NBSP}kr")


@dataclass(frozen=True)
class Finding:
    """One thing to book or explain.

    text:    Swedish, for the annual accounts
    message: English, for ``nns-finance check`` (as its other messages)
    amount:  öre (0 when there is no amount)
    file, line: where to look (the deposit's row, the ledger row), line None for a whole file
    """

    text: str
    message: str
    amount: int = 0
    file: str = "ledger"
    line: int | None = None


@dataclass(frozen=True)
class ChecklistItem:
    """One question of the checklist: its Swedish title, status (``ok``, ``åtgärda``,
    ``kontrollera``, ``ej tillämplig``), a sentence saying what was compared, and findings."""

    key: str
    title: str
    status: str
    summary: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)


def year_is_closed(books, year: int) -> bool:
    """True when ``closed_through`` (``YYYY-MM``) is December of ``year`` or later."""
    text = str(getattr(books.settings, "closed_through", "") or "")
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    return bool(m) and (int(m[1]), int(m[2])) >= (int(year), 12)


def _balances_at_year_end(books, year: int) -> pd.DataFrame:
    tb = trial_balance(books.ledger, books.balances, year, pd.Period(f"{year}-12", "M"))
    return tb[tb["account"] != TOTAL]


def accrued_interest_item(books, year: int, closing: pd.Series) -> ChecklistItem:
    title = "Upplupen ränta på placeringar över årsskiftet"
    deps = books.deposits
    end = dt.date(year, 12, 31)
    if deps is None or deps.empty:
        return ChecklistItem("accrued_interest", title, NOT_APPLICABLE, "Inget placeringsregister i datamappen.")
    running = deps[(deps["start"].dt.date <= end) & (deps["maturity"].dt.date > end)]
    if running.empty:
        return ChecklistItem("accrued_interest", title, OK,
                             f"Ingen placering löper över årsskiftet {year}/{year + 1}.")
    earned = accrued_rows(running, end)
    accounts = tuple(getattr(books.settings.accounts, "accrued_interest", ()) or DEFAULT_ACCRUAL_ACCOUNTS)
    booked = int(closing.reindex(list(accounts)).fillna(0).sum())
    total = int(sum(earned))
    where = ", ".join(accounts)
    summary = (f"Intjänad ränta till och med {end.isoformat()} på placeringar som förfaller {year + 1}: "
               f"{kr(total)}; upplupna ränteintäkter ({where}) vid årets slut: {kr(booked)}.")
    if booked >= total:
        return ChecklistItem("accrued_interest", title, OK, summary)
    findings = []
    for rec, amount in zip(running.itertuples(index=False), earned):
        if amount <= 0:
            continue
        start = rec.start.date().isoformat()
        maturity = rec.maturity.date().isoformat()
        findings.append(Finding(
            text=(f"{rec.deposit_id} ({rec.bank}, {kr(rec.principal)} till {str(rec.rate).replace('.', ',')}{NBSP}%, "
                  f"{start}–{maturity}): {kr(amount)} intjänad ränta {start}–{end.isoformat()}, betalas "
                  f"{maturity}, inte bokförd som upplupen ränteintäkt ({where})."),
            message=_("year-end {year}: deposit {deposit_id} runs over the year end (matures "
                      "{maturity}): {amount} interest earned {start} to {end} is not booked as "
                      "accrued interest income on {where} (balance {booked})",
                      year=year, deposit_id=rec.deposit_id, maturity=maturity, amount=kr(amount),
                      start=start, end=end.isoformat(), where=where, booked=kr(booked)),
            amount=int(amount), file=str(rec.source) if "source" in running else "deposits.csv",
            line=int(rec.line) if "line" in running and not pd.isna(rec.line) else None))
    return ChecklistItem("accrued_interest", title, ACT, summary, tuple(findings))


def deferred_income_item(books, year: int, closing: pd.Series) -> ChecklistItem:
    title = "Avgifter fakturerade för nästa år"
    led = books.ledger
    rows = led[(led["year"] == year) & led["account"].astype(str).str.match(r"^3\d{3}$")]
    mention = rows["text"].astype(str).str.contains(rf"(?<!\d){year + 1}(?!\d)", regex=True)
    hits = rows[mention]
    acc = pd.to_numeric(closing.index.to_series(), errors="coerce")
    deferred = int(closing[(acc >= DEFERRAL[0]).to_numpy() & (acc <= DEFERRAL[1]).to_numpy()].sum())
    summary = (f"Intäktsrader {year} vars text nämner {year + 1}: {len(hits)}; förutbetalda intäkter "
               f"(2970–2979) vid årets slut: {kr(-deferred)}.")
    if hits.empty:
        return ChecklistItem("deferred_income", title, OK, summary)
    if deferred < 0:   # something is deferred: the treasurer has dealt with it
        return ChecklistItem("deferred_income", title, OK, summary)
    findings = []
    for (series, number), grp in hits.groupby(["series", "number"], sort=False):
        amount = -int(grp["amount"].sum())
        first = grp.iloc[0]
        findings.append(Finding(
            text=(f"Verifikation {series} {number} ({first['date'].date().isoformat()}, konto "
                  f"{first['account']}): {kr(amount)} ”{first['text']}” – avser den {year + 1}? Då ska "
                  f"beloppet periodiseras som förutbetald intäkt (2970–2979)."),
            message=_("year-end {year}: voucher {series} {number} books {amount} income on {account} "
                      "whose text names {next_year} ('{text}'): if it is next year's fee, defer it "
                      "(2970–2979)", year=year, series=series, number=number, amount=kr(amount),
                      account=first["account"], next_year=year + 1, text=first["text"]),
            amount=amount, file=str(first["source"]), line=int(first["line"])))
    return ChecklistItem("deferred_income", title, CHECK, summary, tuple(findings))


def _previous_closing(books, year: int) -> pd.Series | None:
    bal = books.balances
    ub = bal[(bal["year"] == year - 1) & (bal["kind"] == "UB")]
    if len(ub):
        return ub.groupby(ub["account"].astype(str))["amount"].sum()
    if (books.ledger["year"] == year - 1).any():
        tb = _balances_at_year_end(books, year - 1)
        return pd.Series(tb["closing"].to_numpy(), index=tb["account"].astype(str).to_numpy())
    return None


def _previous_result(books, year: int) -> int | None:
    """Last year's result in the SIE sign (a surplus is negative), from its vouchers or #RES."""
    led = books.ledger
    rows = led[(led["year"] == year - 1) & led["account"].astype(str).str.match(r"^[3-8]\d{3}$")]
    if len(rows):
        return int(rows["amount"].sum())
    bal = books.balances
    res = bal[(bal["year"] == year - 1) & (bal["kind"] == "RES")]
    return int(res["amount"].sum()) if len(res) else None


def opening_item(books, year: int) -> ChecklistItem:
    title = "Ingående balans = föregående års utgående balans"
    bal = books.balances
    ib = bal[(bal["year"] == year) & (bal["kind"] == "IB")]
    previous = _previous_closing(books, year)
    if previous is None or ib.empty:
        return ChecklistItem("opening", title, NOT_APPLICABLE,
                             f"Bokföringen har inte både {year - 1} års utgående balanser och {year} års "
                             "ingående balanser.")
    opening = ib.groupby(ib["account"].astype(str))["amount"].sum()
    index = opening.index.union(previous.index)
    balance = index.to_series().str.match(r"^[12]\d{3}$").to_numpy()
    diff = (opening.reindex(index).fillna(0) - previous.reindex(index).fillna(0)).astype("int64")[balance]
    diff = diff[diff != 0]
    equity = diff.index.to_series().str.match(r"^20\d{2}$").to_numpy()
    result = _previous_result(books, year)
    carried = result is not None and int(diff[equity].sum()) == result and int(diff[~equity].sum()) == 0 \
        and not (~equity).any()
    summary = f"{len(diff)} balanskonton skiljer mellan {year - 1}-12-31 och {year}-01-01."
    if diff.empty:
        return ChecklistItem("opening", title, OK, summary)
    if carried:
        return ChecklistItem("opening", title, OK, summary + f" Skillnaden på eget kapital är {year - 1} års "
                             f"resultat ({kr(-result)}), fört till eget kapital.")
    findings = tuple(Finding(
        text=f"Konto {acc}: ingående balans {year} {kr(opening.get(acc, 0))}, utgående balans {year - 1} "
             f"{kr(previous.get(acc, 0))} (skillnad {kr(d)}).",
        message=_("year-end {year}: account {account} opens {year} at {opening} but closed {last_year} "
                  "at {closing} (difference {difference})", year=year, account=acc,
                  opening=kr(opening.get(acc, 0)), last_year=year - 1, closing=kr(previous.get(acc, 0)),
                  difference=kr(d)),
        amount=int(d)) for acc, d in diff.items())
    return ChecklistItem("opening", title, ACT, summary, findings)


def sign_item(books, year: int, closing: pd.Series, names: pd.Series) -> ChecklistItem:
    title = "Balanskonton med oväntat tecken"
    acc = pd.Series(closing.index.astype(str), index=closing.index)
    number = pd.to_numeric(acc, errors="coerce")
    contra = number.between(1000, 1599) & acc.str.endswith("9")
    asset_credit = number.between(1000, 1999) & ~contra & (closing < 0)
    liability_debit = number.between(2100, 2999) & ~number.between(*VAT_EXCEPTIONS) & (closing > 0)
    odd = closing[asset_credit | liability_debit]
    summary = f"Tillgångar (1000–1999) ska ha debetsaldo, skulder (2100–2999) kreditsaldo vid {year}-12-31."
    if odd.empty:
        return ChecklistItem("sign", title, OK, summary)
    findings = []
    for account, amount in odd.items():
        name = names.get(account, "")
        kind_sv, kind = (("en tillgång", _("an asset")), ("en skuld", _("a liability")))[int(str(account)[0] == "2")]
        side_sv, side = ("kredit", _("credit")) if amount < 0 else ("debet", _("debit"))
        findings.append(Finding(
            text=f"Konto {account} {name}: {side_sv}saldo {kr(abs(amount))} vid {year}-12-31, ovanligt för {kind_sv}.",
            message=_("year-end {year}: account {account} {name} has a {side} balance of {amount} "
                      "at {year}-12-31, unusual for {kind}", year=year, account=account, name=name,
                      side=side, amount=kr(abs(amount)), kind=kind),
            amount=int(amount)))
    return ChecklistItem("sign", title, CHECK, summary, tuple(findings))


def year_end_checklist(books, year: int) -> list[ChecklistItem]:
    """The checklist for fiscal ``year`` (see the module docstring), in its order."""
    tb = _balances_at_year_end(books, year)
    closing = pd.Series(tb["closing"].to_numpy(dtype="int64"), index=tb["account"].astype(str).to_numpy())
    names = pd.Series(books.accounts["name"].astype(str).to_numpy(),
                      index=books.accounts["account"].astype(str).to_numpy())
    names = names[~names.index.duplicated()]
    return [accrued_interest_item(books, year, closing), deferred_income_item(books, year, closing),
            opening_item(books, year), sign_item(books, year, closing, names)]


def checklist_problems(items: list[ChecklistItem]) -> list[Problem]:
    """Every finding as a warning for ``nns-finance check``."""
    return [Problem(f.file, f.line, f.message, severity=WARNING, rule="year-end")
            for item in items for f in item.findings]
