"""The board's changes for next year's budget proposal: one small TOML or YAML file.

Every budget line of the proposal that the fee model does not give starts from this year's
budget; the changes file records what the board decided instead, and why::

    title = "NNS budget 2026"          # optional: the table's heading (default "Budgetförslag 2026")
    year = 2026                        # optional: the proposal year (checked against --year)

    [[lines]]
    line = "kostnader.fortroendevalda" # a leaf budget line code (see `nns-finance budget --format csv`)
    amount = -400000                   # the new yearly amount, kronor, budget sign (costs negative)
    comment = "Arvoden enligt årsmötets beslut"

    [[lines]]
    line = "kostnader.arbetsgrupper-ordforandetraffar"
    percent = -60                      # this year's budget changed by −60 %, to whole kronor
    comment = "Färre arbetsgrupper"

    [[lines]]
    line = "kostnader.information"
    unchanged = true                   # as this year's budget (the default), with a reason
    comment = "Hemsidan klar; samma nivå"

    [[lines]]
    line = "intakter.utvecklingsverksamhet.indikatorverksamhet"
    besides_fees = 10000               # a fee line's income besides the fees the model gives
    comment = "Övriga intäkter i indikatorarbetet"

Each entry gives exactly one of ``amount``, ``percent``, ``unchanged = true`` or
``besides_fees``. Amounts are kronor written as numbers or text (``-400000``, ``"-400 000"``,
``"-85 500,50"``; in TOML ``amount = -400 000`` and ``percent = 2,5`` are accepted too).
:func:`read_budget_changes` checks every entry against the budget lines and records each problem
as ``file:line: lines[2].amount: …``, all at once: unknown keys, a code that is no budget line
(with the nearest code as a suggestion), a line that has sub-lines, a line given twice, a value
of the wrong kind; a missing comment and an amount of the wrong sign are warnings. Which lines
the fee model owns is the proposal's business (:mod:`nns_finance.planning.budget_proposal`).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..core.problems import InputError, Problems
from .budget import slug
from .scenario_syntax import BAD, KINDS, ScenarioError, display_name, field_name, parse_file
from ..core.i18n import _

WHAT = "budget changes file"
TOP_KEYS = ("title", "year", "lines")
LINE_KEYS = ("line", "amount", "percent", "unchanged", "besides_fees", "comment")
HOWS = ("amount", "percent", "unchanged", "besides_fees")

TEMPLATE_HELP = """\
budgetandringar-ÅÅÅÅ.toml (eller .yaml, frivillig) – styrelsens ändringar i nästa års
budgetförslag (nns-finance budget-proposal --year ÅÅÅÅ --changes FIL): rader som inte följer
årets budget. En [[lines]]-tabell per rad med line (budgetradens kod), en av amount (nytt
årsbelopp i kronor, kostnader med minustecken), percent (ändring i procent), unchanged = true
eller besides_fees (intäkter utöver avgifterna), och comment (varför). Exempel:
line = "kostnader.information", percent = -10, comment = "Hemsidan klar"."""


@dataclass(frozen=True)
class LineDecision:
    """What the board decided for one budget line of the proposal.

    code:    the leaf budget line code
    how:     ``amount`` (a new yearly amount), ``percent`` (this year's budget changed by that
             many per cent), ``unchanged`` (as this year's budget) or ``besides_fees`` (a fee
             line's income besides the fees)
    amount:  öre, budget sign, for ``amount`` and ``besides_fees``; else None
    percent: Decimal per cent for ``percent``; else None
    comment: why, as the board wrote it ("" when none)
    where:   ``file:line`` of the entry, for messages
    """

    code: str
    how: str
    amount: int | None = None
    percent: Decimal | None = None
    comment: str = ""
    where: str = ""


@dataclass(frozen=True)
class BudgetChanges:
    """A changes file, read and checked: its title and year (None when not given), the
    decisions in file order, and the file as messages name it."""

    file: str = ""
    title: str | None = None
    year: int | None = None
    decisions: tuple[LineDecision, ...] = ()

    def decision(self, code: str) -> LineDecision | None:
        return next((d for d in self.decisions if d.code == code), None)


NO_CHANGES = BudgetChanges()


def nearest_code(text: str, lines: pd.DataFrame) -> str | None:
    """The budget line code most like ``text`` (a mistyped code, or a line's name)."""
    codes = [str(c) for c in lines["code"]]
    close = difflib.get_close_matches(text.strip().lower(), codes, n=1, cutoff=0.6)
    if close:
        return close[0]
    by_name = {slug(n): str(c) for n, c in zip(lines["name"], lines["code"])}
    key = slug(text.rsplit(".", 1)[-1])
    if key in by_name:
        return by_name[key]
    close = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.75)
    return by_name[close[0]] if close else None


def read_budget_changes(path: str | Path, problems: Problems, budget_lines: pd.DataFrame,
                        folder: Path | None = None) -> BudgetChanges | None:
    """Read and check a changes file against ``budget_lines``; every problem goes to
    ``problems``; None when the file has errors."""
    path = Path(path)
    name = display_name(path, folder)
    before = len(problems.errors)
    parsed = parse_file(path, name, problems, WHAT, decimal_comma=True)
    if parsed is None:
        return None
    data, lines_at = parsed

    def at(key_path: tuple) -> int | None:
        for k in range(len(key_path), 0, -1):
            if key_path[:k] in lines_at:
                return lines_at[key_path[:k]]
        return None

    def bad(key_path: tuple, message: str, warning: bool = False) -> None:
        text = f"{field_name(key_path)}: {message}" if key_path else message
        (problems.warning if warning else problems.error)(name, at(key_path), text)

    def value(table: dict, key_path: tuple, key: str, kind: str):
        if key not in table:
            return None
        try:
            return KINDS[kind](table[key])
        except ScenarioError as exc:
            bad(key_path + (key,), str(exc))
            return BAD

    for key in data:
        if key not in TOP_KEYS:
            bad((str(key),), _("unknown key (expected one of: {keys})", keys=', '.join(TOP_KEYS)))
    title = value(data, (), "title", "text")
    year = value(data, (), "year", "year")

    lines = budget_lines.assign(code=budget_lines["code"].astype(str), parent=budget_lines["parent"].astype(str))
    parents = set(lines["parent"]) - {""}
    section = dict(zip(lines["code"], lines["section"].astype(str)))
    children = {p: [c for c, q in zip(lines["code"], lines["parent"]) if q == p] for p in parents}

    items = data.get("lines", [])
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        bad(("lines",), _("expected a list of tables ([[lines]]), got {value}", value=repr(items)))
        items = []
    decisions: list[LineDecision] = []
    first_at: dict[str, int | None] = {}
    for i, item in enumerate(items):
        p = ("lines", i)
        if not isinstance(item, dict):
            bad(p, _("expected a table of keys (line = …, amount = …), got {value}", value=repr(item)))
            continue
        for key in item:
            if key not in LINE_KEYS:
                near = difflib.get_close_matches(str(key), LINE_KEYS, n=1)
                hint = _("did you mean {word}? ", word=repr(near[0])) if near else ""
                bad(p + (str(key),), _("unknown key ({hint}expected: {keys})", hint=hint, keys=', '.join(LINE_KEYS)))
        code = value(item, p, "line", "text")
        if code is None:
            bad(p + ("line",), _("missing (required): the budget line code, e.g. 'kostnader.information'"))
            code = BAD
        elif code is not BAD and code not in section:
            near = nearest_code(code, lines)
            bad(p + ("line",), _("unknown budget line {code}", code=repr(code))
                + (_(" (did you mean {word}?)", word=repr(near)) if near else
                   _(" (see nns-finance budget --format csv)")))
            code = BAD
        elif code is not BAD and code in parents:
            bad(p + ("line",), _("line {code} has sub-lines; give one of them: {lines}", code=repr(code),
                                 lines=', '.join(children[code])))
            code = BAD
        given = [k for k in HOWS if k in item]
        if len(given) != 1:
            bad(p, _("give exactly one of amount, percent, unchanged = true or besides_fees")
                + (_(" (got {given})", given=', '.join(given)) if given else ""))
            continue
        how = given[0]
        amount = percent = None
        if how in ("amount", "besides_fees"):
            amount = value(item, p, how, "signed")
        elif how == "percent":
            percent = value(item, p, how, "percent")
        elif item["unchanged"] is not True:
            bad(p + ("unchanged",), _("expected true, got {value} (leave the entry out "
                                       "or give amount or percent instead)", value=repr(item['unchanged'])))
            continue
        comment = value(item, p, "comment", "text")
        if BAD in (code, amount, percent, comment):
            continue
        if code in first_at:
            bad(p + ("line",), _("{code} is given twice (first on line {first})", code=repr(code), first=first_at[code]))
            continue
        first_at[code] = at(p + ("line",))
        if not comment:
            bad(p, _("no comment for {code}: say why, the member meeting reads it", code=repr(code)), warning=True)
        if how == "amount" and amount:
            sec = section[code]
            if (sec == "cost" and amount > 0) or (sec == "income" and amount < 0):
                bad(p + ("amount",), _("cost line with an amount above 0: income is positive and costs "
                                       "negative (sign typed the other way?)") if sec == "cost" else
                    _("income line with an amount below 0: income is positive and costs negative "
                      "(sign typed the other way?)"), warning=True)
        decisions.append(LineDecision(code, how, amount, percent, comment or "",
                                      f"{name}:{at(p)}" if at(p) else name))
    if len(problems.errors) != before:
        return None
    return BudgetChanges(name, title or None, year, tuple(decisions))


def load_budget_changes(path: str | Path | None, books) -> tuple[BudgetChanges, list]:
    """The changes file checked against ``books``' budget lines, and its warnings; raises
    :class:`InputError` listing every problem when it has errors. No file: no changes."""
    if path is None:
        return NO_CHANGES, []
    problems = Problems()
    changes = read_budget_changes(path, problems, books.budget_lines, getattr(books, "folder", None))
    if changes is None or problems.has_errors:
        raise InputError(problems)
    return changes, problems.warnings
