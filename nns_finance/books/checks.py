"""Checks across the files of a data folder: :func:`cross_checks` ``(books) -> [Problem]``.

Each loader checks its own file (a voucher that does not balance is the ledger loader's
business); what only shows when two files meet is here:

- the chart of accounts against the budget: every line code an account names must be a leaf
  budget line (near matches suggested), income accounts on income lines, costs on costs; a
  budgeted leaf line that no account maps to;
- the ledger against the chart: an account used in the ledger but missing from the chart
  (error at its first use, with the count); a result account with ledger rows but no budget
  line (error: those amounts would be missing from the result table);
- the ledger against its fiscal years: a date outside the year of its file, once per file
  (the CSV/xlsx loader already reports those row by row and leaves them out; this catches
  what other sources, e.g. SIE, let through);
- the fee bases against the member register;
- ``settings.toml`` against the chart and the budget: the bank, deposit, interest and equity
  accounts exist; the budget has a Budget column for the fiscal year.

What only shows in the figures — the deposit register against the ledger, the deposit
guarantee, the equity roll-forward — is :mod:`nns_finance.planning.review`'s.

Vectorised over the ledger (a million rows is fine): per-account work runs on the distinct
accounts only.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.problems import REPORT_INPUT
from ..core.money import format_kr
from ..core.problems import ERROR, WARNING, Problem
from ..core.i18n import _, ngettext

RESULT_ACCOUNT = r"^[3-8]\d{3}$"


def cross_checks(books) -> list[Problem]:
    """Every problem found between the files of ``books`` (errors and warnings)."""
    out: list[Problem] = []
    for check in (account_lines, ledger_accounts, ledger_years, fee_base_members,
                  settings_accounts, settings_budget_lines, budget_years, report_refusals):
        out.extend(check(books))
    return out


# --- where things are --------------------------------------------------------------------

def _accounts_file(accounts: pd.DataFrame) -> str:
    if "source" in accounts.columns and len(accounts):
        return str(accounts["source"].iloc[0])
    return "accounts.csv"


def _account_problem(row, message: str, severity: str = ERROR) -> Problem:
    """A problem at an account's row of the chart (when the frame says where that was)."""
    source = str(getattr(row, "source", "") or "accounts.csv")
    line = getattr(row, "row", None)
    sheet = getattr(row, "sheet", "") or None
    return Problem(source, None if line is None or pd.isna(line) else int(line), message, severity, sheet)


def _ledger_place(row) -> tuple[str, int | None]:
    line = getattr(row, "line", None)
    return str(row.source), None if line is None or pd.isna(line) else int(line)


def _kr(ore: int) -> str:
    return format_kr(int(ore), decimals=0 if int(ore) % 100 == 0 else 2)


def _broken(books) -> set[str]:
    """The files the loaders found errors in, or found missing (their frames may be empty)."""
    return {p.file for p in books.problems if p.is_error or p.rule == REPORT_INPUT}


def report_needs(problem: Problem) -> bool:
    """Whether ``problem`` says the monthly report lacks an input (an error for ``check``)."""
    return problem.rule == REPORT_INPUT


# --- chart of accounts × budget ----------------------------------------------------------

def _leaves(budget_lines: pd.DataFrame) -> pd.DataFrame:
    parents = set(budget_lines["parent"][budget_lines["parent"] != ""])
    return budget_lines[~budget_lines["code"].isin(parents)]


def near_codes(code: str, candidates: list[str], n: int = 3) -> list[str]:
    """Codes close to ``code`` (a typo, Swedish letters, a name instead of a code)."""
    from .budget import slug

    tidy = ".".join(slug(part) for part in str(code).split("."))
    hits = [c for c in candidates if c == tidy or c.endswith("." + tidy)]
    return (hits or difflib.get_close_matches(tidy, candidates, n=n, cutoff=0.8))[:n]


def account_lines(books) -> list[Problem]:
    """Line codes in the chart of accounts against the budget's leaf lines."""
    accounts, lines = books.accounts, books.budget_lines
    if accounts.empty or lines.empty:
        return []
    out: list[Problem] = []
    leaves = _leaves(lines)
    leaf_codes = list(leaves["code"])
    section = dict(zip(lines["code"], lines["section"]))
    mapped = accounts[accounts["line"] != ""]
    for row in mapped[~mapped["line"].isin(leaf_codes)].itertuples(index=False):
        subs = list(lines["code"][lines["parent"] == row.line])
        if subs:
            message = _("account {account}: budget line {line} has sub-lines; map the account "
                        "to one of them ({lines})", account=row.account, line=repr(row.line), lines=', '.join(subs))
        else:
            near = near_codes(row.line, leaf_codes)
            message = _("account {account}: budget line {line} is not in the budget", account=row.account,
                        line=repr(row.line)) + (
                _(" (did you mean {word}?)", word=_(" or ").join(near)) if near else "")
        out.append(_account_problem(row, message))
    on_leaf = mapped[mapped["line"].isin(leaf_codes)]
    sec = on_leaf["line"].map(section)
    income_acc = on_leaf["account"].str.startswith("3")
    cost_acc = on_leaf["account"].str.match(r"^[4-7]")
    for row, s in zip(on_leaf[(income_acc & (sec == "cost")) | (cost_acc & (sec == "income"))].itertuples(index=False),
                      sec[(income_acc & (sec == "cost")) | (cost_acc & (sec == "income"))]):
        message = (_("account {account} is an income account (3000–3999) but maps to the cost line {line}",
                     account=row.account, line=repr(row.line)) if s == "cost" else
                   _("account {account} is a cost account (4000–7999) but maps to the income line {line}",
                     account=row.account, line=repr(row.line)))
        out.append(_account_problem(row, message, WARNING))
    budgeted = set(books.budget["code"][books.budget["amount"] != 0]) if not books.budget.empty else set()
    unmapped = [c for c in leaf_codes if c in budgeted and c not in set(mapped["line"])]
    for code in unmapped:
        out.append(Problem(_accounts_file(accounts), None,
                           _("budget line {code} has figures but no account maps to it: its outcome "
                             "will always be 0", code=repr(code)), WARNING))
    return out


# --- ledger × chart of accounts ----------------------------------------------------------

def ledger_accounts(books) -> list[Problem]:
    """Accounts the ledger uses that the chart lacks, or that have no budget line."""
    ledger, accounts = books.ledger, books.accounts
    if ledger.empty:
        return []
    out: list[Problem] = []
    codes, uniques = pd.factorize(ledger["account"])
    uniques = pd.Index(uniques.astype(str))
    counts = np.bincount(codes, minlength=len(uniques))
    first_pos = pd.Series(np.arange(len(codes))).groupby(codes).first().reindex(range(len(uniques))).to_numpy()
    known = uniques.isin(accounts["account"])
    if accounts.empty:
        if "accounts.csv" in _broken(books):   # no chart at all, or unreadable: said already
            return []
        row = ledger.iloc[int(first_pos[0])]
        source, line = _ledger_place(row)
        return [Problem(source, line, ngettext("there is no chart of accounts (accounts.csv) but the ledger uses "
                                               "{n} account",
                                               "there is no chart of accounts (accounts.csv) but the ledger uses "
                                               "{n} accounts", len(uniques)))]
    for i in np.flatnonzero(~known):
        row = ledger.iloc[int(first_pos[i])]
        source, line = _ledger_place(row)
        out.append(Problem(source, line, ngettext(
            "account {account} is not in the chart of accounts ({file}): used in {n} ledger row, this is the first",
            "account {account} is not in the chart of accounts ({file}): used in {n} ledger rows, this is the first",
            int(counts[i]), account=uniques[i], file=_accounts_file(accounts))))
    no_line = accounts[(accounts["line"] == "") & accounts["account"].str.match(RESULT_ACCOUNT)]
    used = no_line[no_line["account"].isin(uniques)]
    if not used.empty:
        amount_sum = pd.Series(ledger["amount"].to_numpy()).groupby(codes).sum()
        pos = {a: i for i, a in enumerate(uniques)}
        for row in used.itertuples(index=False):
            i = pos[row.account]
            first = ledger.iloc[int(first_pos[i])]
            source, line = _ledger_place(first)
            at = f"{source}:{line}" if line is not None else source
            out.append(_account_problem(
                row, ngettext("result account {account} has no budget line, but the ledger has {n} row on it "
                              "({amount} debit, first at {at}): they would be missing from the result table",
                              "result account {account} has no budget line, but the ledger has {n} rows on it "
                              "({amount} debit, first at {at}): they would be missing from the result table",
                              int(counts[i]), account=row.account, amount=_kr(int(amount_sum[i])), at=at)))
    return out


def ledger_years(books) -> list[Problem]:
    """Ledger dates outside the fiscal year of their file: one problem per file and year."""
    ledger = books.ledger
    if ledger.empty:
        return []
    year_of_date = ledger["date"].dt.year
    outside = ledger["date"].notna() & (year_of_date != ledger["year"])
    if not outside.any():
        return []
    bad = ledger[outside]
    out = []
    for (source, year), group in bad.groupby(["source", "year"], sort=True):
        first = group.iloc[0]
        _, line = _ledger_place(first)
        out.append(Problem(str(source), line, ngettext(
            "date {date} is outside the fiscal year {year} ({n} row in this file)",
            "date {date} is outside the fiscal year {year} ({n} rows in this file)",
            len(group), date=str(first['date'])[:10], year=int(year))))
    return out


# --- members × fee bases -----------------------------------------------------------------

def fee_base_members(books) -> list[Problem]:
    """Fee bases for a member id that the register does not have."""
    bases, members = books.fee_bases, books.members
    if bases.empty:
        return []
    missing = bases[~bases["member_id"].isin(members["member_id"])]
    out = []
    for member_id, group in missing.groupby("member_id", sort=True):
        first = group.iloc[0]
        source = str(first["source"]) if "source" in group.columns else "members"
        line = int(first["line"]) if "line" in group.columns and not pd.isna(first["line"]) else None
        years = ", ".join(str(int(y)) for y in sorted(group["year"]))
        out.append(Problem(source, line, _("fee base for member {member} ({years}) but the member "
                                           "register has no such member", member=repr(member_id), years=years)))
    return out


# --- settings.toml × chart and budget ----------------------------------------------------

def _settings_line(folder: Path, table: str, key: str) -> int | None:
    from ..core.problems import Problems
    from .grids import read_text

    text = read_text(Path(folder) / "settings.toml", Problems(), "settings.toml")
    if text is None:
        return None
    from .settings import _key_line

    return _key_line(text, table, key)


def settings_accounts(books) -> list[Problem]:
    """The accounts ``[accounts]`` in settings.toml names must be in the chart of accounts."""
    accounts = books.accounts
    if accounts.empty:
        return []
    have = set(accounts["account"])
    out = []
    acc = books.settings.accounts
    for key in ("bank", "deposits", "interest", "accrued_interest", "equity"):
        missing = [a for a in getattr(acc, key) if a not in have]
        if missing:
            out.append(Problem("settings.toml", _settings_line(books.folder, "accounts", key),
                               _("[accounts] {key}: {accounts} not in the chart of accounts ({file})", key=key,
                                 accounts=', '.join(missing), file=_accounts_file(accounts)), WARNING))
    return out


def settings_budget_lines(books) -> list[Problem]:
    """The lines ``[budget_lines]`` names must be lines of the budget with no lines under them
    (the fee lines only matter when settings.toml has fee rules)."""
    lines = books.budget_lines
    if lines.empty:
        return []
    leaf = _leaves(lines)
    leaves = [str(c) for c in leaf["code"]]
    named = books.settings.budget_lines
    out = []
    for key in ("membership_fees", "service_fees", "indicator_fees", "meeting_income", "meeting_cost"):
        code = getattr(named, key)
        if not code or code in leaves or (key.endswith("_fees") and not books.settings.fees):
            continue
        section = "cost" if key == "meeting_cost" else "income"
        near = near_codes(code, [str(c) for c in leaf.loc[leaf["section"] == section, "code"]])
        hint = _(" (did you mean {codes}?)", codes=" or ".join(near)) if near else ""
        out.append(Problem("settings.toml", _settings_line(books.folder, "budget_lines", key),
                           _("[budget_lines] {key}: the budget has no line {code!r} to book on{hint}",
                             key=key, code=code, hint=hint), WARNING))
    return out


def report_refusals(books) -> list[Problem]:
    """What would stop the monthly report (and its workbook) for its default period: no vouchers,
    none for the period's year, ``closed_through`` past the ledger, no budget for the year —
    all at once, as report inputs (``check`` makes them errors). A missing ledger or budget,
    or a missing fiscal-year budget, is said once, where it is found."""
    from .report_period import NO_BUDGET, NO_VOUCHERS, report_period
    from ..core.problems import UsageError

    missing = {str(f).split("/")[0].split(".")[0] for f in _broken(books)}
    try:
        period, refusals = report_period(books)
    except UsageError:          # closed_through unreadable: the settings' own error says so
        return []
    out = []
    for r in refusals:
        if r.kind == NO_VOUCHERS and "ledger" in missing and r.file == "ledger":
            continue            # no ledger at all: said once where the ledger is missing
        if r.kind == NO_BUDGET and (
                "budget" in missing or (period is not None and period.year == books.settings.fiscal_year
                                        and budget_years(books))):
            continue            # no budget, or no budget for the fiscal year: said once already
        out.append(Problem(r.file, r.line, r.message, WARNING, rule=REPORT_INPUT))
    return out


def budget_years(books) -> list[Problem]:
    """The budget should have a Budget column for the fiscal year the ledger keeps."""
    budget = books.budget
    if budget.empty:
        return []
    year = books.settings.fiscal_year
    if not year:            # missing or out of range: settings.toml already says so
        return []
    if ((budget["year"] == year) & (budget["version"] == "budget")).any():
        return []
    from .budget import version_label

    have = ", ".join(version_label(v, int(y)) for y, v in dict.fromkeys(zip(budget["year"], budget["version"])))
    return [Problem("settings.toml", _settings_line(books.folder, "organisation", "fiscal_year"),
                    _("the budget has no '{year} Budget' column for the fiscal year {year} (it has: {have}): "
                      "the monthly report needs it to compare the year's outcome with", year=year, have=have),
                    WARNING, rule=REPORT_INPUT)]
