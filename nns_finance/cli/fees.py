"""``nns-finance fees --year 2026``: each member's fees step by step, the totals, the budget check.

Any rule can be changed for a what-if (``--rate 3.8 --max-fee none``), members removed
(``--without M41``), bases grown (``--base-growth 2``); ``--target-income 1794449`` solves for the
lowest rate (to 0.01 ‰) that brings in that service-fee income and shows the fees at it.
Amounts are kronor, read as exact decimals (``123 400``, ``123400,00``), never floats.
"""
from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..books.fee_books import load_for_fees, other_errors
from ..reports.fee_tables import (
    member_csv, member_text, reconciliation_text, rule_text, totals_text, workbook_bytes
)
from ..fees.solve import solve_rate
from ..fees.years import last_base_year, rules_note
from ..fees.model import KEEP, fee_reconciliation, fee_table, rule_for, totals_of
from ..core.money import AmountError, parse_ore
from ..core.problems import UsageError
from ..planning.fee_scenarios import fee_year
from ..core.i18n import _, ngettext
from ._common import add_data_argument, print_written

COMMAND = "fees"
HELP = "each member's membership, service and indicator fee for a year, with what-if rules"
ORDER = 40
NONE_WORDS = ("none", "ingen", "inget", "-")


def _kronor(text: str, what: str):
    """Öre from kronor text; ``none`` → None (no limit)."""
    if text.strip().lower() in NONE_WORDS:
        return None
    try:
        ore = parse_ore(text)
    except AmountError as exc:
        raise UsageError(_("{what}: {exc}", what=what, exc=exc)) from None
    if ore < 0:
        raise UsageError(_("{what}: must not be negative, got {text}", what=what, text=text))
    return ore


def _decimal(text: str, what: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise UsageError(_("{what}: not a number: {text!r}", what=what, text=text)) from None
    if not value.is_finite() or not low <= value <= high:
        raise UsageError(_("{what}: expected a number from {low} to {high}, got {text!r}",
                           what=what, low=low, high=high, text=text))
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, metavar="Y", help="the fee year (default: the budget's "
                                                               "latest year, else the fiscal year)")
    add_data_argument(parser)
    parser.add_argument("--rate", metavar="PERMILLE", help="service-fee rate in per mille, e.g. 3.5")
    parser.add_argument("--max-fee", metavar="KR", help="maximum fee in kronor, or 'none'")
    parser.add_argument("--max-increase", metavar="KR", help="maximum yearly increase in kronor, or 'none'")
    parser.add_argument("--increase-basis", choices=("previous_rate", "last_year_fee"),
                        help="what the maximum increase is measured against")
    parser.add_argument("--previous-rate", metavar="PERMILLE", help="the earlier rate the increase "
                                                                    "is measured against")
    parser.add_argument("--membership-fee", metavar="KR", help="membership fee per member in kronor")
    parser.add_argument("--without", action="append", default=[], metavar="MEMBER_ID",
                        help="a member that leaves before the year (repeatable)")
    parser.add_argument("--base-growth", metavar="PERCENT", default="0",
                        help="grow every fee base by this many per cent")
    parser.add_argument("--target-income", metavar="KR", help="solve for the rate that brings in this "
                                                              "service-fee income (kronor)")
    parser.add_argument("--format", choices=("table", "csv", "xlsx"), default="table",
                        help="table: for people; csv: for programs (kronor with a '.' decimal "
                             "point); xlsx: a workbook (needs --out)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of the screen")


def _changes(args) -> dict:
    changes: dict = {}
    if args.rate is not None:
        changes["service_rate"] = _decimal(args.rate, "--rate", Decimal(0), Decimal(1000))
    if args.max_fee is not None:
        changes["max_fee"] = _kronor(args.max_fee, "--max-fee")
    if args.max_increase is not None:
        changes["max_increase"] = _kronor(args.max_increase, "--max-increase")
    if args.increase_basis is not None:
        changes["max_increase_basis"] = args.increase_basis
    if args.previous_rate is not None:
        changes["previous_rate"] = _decimal(args.previous_rate, "--previous-rate", Decimal(0), Decimal(1000))
    if args.membership_fee is not None:
        fee = _kronor(args.membership_fee, "--membership-fee")
        changes["membership_fee"] = fee or 0
    return changes


def run(args) -> int:
    if args.format == "xlsx" and args.out is None:
        raise UsageError(_("--format xlsx writes a workbook: give --out FILE.xlsx"))
    books = load_for_fees(args.data)
    year = fee_year(books, args.year)
    growth = _decimal(args.base_growth, "--base-growth", Decimal(-100), Decimal(1000))
    rule = rule_for(books, year, None, **_changes(args))
    without = tuple(args.without)

    solution = None
    if args.target_income is not None:
        target = _kronor(args.target_income, "--target-income")
        if target is None:
            raise UsageError(_("--target-income: give an amount in kronor"))
        solution = solve_rate(books, year, target, max_fee=KEEP, max_increase=KEEP, without=without,
                              base_growth=growth, rules=rule)
        rule = rule_for(books, year, rule, service_rate=solution.rate)

    table = fee_table(books, year, rule, without, growth)
    totals = totals_of(table, books.settings.budget_lines)
    recon = fee_reconciliation(books, year, rule, without, growth) if not books.budget.empty else None

    if args.format == "csv":
        _emit(member_csv(table), args.out)
    elif args.format == "xlsx":
        from ..core.outputs import atomic_write, provenance

        params = {"year": year, "rules": rule_text(rule), "without": ",".join(without),
                  "base_growth_percent": str(growth)}
        data = workbook_bytes(table, totals, recon if recon is not None else totals.iloc[0:0],
                              rule, provenance(books, params),
                              f"Sats för målet: {solution}" if solution else "")
        atomic_write(args.out, data)
        print_written(args.out)
    else:
        parts = [rule_text(rule)] + year_notes(books, year)
        if solution is not None:
            parts.append(f"Lägsta sats som når målet: {solution}")
        if without:
            parts.append("Utan: " + ", ".join(without))
        if growth:
            parts.append(f"Underlagen ökade med {str(growth).replace('.', ',')} %")
        text = "\n".join(parts) + "\n\n" + member_text(table, rule) + "\n" + totals_text(totals)
        if recon is not None and not recon.empty:
            text += "\nMot budgeten\n" + reconciliation_text(recon)
        _emit(text, args.out)
    others = other_errors(books)
    if others:
        print(ngettext("note: {n} error in other files of the data folder; see `nns-finance check`",
                       "note: {n} errors in other files of the data folder; see `nns-finance check`",
                       others), file=sys.stderr)
    return 0


def year_notes(books, year: int) -> list[str]:
    """Swedish lines for a year the data folder does not fully cover: rules carried forward,
    fee bases grown beyond the register."""
    notes = []
    carried = rules_note(books.settings, year)
    if carried:
        notes.append(carried)
    last = last_base_year(books.fee_bases)
    if last is not None and year > last:
        notes.append(f"Underlag {year}: medlemsregistrets underlag {last} × den antagna ökningen "
                     "(fee_base_growth_percent i assumptions.toml).")
    return notes


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from ..core.outputs import atomic_write

    atomic_write(out, text)
