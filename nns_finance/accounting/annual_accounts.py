"""The simplified annual accounts (förenklat årsbokslut) of a non-profit association, in the
form of BFNAR 2010:1 appendix 2, from the books.

:func:`annual_accounts` ``(books, year)`` gives an :class:`AnnualAccounts`:

- **Resultaträkning** — each result account (3000–8999) under its item
  (:mod:`nns_finance.core.annual_items`: the BAS default, or the chart of accounts'
  ``bokslutspost``), income positive and costs negative, the year's movement from the one trial
  balance (:mod:`nns_finance.accounting.trial_balance`); Summa intäkter, Summa kostnader,
  Verksamhetens över-/underskott, Över-/underskott efter finansiella poster, Årets
  över-/underskott. 8999 (the closing entry that moves the result to equity) is no item.
- **Balansräkning** — built on the balance sheet (:mod:`nns_finance.accounting.balance_sheet`,
  its BAS groups and ``balansgrupp`` overrides): each of its rows goes to an item (the account's
  ``bokslutspost``, else its BAS default when that lies on the row's side, else its group's
  item); the result not yet booked is *Årets över-/underskott*, last year's result not yet
  booked *Balanserat över-/underskott*. The previous-year column is the year's opening balance.
- **Last year** beside each figure where the books have it: the income statement from last
  year's vouchers or ``#RES``, the balance sheet from the opening balances.
- Items without an amount in either year are left out, as the rules allow.
- **Checks** (:class:`Check`): the year's surplus equals the change in equity; assets equal
  equity and liabilities (both years); the income statement's result equals the ledger's (the
  result accounts summed straight from the vouchers); the balance sheet's Årets
  över-/underskott equals the income statement's; every account is mapped.
- **Problems**: an account with a balance or movement that maps to no item, or to an item of the
  other statement, is an error naming it (and its row in the chart of accounts).
- **K1's limit**: the income of each year the books and the budget's outcome columns know,
  against 3 MSEK (:class:`K1Note`).
- **Notes**: the placements at the year end (the deposit register) and the change in equity.

Amounts are öre (int). Nothing here reads a file or formats text for a page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..core.annual_items import (BALANCE_SHEET, CLOSING_ENTRY, GROUP_ITEMS, INCOME_STATEMENT, ITEMS,
                                 ITEMS_BY_CODE, default_item)
from ..core.bas import ASSETS
from ..core.problems import ERROR, Problem
from ..core.i18n import _
from .balance_sheet import PREVIOUS_RESULT_ROW, RESULT_ROW, balance_sheet
from .trial_balance import TOTAL, trial_balance

K1_LIMIT = 300_000_000   # 3 MSEK in öre (BFL 6 kap. 3 §)

RR_SECTIONS = (("intakter", "Intäkter", "summa-intakter", "Summa intäkter"),
               ("kostnader", "Kostnader", "summa-kostnader", "Summa kostnader"))


@dataclass(frozen=True)
class Line:
    """A row of a statement: an item (``kind`` ``item``), a heading or a total.

    code:     the item's code, or the total's (``summa-intakter`` …)
    current, previous: öre, in the statement's sign; previous None when the books lack last year
    accounts: the accounts summed into an item (for tracing)
    """

    code: str
    label: str
    kind: str
    current: int | None = None
    previous: int | None = None
    accounts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """One check: what is compared (Swedish), the two figures (öre or a count), and the verdict."""

    name: str
    left: int
    right: int
    unit: str = "kr"

    @property
    def ok(self) -> bool:
        return int(self.left) == int(self.right)


@dataclass(frozen=True)
class K1Note:
    """Income per year against K1's 3 MSEK limit: ``incomes`` year → (öre, where from)."""

    incomes: dict
    over: tuple[int, ...]

    def text(self) -> str:
        from ..core.money import format_kr

        shown = "; ".join(f"{y}: {format_kr(a, sep=chr(160)).replace(' kr', chr(160) + 'kr')} ({src})"
                          for y, (a, src) in sorted(self.incomes.items()))
        base = (f"Förenklat årsbokslut får upprättas av en ideell förening vars nettoomsättning normalt "
                f"uppgår till högst 3 miljoner kronor (BFL 6 kap. 3 §). Intäkter {shown}.")
        if not self.over:
            return base + " Inget av åren överstiger gränsen."
        years = ", ".join(str(y) for y in self.over)
        return (base + f" Intäkterna överstiger 3 miljoner kronor {years}: om de normalt gör det får "
                "förenklat årsbokslut inte användas, utan årsbokslut upprättas enligt BFNAR 2017:3 (K2). "
                "Vad som är normalt bedömer styrelsen och revisorerna.")


@dataclass(frozen=True)
class AnnualAccounts:
    """The annual accounts of ``year`` (see the module docstring)."""

    organisation: str
    org_number: str
    year: int
    income_statement: list
    balance_sheet: list
    accounts: pd.DataFrame
    has_previous_income: bool
    has_previous_balance: bool
    result: int
    checks: list
    problems: list
    k1: K1Note
    placements: pd.DataFrame
    equity_change: list

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    def line(self, statement: str, code: str) -> Line:
        lines = self.income_statement if statement == INCOME_STATEMENT else self.balance_sheet
        return next(x for x in lines if x.code == code)


def _names(books) -> pd.Series:
    names = pd.Series(books.accounts["name"].astype(str).to_numpy(),
                      index=books.accounts["account"].astype(str).to_numpy())
    return names[~names.index.duplicated()]


def _overrides(books) -> pd.Series:
    chart = books.accounts
    if "annual_item" not in chart.columns:
        return pd.Series(dtype="str")
    given = chart[chart["annual_item"].fillna("").astype(str) != ""]
    return pd.Series(given["annual_item"].astype(str).to_numpy(), index=given["account"].astype(str).to_numpy())


def _chart_place(books, account: str) -> tuple[str, int | None]:
    chart = books.accounts
    hit = chart[chart["account"].astype(str) == account]
    if hit.empty or "source" not in chart.columns:
        return "accounts.csv", None
    return str(hit["source"].iloc[0]), int(hit["row"].iloc[0])


def _result_movements(books, year: int) -> pd.Series | None:
    """Per result account the year's movement (SIE sign), from the vouchers, else ``#RES``."""
    led = books.ledger
    rows = led[(led["year"] == year) & led["account"].astype(str).str.match(r"^[3-8]\d{3}$")]
    if len(rows):
        return rows.groupby(rows["account"].astype(str))["amount"].sum().astype("int64")
    bal = books.balances
    res = bal[(bal["year"] == year) & (bal["kind"] == "RES")]
    if len(res):
        return res.groupby(res["account"].astype(str))["amount"].sum().astype("int64")
    return None


def _item_for(account: str, statement: str, overrides: pd.Series, problems: list, books,
              side_group: str | None = None, side: str | None = None) -> str | None:
    names = _names(books)
    given = overrides.get(account)
    if given:
        item = ITEMS_BY_CODE[given]
        if item.statement != statement:
            file, line = _chart_place(books, account)
            problems.append(Problem(file, line, severity=ERROR, message=(
                _("account {account} {name}: bokslutspost {given!r} is an item of the {item_statement}, "
                  "but the account belongs to the {account_statement}",
                  account=account, name=names.get(account, ""), given=given,
                  item_statement=_("balance sheet") if item.statement == BALANCE_SHEET else _("income statement"),
                  account_statement=(_("income statement") if statement == INCOME_STATEMENT
                                     else _("balance sheet"))))))
            return None
        return given
    item = default_item(account)
    if statement == BALANCE_SHEET and side_group is not None:
        fits = item in ITEMS_BY_CODE and (ITEMS_BY_CODE[item].section == "tillgangar") == (side == ASSETS)
        if not fits:
            item = GROUP_ITEMS.get(side_group)
    if item is None:
        _unmapped(books, account, problems)
    return item


def _unmapped(books, account: str, problems: list) -> None:
    file, line = _chart_place(books, account)
    name = _names(books).get(account, "")
    problems.append(Problem(file, line, severity=ERROR, message=(
        _("account {account}{name} has a balance or movement but no item of the annual "
          "accounts: name one in the column bokslutspost of the chart of accounts (e.g. "
          "{example})",
          account=account, name=" " + name if name else "",
          example="ovriga-intakter" if str(account)[0] in "345678" else "ovriga-fordringar"))))


def _income_lines(per_item: dict, previous: dict | None) -> tuple[list, int, int | None]:
    lines: list[Line] = []

    def prev(code):
        return None if previous is None else int(previous.get(code, 0))

    def add_items(section: str):
        cur_sum, prev_sum = 0, 0
        for item in ITEMS:
            if item.statement != INCOME_STATEMENT or item.section != section:
                continue
            cur, accounts = per_item.get(item.code, (0, ()))
            p = prev(item.code)
            cur_sum += cur
            prev_sum += p or 0
            if cur or p or accounts:
                lines.append(Line(item.code, item.sv, "item", cur, p, tuple(accounts)))
        return cur_sum, prev_sum

    totals, prev_totals = {}, {}
    for section, heading, total_code, total_label in RR_SECTIONS:
        lines.append(Line(section, heading, "heading"))
        c, p = add_items(section)
        totals[section], prev_totals[section] = c, p
        lines.append(Line(total_code, total_label, "total", c, None if previous is None else p))
    operating = totals["intakter"] + totals["kostnader"]
    p_operating = prev_totals["intakter"] + prev_totals["kostnader"]
    lines.append(Line("verksamhetens-resultat", "Verksamhetens över-/underskott", "result", operating,
                      None if previous is None else p_operating))
    c, p = add_items("finansiella")
    after_fin, p_after_fin = operating + c, p_operating + p
    lines.append(Line("resultat-efter-finansiella-poster", "Över-/underskott efter finansiella poster", "result",
                      after_fin, None if previous is None else p_after_fin))
    c, p = add_items("bokslut")
    result, p_result = after_fin + c, p_after_fin + p
    lines.append(Line("arets-resultat", "Årets över-/underskott", "result", result,
                      None if previous is None else p_result))
    return lines, result, None if previous is None else p_result


def _balance_lines(per_item: dict, show_previous: bool) -> list:
    lines: list[Line] = []

    def block(section: str, heading: str | None, total: tuple[str, str] | None):
        if heading:
            lines.append(Line(section, heading, "heading"))
        cur_sum, prev_sum = 0, 0
        for item in ITEMS:
            if item.statement != BALANCE_SHEET or item.section != section:
                continue
            cur, prev, accounts = per_item.get(item.code, (0, 0, ()))
            cur_sum += cur
            prev_sum += prev
            if cur or prev or accounts or section == "eget-kapital":
                lines.append(Line(item.code, item.sv, "item", cur, prev if show_previous else None, tuple(accounts)))
        if total:
            lines.append(Line(total[0], total[1], "total", cur_sum, prev_sum if show_previous else None))
        return cur_sum, prev_sum

    block("tillgangar", "Tillgångar", ("summa-tillgangar", "Summa tillgångar"))
    equity = block("eget-kapital", "Eget kapital", ("summa-eget-kapital", "Summa eget kapital"))
    untaxed = block("obeskattade", None, None)
    liabilities = block("skulder", "Skulder", ("summa-skulder", "Summa skulder"))
    total = tuple(equity[i] + untaxed[i] + liabilities[i] for i in (0, 1))
    lines.append(Line("summa-eget-kapital-och-skulder", "Summa eget kapital och skulder", "result", total[0],
                      total[1] if show_previous else None))
    return lines


def _k1(books, year: int, income: int, previous_income: int | None) -> K1Note:
    incomes = {year: (income, "bokföringen")}
    if previous_income is not None:
        incomes[year - 1] = (previous_income, "bokföringen")
    budget = books.budget
    if budget is not None and len(budget):
        out = budget[(budget["version"] == "outcome") & budget["code"].astype(str).str.startswith("intakter")]
        for y, amount in out.groupby("year")["amount"].sum().items():
            if int(y) not in incomes and int(y) <= year:
                incomes[int(y)] = (int(amount), "budgetens utfall")
    over = tuple(sorted(y for y, (a, _) in incomes.items() if a > K1_LIMIT))
    return K1Note(incomes, over)


def _placements(books, year: int) -> pd.DataFrame:
    """The deposit register's terms running at the year end (for the note on placements)."""
    end = pd.Timestamp(year, 12, 31)
    deps = books.deposits
    cols = ["deposit_id", "bank", "account", "principal", "rate", "start", "maturity"]
    if deps is None or deps.empty:
        return pd.DataFrame(columns=cols)
    held = deps[(deps["start"] <= end) & (deps["maturity"] > end)]
    return held[cols].reset_index(drop=True)


def _equity_change(per_item: dict, result: int) -> list:
    """Rows (label, balanserat, årets, summa) from the opening to the closing equity."""
    b0, a0 = per_item.get("balanserat-over-underskott", (0, 0, ()))[1], per_item.get("arets-over-underskott", (0, 0, ()))[1]
    b1, a1 = per_item.get("balanserat-over-underskott", (0, 0, ()))[0], per_item.get("arets-over-underskott", (0, 0, ()))[0]
    rows = [("Ingående balans", b0, a0, b0 + a0)]
    disposition = a0 if a0 and a1 - result == 0 else 0
    if disposition:
        rows.append(("Föregående års över-/underskott förs i ny räkning", disposition, -disposition, 0))
    rows.append(("Årets över-/underskott", 0, result, result))
    other_b = b1 - b0 - disposition
    other_a = a1 - a0 + disposition - result
    if other_b or other_a:
        rows.append(("Övriga förändringar", other_b, other_a, other_b + other_a))
    rows.append(("Utgående balans", b1, a1, b1 + a1))
    return rows


def annual_accounts(books, year: int) -> AnnualAccounts:
    """The simplified annual accounts of fiscal ``year`` from ``books`` (see the module docstring)."""
    year = int(year)
    problems: list[Problem] = []
    overrides = _overrides(books)
    names = _names(books)

    # --- the income statement: the year's movement per result account ---------------------
    tb = trial_balance(books.ledger, books.balances, year, pd.Period(f"{year}-12", "M"), names)
    tb = tb[tb["account"] != TOTAL]
    is_result = tb["account"].astype(str).str.match(r"^[3-8]\d{3}$")
    moves = pd.Series(tb.loc[is_result, "year_to_date"].to_numpy(dtype="int64"),
                      index=tb.loc[is_result, "account"].astype(str).to_numpy())
    prev_moves = _result_movements(books, year - 1)
    rows = []
    per_item: dict = {}
    prev_item: dict = {} if prev_moves is not None else None
    accounts_rr = sorted(set(moves.index) | set(prev_moves.index if prev_moves is not None else []))
    for account in accounts_rr:
        cur = int(moves.get(account, 0))
        prev = None if prev_moves is None else int(prev_moves.get(account, 0))
        if cur == 0 and not prev:
            continue
        item = _item_for(account, INCOME_STATEMENT, overrides, problems, books)
        if item is None:   # reported
            continue
        rows.append({"statement": INCOME_STATEMENT, "item": item, "account": account, "name": names.get(account, ""),
                     "current": -cur, "previous": None if prev is None else -prev})
        if item == CLOSING_ENTRY:
            continue
        amount, accs = per_item.get(item, (0, ()))
        per_item[item] = (amount - cur, accs + (account,))
        if prev_item is not None:
            prev_item[item] = prev_item.get(item, 0) - (prev or 0)
    income_lines, result, prev_result = _income_lines(per_item, prev_item)

    # --- the balance sheet, on the balance sheet's own grouping -----------------------------
    bs = balance_sheet(books, year, 12, "sv")
    br_item: dict = {}
    for rec in bs.accounts.itertuples(index=False):
        account = str(rec.account)
        if account == "":
            item = "arets-over-underskott" if rec.name == RESULT_ROW[0] else "balanserat-over-underskott"
            if rec.name not in (RESULT_ROW[0], PREVIOUS_RESULT_ROW[0]):   # pragma: no cover - defensive
                item = "balanserat-over-underskott"
        else:
            if rec.opening == 0 and rec.closing == 0:
                continue
            item = _item_for(account, BALANCE_SHEET, overrides, problems, books, rec.group, rec.side)
            if item is None:   # reported
                continue
        rows.append({"statement": BALANCE_SHEET, "item": item, "account": account, "name": str(rec.name),
                     "current": int(rec.closing), "previous": int(rec.opening)})
        cur, prev, accs = br_item.get(item, (0, 0, ()))
        br_item[item] = (cur + int(rec.closing), prev + int(rec.opening), accs + ((account,) if account else ()))
    for account in bs.outside:
        _unmapped(books, account, problems)
    has_ib = bool((books.balances["year"] == year).any() and
                  ((books.balances["kind"] == "IB") & (books.balances["year"] == year)).any()) \
        or bool(((books.balances["kind"] == "UB") & (books.balances["year"] == year - 1)).any())
    balance_lines = _balance_lines(br_item, has_ib)
    accounts = pd.DataFrame(rows, columns=["statement", "item", "account", "name", "current", "previous"])

    # --- checks -----------------------------------------------------------------------------
    def total(lines, code, col="current"):
        return int(getattr(next(x for x in lines if x.code == code), col) or 0)

    led = books.ledger
    ledger_rows = led[(led["year"] == year) & led["account"].astype(str).str.match(r"^[3-8]\d{3}$")
                      & (led["account"].astype(str) != "8999")]
    ledger_result = -int(ledger_rows["amount"].sum())
    equity_change = total(balance_lines, "summa-eget-kapital") - total(balance_lines, "summa-eget-kapital", "previous")
    checks = [
        Check("Årets över-/underskott (resultaträkningen) = förändringen av eget kapital", result, equity_change),
        Check("Summa tillgångar = summa eget kapital och skulder, årets slut",
              total(balance_lines, "summa-tillgangar"), total(balance_lines, "summa-eget-kapital-och-skulder")),
    ]
    if has_ib:
        checks.append(Check("Summa tillgångar = summa eget kapital och skulder, årets början",
                            total(balance_lines, "summa-tillgangar", "previous"),
                            total(balance_lines, "summa-eget-kapital-och-skulder", "previous")))
    checks += [
        Check("Resultaträkningen = bokföringens resultat (resultatkontona summerade ur verifikationerna)",
              result, ledger_result),
        Check("Balansräkningens årets över-/underskott = resultaträkningens", total(balance_lines, "arets-over-underskott"),
              result),
        Check("Konton utan bokslutspost (antal)", len([p for p in problems if p.is_error]), 0, unit="antal"),
    ]
    income = total(income_lines, "summa-intakter")
    prev_income = None if prev_item is None else total(income_lines, "summa-intakter", "previous")
    return AnnualAccounts(
        organisation=books.settings.organisation, org_number=books.settings.org_number or "", year=year,
        income_statement=income_lines, balance_sheet=balance_lines, accounts=accounts,
        has_previous_income=prev_item is not None, has_previous_balance=has_ib, result=result,
        checks=checks, problems=problems, k1=_k1(books, year, income, prev_income),
        placements=_placements(books, year), equity_change=_equity_change(br_item, result))
