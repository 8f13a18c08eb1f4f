"""Avgifter: the fee calculation per member for the year, as :func:`nns_finance.fees.model.fee_table`
works it out — base, rate, the limits, the final fee — with the year's rules at the top.

The rules (rate in per mille, the previous rate, maximum increase, maximum fee, membership and
indicator fee) stand in their own cells, and each member's figures are formulas on them, so a
reviewer can follow every step and try another rate in Excel:

- fee before limits ``= ROUND(base × rate / 1000, 0)`` (``2`` decimals when fees round to the öre);
- the reference fee ``= ROUND(base × previous rate / 1000, 0)`` when the increase is measured
  against the previous rate, and the cap ``= reference + maximum increase``;
- service fee ``= ROUND(MIN(before, cap, maximum fee) × months / 12, 0)``;
- which limit bound (``maxtaxa``, ``maxhöjning``), a formula too.

Every paying member's limits refer to the rule cells even where the year's rules have no such
limit (the cell then shows ``–``, and the limit is ``""``, which ``MIN`` ignores): typing a
maximum fee or a maximum increase into the rule cells changes every fee.
- membership fee, indicator fee, total, change against last year.

Members that do not pay in the year (left, not yet joined) show their figures without formulas.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .scope import Scope
from ..reports.xlsx import Sheet, cell, col_name

SHEET = "Avgifter"

COLUMNS = ["member_id", "name", "status", "months", "base", "fee_before_limits", "increase_reference",
           "increase_cap", "max_fee", "limit", "service_fee", "last_year_fee", "change", "change_percent",
           "membership_fee", "indicator", "indicator_fee", "total_fee"]
MONEY = {"base", "fee_before_limits", "increase_reference", "increase_cap", "max_fee", "service_fee",
         "last_year_fee", "change", "membership_fee", "indicator_fee", "total_fee"}
TOTALS = ("service_fee", "last_year_fee", "membership_fee", "indicator_fee", "total_fee")


@dataclass(frozen=True)
class FeeFigures:
    """The fee table of the year and the rule it was computed with (None: no register/rules)."""

    table: pd.DataFrame | None
    rule: object | None
    reason: str = ""


def fee_rows(books, scope: Scope) -> FeeFigures:
    from ..fees import model as fees
    from ..core.problems import UsageError

    if books.members.empty:
        return FeeFigures(None, None, "Inget medlemsregister i datamappen: ingen avgiftsberäkning.")
    try:
        rule = fees.rule_for(books, scope.year)
        table = fees.fee_table(books, scope.year)
    except UsageError as exc:
        return FeeFigures(None, None, f"Ingen avgiftsberäkning: {exc}")
    return FeeFigures(table, rule)


@dataclass(frozen=True)
class Placed:
    """Where the fee totals landed (0-based) for Kontroller."""

    total_row: int | None
    cols: dict
    totals: dict   # column -> öre

    def ref(self, column: str) -> str:
        return cell(self.total_row, self.cols[column], sheet=SHEET)


def write(sheet: Sheet, figures: FeeFigures, scope: Scope) -> Placed:
    from ..core.payers import STATUS_LABELS
    from ..fees.model import HEADINGS, LIMIT_LABELS

    f = sheet.fmts
    sheet.title(0, f"Avgifter {scope.year}: beräkningen per medlem")
    if figures.table is None:
        sheet.text(2, 0, figures.reason)
        sheet.finish(filter=False, widths={0: 80})
        return Placed(None, {}, {})
    rule, table = figures.rule, figures.table
    ore_rounding = getattr(rule, "rounding", "krona") == "ore"
    digits = 2 if ore_rounding else 0
    params = [
        ("Serviceavgift, sats (promille av underlaget)", "rate", float(rule.service_rate), f.permille),
        ("Tidigare sats (promille), mot vilken maxhöjningen mäts", "previous_rate",
         None if rule.previous_rate is None else float(rule.previous_rate), f.permille),
        ("Maxhöjning", "max_increase", rule.max_increase, None),
        ("Maxtaxa", "max_fee", rule.max_fee, None),
        ("Medlemsavgift per medlem", "membership_fee", rule.membership_fee, None),
        ("Indikatoravgift per medlem med avtal", "indicator_fee", rule.indicator_fee, None),
    ]
    at = {}
    r = 2
    for text, key, value, fmt in params:
        sheet.text(r, 0, text)
        if value is None:
            sheet.text(r, 4, "–")
        elif fmt is not None:
            sheet.number(r, 4, value, fmt)
        else:
            sheet.amount(r, 4, value)
        at[key] = cell(r, 4, absolute=True)
        r += 1
    basis = {"previous_rate": "avgiften med den tidigare satsen på samma underlag",
             "last_year_fee": "medlemmens serviceavgift föregående år"}.get(rule.max_increase_basis, "")
    sheet.text(r, 0, f"Maxhöjningen mäts mot {basis}. Avrundning: "
                     f"{'till hela ören' if ore_rounding else 'till hela kronor, 0,50 uppåt'}.")
    head = r + 2
    sheet.header(head, [HEADINGS.get(c, c) for c in COLUMNS])
    cols = {c: i for i, c in enumerate(COLUMNS)}
    C = lambda name, row: cell(row, cols[name])  # noqa: E731
    first = head + 1
    for i, rec in enumerate(table.itertuples(index=False)):
        row = first + i
        pays = int(rec.months) > 0 and not pd.isna(rec.base)
        sheet.text(row, cols["member_id"], rec.member_id)
        sheet.text(row, cols["name"], rec.name)      # text: a name starting with "=" stays a name
        sheet.text(row, cols["status"], STATUS_LABELS.get(rec.status, rec.status))
        sheet.number(row, cols["months"], int(rec.months), f.integer)
        sheet.amount(row, cols["base"], rec.base)
        if pays:
            sheet.formula(row, cols["fee_before_limits"],
                          f"ROUND({C('base', row)}*{at['rate']}/1000,{digits})", rec.fee_before_limits)
        else:
            sheet.amount(row, cols["fee_before_limits"], rec.fee_before_limits)
        # every paying member's limits are formulas on the rule cells, so a reviewer who types
        # another maximum fee or maximum increase (or one where the rules have none: "–") sees
        # every fee follow; a limit that does not apply is "" (MIN ignores it)
        if pays:
            if rule.max_increase_basis == "last_year_fee":
                reference = (f'IF(AND(ISNUMBER({at["max_increase"]}),ISNUMBER({C("last_year_fee", row)})),'
                             f'{C("last_year_fee", row)},"")')
            else:
                reference = (f'IF(AND(ISNUMBER({at["max_increase"]}),ISNUMBER({at["previous_rate"]}),'
                             f'ISNUMBER({C("base", row)})),'
                             f'ROUND({C("base", row)}*{at["previous_rate"]}/1000,{digits}),"")')
            ref_cell, cap_cell, max_cell = (C(k, row) for k in ("increase_reference", "increase_cap", "max_fee"))
            sheet.formula(row, cols["increase_reference"], reference, _cached(rec.increase_reference), f.kr)
            sheet.formula(row, cols["increase_cap"],
                          f'IF(ISNUMBER({ref_cell}),{ref_cell}+{at["max_increase"]},"")', _cached(rec.increase_cap),
                          f.kr)
            sheet.formula(row, cols["max_fee"], f'IF(ISNUMBER({at["max_fee"]}),{at["max_fee"]},"")',
                          _cached(rec.max_fee), f.kr)
            before_cell = C("fee_before_limits", row)
            sheet.formula(row, cols["limit"],
                          f'IF(COUNT({cap_cell},{max_cell})=0,"",IF(MIN({cap_cell},{max_cell})>={before_cell},"",'
                          f'IF(AND(ISNUMBER({max_cell}),OR(NOT(ISNUMBER({cap_cell})),{max_cell}<={cap_cell})),'
                          f'"{LIMIT_LABELS["max_fee"]}","{LIMIT_LABELS["max_increase"]}")))',
                          LIMIT_LABELS.get(rec.limit, rec.limit), ore=False)
        else:
            sheet.amount(row, cols["increase_reference"], _na(rec.increase_reference))
            sheet.amount(row, cols["increase_cap"], _na(rec.increase_cap))
            sheet.amount(row, cols["max_fee"], _na(rec.max_fee))
            sheet.text(row, cols["limit"], LIMIT_LABELS.get(rec.limit, rec.limit))
        if pays:
            bounds = ",".join(C(k, row) for k in ("fee_before_limits", "increase_cap", "max_fee"))
            sheet.formula(row, cols["service_fee"],
                          f"ROUND(MIN({bounds})*{C('months', row)}/12,{digits})", rec.service_fee)
            sheet.formula(row, cols["membership_fee"],
                          f"ROUND({at['membership_fee']}*{C('months', row)}/12,{digits})", rec.membership_fee)
        else:
            sheet.amount(row, cols["service_fee"], rec.service_fee)
            sheet.amount(row, cols["membership_fee"], rec.membership_fee)
        sheet.amount(row, cols["last_year_fee"], _na(rec.last_year_fee))
        if pd.isna(rec.change):
            sheet.text(row, cols["change"], "")
        else:
            sheet.formula(row, cols["change"], f"{C('service_fee', row)}-{C('last_year_fee', row)}", int(rec.change))
        if pd.isna(rec.change_percent):
            sheet.text(row, cols["change_percent"], "")
        else:
            sheet.formula(row, cols["change_percent"], f"{C('change', row)}/{C('last_year_fee', row)}",
                          float(rec.change_percent), f.percent, ore=False)
        sheet.text(row, cols["indicator"], "ja" if bool(rec.indicator) else "")
        sheet.formula(row, cols["indicator_fee"], f'IF({C("indicator", row)}="ja",{at["indicator_fee"]},0)',
                      rec.indicator_fee)
        sheet.formula(row, cols["total_fee"], "+".join(C(k, row) for k in ("service_fee", "membership_fee",
                                                                            "indicator_fee")), rec.total_fee)
    last = first + len(table) - 1
    total = last + 1
    sheet.text(total, 0, "Summa", f.bold)
    totals = {}
    for k in TOTALS:
        value = int(pd.array(table[k], dtype="Int64").fillna(0).sum())
        totals[k] = value
        col = col_name(cols[k])
        sheet.formula(total, cols[k], f"SUM({col}{first + 1}:{col}{max(last, first) + 1})" if len(table) else "0",
                      value, f.kr_bold)
    sheet.last_row = max(last, head)
    sheet.finish(widths={0: 12, cols["name"]: max([len(str(n)) for n in table["name"]] + [20]) * 1.05})
    return Placed(total, cols, totals)


def _na(value):
    return None if pd.isna(value) else int(value)


def _cached(value):
    """A limit formula's cached value: öre, or "" where the limit does not apply."""
    return "" if pd.isna(value) else int(value)
