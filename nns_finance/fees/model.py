"""The fee model: each member's membership, service and indicator fee for a year, step by step.

The service fee (serviceavgift) of a paying member is worked out as an auditor follows it:

1. **base** — the member's fee base (tilldelning + matchning) for the year, grown by the
   scenario's ``base_growth`` per cent if any (rounded to the öre);
2. **fee before limits** — ``rate ‰ × base``, rounded per the rule (whole kronor, half up);
3. **increase cap** — with a maximum increase, the fee may rise at most that much over its
   *reference*: the fee at the previous rate on the same base (``previous_rate``, how the 2024
   raise was done) or the member's service fee last year (``last_year_fee``; a member that paid
   none last year has no cap);
4. **maximum fee** (maxtaxa);
5. **service fee** — the lowest of the three; ``limit`` says which bound (``none``,
   ``max_increase``, ``max_fee``; the maximum fee wins a tie). A member joining during the year
   pays ``months/12`` of it when the rule says ``pro_rata`` (see :mod:`nns_finance.core.payers`).

Then last year's service fee (that year's own calculation, see :mod:`nns_finance.fees.years`),
the change in kronor and per cent, the membership fee and the indicator fee. Every amount is
integer öre; totals are sums of the members' rows, so they agree to the öre.

A year without its own ``[fees.YYYY]`` uses the latest earlier year's rules, and a year after
the register's last fee bases uses those bases grown by the assumed growth
(:mod:`nns_finance.fees.years`), so any later year can be computed.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from .arithmetic import grow, per_mille_of, pro_rata, ratio, rounding_unit
from ..core.payers import STATUS_LABELS, fee_payers
from .years import RuleOf, assumed_growth, bases_in, last_base_year, rules_in
from ..core.problems import UsageError
from ..core.settings import BudgetLines, FeeRule
from ..core.i18n import _

NONE, MAX_INCREASE, MAX_FEE = "none", "max_increase", "max_fee"
LIMIT_LABELS = {NONE: "", MAX_INCREASE: "maxhöjning", MAX_FEE: "maxtaxa"}

MONEY_COLUMNS = ["base", "fee_before_limits", "increase_reference", "increase_cap", "max_fee",
                 "service_fee", "last_year_fee", "change", "membership_fee", "indicator_fee", "total_fee"]
COLUMNS = ["member_id", "name", "status", "months", "base", "fee_before_limits", "increase_reference",
           "increase_cap", "max_fee", "limit", "service_fee", "last_year_fee", "change", "change_percent",
           "membership_fee", "indicator", "indicator_fee", "total_fee"]

# Swedish column headings for people (tables, workbooks, the notebook)
HEADINGS = {
    "member_id": "Medlem", "name": "Namn", "status": "Status", "months": "Månader",
    "base": "Underlag", "fee_before_limits": "Avgift före tak", "increase_reference": "Jämförelseavgift",
    "increase_cap": "Tak maxhöjning", "max_fee": "Maxtaxa", "limit": "Begränsning",
    "service_fee": "Serviceavgift", "last_year_fee": "Serviceavgift fg år", "change": "Förändring kr",
    "change_percent": "Förändring %", "membership_fee": "Medlemsavgift", "indicator": "Indikatoravtal",
    "indicator_fee": "Indikatoravgift", "total_fee": "Summa avgifter",
}


def rule_for(books, year: int, rules: FeeRule | None = None, **changes) -> FeeRule:
    """The year's rule from settings (or ``rules``), with ``changes`` (FeeRule fields) applied.
    A year without its own rules in settings gets the latest earlier year's."""
    rule = rules if rules is not None else rules_in(books.settings, year)
    if rule.year != year:
        rule = dataclasses.replace(rule, year=year)
    changes = {k: v for k, v in changes.items() if v is not KEEP}
    if "service_rate" in changes and not isinstance(changes["service_rate"], Decimal):
        changes["service_rate"] = Decimal(str(changes["service_rate"]))
    return dataclasses.replace(rule, **changes) if changes else rule


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()   # "as the rule says" for optional overrides where None means "no limit"


def _require_register(books) -> None:
    if books.members.empty:
        raise UsageError(_("{folder}: no member register (members.csv or members.xlsx), so no fees can be "
                           "computed", folder=books.folder))


def fee_table(books, year: int, rules: FeeRule | None = None, without: Iterable[str] = (),
              base_growth: Decimal | int | str = 0, *, growth=None, carry: Iterable[str] = ()) -> pd.DataFrame:
    """Per member the whole fee calculation for ``year`` (columns :data:`COLUMNS`).

    ``rules`` replaces the year's rules from settings (a scenario); ``without`` lists member
    ids that leave before the year; ``base_growth`` grows every base by that many per cent.
    Last year's fee comes from the years before, computed in order with their own rules.
    ``growth`` (year → per cent) grows bases after the register's last year (default: the
    data folder's ``assumptions.toml``); ``carry``: members whose latest base stands in for a
    missing one (see :func:`nns_finance.fees.years.bases_in`).
    Rows: every member on the register at some time in the year or the year before, so a
    member that just left shows with its fee falling to 0.
    """
    _require_register(books)
    rule = rule_for(books, year, rules)
    settings_rule = (lambda y: rule if y == year else rules_in(books.settings, y))
    return fee_tables(books, year, year, settings_rule, growth=growth, carry=carry,
                      base_growth=base_growth, base_growth_from=year, without={year: without})[year]


def compute_fees(members: pd.DataFrame, fee_bases: pd.DataFrame, year: int, rule: FeeRule,
                 without: Iterable[str] = (), base_growth: Decimal | int | str = 0,
                 last_year: pd.Series | None = None) -> pd.DataFrame:
    """:func:`fee_table` on plain frames: ``last_year`` maps member_id → last year's service
    fee in öre (members missing from it had none)."""
    unit = rounding_unit(rule.rounding)
    payers = fee_payers(members, year, rule, without)
    ids = payers["member_id"].astype(str)
    bases = fee_bases[fee_bases["year"] == year].drop_duplicates("member_id")
    base = ids.map(pd.Series(bases["base"].to_numpy(), index=bases["member_id"].astype(str)))
    has_base = base.notna().to_numpy()
    base_arr = grow(base.fillna(0).astype("int64").to_numpy(), base_growth).astype("int64")
    pays = payers["pays"].to_numpy()

    num, den = ratio(rule.service_rate)
    before = np.where(pays, per_mille_of(base_arr, num, den, unit), 0).astype("int64")

    last = ids.map(last_year if last_year is not None else pd.Series(dtype="int64"))
    has_last = last.notna().to_numpy()
    last_arr = last.fillna(0).astype("int64").to_numpy()

    big = np.iinfo(np.int64).max
    if rule.max_increase is not None:
        if rule.max_increase_basis == "previous_rate":
            if rule.previous_rate is None:
                raise UsageError(_("fee rules {year}: a maximum increase measured against the previous rate needs "
                                   "the previous rate (previous_rate_permille)", year=year))
            pnum, pden = ratio(rule.previous_rate)
            reference = per_mille_of(base_arr, pnum, pden, unit).astype("int64")
            has_ref = pays.copy()
        elif rule.max_increase_basis == "last_year_fee":
            reference, has_ref = last_arr, pays & has_last
        else:
            raise UsageError(_("unknown max_increase_basis {max_increase_basis!r}",
                               max_increase_basis=rule.max_increase_basis))
        cap = np.where(has_ref, reference + rule.max_increase, big)
    else:
        reference, has_ref = np.zeros(len(ids), dtype="int64"), np.zeros(len(ids), dtype=bool)
        cap = np.full(len(ids), big, dtype="int64")
    max_fee = rule.max_fee if rule.max_fee is not None else big

    limited = np.minimum(np.minimum(before, cap), max_fee)
    limit = np.select([pays & (max_fee < before) & (max_fee <= cap), pays & (cap < before)],
                      [MAX_FEE, MAX_INCREASE], default=NONE)
    months = payers["months"].to_numpy()
    service = np.where(pays, pro_rata(limited, months, unit), 0).astype("int64")
    membership = np.where(pays, pro_rata(np.full(len(ids), rule.membership_fee), months, unit), 0)
    indicator = payers["indicator"].to_numpy()
    indicator_fee = np.where(indicator, rule.indicator_fee, 0).astype("int64")

    change = pd.array(np.where(has_last, service - last_arr, 0), dtype="Int64")
    change[~has_last] = pd.NA
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = (service - last_arr) / np.where(last_arr > 0, last_arr, 1)
    change_pct = pd.array(pct, dtype="Float64")
    change_pct[~(has_last & (last_arr > 0))] = pd.NA

    def nullable(values, mask):
        out = pd.array(np.asarray(values, dtype="int64"), dtype="Int64")
        out[~mask] = pd.NA
        return out

    out = pd.DataFrame({
        "member_id": payers["member_id"], "name": payers["name"], "status": payers["status"],
        "months": payers["months"],
        "base": nullable(base_arr, has_base),
        "fee_before_limits": before,
        "increase_reference": nullable(reference, has_ref & pays),
        "increase_cap": nullable(np.where(has_ref, cap, 0), has_ref & pays),
        "max_fee": nullable(np.full(len(ids), rule.max_fee or 0), np.full(len(ids), rule.max_fee is not None) & pays),
        "limit": pd.array(limit, dtype="string"),
        "service_fee": service,
        "last_year_fee": nullable(last_arr, has_last),
        "change": change,
        "change_percent": change_pct,
        "membership_fee": membership.astype("int64"),
        "indicator": indicator,
        "indicator_fee": indicator_fee,
    })
    out["total_fee"] = (out["service_fee"] + out["membership_fee"] + out["indicator_fee"]).astype("int64")
    return out[COLUMNS]


def totals_of(table: pd.DataFrame, lines: BudgetLines = BudgetLines()) -> pd.DataFrame:
    """The sums of a fee table: one row per fee kind and the total (amounts öre, int64).

    Columns: item (``membership``/``service``/``indicator``/``total``), name (Swedish),
    code (the budget line it belongs to, from ``lines`` = settings ``[budget_lines]``; "" if
    none), amount, members (how many pay it).
    """
    paying = table["months"] > 0
    rows = [
        ("membership", "Medlemsavgifter", lines.membership_fees, int(table["membership_fee"].sum()),
         int((paying & (table["membership_fee"] > 0)).sum())),
        ("service", "Serviceavgifter", lines.service_fees, int(table["service_fee"].sum()),
         int((paying & (table["service_fee"] > 0)).sum())),
        ("indicator", "Indikatoravgifter", lines.indicator_fees or "", int(table["indicator_fee"].sum()),
         int(table["indicator"].sum())),
        ("total", "Summa avgifter", "", int(table["total_fee"].sum()), int(paying.sum())),
    ]
    return pd.DataFrame(rows, columns=["item", "name", "code", "amount", "members"]).astype(
        {"item": "string", "name": "string", "code": "string", "amount": "int64", "members": "int64"})


def fee_totals(books, year: int, rules: FeeRule | None = None, without: Iterable[str] = (),
               base_growth: Decimal | int | str = 0) -> pd.DataFrame:
    """The year's fee income by kind (see :func:`totals_of`): the sum of :func:`fee_table`."""
    return totals_of(fee_table(books, year, rules, without, base_growth), books.settings.budget_lines)


VERSION_ORDER = {"outcome": 0, "budget": 1, "forecast": 2}


def fee_reconciliation(books, year: int, rules: FeeRule | None = None, without: Iterable[str] = (),
                       base_growth: Decimal | int | str = 0) -> pd.DataFrame:
    """The fee totals against the budget's Medlemsavgifter and Serviceavgifter lines.

    One row per line and budget version of ``year`` (outcome, budget, forecast, proposals):
    code, name, version, budget, fees, difference (= fees − budget), all öre. Empty when the
    budget has no such lines for the year.
    """
    totals = fee_totals(books, year, rules, without, base_growth)
    named = books.settings.budget_lines
    budget = books.budget
    mine = budget[(budget["year"] == year) & budget["code"].isin([named.membership_fees, named.service_fees])]
    model = totals[totals["item"].isin(["membership", "service"])].set_index("code")
    out = pd.DataFrame({
        "code": mine["code"].astype("string"),
        "name": mine["code"].map(model["name"]).astype("string"),
        "version": mine["version"].astype("string"),
        "budget": mine["amount"].astype("int64"),
        "fees": mine["code"].map(model["amount"]).astype("int64"),
    })
    out["difference"] = (out["fees"] - out["budget"]).astype("int64")
    order = out["version"].map(lambda v: VERSION_ORDER.get(v, 9))
    return (out.assign(_line=out["code"] != named.membership_fees, _v=order)
            .sort_values(["_line", "_v", "version"]).drop(columns=["_line", "_v"]).reset_index(drop=True))


def for_people(table: pd.DataFrame) -> pd.DataFrame:
    """A fee table with Swedish headings and words (amounts stay öre for the renderer)."""
    out = table.copy()
    if "status" in out:
        out["status"] = out["status"].map(lambda s: STATUS_LABELS.get(s, s)).astype("string")
    if "limit" in out:
        out["limit"] = out["limit"].map(lambda s: LIMIT_LABELS.get(s, s)).astype("string")
    if "indicator" in out:
        out["indicator"] = out["indicator"].map({True: "ja", False: ""}).astype("string")
    return out.rename(columns=HEADINGS)


def fee_tables(books, first: int, last: int, rule_of: RuleOf | None = None,
               growth: Mapping[int, Decimal] | None = None, carry: Iterable[str] = (),
               base_growth: Decimal | int | str = 0, base_growth_from: int | None = None,
               without: Mapping[int, Iterable[str]] | None = None) -> dict[int, pd.DataFrame]:
    """The fee tables (:data:`nns_finance.fees.model.COLUMNS`) of ``first``..``last``, year by year.

    ``rule_of(year)`` gives each year's rules (default :func:`rules_in`); the years before
    ``first`` back to the first year with rules are computed too, for last year's fees.
    ``growth`` grows bases beyond the register (default :func:`assumed_growth`, read only when
    needed); ``base_growth`` per cent more from ``base_growth_from`` on (a scenario's);
    ``without`` maps a year to members treated as gone before it (that year only).
    """
    rule_of = rule_of or (lambda y: rules_in(books.settings, y))
    carry = tuple(carry)
    if growth is None:
        register_last = last_base_year(books.fee_bases)
        growth = assumed_growth(books) if register_last is not None and last > register_last else {}
    start = min([first, *books.settings.fees])
    history = pd.Series(dtype="int64")
    out: dict[int, pd.DataFrame] = {}
    for year in range(start, last + 1):
        try:
            rule = rule_of(year)
        except UsageError:
            if year >= first:
                raise
            continue                     # no rules yet: no history
        extra = base_growth if base_growth_from is None or year >= base_growth_from else 0
        table = compute_fees(books.members, bases_in(books.fee_bases, year, growth, carry), year, rule,
                             without=(without or {}).get(year, ()), base_growth=extra, last_year=history)
        paid = table[table["months"] > 0]
        history = pd.Series(paid["service_fee"].to_numpy(dtype="int64"), index=paid["member_id"].astype(str))
        if year >= first:
            out[year] = table
    return out
