"""``commitments.csv`` (or ``.xlsx``, optional): known payments with their dates, for the cash
forecast — the annual meeting's venue and dinner, a large invoice, a grant coming in.

Columns: ``datum`` (date), ``belopp`` (amount, kronor: payments out negative, money in
positive, as in the budget), ``text``, and optionally ``budgetrad`` (the budget line the payment
belongs to: then it *replaces* that much of the line's phased budget instead of coming on top).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.money import parse_ore_series
from ..core.problems import Problems
from ..core.schema import empty_frame
from .grids import Column, parse_dates, read_input_table
from ..core.i18n import _

STEM = "commitments"
COLUMNS = [
    Column("date", ("datum", "betalningsdag", "forfallodag", "dag")),
    Column("amount", ("belopp", "summa", "kronor")),
    Column("text", ("text", "beskrivning", "vad", "description"), required=False),
    Column("line", ("budgetrad", "rad", "kod", "budget_line", "code"), required=False),
]
TEMPLATE_FILES = {"commitments.csv": "datum;belopp;text;budgetrad\n"}
TEMPLATE_HELP = """\
commitments.csv (eller commitments.xlsx, frivillig) – kända betalningar framåt för
likviditetsprognosen (t.ex. årsmötets lokal och middag). datum: ÅÅÅÅ-MM-DD. belopp: kronor,
utbetalningar med minustecken, inbetalningar positiva. text: vad det gäller. budgetrad
(frivillig): budgetradens kod; då ersätter betalningen motsvarande del av radens budget i
stället för att läggas till."""


def empty_commitments() -> pd.DataFrame:
    return empty_frame("commitments")


def read_commitments(folder: Path, problems: Problems, leaf_codes=None) -> pd.DataFrame:
    """The commitments in the data folder (empty if there is no file); problems collected.

    ``leaf_codes``: the budget lines a commitment may name (None: not checked).
    """
    folder = Path(folder)
    table = read_input_table(folder, STEM, COLUMNS, problems)
    if table is None:
        return empty_commitments()
    name = table.grid.file
    f = table.frame
    ok = pd.Series(True, index=f.index)
    dates, bad_date = parse_dates(f["date"])
    amounts, reasons = parse_ore_series(f["amount"])
    line = f["line"].str.strip()
    for row in f.index:
        if f.at[row, "date"].strip() == "":
            problems.error(**table.place(row, "date"), message=_("missing date"))
            ok[row] = False
        elif bad_date[row]:
            problems.error(**table.place(row, "date"), message=_("not a date (YYYY-MM-DD): {value}", value=repr(f.at[row, 'date'])))
            ok[row] = False
        if f.at[row, "amount"].strip() == "":
            problems.error(**table.place(row, "amount"), message=_("missing amount"))
            ok[row] = False
        elif reasons[row]:
            problems.error(**table.place(row, "amount"), message=_("amount: {why}", why=reasons[row]))
            ok[row] = False
        if line[row] and leaf_codes is not None and line[row] not in set(leaf_codes):
            problems.error(**table.place(row, "line"),
                           message=_("unknown budget line {code} (a line code without sub-lines)", code=repr(line[row])))
            ok[row] = False
        elif line[row].startswith("kostnader.") and ok[row] and amounts[row] > 0:
            problems.warning(**table.place(row, "amount"),
                             message=_("a payment on a cost line is written with a minus sign"))
    out = pd.DataFrame({"date": dates[ok], "amount": amounts[ok].astype("int64"),
                        "text": f["text"][ok].astype("str"), "line": line[ok].astype("str"),
                        "source": pd.Series(name, index=f.index, dtype="str")[ok],
                        "row": pd.Series(f.index, index=f.index, dtype="int64")[ok]})
    return out.sort_values(["date", "row"], kind="stable").reset_index(drop=True)
