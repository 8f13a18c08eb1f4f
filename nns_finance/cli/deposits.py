"""``nns-finance deposits [--data DIR] [--at DATE] [--format table|csv]``: the term deposits at a day.

The table format prints, in Swedish, every term in the register with its interest at maturity
and the interest accrued at the end of ``--at``; the maturities of the next three months; the
exposure per bank against the deposit guarantee; and the comparison with the ledger (placement
account balance, interest booked at maturity), followed by any warnings. ``--format csv``
prints only the register table, machine-readable. Only errors in the deposit register or
``settings.toml`` stop the command; other files are ``nns-finance check``'s business.
"""
from __future__ import annotations

import datetime as dt
import sys

import pandas as pd

from ..reports.textout import render
from ..core.i18n import _
from ._common import add_data_argument, add_format_argument, emit

COMMAND = "deposits"
HELP = "term deposits at a day: interest, accrual, maturities, deposit guarantee, ledger check"
ORDER = 40
NEEDS = ("settings", "deposits")


def add_arguments(parser) -> None:
    add_data_argument(parser)
    parser.add_argument("--at", metavar="YYYY-MM-DD", default=None,
                        help="the day (end of day; default: the end of settings.toml's "
                             "closed_through month, else the last voucher date, else today)")
    add_format_argument(parser)


def parse_at(text: str | None, books) -> dt.date:
    from ..core.dates import year_outside
    from ..core.problems import UsageError

    if text is None:
        from ..treasury.deposits import default_at

        return default_at(books)
    try:
        at = dt.date.fromisoformat(text)
        if not 1900 <= at.year <= 2200:
            raise UsageError(_("--at {text!r}: not a date between 1900 and 2200", text=text))
        return at
    except ValueError:
        if year_outside(text):
            raise UsageError(_("--at {text!r}: not a date between 1900 and 2200", text=text)) from None
        raise UsageError(_("--at {text!r}: expected a date YYYY-MM-DD", text=text)) from None


def _show(frame: pd.DataFrame, money: list[str]) -> None:
    sys.stdout.write(render(frame, "table", money=money, decimals=2))


def run(args) -> int:
    from ..books.load import load
    from ..treasury.deposits import STATES_SV, register_at
    from ..treasury.reconciliation import deposit_summary

    books = load(args.data, needs=NEEDS)
    at = parse_at(args.at, books)
    register = register_at(books, at)
    if args.format == "csv":
        emit(register.assign(rate=register["rate"].astype(str),
                             start=register["start"].dt.strftime("%Y-%m-%d"),
                             maturity=register["maturity"].dt.strftime("%Y-%m-%d")), "csv",
             money=["principal", "interest", "accrued"])
        return 0
    summary = deposit_summary(books, at)
    out = sys.stdout
    out.write(f"Fasträntekonton per {at:%Y-%m-%d} (dagens slut)\n\n")
    if register.empty:
        out.write("Inga placeringar i registret (deposits.csv).\n")
        return 0
    shown = pd.DataFrame({
        "Id": register["deposit_id"], "Bank": register["bank"], "Konto": register["account"],
        "Belopp": register["principal"], "Ränta %": register["rate"].map(lambda r: str(r).replace(".", ",")),
        "Start": register["start"].dt.strftime("%Y-%m-%d"), "Förfaller": register["maturity"].dt.strftime("%Y-%m-%d"),
        "Dagräkning": register["day_count"], "Läge": register["state"].map(STATES_SV),
        "Ränta vid förfall": register["interest"], "Upplupen ränta": register["accrued"]})
    _show(shown, ["Belopp", "Ränta vid förfall", "Upplupen ränta"])
    out.write("\n" + "\n".join(summary.text_sv()) + "\n")
    if len(summary.principal_check):
        out.write("\nAvstämning mot bokföringen: placeringskonto\n")
        _show(summary.principal_check.rename(columns={"account": "Konto", "register": "Registret",
                                                      "ledger": "Bokföringen", "difference": "Skillnad"}),
              ["Registret", "Bokföringen", "Skillnad"])
    if len(summary.interest_check):
        out.write("\nAvstämning mot bokföringen: ränta på förfallodagen\n")
        ic = summary.interest_check
        _show(pd.DataFrame({"Datum": ic["date"].dt.strftime("%Y-%m-%d"), "Placeringar": ic["deposits"],
                            "Beräknad": ic["computed"], "Bokförd": ic["booked"], "Skillnad": ic["difference"]}),
              ["Beräknad", "Bokförd", "Skillnad"])
    if summary.problems:
        out.write("\n")
        for problem in summary.problems:
            out.write(f"{problem}\n")
    return 0
