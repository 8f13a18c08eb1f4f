"""The chart of accounts (kontoplan): BAS account → name and budget line.

``accounts.xlsx`` or ``accounts.csv`` (xlsx wins if both exist) with the columns ``konto``,
``namn``, ``budgetrad`` (English: ``account``, ``name``, ``line``). An account is four digits,
kept as text. Result accounts (3xxx–8xxx) map to a leaf budget line — a line without sub-lines,
or a sub-line; balance-sheet accounts (1xxx–2xxx) have no line. A result account with no line
is a warning here: it stays in the frame and its ledger amounts are reported, never dropped
(:mod:`nns_finance.books.checks` makes it an error once the ledger actually uses it, and checks
each line code against the budget).

Beyond :data:`~nns_finance.books.load.SCHEMAS`, the frame carries where each row came from —
``source`` (file name), ``sheet`` ("" for CSV) and ``row`` (source line / sheet row) — so the
cross-file checks can point at the row to fix.

**Overrides.** Beyond the budget line, an account can be placed by optional columns, one per
*classification* in :data:`CLASSIFICATIONS`. Each has a frame column, the headers it is read
from, the accounts it may be given on, and a resolver that turns the cell (a code or a name)
into the canonical code. A blank cell means the default (BAS's own grouping); an unknown value,
or a value on an account the classification does not apply to, is an error at its cell. The
frame always carries every classification's column ("" where blank). Today:

- ``balansgrupp`` (``balance_group``, ``grupp``): the balance-sheet group of a balance account
  (1000–2999), one of :data:`nns_finance.core.bas.BALANCE_GROUPS` (``kortfristiga-skulder`` or
  ``Kortfristiga skulder``), e.g. an overdrawn bank account among the liabilities.
- ``bokslutspost`` (``annual_item``): the item of the simplified annual accounts
  (:data:`nns_finance.core.annual_items.ITEMS`, by code or Swedish heading) an account goes to
  instead of its BAS default, e.g. ``3110;Bidrag;…;;gavor-och-bidrag``.

To add one (say the annual accounts' item of each account), append a :class:`Classification`
here and its column to ``SCHEMAS["accounts"]`` in :mod:`nns_finance.books.load`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..core.i18n import _
from ..core.problems import REPORT_INPUT
from ..core.schema import empty_frame
from .grids import find_input, missing_input
from ..core.problems import Problems
from .grids import Column, read_input_table
from ..core.bas import BALANCE_GROUPS, balance_group_code
from ..core.annual_items import ITEMS, annual_item_code


@dataclass(frozen=True)
class Classification:
    """An optional chart-of-accounts column that places an account (see the module docstring).

    field:    the frame column ("" where the cell is blank)
    column:   the headers it is read from
    accounts: regular expression of the accounts it may be given on
    applies:  what those accounts are, for the message (``balance-sheet accounts (1000–2999)``)
    resolve:  cell text → canonical code, or None when the text names nothing known
    choices:  the accepted values, for the message
    """

    field: str
    column: Column
    accounts: str
    applies: str
    resolve: Callable[[str], str | None]
    choices: str


CLASSIFICATIONS: tuple[Classification, ...] = (
    Classification("balance_group", Column("balance_group", ("balansgrupp", "grupp", "group"), required=False),
                   r"^[12]\d{3}$", "balance-sheet accounts (1000–2999)", balance_group_code,
                   ", ".join(g.code for g in BALANCE_GROUPS)),
    Classification("annual_item", Column("annual_item", ("bokslutspost", "årsbokslutspost", "arsbokslutspost",
                                                          "annual_accounts_item"), required=False),
                   r"^[1-8]\d{3}$", "accounts 1000–8999", annual_item_code,
                   ", ".join(i.code for i in ITEMS)),
)

COLUMNS = [Column("account", ("konto", "kontonr", "kontonummer", "account_number")),
           Column("name", ("namn", "benamning", "kontonamn", "account_name"), required=False),
           Column("line", ("budgetrad", "budget_line", "rad", "budgetkod", "kod", "code"), required=False)] \
    + [c.column for c in CLASSIFICATIONS]

TEMPLATE_FILES = {"accounts.csv": "konto;namn;budgetrad\n"}
TEMPLATE_HELP = """\
accounts.csv (eller accounts.xlsx) – kontoplanen: ett BAS-konto per rad med kolumnerna konto
(fyra siffror), namn och budgetrad. Budgetraden är radens kod i budgeten, till exempel
intakter.serviceavgifter eller kostnader.konferenser.arsmote-medlemsmote (avsnitt, rad och
underrad med små bokstäver, å/ä blir a, ö blir o, annat blir bindestreck). Resultatkonton
(3000–8999) ska ha en budgetrad – har en rad underrader väljs en av underraderna;
balanskonton (1000–2999) lämnas utan. Den frivilliga kolumnen balansgrupp placerar ett
balanskonto i en annan grupp i balansräkningen än BAS-gruppen (t.ex. kortfristiga-skulder).
Konton som saknas i kontoplanen men används i bokföringen rapporteras som fel."""


def is_result_account(account: pd.Series) -> pd.Series:
    """True for BAS result accounts 3000–8999 (income, costs, financial items)."""
    return account.astype(str).str.match(r"^[3-8]\d{3}$")


def _empty() -> pd.DataFrame:
    frame = empty_frame("accounts")
    for c in CLASSIFICATIONS:
        frame[c.field] = pd.Series(dtype="str")
    frame["source"] = pd.Series(dtype="str")
    frame["sheet"] = pd.Series(dtype="str")
    frame["row"] = pd.Series(dtype="int64")
    return frame


def read_accounts(folder: Path, problems: Problems, settings=None) -> pd.DataFrame:
    """The chart of accounts from the data folder; every problem is collected."""
    folder = Path(folder)
    path = find_input(folder, "accounts")
    if path is None:
        problems.warning("accounts.csv", None, missing_input(
            folder, "accounts", _("chart of accounts"),
            _("the monthly report needs it to put the ledger's accounts on budget lines")),
            rule=REPORT_INPUT)
        return _empty()
    table = read_input_table(folder, "accounts", COLUMNS, problems)
    if table is None:
        return _empty()
    grid = table.grid
    frame = table.frame
    account = frame["account"].str.strip().str.replace(r"\.0$", "", regex=True)
    line = frame["line"].str.strip()
    bad = ~account.str.fullmatch(r"\d{4}")
    for row in frame.index[bad]:
        shown = account[row]
        problems.error(**table.place(row, "account"),
                       message=_("account must be four digits (BAS), got {value}", value=repr(shown)) if shown
                       else _("no account number in column 'konto'"))
    dup = account.duplicated(keep="first") & ~bad
    if dup.any():
        first_row = pd.Series(frame.index, index=frame.index).groupby(account).transform("min")
        word = _("line") if grid.sheet is None else _("row")
        for row in frame.index[dup]:
            problems.error(**table.place(row, "account"),
                           message=_("account {account} appears twice (first on {word} {first})", account=account[row],
                                     word=word, first=first_row[row]))
    spaced = line.str.contains(r"\s", regex=True)
    for row in frame.index[spaced]:
        problems.error(**table.place(row, "line"),
                       message=_("account {account}: budget line {line} contains spaces "
                                 "(write the line's code, e.g. intakter.serviceavgifter)",
                                 account=account[row], line=repr(line[row])))
    keep = ~bad & ~dup
    no_line = keep & is_result_account(account) & (line == "")
    for row in frame.index[no_line]:
        problems.warning(**table.place(row, "line"),
                         message=_("result account {account} has no budget line: its outcome "
                                   "falls outside every budget line", account=account[row]))
    odd = keep & account.str.match(r"^[129]") & (line != "")
    for row in frame.index[odd]:
        problems.warning(**table.place(row, "line"),
                         message=_("account {account} is not a result account (3000–8999) but "
                                   "has the budget line {line}", account=account[row], line=repr(line[row])))
    placed = {}
    for c in CLASSIFICATIONS:
        text = frame[c.field].fillna("").str.strip() if c.field in frame.columns \
            else pd.Series("", index=frame.index)
        code = text.map(lambda t: (c.resolve(t) or "") if t else "")
        for row in frame.index[keep & (text != "") & (code == "")]:
            problems.error(**table.place(row, c.field),
                           message=_("account {account}: {column} {value} is not one of {choices}",
                                     account=account[row], column=c.column.aliases[0], value=repr(text[row]),
                                     choices=c.choices))
        wrong = keep & (code != "") & ~account.str.match(c.accounts)
        for row in frame.index[wrong]:
            problems.error(**table.place(row, c.field),
                           message=_("account {account}: {column} is only for {applies}, got {value}",
                                     account=account[row], column=c.column.aliases[0], applies=_(c.applies),
                                     value=repr(text[row])))
        placed[c.field] = code.where(~wrong, "")[keep].astype("str").to_numpy()
    n = int(keep.sum())
    return pd.DataFrame({
        "account": account[keep].astype("str").to_numpy(),
        "name": frame["name"].str.strip()[keep].astype("str").to_numpy(),
        "line": line[keep].where(~spaced[keep], "").astype("str").to_numpy(),
        **placed,
        "source": pd.Series([grid.file] * n, dtype="str"),
        "sheet": pd.Series([grid.sheet or ""] * n, dtype="str"),
        "row": pd.Series(frame.index[keep], dtype="int64"),
    }).astype({"account": "str", "name": "str", "line": "str",
               **{c.field: "str" for c in CLASSIFICATIONS}})
