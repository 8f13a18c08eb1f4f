"""Scenario files: the board's "what if" written down, one small TOML or YAML file each.

A scenario is named, has a description, and combines any of (see README, *Scenario files*):

- ``[[withdrawals]]``       members leaving: ``member`` and either ``notice_date`` (the effective
                            date follows the notice rule in ``settings.toml``) or ``effective_date``;
- ``[[indicator_endings]]`` indicator agreements ending: ``member``, ``end_date`` (last day in force);
- ``[[fee_changes]]``       fee rules from ``from_year`` on: ``service_rate_permille``, ``max_fee``,
                            ``max_increase`` (``"none"`` removes the limit), ``membership_fee``,
                            ``indicator_fee``;
- ``[[line_changes]]``      a budget line from ``from_year`` on: ``amount`` (the new yearly amount,
                            budget sign), ``change`` (added, budget sign) or ``percent``;
- ``[meeting]``             the annual meeting (:class:`nns_finance.planning.meeting.MeetingPlan` fields):
                            ``date``, ``participants``, ``fee``, ``venue_fixed`` and ``per_participant``
                            stated, the rest optional; booked on the two lines settings.toml's
                            ``[budget_lines]`` names (``meeting_income``, ``meeting_cost``).

The top-level keys of the fee-scenario file (``service_rate_permille``, ``max_fee``,
``max_increase``, ``without``, ``base_growth_percent``, ``year``) are read too, so one file serves
both the fee notebook and the scenario notebook.

:func:`read_scenarios` reads and checks every file against the data folder and the projection
years and collects *every* problem — file, line, field and rule — before raising one
:class:`~nns_finance.core.problems.InputError`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.plans import MeetingPlan
from ..core.problems import InputError, Problems, UsageError, did_you_mean
from .scenario_syntax import (
    BAD, KINDS, ScenarioError, _toml_lines, _yaml_lines, display_name, field_name, parse_file
)
from ..core.i18n import _


TEMPLATE_HELP = """\
scenarios/ (frivillig mapp) – styrelsens "tänk om", en liten fil per scenario (.toml eller
.yaml), som nns-finance scenario och nns-finance fees-report läser. Bara name krävs, t.ex.
name = "Höjd sats" och service_rate_permille = "3.8", max_fee = 130000, without = ["M41"]
(medlemmar som lämnat), eller [[withdrawals]] member = "M01" och notice_date = 2026-06-15 för
ett utträde, ändrade budgetrader och ett årsmöte med deltagaravgifter. Belopp i kronor, datum
ÅÅÅÅ-MM-DD. Se docs/data-folder.md i programmets dokumentation för alla nycklar."""


@dataclass(frozen=True)
class Withdrawal:
    """A member leaving: stops paying membership, service and indicator fees from ``effective_date``."""

    member_id: str
    effective_date: dt.date
    notice_date: dt.date | None = None


@dataclass(frozen=True)
class IndicatorEnding:
    """An indicator agreement ending: in force through ``end_date``, no indicator fee after it."""

    member_id: str
    end_date: dt.date


@dataclass(frozen=True)
class FeeChange:
    """Fee rules changed from ``from_year`` on: ``changes`` are (FeeRule field, new value) pairs;
    a value of None for ``max_fee``/``max_increase`` removes that limit."""

    from_year: int
    changes: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class LineChange:
    """A budget line changed from ``from_year`` on: exactly one of ``amount`` (the new yearly
    amount, öre, budget sign: costs negative), ``change`` (öre added) or ``percent`` (Decimal)."""

    code: str
    from_year: int
    amount: int | None = None
    change: int | None = None
    percent: Decimal | None = None


@dataclass(frozen=True)
class Scenario:
    """One scenario file, read and checked.

    name, description: as the board reads them
    file:              the file as messages name it
    withdrawals, indicator_endings, fee_changes, line_changes: see the module docstring
    meeting:           the annual meeting plan, or None to keep the budget's meeting lines
    base_growth:       every fee base this many per cent above the baseline's, from
                       ``base_growth_from`` on (the fee file's ``base_growth_percent``); None = as
                       the baseline
    """

    name: str
    description: str = ""
    file: str = ""
    withdrawals: tuple[Withdrawal, ...] = ()
    indicator_endings: tuple[IndicatorEnding, ...] = ()
    fee_changes: tuple[FeeChange, ...] = ()
    line_changes: tuple[LineChange, ...] = ()
    meeting: MeetingPlan | None = None
    base_growth: Decimal | None = None
    base_growth_from: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.withdrawals or self.indicator_endings or self.fee_changes
                    or self.line_changes or self.meeting or self.base_growth is not None)


TOP_KEYS = ("name", "description", "withdrawals", "indicator_endings", "fee_changes",
            "line_changes", "meeting",
            # the fee-scenario file's own keys (C's fee notebook); fee rules from `year` on
            "year", "service_rate_permille", "max_fee", "max_increase", "membership_fee",
            "indicator_fee", "without", "base_growth_percent")
FEE_KEYS = {"service_rate_permille": ("service_rate", "permille"),
            "max_fee": ("max_fee", "limit"), "max_increase": ("max_increase", "limit"),
            "max_increase_basis": ("max_increase_basis", "basis"),
            "previous_rate_permille": ("previous_rate", "permille"),
            "membership_fee": ("membership_fee", "kronor"), "indicator_fee": ("indicator_fee", "kronor")}
MEETING_KEYS = {"date": "date", "participants": "count", "fee": "kronor", "venue_fixed": "kronor",
                "per_participant": "kronor", "minimum_participants": "count", "grant": "kronor",
                "venue_cancellation_days": "count", "dinner_cancellation_days": "count"}
#: what a meeting plan must state: its day and the figures of the venue's offer
MEETING_REQUIRED = ("date", "participants", "fee", "venue_fixed", "per_participant")


# ---------------------------------------------------------------- the register it is checked against
@dataclass(frozen=True)
class _Context:
    """What a scenario is checked against: the register, the budget lines, the notice rule."""

    members: pd.DataFrame          # indexed by member_id
    leaves: frozenset[str]
    parents: dict[str, tuple[str, ...]]
    notice: Any
    fees: Any                       # settings.fees: year → FeeRule
    first: int
    last: int
    budget_lines: Any = None        # settings.budget_lines: where the fees and the meeting are booked

    @property
    def span(self) -> str:
        return f"{self.first}–{self.last}"

    @classmethod
    def of(cls, books, years: tuple[int, int]) -> "_Context":
        members = books.members.drop_duplicates("member_id").set_index("member_id")
        lines = books.budget_lines
        parent_codes = set(lines["parent"].astype(str)) - {""}
        leaves = frozenset(str(c) for c in lines["code"] if str(c) not in parent_codes)
        parents = {p: tuple(str(c) for c in lines.loc[lines["parent"] == p, "code"]) for p in parent_codes}
        return cls(members, leaves, parents, books.settings.notice, books.settings.fees,
                   int(years[0]), int(years[1]), books.settings.budget_lines)


class _Reader:
    """Typed access to one parsed file that records each problem with its line and field."""

    def __init__(self, name: str, lines: dict[tuple, int], problems: Problems, ctx: _Context):
        self.name, self.lines, self.problems, self.ctx = name, lines, problems, ctx

    def line(self, path: tuple) -> int | None:
        for k in range(len(path), 0, -1):
            if path[:k] in self.lines:
                return self.lines[path[:k]]
        return None

    def bad(self, path: tuple, message: str) -> None:
        text = f"{field_name(path)}: {message}" if path else message
        self.problems.error(self.name, self.line(path), text)

    def keys(self, table: dict, path: tuple, allowed) -> None:
        for key in table:
            if key not in allowed:
                self.bad(path + (str(key),), _("unknown key{hint} (expected one of: {keys})",
                                               hint=did_you_mean(key, allowed), keys=', '.join(sorted(allowed))))

    def value(self, table: dict, path: tuple, key: str, kind: str, required: bool = False):
        if key not in table:
            if required:
                self.bad(path + (key,), _("missing (required)"))
                return BAD
            return None
        try:
            return KINDS[kind](table[key])
        except ScenarioError as exc:
            self.bad(path + (key,), str(exc))
            return BAD

    def tables(self, data: dict, key: str) -> list[tuple[tuple, dict]]:
        """``[[key]]`` items (TOML array of tables / YAML list of mappings) with their paths."""
        items = data.get(key, [])
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            self.bad((key,), _("expected a list of tables ([[{key}]]), got {value}", key=key, value=repr(items)))
            return []
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                self.bad((key, i), _("expected a table of keys, got {value}", value=repr(item)))
            else:
                out.append(((key, i), item))
        return out

    # ---------------------------------------------------------- checks against the register
    def member(self, table: dict, path: tuple, key: str = "member"):
        mid = self.value(table, path, key, "text", required=True)
        if mid is BAD or mid is None:
            return BAD
        if mid not in self.ctx.members.index:
            self.bad(path + (key,), _("unknown member {member} (not in the member register)", member=repr(mid)))
            return BAD
        return mid

    def in_projection(self, path: tuple, day: dt.date, what: str | None = None,
                      low: dt.date | None = None, from_on: bool = False) -> bool:
        """Is ``day`` within the projection years? If not, say so (``what`` describes ``day``).
        ``from_on``: a change that holds from ``day`` on may lie before the projection (it then
        holds from its first year)."""
        low = dt.date(1900, 1, 1) if from_on else (low or dt.date(self.ctx.first, 1, 1))
        if not low <= day <= dt.date(self.ctx.last, 12, 31):
            self.bad(path, _("{what}, outside the projection {span}", what=what or day.isoformat(), span=self.ctx.span))
            return False
        return True


# ---------------------------------------------------------------- the sections
def _withdrawals(r: _Reader, data: dict) -> list[Withdrawal]:
    out, seen = [], set()
    items = r.tables(data, "withdrawals")
    without = data.get("without", [])
    if isinstance(without, str):         # the fee file also takes "M41, M02"
        without = [w for w in re.split(r"[,;\s]+", without) if w]
    if "without" in data and not isinstance(without, list):
        r.bad(("without",), _("expected a list of member ids, got {value}", value=repr(without)))
        without = []
    fee_year = data.get("year") if isinstance(data.get("year"), int) else r.ctx.first
    for i, mid in enumerate(without):    # the fee-scenario file's members leaving by `year`
        items.append((("without", i), {"member": mid, "effective_date": dt.date(fee_year, 1, 1)}))
    for path, t in items:
        r.keys(t, path, ("member", "notice_date", "effective_date"))
        mid = r.member(t, path) if path[0] == "withdrawals" else _member_in_list(r, path, t["member"])
        notice = r.value(t, path, "notice_date", "date")
        effective = r.value(t, path, "effective_date", "date")
        if notice is None and effective is None:
            r.bad(path, _("give notice_date or effective_date"))
            continue
        if notice is not None and effective is not None:
            r.bad(path, _("give notice_date or effective_date, not both"))
            continue
        if BAD in (mid, notice, effective):
            continue
        if notice is not None:
            effective = r.ctx.notice.effective_date(notice)
            rule = dt.date(2000, r.ctx.notice.deadline_month, r.ctx.notice.deadline_day).strftime("%m-%d")
            ok = r.in_projection(path + ("notice_date",), effective,
                                 _("the withdrawal takes effect on {date} (notice deadline {rule})",
                                   date=effective.isoformat(), rule=rule), from_on=True)
        else:
            ok = r.in_projection(path + ("effective_date",), effective, from_on=True)
        if not ok:
            continue
        if mid in seen:
            r.bad(path + ("member",) if path[0] == "withdrawals" else path,
                  _("member {member} leaves twice in this scenario", member=repr(mid)))
            continue
        seen.add(mid)
        left = r.ctx.members.at[mid, "withdrawal_date"]
        if pd.notna(left) and left.date() < dt.date(r.ctx.first, 1, 1):
            r.bad(path + ("member",) if path[0] == "withdrawals" else path,
                  _("member {member} already left on {date} (member register)", member=repr(mid),
                    date=left.date().isoformat()))
            continue
        out.append(Withdrawal(mid, effective, notice))
    return out


def _member_in_list(r: _Reader, path: tuple, mid) -> Any:
    if not isinstance(mid, str):
        r.bad(path, _("expected a member id in quotes, got {value}", value=repr(mid)))
        return BAD
    if mid.strip() not in r.ctx.members.index:
        r.bad(path, _("unknown member {member} (not in the member register)", member=repr(mid)))
        return BAD
    return mid.strip()


def _indicator_endings(r: _Reader, data: dict) -> list[IndicatorEnding]:
    out = []
    for path, t in r.tables(data, "indicator_endings"):
        r.keys(t, path, ("member", "end_date"))
        mid = r.member(t, path)
        end = r.value(t, path, "end_date", "date", required=True)
        if BAD in (mid, end):
            continue
        if not r.in_projection(path + ("end_date",), end, low=dt.date(r.ctx.first - 1, 12, 31)):
            continue
        start = r.ctx.members.at[mid, "indicator_from"]
        if pd.isna(start):
            r.bad(path + ("member",), _("member {member} has no indicator agreement (member register)", member=repr(mid)))
            continue
        out.append(IndicatorEnding(mid, end))
    return out


def _fee_change(r: _Reader, t: dict, path: tuple, year_key: str) -> FeeChange | None:
    changes = []
    for key, (attr, kind) in FEE_KEYS.items():
        if key in t:
            v = r.value(t, path, key, kind)
            if v is not BAD:
                changes.append((attr, v))
    if year_key in t:
        year = r.value(t, path, year_key, "year")
    else:
        year = r.ctx.first if year_key == "year" else r.value(t, path, year_key, "year", required=True)
    if year is BAD:
        return None
    if not year <= r.ctx.last:
        r.bad(path + (year_key,), _("{what}, outside the projection {span}", what=year, span=r.ctx.span))
        return None
    year = max(year, r.ctx.first)      # rules from a year before the projection: from its first year
    change = dict(changes)
    if change.get("max_increase") is not None:
        earlier = [y for y in r.ctx.fees if y <= year]
        rule = r.ctx.fees[max(earlier)] if earlier else None
        basis = change.get("max_increase_basis", rule.max_increase_basis if rule else "previous_rate")
        previous = change.get("previous_rate", rule.previous_rate if rule else None)
        if basis == "previous_rate" and previous is None:
            r.bad(path + ("max_increase",), _("the increase is measured against the previous rate and "
                                              "none is given: add previous_rate_permille, or "
                                              'max_increase_basis = "last_year_fee"'))
            return None
    return FeeChange(year, tuple(changes)) if changes else None


def _fee_changes(r: _Reader, data: dict) -> list[FeeChange]:
    out = []
    if any(k in data for k in FEE_KEYS):      # the fee-scenario file's top-level rules
        change = _fee_change(r, data, (), "year")
        out += [change] if change else []
    for path, t in r.tables(data, "fee_changes"):
        r.keys(t, path, ("from_year", *FEE_KEYS))
        if not any(k in t for k in FEE_KEYS):
            r.bad(path, _("no fee rule to change (give any of: {keys})", keys=', '.join(FEE_KEYS)))
        change = _fee_change(r, t, path, "from_year")
        out += [change] if change else []
    return out


def _line_changes(r: _Reader, data: dict) -> list[LineChange]:
    out = []
    for path, t in r.tables(data, "line_changes"):
        r.keys(t, path, ("line", "from_year", "amount", "change", "percent"))
        code = r.value(t, path, "line", "text", required=True)
        year = r.value(t, path, "from_year", "year", required=True)
        given = [k for k in ("amount", "change", "percent") if k in t]
        if len(given) != 1:
            r.bad(path, _("give exactly one of amount, change or percent")
                  + (_(" (got {given})", given=', '.join(given)) if given else ""))
            continue
        kind = given[0]
        value = r.value(t, path, kind, "percent" if kind == "percent" else "signed")
        ok = BAD not in (code, year, value)
        if code is not BAD and code in r.ctx.parents:
            r.bad(path + ("line",), _("line {code} has sub-lines; change one of them: {lines}",
                                      code=repr(code), lines=', '.join(r.ctx.parents[code])))
            ok = False
        elif code is not BAD and code not in r.ctx.leaves:
            r.bad(path + ("line",), _("unknown budget line {code} (see budget.csv; codes look "
                                      "like 'kostnader.tjanstepersonstod')", code=repr(code)))
            ok = False
        if year is not BAD and not year <= r.ctx.last:
            r.bad(path + ("from_year",), _("{what}, outside the projection {span}", what=year, span=r.ctx.span))
            ok = False
        if ok:           # from a year before the projection: from its first year
            out.append(LineChange(code, max(year, r.ctx.first), **{kind: value}))
    return out


def _meeting(r: _Reader, data: dict) -> MeetingPlan | None:
    if "meeting" not in data:
        return None
    t = data["meeting"]
    if not isinstance(t, dict):
        r.bad(("meeting",), _("expected a table of keys ([meeting]), got {value}", value=repr(t)))
        return None
    r.keys(t, ("meeting",), MEETING_KEYS)
    values = {k: r.value(t, ("meeting",), k, kind) for k, kind in MEETING_KEYS.items()}
    missing = [k for k in MEETING_REQUIRED if k not in t]
    if missing:
        r.bad(("meeting",), _("missing {keys} (a meeting plan states {required})", keys=', '.join(missing),
                             required=', '.join(MEETING_REQUIRED)))
        return None
    day = values["date"]
    named = r.ctx.budget_lines
    if named is not None and not (named.meeting_income and named.meeting_cost):
        r.bad(("meeting",), _("the annual meeting is booked on two budget lines that settings.toml does not name: "
                              "add [budget_lines] meeting_income = \"<line code>\" and meeting_cost = \"<line code>\""))
        return None
    if named is not None and r.ctx.leaves:
        for code in (named.meeting_income, named.meeting_cost):
            if code not in r.ctx.leaves:
                r.bad(("meeting",), _("the budget has no line {code} to book the annual meeting on "
                                      "(settings.toml [budget_lines])", code=repr(code)))
                return None
    if BAD in values.values() or not r.in_projection(("meeting", "date"), day):
        return None
    return MeetingPlan(**{k: v for k, v in values.items() if v is not None})


SUFFIXES = (".toml", ".yaml", ".yml")


@dataclass(frozen=True)
class ScenarioText:
    """One scenario file as :func:`nns_finance.books.load.load` read it: its name in messages,
    its keys, and the line of each key (the scenario itself is built from these, no file read)."""

    name: str
    data: dict
    lines: dict


def plan_years(books) -> tuple[int, int]:
    """The years the board plans by default: from the latest year the budget has a Budget column
    for (else the year after the fiscal year), three years — through the last year the data
    folder's scenario files name. A change dated before the first year (a withdrawal in 2023)
    holds from the first year, so earlier years need no widening; an annual meeting in an
    earlier year the budget has starts the years there."""
    budget = books.budget
    years = budget.loc[budget["version"] == "budget", "year"] if len(budget) else []
    first = int(max(years)) if len(years) else int(books.settings.fiscal_year) + 1
    last = first + 2
    named = set()
    budgeted = {int(y) for y in years}
    for text in getattr(books, "scenario_texts", ()) or ():
        named |= file_years(text.data)
        # a meeting is an event of its own year (it does not hold "from then on"): an earlier
        # year the budget has starts the plan there
        meeting = text.data.get("meeting") if isinstance(text.data, dict) else None
        day = meeting.get("date") if isinstance(meeting, dict) else None
        if isinstance(day, dt.date) and day.year in budgeted:
            first = min(first, day.year)
    if named:    # later years: the projection runs through them (a change dated before the
        #          projection holds from its first year, so earlier years need no widening)
        last = min(max(last, max(named)), first + 20)
    return first, last


def file_years(data) -> set[int]:
    """Every year a parsed scenario file names: its ``year``/``from_year`` values and the years
    of its dates (plausible years only, 1900–2200)."""
    found: set[int] = set()

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, key)
        elif isinstance(value, dt.date):
            found.add(value.year)
        elif key in ("year", "from_year") and isinstance(value, int) and not isinstance(value, bool) \
                and 1900 <= value <= 2200:
            found.add(value)

    walk(data)
    return found


#: the longest scenario name (it becomes a file name)
MAX_NAME = 120
#: the most scenario files read at once (README)
MAX_SCENARIO_FILES = 200


def scenario_paths(folder: Path, given=None) -> list[Path]:
    """The scenario files to read: the data folder's ``scenarios/`` (default) or the files and
    folders ``given`` on the command line (a folder: every scenario file in it)."""
    if given is None:
        own = Path(folder) / "scenarios"
        return sorted(p for p in own.glob("*") if not p.is_dir() and p.suffix.lower() in SUFFIXES) \
            if own.is_dir() else []
    out: list[Path] = []
    for item in given:
        path = Path(item)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if not p.is_dir() and p.suffix.lower() in SUFFIXES)
        elif path.exists():
            out.append(path)
        else:
            raise UsageError(_("{path}: no such scenario file or folder", path=path))
    return out


def read_scenario_texts(paths, problems: Problems, folder=None) -> tuple[ScenarioText, ...]:
    """Every scenario file parsed (TOML or YAML) with its keys' lines; problems collected.
    More than :data:`MAX_SCENARIO_FILES` files are refused unread (a board compares a handful)."""
    out = []
    if len(paths) > MAX_SCENARIO_FILES:
        where = display_name(Path(paths[0]).parent, folder)
        problems.error(f"{where}/" if not where.endswith("/") else where, None,
                       _("{n} scenario files; at most {most} are read: move the others to another folder",
                         n=len(paths), most=MAX_SCENARIO_FILES))
        return ()
    for path in paths:
        name = display_name(Path(path), folder)
        parsed = parse_file(Path(path), name, problems)
        if parsed is not None:
            out.append(ScenarioText(name, *parsed))
    return tuple(out)


def build_scenario(data: dict, name: str, problems: Problems, books,
                   years: tuple[int, int] | None = None, lines: dict | None = None) -> Scenario | None:
    """A scenario from already parsed keys (a file, or a notebook's parameters named ``name``),
    checked against ``books`` and the projection ``years`` (default: :func:`plan_years`, widened
    to every year the file names, so that a file for any year is checked as it stands)."""
    if years is None:      # checked as it stands: the planning years and every year the file names
        first, last = plan_years(books)
        own = file_years(data) if isinstance(data, dict) else set()
        if isinstance(data, dict) and isinstance(data.get("year"), int) and data["year"] in own:
            own.add(data["year"] + 2)
        if own:
            first, last = min(first, min(own)), max(last, max(own))
        years = (first, last)
    before = len(problems.errors)
    r = _Reader(name, lines or {}, problems, _Context.of(books, years))
    r.keys(data, (), TOP_KEYS)
    title = r.value(data, (), "name", "text", required=True)
    if isinstance(title, str) and len(title) > MAX_NAME:
        r.bad(("name",), _("{n} characters: a scenario name is at most {most} (it names the output files)",
                           n=len(title), most=MAX_NAME))
        title = title[:MAX_NAME]
    if title == "":
        r.bad(("name",), _("must not be empty"))
    description = r.value(data, (), "description", "text") or ""
    growth = r.value(data, (), "base_growth_percent", "percent")
    scenario = Scenario(
        name=title if isinstance(title, str) else "", description=description if isinstance(description, str) else "",
        file=name, withdrawals=tuple(_withdrawals(r, data)),
        indicator_endings=tuple(_indicator_endings(r, data)), fee_changes=tuple(_fee_changes(r, data)),
        line_changes=tuple(_line_changes(r, data)), meeting=_meeting(r, data),
        base_growth=growth if isinstance(growth, Decimal) else None,
        base_growth_from=data["year"] if isinstance(data.get("year"), int) else r.ctx.first)
    return scenario if len(problems.errors) == before else None


def _build_all(books, years, problems: Problems) -> tuple[Scenario, ...]:
    out, names = [], {}
    for text in books.scenario_texts:
        s = build_scenario(text.data, text.name, problems, books, years, text.lines)
        if s is None:
            continue
        if s.name in names:
            problems.error(s.file, text.lines.get(("name",)), _("name: {name} is also the name of {other}", name=repr(s.name), other=names[s.name]))
            continue
        names[s.name] = s.file
        out.append(s)
    return tuple(out)


def scenarios_from(books, years: tuple[int, int] | None = None) -> tuple[Scenario, ...]:
    """The scenarios of the files :func:`~nns_finance.books.load.load` read, checked against the
    books and ``years``; :class:`InputError` with every problem of every file if any has one."""
    problems = Problems()
    out = _build_all(books, years, problems)
    if problems.has_errors:
        raise InputError(problems)
    return out


def check_scenarios(books) -> list:
    """Every problem of the scenario files against the books (for ``load``: nothing raised)."""
    problems = Problems()
    _build_all(books, None, problems)
    return list(problems)


__all__ = ["FeeChange", "IndicatorEnding", "LineChange", "Scenario", "ScenarioText", "Withdrawal",
           "build_scenario", "check_scenarios", "display_name", "plan_years", "read_scenario_texts",
           "scenario_paths", "scenarios_from"]
