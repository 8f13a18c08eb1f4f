"""``assumptions.toml``: the stated assumptions of the multi-year projection.

Everything the projection assumes is in this one file and printed with the result. Amounts
are kronor (held as öre), rates per cent a year (held as exact Decimal). A rate may be one
number (every year) or a table by year (``{ 2027 = 2.0, 2029 = 1.5 }``: a year not named keeps
the rate of the year before). With every rate 0, nothing overridden and no withdrawals the
projection repeats the base-year budget year after year — as long as the data folder records no
change after the base year either (see :mod:`nns_finance.planning.projection`).

::

    base_year = 2026                 # the budget the projection starts from (shown unchanged)
    opening_equity = 1580302         # optional: opening equity of the base year

    [income]
    fee_base_growth_percent = 2.0    # members' fee bases after the register's last year
    other_growth_percent = 0.0       # every other income line except the fee lines ...
    [income.amounts]                 # ... and these: an amount per year (kr); later years keep it
    "intakter.bidrag" = { 2029 = 250000 }

    [costs]
    inflation_percent = 2.0          # every cost line ...
    [costs.lines]                    # ... except these (line code = per cent)
    "kostnader.information" = 0.0
    [costs.amounts]                  # a stated level per year (kr); after a stated year + inflation
    "kostnader.personal" = { 2028 = 1100000 }

    [deposits]
    placed = 700000                  # principal on term deposits
    rate_percent = { 2027 = 1.75 }   # the rate path; a year not named keeps the year before's
    budgeted_interest = 0            # interest already in the base-year budget (replaced)
    interest_line = "intakter.ranteintakter"   # its budget line (default: where accounts.csv books the interest accounts)

    [[withdrawals]]                  # members assumed to leave (fees from the fee model)
    member = "M53"                   # member id in the member register
    from_year = 2027                 # first year without the member's fees
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from ..core.money import AmountError, parse_ore
from ..core.problems import Problems, did_you_mean
from .grids import read_text
from .settings import _key_line
from ..core.i18n import _

FILE = "assumptions.toml"


TEMPLATE_HELP = """\
assumptions.toml (frivillig) – antagandena bakom flerårsprognosen (nns-finance projection); de
skrivs ut med resultatet. base_year: budgetåret prognosen utgår från. [income]
fee_base_growth_percent: årlig ökning av medlemmarnas avgiftsunderlag; other_growth_percent:
övriga intäkter; [income.amounts] "kod" = { 2029 = 250000 }: ett angivet belopp per år för en
rad. [costs] inflation_percent: kostnadsökning per år; [costs.lines] "kod" = procent för enskilda
rader; [costs.amounts] "kod" = { 2028 = 1100000 }: en angiven nivå, därefter + kostnadsökning.
[deposits] placed: belopp på fasträntekonto; rate_percent: räntan per år; interest_line: raden
räntan bokas på.
[[withdrawals]] member, from_year: antagna utträden. En sats kan vara ett tal (alla år) eller en
tabell per år, t.ex. { 2027 = 1.75 }. Utan filen upprepas basårets budget år efter år."""


@dataclass(frozen=True)
class Withdrawal:
    """A member assumed to leave: ``member`` is its id in the member register; it pays no fees
    from 1 January of ``from_year`` on (the fee model gives what it would have paid);
    ``line`` is where the file names it (for messages)."""

    member: str
    from_year: int
    line: int | None = None


@dataclass(frozen=True)
class Assumptions:
    """The projection's assumptions (see the module docstring for the file).

    Rates by year are mappings year → Decimal per cent (a year not named keeps the rate of the
    nearest earlier year named; before the first: 0). Amounts are öre. ``income_amounts`` and
    ``cost_amounts``: line code → year → the amount stated for that line (kronor in the file,
    positive for costs too). ``interest_line``: the budget line deposit interest is booked on
    (needed with a rate path).
    """

    base_year: int | None = None
    opening_equity: int | None = None
    fee_base_growth: Mapping[int, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    other_income_growth: Mapping[int, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    income_amounts: Mapping[str, Mapping[int, int]] = field(default_factory=lambda: MappingProxyType({}))
    inflation: Mapping[int, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    line_inflation: Mapping[str, Mapping[int, Decimal]] = field(default_factory=lambda: MappingProxyType({}))
    cost_amounts: Mapping[str, Mapping[int, int]] = field(default_factory=lambda: MappingProxyType({}))
    placed: int = 0
    deposit_rate: Mapping[int, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    budgeted_interest: int = 0
    interest_line: str | None = None
    withdrawals: tuple[Withdrawal, ...] = ()
    source: str = ""


def rate_in(rates: Mapping[int, Decimal], year: int) -> Decimal:
    """The rate for ``year``: the one named for it or the nearest earlier year; else 0."""
    earlier = [y for y in rates if y <= year]
    return Decimal(rates[max(earlier)]) if earlier else Decimal(0)


class _Reader:
    def __init__(self, name: str, text: str, problems: Problems):
        self.name, self.text, self.problems = name, text, problems

    def bad(self, table: str | None, key: str | None, message: str) -> None:
        self.problems.error(self.name, _key_line(self.text, table, key), message)

    def rate(self, value, table, key) -> Decimal | None:
        where = f"{table}.{key}" if table else key
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise ValueError
            rate = Decimal(str(value).replace(",", ".").replace("%", "").strip())
            if not rate.is_finite() or rate <= -100 or rate > 1000:
                raise ValueError
            return rate
        except (ValueError, InvalidOperation):
            self.bad(table, key, _("{key}: expected a rate in per cent, got {value}", key=where, value=repr(value)))
            return None

    def kronor(self, value, table, key, negative=False) -> int | None:
        where = f"{table}.{key}" if table else key
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise AmountError("")
            ore = parse_ore(value)
            if ore < 0 and not negative:
                raise AmountError("")
            return ore
        except AmountError:
            self.bad(table, key, _("{key}: expected an amount in kronor, got {value}", key=where, value=repr(value)))
            return None

    def by_year(self, value, table, key, kind) -> dict[int, object]:
        """A number (meaning: every year) or a table year → number."""
        convert = self.rate if kind == "rate" else self.kronor
        if isinstance(value, dict):
            out = {}
            for year, item in value.items():
                if not re.fullmatch(r"\d{4}", str(year)):
                    self.bad(table, key, _("{key}: {value} is not a year (YYYY)", key=f"{table}.{key}", value=repr(year)))
                    continue
                converted = convert(item, table, key)
                if converted is not None:
                    out[int(year)] = converted
            return out
        converted = convert(value, table, key)
        return {} if converted is None else {0: converted}


def read_assumptions(path: Path, problems: Problems, name: str = FILE) -> Assumptions | None:
    """Read ``assumptions.toml``; every problem is recorded with its line; None if unusable."""
    from .settings import read_toml

    parsed = read_toml(Path(path), problems, name)
    if parsed is None:
        return None
    data, text = parsed
    r = _Reader(name, text, problems)
    known = {"base_year", "opening_equity", "income", "costs", "deposits", "withdrawals"}
    for key in sorted(set(data) - known):
        r.bad(None, key, _("unknown assumption {key}{hint} (known: {keys})", key=repr(key), hint=did_you_mean(key, known),
                           keys=', '.join(sorted(known))))
    base_year = data.get("base_year")
    if base_year is not None and (isinstance(base_year, bool) or not isinstance(base_year, int)):
        r.bad(None, "base_year", _("base_year: expected a year, got {value}", value=repr(base_year)))
        base_year = None
    opening = data.get("opening_equity")
    opening = r.kronor(opening, None, "opening_equity", negative=True) if opening is not None else None
    income, costs, deps = (data.get(k, {}) for k in ("income", "costs", "deposits"))
    for table, tbl in (("income", income), ("costs", costs), ("deposits", deps)):
        if not isinstance(tbl, dict):
            r.bad(None, table, _("[{table}] must be a table", table=table))
    income = income if isinstance(income, dict) else {}
    costs = costs if isinstance(costs, dict) else {}
    deps = deps if isinstance(deps, dict) else {}
    for table, tbl, keys in (("income", income, ("fee_base_growth_percent", "other_growth_percent", "amounts")),
                             ("costs", costs, ("inflation_percent", "lines", "amounts")),
                             ("deposits", deps, ("placed", "rate_percent", "budgeted_interest", "interest_line"))):
        for key in sorted(set(map(str, tbl)) - set(keys)):
            r.bad(table, key, _("unknown assumption {key}{hint} (known: {keys})", key=repr(f"{table}.{key}"),
                                hint=did_you_mean(key, keys), keys=', '.join(keys)))
    lines = costs.get("lines", {})
    line_inflation = {str(code): r.by_year(v, "costs.lines", code, "rate")
                      for code, v in (lines.items() if isinstance(lines, dict) else [])}
    income_amounts = _line_amounts(r, income, "income")
    cost_amounts = _line_amounts(r, costs, "costs")
    withdrawals = _withdrawals(r, data.get("withdrawals", []))
    placed = r.kronor(deps.get("placed", 0), "deposits", "placed")
    budgeted = r.kronor(deps.get("budgeted_interest", 0), "deposits", "budgeted_interest")
    frozen = MappingProxyType
    return Assumptions(
        base_year=base_year, opening_equity=opening,
        fee_base_growth=frozen(r.by_year(income.get("fee_base_growth_percent", 0), "income", "fee_base_growth_percent", "rate")),
        other_income_growth=frozen(r.by_year(income.get("other_growth_percent", 0), "income", "other_growth_percent", "rate")),
        income_amounts=frozen(income_amounts),
        inflation=frozen(r.by_year(costs.get("inflation_percent", 0), "costs", "inflation_percent", "rate")),
        line_inflation=frozen({k: frozen(v) for k, v in line_inflation.items()}),
        cost_amounts=frozen(cost_amounts), placed=placed or 0,
        deposit_rate=frozen(r.by_year(deps["rate_percent"], "deposits", "rate_percent", "rate")
                            if "rate_percent" in deps else {}),
        budgeted_interest=budgeted or 0,
        interest_line=str(deps["interest_line"]) if deps.get("interest_line") else None,
        withdrawals=tuple(withdrawals), source=name)


def _line_amounts(r: _Reader, tbl: dict, table: str) -> dict[str, Mapping[int, int]]:
    """``[income.amounts]`` / ``[costs.amounts]``: line code → { year = kronor }."""
    amounts = tbl.get("amounts", {})
    where = f"{table}.amounts"
    if not isinstance(amounts, dict):
        r.bad(table, "amounts", _("{key}: expected a table of line codes: \"<line code>\" = {{ 2027 = 100000 }}", key=where))
        return {}
    out = {}
    for code, value in amounts.items():
        if not isinstance(value, dict):
            r.bad(where, code, _("{key}: {code}: give the amount per year: {{ 2027 = 100000 }}", key=where, code=repr(code)))
            continue
        out[str(code)] = MappingProxyType(r.by_year(value, where, code, "kronor"))
    return out


def read_checked_assumptions(folder: Path, path: Path | None, problems: Problems, budget: pd.DataFrame,
                             members: pd.DataFrame, interest_lines: tuple[str, ...] = ()) -> Assumptions:
    """Read the assumptions (default: ``assumptions.toml`` in the data folder; none there: all
    zero) and check their line codes against the budget and their members against the register;
    every problem goes to ``problems`` (with errors, the all-zero assumptions come back).
    ``interest_lines``: the budget lines the chart of accounts books the interest accounts on
    (settings ``[accounts] interest``): without ``interest_line`` the rate path goes to the one
    line they name."""
    if path is None:
        path = Path(folder) / FILE
        if not path.exists():
            return Assumptions(source="(no assumptions.toml: all zero)")
        name = FILE
    else:
        path = Path(path)
        name = str(path)
        if not path.is_file():
            problems.error(name, None, _("no such assumptions file"))
            return Assumptions(source="(no assumptions)")
    assumptions = read_assumptions(path, problems, name)
    if assumptions is not None and len(budget):
        leaves = set(budget["code"].astype(str))
        text = read_text(path, Problems(), name) or ""
        for table, codes in (("costs.lines", assumptions.line_inflation), ("income.amounts", assumptions.income_amounts),
                             ("costs.amounts", assumptions.cost_amounts)):
            for code in codes:
                if code not in leaves:
                    quoted = [n for n, line in enumerate(text.splitlines(), 1) if f'"{code}"' in line]
                    problems.error(name, quoted[0] if quoted else _key_line(text, table, code),
                                   _("{key}: {code} is not a budget line with figures", key=table, code=repr(code)))
        _check_withdrawals(members, assumptions, name, problems)
        if assumptions.interest_line is not None and assumptions.interest_line not in leaves:
            problems.error(name, _key_line(text, "deposits", "interest_line"),
                           _("{key}: {code} is not a budget line with figures", key="deposits.interest_line",
                             code=repr(assumptions.interest_line)))
        elif assumptions.interest_line is None and assumptions.deposit_rate:
            if len(set(interest_lines)) == 1:
                assumptions = replace(assumptions, interest_line=interest_lines[0])
            else:
                found = (_("the interest accounts are booked on {lines}", lines=', '.join(sorted(set(interest_lines))))
                         if interest_lines else _("the chart of accounts books no interest account on a budget line"))
                problems.error(name, _key_line(text, "deposits", "rate_percent"),
                               _("{key}: name the budget line the interest is booked on: "
                                 "interest_line = \"<line code>\" ({found})", key="deposits.rate_percent", found=found))
    if assumptions is None or any(p.is_error and p.file == name for p in problems):
        return Assumptions(source="(assumptions with errors)")
    return assumptions


def _check_withdrawals(register: pd.DataFrame, a: Assumptions, name: str, problems: Problems) -> None:
    """Each assumed withdrawal names a register member that has not left by then, once."""
    members = register.drop_duplicates("member_id")
    members = members.set_index(members["member_id"].astype(str))
    seen: set[str] = set()
    for i, w in enumerate(a.withdrawals, 1):
        where = f"withdrawals[{i}].member"
        if members.empty:
            problems.error(name, w.line, _("{key}: {member}: there is no member register "
                                           "(members.csv or members.xlsx) to take it from", key=where,
                                           member=repr(w.member)))
        elif w.member not in members.index:
            problems.error(name, w.line, _("{key}: unknown member {member} (not in the member register; "
                                           "use its member id, e.g. 'M41')", key=where, member=repr(w.member)))
        elif w.member in seen:
            problems.error(name, w.line, _("{key}: member {member} leaves twice", key=where, member=repr(w.member)))
        elif pd.notna(left := members.at[w.member, "withdrawal_date"]) and \
                left <= pd.Timestamp(w.from_year, 1, 1):
            problems.error(name, w.line, _("{key}: member {member} already leaves on {date} (member register)",
                                           key=where, member=repr(w.member), date=f"{left:%Y-%m-%d}"))
        elif a.base_year is not None and w.from_year <= a.base_year:
            problems.error(name, w.line, _("{key}: {year}: the base year {base} is its budget unchanged; "
                                           "a withdrawal counts from a later year", key=f"withdrawals[{i}].from_year",
                                           year=w.from_year, base=a.base_year))
        seen.add(w.member)


def _withdrawals(r: _Reader, items) -> list[Withdrawal]:
    """``[[withdrawals]]``: member (a register id, checked against the register by
    :func:`nns_finance.planning.projection.load_assumptions`) and from_year."""
    from .scenario_syntax import _toml_lines

    where = _toml_lines(r.text)
    out = []
    if not isinstance(items, list):
        r.problems.error(r.name, where.get(("withdrawals",)), _("withdrawals: write each as [[withdrawals]]"))
        return out
    for i, w in enumerate(items):
        line = where.get(("withdrawals", i))
        if not isinstance(w, dict):
            r.problems.error(r.name, line, _("{key}: expected member and from_year", key=f"withdrawals[{i + 1}]"))
            continue
        for key in sorted(set(w) - {"member", "from_year"}):
            why = (_(" (no longer used: the fees come from the fee model, member by member)")
                   if key in ("service_fee", "membership_fee") else "")
            r.problems.error(r.name, where.get(("withdrawals", i, key), line),
                             _("{key}: unknown key (expected member, from_year){why}",
                               key=f"withdrawals[{i + 1}].{key}", why=why))
        member, year = w.get("member"), w.get("from_year")
        if not isinstance(member, str) or not member.strip():
            r.problems.error(r.name, where.get(("withdrawals", i, "member"), line),
                             _("{key}: expected a member id from the member register, got {value}",
                               key=f"withdrawals[{i + 1}].member", value=repr(member)))
            member = None
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            r.problems.error(r.name, where.get(("withdrawals", i, "from_year"), line),
                             _("{key}: expected a year like 2027, got {value}", key=f"withdrawals[{i + 1}].from_year",
                               value=repr(year)))
            year = None
        if member is not None and year is not None:
            out.append(Withdrawal(member.strip(), year, where.get(("withdrawals", i, "member"), line)))
    return out
