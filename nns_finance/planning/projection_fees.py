"""The projection's fee lines, member by member, from the fee model.

After the base year, Medlemsavgifter and Serviceavgifter are the sums of every member's fees
(:func:`nns_finance.fees.model.fee_table`, year by year through :func:`nns_finance.fees.years.fee_tables`):

- the **rules** of each year from ``settings.toml`` — a year without its own ``[fees.YYYY]``
  uses the latest earlier year's;
- the **fee bases** of the member register, and after its last year each member's latest base
  grown by ``fee_base_growth_percent``;
- **who pays** from the register (withdrawals, joinings, indicator agreements as recorded) and
  the known withdrawals of ``assumptions.toml`` (``[[withdrawals]]``: a member id and the
  first year without its fees), so the maximum fee and the increase cap act member by member.

Indikatorverksamhet keeps its non-fee part (the base-year amount less the model's indicator
fees that year) grown as other income, plus the model's indicator fees of the year.

The scenario engine (:mod:`nns_finance.planning.scenarios`) starts from the same register
(:func:`projected_register`) and the same tables, so a scenario that changes nothing equals
the projection year by year. Without a member register (or without fee rules) the fee lines
fall back to the budget's: Serviceavgifter grown with the fee bases, Medlemsavgifter unchanged.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from ..books.assumptions import Assumptions
from ..fees.model import fee_tables
from ..fees.years import last_base_year, rules_note
from ..core.money import format_kr

#: fee kind → its fee table column (the budget lines: settings.toml ``[budget_lines]``)
FEE_COLUMNS = {"membership": "membership_fee", "service": "service_fee", "indicator": "indicator_fee"}


def uses_fee_model(books, base: int) -> bool:
    """Can the fee model give the fee lines: a register with bases, and rules for the base year?"""
    return (not books.members.empty and len(books.fee_bases) > 0
            and any(y <= base for y in books.settings.fees))


def projected_register(books, assumptions: Assumptions):
    """The books with the assumed withdrawals written into the member register (effective
    1 January of ``from_year``; an earlier withdrawal in the register stands)."""
    if not assumptions.withdrawals:
        return books
    members = books.members.copy()
    ids = members["member_id"].astype(str)
    for w in assumptions.withdrawals:
        day = pd.Timestamp(dt.date(w.from_year, 1, 1))
        rows = (ids == w.member) & (members["withdrawal_date"].isna() | (members["withdrawal_date"] > day))
        members.loc[rows, "withdrawal_date"] = day
    return dataclasses.replace(books, members=members)


def projected_fees(books, assumptions: Assumptions, base: int, last: int) -> dict[int, pd.DataFrame] | None:
    """Per year ``base``..``last`` the fee table of the projection's register; None when the
    fee model cannot be used (see :func:`uses_fee_model`)."""
    if not uses_fee_model(books, base):
        return None
    return fee_tables(projected_register(books, assumptions), base, last,
                      growth=assumptions.fee_base_growth)


def fee_sums(tables: dict[int, pd.DataFrame]) -> dict[tuple[str, int], int]:
    """``(kind, year)`` → the year's total of that fee kind, öre."""
    return {(kind, year): int(table[column].sum())
            for year, table in tables.items() for kind, column in FEE_COLUMNS.items()}


def fee_rows(books, assumptions: Assumptions, base: int, last: int,
             tables: dict[int, pd.DataFrame] | None) -> list[tuple[str, str]]:
    """Rows for the assumptions table (Antagande, Värde) saying how the fee lines were made."""
    if tables is None:
        return [("Avgifter", "inget medlemsregister med underlag eller inga avgiftsregler: "
                             "Serviceavgifter växer med underlagen, Medlemsavgifter som basåret")]
    rows = [("Avgifter efter basåret", "per medlem ur avgiftsmodellen (medlemsregistret, settings.toml)")]
    note = rules_note(books.settings, base + 1, last) if last > base else ""
    if note:
        rows.append(("Avgiftsregler", note))
    register_last = last_base_year(books.fee_bases)
    if register_last is not None and last > register_last:
        rows.append((f"Avgiftsunderlag efter {register_last}",
                     f"underlaget {register_last} i medlemsregistret × ökningen av avgiftsunderlag"))
    names = books.members.drop_duplicates("member_id").set_index("member_id")["name"]
    for w in assumptions.withdrawals:
        rows.append((f"Utträde: {names.get(w.member, w.member)} ({w.member})", f"från {w.from_year} (antagande)"))
    later = books.members[books.members["withdrawal_date"] > pd.Timestamp(dt.date(base, 1, 1))]
    assumed = {w.member for w in assumptions.withdrawals}
    for m in later.itertuples():
        if str(m.member_id) not in assumed:
            rows.append((f"Utträde: {m.name} ({m.member_id})",
                         f"från {m.withdrawal_date:%Y-%m-%d} (medlemsregistret)"))
    budget = books.budget[(books.budget["version"] == "budget") & (books.budget["year"] == base)]
    amounts = budget.groupby(budget["code"].astype(str))["amount"].sum()
    sums = fee_sums({base: tables[base]})
    for kind, label in (("membership", "Medlemsavgifter"), ("service", "Serviceavgifter")):
        code = books.settings.budget_lines.fee_lines()[kind]
        if code in amounts.index and int(amounts[code]) != sums[(kind, base)]:
            rows.append((f"{label} {base} enligt avgiftsmodellen",
                         f"{format_kr(sums[(kind, base)])} (budgeten {format_kr(int(amounts[code]))}); "
                         "åren efter basåret följer modellen"))
    return rows
