"""``settings.toml``: the organisation, the fiscal year, and per year the fee rules the board set.

Everything the board decides as a number lives here, not in code: the membership fee, the
service-fee rate (per mille), the maximum fee, the maximum yearly increase and what it is
measured against, the indicator fee, how fees are rounded, and the withdrawal notice rule.
Amounts are written in kronor in the file and held in öre.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .dates import MonthError, parse_month
from .money import AmountError, parse_ore
from .problems import Problems

INCREASE_BASES = ("previous_rate", "last_year_fee")
ROUNDINGS = ("krona", "ore")
JOINING = ("full", "pro_rata")
LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class FeeRule:
    """The fee rules for one year.

    year:               the fee year
    membership_fee:     medlemsavgift per member, öre (flat)
    service_rate:       serviceavgift in per mille of the fee base (tilldelning + matchning)
    previous_rate:      the earlier rate (per mille) a ``previous_rate`` increase cap is measured
                        against (2.5 ‰ before the 2024 raise); None if not used
    max_fee:            maxtaxa, öre; None = no maximum fee
    max_increase:       maxhöjning, öre; None = no cap on the yearly increase
    max_increase_basis: ``"previous_rate"`` (the fee at the previous rate on the same base) or
                        ``"last_year_fee"`` (the member's service fee the year before)
    indicator_fee:      fee per member with an indicator agreement in force, öre
    rounding:           ``"krona"``: each fee to whole kronor, half up; ``"ore"``: to the öre
    joining:            ``"full"``: a member joining during the year pays the whole fee;
                        ``"pro_rata"``: by the months of membership
    fee_date:           the register date that decides who pays (1 January by default)
    """

    year: int
    membership_fee: int
    service_rate: Decimal
    previous_rate: Decimal | None = None
    max_fee: int | None = None
    max_increase: int | None = None
    max_increase_basis: str = "previous_rate"
    indicator_fee: int = 0
    rounding: str = "krona"
    joining: str = "full"
    fee_date: dt.date | None = None

    @property
    def effective_fee_date(self) -> dt.date:
        return self.fee_date or dt.date(self.year, 1, 1)


@dataclass(frozen=True)
class NoticeRule:
    """When a member's withdrawal (utträde) takes effect.

    A written notice received on or before ``deadline`` (month, day) of a year takes effect
    on 1 January of the next year; a later notice one year after that (the seeds: notice
    2025-09-30 → effect 2026-01-01; the statutes' exact rule is a parameter).
    """

    deadline_month: int = 9
    deadline_day: int = 30

    def effective_date(self, notice: dt.date) -> dt.date:
        on_time = (notice.month, notice.day) <= (self.deadline_month, self.deadline_day)
        return dt.date(notice.year + (1 if on_time else 2), 1, 1)


@dataclass(frozen=True)
class AccountSettings:
    """Which BAS accounts hold what the report needs to find.

    bank:       cash at bank (1930)
    deposits:   the placement accounts holding term deposits (1880 or 1940)
    interest:   interest income on deposits (8312 / 8311)
    accrued_interest: accrued interest income (1760)
    equity:     the equity accounts (2060–2069)
    """

    bank: tuple[str, ...] = ("1930",)
    deposits: tuple[str, ...] = ("1880",)
    interest: tuple[str, ...] = ("8311", "8312")
    accrued_interest: tuple[str, ...] = ("1760",)
    equity: tuple[str, ...] = ("2060", "2061", "2067", "2068", "2069")


@dataclass(frozen=True)
class Settings:
    """The whole of ``settings.toml``.

    organisation:   the organisation's name as the report heads it
    org_number:     organisationsnummer
    fiscal_year:    the year being kept (calendar year)
    language:       ``"sv"`` or ``"en"`` for reports
    closed_through: last closed month ``"YYYY-MM"`` for the default report period, or None
                    (then the last month with vouchers)
    fees:           year → :class:`FeeRule`
    notice:         the withdrawal notice rule
    accounts:       which accounts are bank, deposits, interest, equity
    """

    organisation: str
    org_number: str = ""
    fiscal_year: int = 2025
    language: str = "sv"
    closed_through: str | None = None
    fees: Mapping[int, FeeRule] = field(default_factory=lambda: MappingProxyType({}))
    notice: NoticeRule = NoticeRule()
    accounts: AccountSettings = AccountSettings()

    def fee_rule(self, year: int) -> FeeRule:
        from .problems import UsageError

        try:
            return self.fees[year]
        except KeyError:
            have = ", ".join(str(y) for y in sorted(self.fees)) or "none"
            raise UsageError(f"settings.toml has no fee rules for {year} (it has: {have})") from None


def _key_line(text: str, table: str | None, key: str | None) -> int | None:
    """Best-effort line of ``key`` inside ``[table]`` (tomllib gives no positions)."""
    lines = text.splitlines()
    start = 0
    if table:
        pat = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(re.escape(p) for p in table.split(".")) + r"\s*\]")
        for i, line in enumerate(lines):
            if pat.match(line):
                start = i
                break
        else:
            return None
        if key is None:
            return start + 1
    for i in range(start + (1 if table else 0), len(lines)):
        if table and re.match(r"^\s*\[", lines[i]):
            break
        if key and re.match(r"^\s*" + re.escape(key) + r"\s*=", lines[i]):
            return i + 1
    return start + 1 if table else None


class _Reader:
    """Typed access to the parsed TOML that records problems with their lines."""

    def __init__(self, name: str, text: str, problems: Problems):
        self.name, self.text, self.problems = name, text, problems

    def bad(self, table: str | None, key: str | None, message: str) -> None:
        self.problems.error(self.name, _key_line(self.text, table, key), message)

    def get(self, data: dict, table: str | None, key: str, kind: str, default: Any = None,
            required: bool = False, choices: tuple[str, ...] = ()) -> Any:
        where = f"{table}.{key}" if table else key
        if key not in data or data[key] in ("", None):
            if required:
                self.problems.error(self.name, _key_line(self.text, table, None) if table else None,
                                    f"missing setting {where!r}")
            return default
        value = data[key]
        try:
            if kind == "str":
                if not isinstance(value, str):
                    raise ValueError("expected text in quotes")
                if choices and value not in choices:
                    raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")
                return value
            if kind == "int":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"expected a whole number, got {value!r}")
                return value
            if kind == "kronor":
                if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                    raise ValueError(f"expected an amount in kronor, got {value!r}")
                ore = parse_ore(value)
                if ore < 0:
                    raise ValueError(f"expected an amount of at least 0 kr, got {value!r}")
                return ore
            if kind == "permille":
                if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                    raise ValueError(f"expected a rate in per mille, got {value!r}")
                rate = Decimal(str(value).replace(",", "."))
                if not rate.is_finite() or rate < 0 or rate > 1000:
                    raise ValueError(f"expected a rate between 0 and 1000 per mille, got {value!r}")
                return rate
            if kind == "monthday":
                m = re.fullmatch(r"(\d{2})-(\d{2})", str(value))
                if not m:
                    raise ValueError(f"expected MM-DD, got {value!r}")
                dt.date(2000, int(m[1]), int(m[2]))
                return int(m[1]), int(m[2])
            if kind == "date":
                if isinstance(value, dt.date):
                    return value
                return dt.date.fromisoformat(str(value))
            if kind == "accounts":
                items = [value] if isinstance(value, (str, int)) else value
                if not isinstance(items, list) or not all(re.fullmatch(r"\d{4}", str(a)) for a in items):
                    raise ValueError(f"expected four-digit BAS accounts, got {value!r}")
                return tuple(str(a) for a in items)
        except (ValueError, AmountError, InvalidOperation) as exc:
            self.bad(table, key, f"setting {where!r}: {exc}")
            return default
        raise AssertionError(kind)  # pragma: no cover


def toml_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """Line and message of a TOML syntax error (an error at the end of the file: its last line)."""
    m = re.search(r"line (\d+)", str(exc))
    if m:
        line = int(m[1])
    elif "end of document" in str(exc):
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    else:
        line = None
    message = f"not valid TOML: {str(exc).split(' (at')[0]}"
    shown = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
    if "\ufeff" in shown:
        message += " (a byte-order mark in the middle of the file: two files joined?)"
    elif re.search(r"=\s*-?\d+,\d", shown):
        message += " (a decimal comma? write 3.5, not 3,5)"
    return line, message


def read_toml(path: Path, problems: Problems, name: str) -> tuple[dict, str] | None:
    """A small TOML file as ``(data, text)`` (the text for finding keys' lines), or None with
    the problem recorded: unreadable, empty, not UTF-8, or not valid TOML (with its line)."""
    from ..books.grids import read_text

    text = read_text(Path(path), problems, name)
    if text is None:
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        problems.error(name, *toml_error(exc, text))
        return None


def read_settings(path: Path, problems: Problems, name: str = "settings.toml") -> Settings | None:
    """Read ``settings.toml``; every problem is recorded; None when it cannot be used at all."""
    parsed = read_toml(Path(path), problems, name)
    if parsed is None:
        return None
    data, text = parsed
    r = _Reader(name, text, problems)
    org = data.get("organisation", {})
    if not isinstance(org, dict):
        r.bad(None, "organisation", "[organisation] must be a table")
        org = {}
    organisation = r.get(org, "organisation", "name", "str", "", required=True)
    org_number = r.get(org, "organisation", "org_number", "str", "")
    fiscal_year = r.get(org, "organisation", "fiscal_year", "int", 0, required=True)
    language = r.get(org, "organisation", "language", "str", "sv", choices=LANGUAGES)
    closed = r.get(org, "organisation", "closed_through", "str", None)
    if closed is not None:
        try:      # kept as YYYY-MM however it was written
            closed = parse_month(closed, "setting 'organisation.closed_through' =").text
        except MonthError as exc:
            r.bad("organisation", "closed_through", str(exc))
            closed = None

    notice_tbl = data.get("notice", {})
    deadline = r.get(notice_tbl, "notice", "deadline", "monthday", (9, 30))
    notice = NoticeRule(*deadline)

    acc_tbl = data.get("accounts", {})
    defaults = AccountSettings()
    accounts = AccountSettings(**{
        k: r.get(acc_tbl, "accounts", k, "accounts", getattr(defaults, k))
        for k in ("bank", "deposits", "interest", "accrued_interest", "equity")})

    fees: dict[int, FeeRule] = {}
    fee_tbl = data.get("fees", {})
    for key, tbl in sorted(fee_tbl.items()) if isinstance(fee_tbl, dict) else []:
        table = f"fees.{key}"
        if not re.fullmatch(r"\d{4}", str(key)) or not isinstance(tbl, dict):
            r.bad(table, None, f"[{table}]: expected [fees.YYYY] with the rules of that year")
            continue
        year = int(key)
        rule = FeeRule(
            year=year,
            membership_fee=r.get(tbl, table, "membership_fee", "kronor", 0, required=True),
            service_rate=r.get(tbl, table, "service_rate_permille", "permille", Decimal(0), required=True),
            previous_rate=r.get(tbl, table, "previous_rate_permille", "permille", None),
            max_fee=r.get(tbl, table, "max_fee", "kronor", None),
            max_increase=r.get(tbl, table, "max_increase", "kronor", None),
            max_increase_basis=r.get(tbl, table, "max_increase_basis", "str", "previous_rate", choices=INCREASE_BASES),
            indicator_fee=r.get(tbl, table, "indicator_fee", "kronor", 0),
            rounding=r.get(tbl, table, "rounding", "str", "krona", choices=ROUNDINGS),
            joining=r.get(tbl, table, "joining", "str", "full", choices=JOINING),
            fee_date=r.get(tbl, table, "fee_date", "date", None),
        )
        if rule.max_increase is not None and rule.max_increase_basis == "previous_rate" and rule.previous_rate is None:
            r.bad(table, "max_increase", f"[{table}] max_increase measured against the previous rate "
                                         "needs previous_rate_permille")
        fees[year] = rule
    return Settings(organisation=organisation, org_number=org_number, fiscal_year=fiscal_year,
                    language=language, closed_through=closed, fees=MappingProxyType(fees),
                    notice=notice, accounts=accounts)
