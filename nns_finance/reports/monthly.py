"""The treasurer's monthly report: every figure the notebook and the board-pack PDF show.

:func:`build_report` takes the loaded :class:`~nns_finance.books.load.Books` and a period
(``"2025-09"``, read by :func:`nns_finance.core.dates.parse_month`) and returns a frozen :class:`MonthlyReport`: the result table against the phased
budget with the full-year forecast (:mod:`nns_finance.accounting.result`), key figures, equity month by
month, liquidity (bank, deposits with interest accrued to the period end, deposits maturing in
the next three months, the deposit guarantee), the budget phasing and the data-quality findings.
:mod:`nns_finance.reports.charts` draws it; :mod:`nns_finance.reports.pdf` prints it.

Sign convention throughout: income positive, costs negative; variance = outcome − budget.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..core.version import __version__
from ..accounting.balance_sheet import BalanceSheet, balance_sheet
from ..accounting.equity import opening_equity, other_movements
from ..accounting.forecast import forecast_year, load_forecasts
from ..books.report_period import last_voucher_month, report_period  # noqa: F401  (last_voucher_month: re-exported)
from ..core.dates import Period, parse_month
from ..core.labels import check_language, label
from ..treasury.liquidity import Liquidity, liquidity
from ..core.outputs import made_time
from ..accounting.phasing import load_profiles, phase_budget, profile_names
from ..core.problems import Problem, Problems, UsageError
from ..planning.review import review
from ..accounting.outcome import last_year_outcome
from ..accounting.result import has_year, outcome_by_line, result_table, row  # noqa: F401
from ..core.i18n import _

BUDGET_VERSION = "budget"


def resolve_period(books, text: str | None = None) -> Period:
    """The report month: ``text``, else ``settings.closed_through``, else the last month with
    vouchers — refused (one-line :class:`UsageError`) when the ledger does not cover it or the
    budget has no budget for its year (:func:`nns_finance.books.report_period.report_period`)."""
    period, refusals = report_period(books, text)
    if refusals:
        raise UsageError(refusals[0].message)
    return period


@dataclass(frozen=True)
class MonthlyReport:
    """Everything in the monthly report for one period.

    organisation, org_number: from settings.toml
    period:       the report month (January through it is "to date")
    lang:         ``sv`` or ``en`` — the labels; the figures do not depend on it
    made:         when it was made (``SOURCE_DATE_EPOCH`` honoured)
    version:      nns-finance version
    sources:      input files with SHA-256 (``Books.sources``)
    result:       the result table (:func:`nns_finance.accounting.result.result_table`)
    phased:       the phased budget, code, month, amount
    phasing:      wide: code, name, profile, m1..m12, year (for the phasing section)
    cumulative:   month, income/cost/result × outcome/budget, cumulative (outcome NA after the period)
    equity:       month, result, other (movements on the equity accounts besides the
                  result), equity at month end (through the period)
    equity_moves: the other movements on the equity accounts, one row per voucher row
                  (:func:`nns_finance.accounting.equity.other_movements`)
    equity_opening, equity_forecast_closing: öre; the forecast closing = opening + other
                  movements to date + the forecast result
    balance_sheet: the balance sheet at the period end beside the opening
                  (:mod:`nns_finance.accounting.balance_sheet`)
    notes:        the notes under the result table: where last year's outcome comes from,
                  and the treasurer's comment on each forecast given in ``forecast.csv``
    liquidity:    bank, deposits, maturing deposits, guarantee findings
    problems:     data quality: everything the input checks found, plus the report's own findings
    """

    organisation: str
    org_number: str
    period: Period
    lang: str
    made: dt.datetime
    version: str
    sources: tuple
    result: pd.DataFrame
    phased: pd.DataFrame
    phasing: pd.DataFrame
    cumulative: pd.DataFrame
    equity: pd.DataFrame
    equity_opening: int
    equity_forecast_closing: int
    liquidity: Liquidity
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    equity_moves: pd.DataFrame | None = None
    balance_sheet: BalanceSheet | None = None
    notes: tuple[str, ...] = ()

    @property
    def equity_other(self) -> int:
        """The other movements on the equity accounts through the period (öre, credit +)."""
        return int(self.equity["other"].sum()) if "other" in self.equity else 0

    def figure(self, code: str, column: str) -> int:
        """One amount of the result table, e.g. ``figure("arets-resultat", "outcome_ytd")``."""
        return int(row(self.result, code)[column])

    def record_figures(self) -> dict:
        """The key figures for the report's JSON record, so that month-to-month trends can be
        read without the PDF: every amount in öre as an integer (``"unit": "öre"``)."""
        res = "arets-resultat"
        now = int(self.equity["equity"].iloc[-1]) if len(self.equity) else self.equity_opening
        out = {"unit": "öre", "period": self.period.text,
               "result_ytd": self.figure(res, "outcome_ytd"), "budget_ytd": self.figure(res, "budget_ytd"),
               "variance_ytd": self.figure(res, "variance_ytd"), "budget_year": self.figure(res, "budget_year"),
               "forecast_result": self.figure(res, "forecast_year"),
               "equity_opening": self.equity_opening, "equity_other_ytd": self.equity_other,
               "equity_now": now, "equity_closing_forecast": self.equity_forecast_closing,
               "bank": int(self.liquidity.bank), "deposits": int(self.liquidity.deposit_value),
               "cash_and_deposits": int(self.liquidity.bank + self.liquidity.deposit_value)}
        if self.balance_sheet is not None:
            t = self.balance_sheet.totals
            out["balance_sheet"] = {
                "date": self.balance_sheet.date.date().isoformat(),
                **{f"{side}_{col}": int(t[col][side]) for col in ("opening", "closing")
                   for side in ("assets", "equity_liabilities", "difference")},
                "groups": {g.group: {"opening": int(g.opening), "closing": int(g.closing)}
                           for g in self.balance_sheet.groups.itertuples(index=False)}}
        return out

    @property
    def key_figures(self) -> pd.DataFrame:
        """key, label, amount (öre): the figures the board looks at first."""
        items = [
            ("result_ytd", self.figure("arets-resultat", "outcome_ytd")),
            ("forecast_result", self.figure("arets-resultat", "forecast_year")),
            ("equity_opening", self.equity_opening),
            ("equity_closing_forecast", self.equity_forecast_closing),
            ("bank", self.liquidity.bank),
            ("deposits", self.liquidity.deposit_value),
            ("cash_and_deposits", self.liquidity.bank + self.liquidity.deposit_value),
        ]
        if self.equity_other:
            items.insert(3, ("equity_other", self.equity_other))
        return pd.DataFrame({"key": [k for k, _ in items],
                             "label": [label(k, self.lang) for k, _ in items],
                             "amount": pd.Series([v for _, v in items], dtype="int64")})


def _section_of(books) -> dict[str, str]:
    lines = books.budget_lines
    return dict(zip(lines["code"].astype(str), lines["section"].astype(str)))


def cumulative(outcome: pd.DataFrame, phased: pd.DataFrame, sections: dict[str, str],
               month: int) -> pd.DataFrame:
    """Cumulative income, costs and result per month: outcome (through ``month``) and budget."""
    prefix = {c.split(".")[0]: s for c, s in sections.items()}
    out = pd.DataFrame({"month": range(1, 13)})
    for name, frame in (("outcome", outcome[outcome["month"] <= month]), ("budget", phased)):
        sec = frame["code"].astype(str).map(lambda c: sections.get(c, prefix.get(c.split(".")[0], "cost")))
        by = frame.groupby([sec, frame["month"]])["amount"].sum()
        for section, key in (("income", "income"), ("cost", "cost")):
            monthly = by.get(section, pd.Series(dtype="int64")).reindex(range(1, 13), fill_value=0)
            out[f"{key}_{name}"] = monthly.cumsum().to_numpy(dtype="int64")
        out[f"result_{name}"] = out[f"income_{name}"] + out[f"cost_{name}"]
    for key in ("income", "cost", "result"):
        out[f"{key}_outcome"] = out[f"{key}_outcome"].astype("Int64").where(out["month"] <= month)
    return out


def _accounts_where(accounts: pd.Series, keep) -> pd.Series:
    """Mask of rows whose account passes ``keep`` (tested once per distinct account: fast)."""
    chosen = [a for a in pd.unique(accounts) if keep(str(a))]
    return accounts.isin(chosen)


def equity_by_month(books, period: Period) -> tuple[int, pd.DataFrame]:
    """Opening equity and, per month through the period, the result and the equity at month end.

    Opening equity is the opening balance (IB) of the equity accounts in settings (credit, so
    shown positive), else last year's closing balance
    (:func:`~nns_finance.accounting.equity.opening_equity`); each month adds the result of all
    result accounts (classes 3–8, whether or not they have a budget line) and the other
    movements on the equity accounts (:func:`~nns_finance.accounting.equity.other_movements`:
    not the booking of the result). Without either the budget table's opening row is used.
    """
    opening = opening_equity(books, period.year)
    if opening is None:
        eq = books.budget_equity
        hit = eq[(eq["year"] == period.year) & (eq["version"] == BUDGET_VERSION)]
        opening = int(hit["opening"].iloc[0]) if len(hit) else 0
    led = books.ledger  # masks over its columns: no copy of a million rows
    month = led["date"].dt.month.fillna(0).to_numpy(np.int64)
    keep = (led["year"].to_numpy() == period.year) & (month >= 1) & (month <= period.month)
    result_rows = keep & _accounts_where(led["account"], lambda a: a[:1] in "345678" and len(a) == 4).to_numpy(bool)
    amount = led["amount"].to_numpy(np.int64)
    months = range(1, period.month + 1)
    result = pd.Series(-amount[result_rows]).groupby(month[result_rows]).sum().reindex(months, fill_value=0)
    other = other_movements(books, period.year, period.month)
    moves = other["amount"].groupby(other["date"].dt.month).sum().reindex(months, fill_value=0)
    equity = opening + (result + moves).cumsum()
    frame = pd.DataFrame({"month": pd.Series(months, dtype="int64"),
                          "result": result.to_numpy(dtype="int64"),
                          "other": moves.to_numpy(dtype="int64"),
                          "equity": equity.to_numpy(dtype="int64")})
    return opening, frame


def result_notes(books, period: Period, last_source: str, lang: str) -> tuple[str, ...]:
    """The notes under the result table (see :class:`MonthlyReport`)."""
    notes = []
    if last_source:
        notes.append(label("last_year_note", lang).format(source=last_source))
    given = books.forecast
    if len(given) and "comment" in given:
        names = dict(zip(books.budget_lines["code"].astype(str), books.budget_lines["name"].astype(str)))
        mine = given[(given["year"] == period.year) & (given["comment"].astype(str).str.strip() != "")]
        for code, comment in zip(mine["code"].astype(str), mine["comment"].astype(str)):
            notes.append(label("forecast_comment", lang).format(line=names.get(code, code), comment=comment.strip()))
    return tuple(notes)


def phasing_wide(phased: pd.DataFrame, books, year: int, profiles) -> pd.DataFrame:
    """The phased budget as one row per leaf line: code, name, profile, m1..m12, year."""
    names = dict(zip(books.budget_lines["code"].astype(str), books.budget_lines["name"].astype(str)))
    wide = phased.pivot(index="code", columns="month", values="amount").reindex(
        pd.unique(phased["code"])).reindex(columns=range(1, 13), fill_value=0)
    wide.columns = [f"m{m}" for m in wide.columns]
    wide = wide.astype("int64").reset_index()
    where = profile_names(books, year, profiles)
    wide.insert(1, "name", wide["code"].map(lambda c: names.get(c, c)).astype("str"))
    wide.insert(2, "profile", wide["code"].map(lambda c: where.get(c, "")).astype("str"))
    wide["year"] = wide[[f"m{m}" for m in range(1, 13)]].sum(axis=1).astype("int64")
    return wide


def result_figures(books, period: Period, lang: str, found: Problems | None = None) -> tuple:
    """The report's result table and what it is made from: ``(table, profiles, phased,
    outcome, last_source)`` — alone for the auditors' workbook, which shows only the table;
    problems (forecast files) go to ``found``."""
    found = found if found is not None else Problems()
    profiles = load_profiles(books)
    phased = phase_budget(books, period.year, BUDGET_VERSION, profiles=profiles)
    outcome = outcome_by_line(books, period.year, period.month)
    given = load_forecasts(books, found)
    forecast = forecast_year(outcome, phased, period.month, given, period.year)
    last_year, span, last_source = last_year_outcome(books, period.year, period.month)
    budget = books.budget
    stated = budget[(budget["version"] == "forecast") & (budget["year"] == period.year)][["code", "amount"]]
    table = result_table(books.budget_lines, outcome, phased, forecast, period.month, last_year, lang,
                         last_year_span=span or "ytd", budget_forecast=stated if len(stated) else None)
    return table, profiles, phased, outcome, last_source


_HANDED: dict[int, tuple] = {}


def hand_over(books, report: MonthlyReport) -> None:
    """The next :func:`build_report` of ``books`` (this very object) for the report's period
    and language returns ``report`` (dated as that call asks) instead of computing it again:
    a notebook's kernel given the figures the command has just computed from the same Books
    (:class:`nns_finance.reports.notebooks.NotebookLater`). Once: the call after computes."""
    _HANDED[id(books)] = (books, report)


def build_report(books, period: str | Period | None = None, lang: str | None = None, *,
                 made: dt.datetime | None = None) -> MonthlyReport:
    """Compute every figure of the monthly report for ``period`` (default: see
    :func:`resolve_period`) with labels in ``lang`` (default: settings.language)."""
    lang = check_language(lang or books.settings.language or "sv")
    period = period if isinstance(period, Period) else resolve_period(books, period)
    handed_books, handed = _HANDED.pop(id(books), (None, None))
    if handed_books is books and (handed.period, handed.lang) == (period, lang):
        return replace(handed, made=made or made_time())
    found = Problems()
    table, profiles, phased, outcome, last_source = result_figures(books, period, lang, found)
    notes = result_notes(books, period, last_source, lang)
    opening, equity = equity_by_month(books, period)
    table_result = int(row(table, "arets-resultat")["outcome_ytd"])
    ledger_result = int(equity["result"].sum())
    if ledger_result != table_result:
        from ..core.money import format_kr
        found.warning("ledger", None, _("result accounts give {ledger_result} to date but the budget lines "
                                        "{table_result}: accounts without a budget line?",
                                        ledger_result=format_kr(ledger_result),
                                        table_result=format_kr(table_result)))
    liq = liquidity(books, period.end)
    forecast_result = int(row(table, "arets-resultat")["forecast_year"])
    sheet = balance_sheet(books, period.year, period.month, lang)
    for p in sheet.problems():
        found.error(p.file, p.line, p.message)
    # the checks may already hold the guarantee warnings: each finding once
    problems = tuple(dict.fromkeys(review(books) + tuple(found.sorted()) + tuple(liq.findings)))
    return MonthlyReport(
        organisation=books.settings.organisation, org_number=books.settings.org_number,
        period=period, lang=lang, made=made or made_time(), version=__version__,
        sources=tuple(books.sources), result=table, phased=phased,
        phasing=phasing_wide(phased, books, period.year, profiles),
        cumulative=cumulative(outcome, phased, _section_of(books), period.month),
        equity=equity, equity_opening=opening,
        equity_forecast_closing=opening + int(equity["other"].sum()) + forecast_result,
        liquidity=liq, problems=problems, equity_moves=other_movements(books, period.year, period.month),
        balance_sheet=sheet, notes=notes)
