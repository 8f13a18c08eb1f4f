"""Reading ``settings.toml`` (and the other small TOML files) into the records of
:mod:`nns_finance.core.settings`, every problem with its line."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core.dates import MonthError, parse_month
from ..core.money import AmountError, parse_ore
from ..core.problems import Problems, did_you_mean
from ..core.settings import (INCREASE_BASES, JOINING, LANGUAGES, ROUNDINGS, AccountSettings, BudgetLines,
                             FeeRule, NoticeRule, Settings)
from .grids import read_text
from ..core.i18n import _, library_reason


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
        if key and re.match(r"^\s*([\"']?)" + re.escape(key) + r"\1\s*=", lines[i]):
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
                                    _("missing setting {key}", key=repr(where)))
            return default
        value = data[key]
        try:
            if kind == "str":
                if not isinstance(value, str):
                    raise ValueError(_("expected text in quotes"))
                if choices and value not in choices:
                    raise ValueError(_("expected one of {choices}, got {value}", choices=', '.join(choices), value=repr(value)))
                return value
            if kind == "int":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(_("expected a whole number, got {value}", value=repr(value)))
                return value
            if kind == "kronor":
                if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                    raise ValueError(_("expected an amount in kronor, got {value}", value=repr(value)))
                ore = parse_ore(value)
                if ore < 0:
                    raise ValueError(_("expected an amount of at least 0 kr, got {value}", value=repr(value)))
                return ore
            if kind == "permille":
                if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                    raise ValueError(_("expected {what}, got {value}", what=_("a rate in per mille"), value=repr(value)))
                try:
                    rate = Decimal(str(value).replace(",", "."))
                except InvalidOperation:
                    raise ValueError(_("expected {what}, got {value}", what=_("a rate in per mille"), value=repr(value))) from None
                if not rate.is_finite() or rate < 0 or rate > 1000:
                    raise ValueError(_("expected a rate between 0 and 1000 per mille, got {value}", value=repr(value)))
                return rate
            if kind == "monthday":
                m = re.fullmatch(r"(\d{2})-(\d{2})", str(value))
                try:
                    dt.date(2000, int(m[1]), int(m[2])) if m else None
                except ValueError:
                    m = None
                if not m:
                    raise ValueError(_("expected MM-DD, got {value}", value=repr(value)))
                return int(m[1]), int(m[2])
            if kind == "date":
                if isinstance(value, dt.date):
                    return value
                try:
                    return dt.date.fromisoformat(str(value))
                except ValueError:
                    raise ValueError(_("expected a date YYYY-MM-DD, got {value}", value=repr(value))) from None
            if kind == "accounts":
                items = [value] if isinstance(value, (str, int)) else value
                if not isinstance(items, list) or not all(re.fullmatch(r"\d{4}", str(a)) for a in items):
                    raise ValueError(_("expected four-digit BAS accounts, got {value}", value=repr(value)))
                return tuple(str(a) for a in items)
        except (ValueError, AmountError, InvalidOperation) as exc:
            self.bad(table, key, _("setting {key}: {error}", key=repr(where), error=exc))
            return default
        raise AssertionError(kind)  # pragma: no cover


def toml_reason(reason: str) -> str:
    """tomllib's (English) reason for a syntax error, in the current language when known."""
    return library_reason(reason, {
        "Invalid statement": _("Invalid statement"),
        "Expected newline or end of document after a statement":
            _("Expected newline or end of document after a statement"),
        "Cannot overwrite a value": _("Cannot overwrite a value"),
        "Expected ']' at the end of a table declaration": _("Expected ']' at the end of a table declaration"),
        "Expected ']]' at the end of an array declaration": _("Expected ']]' at the end of an array declaration"),
        "Expected '=' after a key in a key/value pair": _("Expected '=' after a key in a key/value pair"),
        "Invalid initial character for a key part": _("Invalid initial character for a key part"),
        "Unclosed array": _("Unclosed array"),
        "Unclosed inline table": _("Unclosed inline table"),
        "Unterminated string": _("Unterminated string"),
        "Invalid date or datetime": _("Invalid date or datetime"),
        "Invalid value": _("Invalid value"),
        "Invalid hex value": _("Invalid hex value"),
    }, {
        r"Cannot declare (.+) twice": lambda key: _("Cannot declare {key} twice", key=key),
        r"Illegal character (.+)": lambda char: _("Illegal character {char}", char=char),
        r"Found invalid character (.+)": lambda char: _("Found invalid character {char}", char=char),
    })


def toml_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """Line and message of a TOML syntax error (an error at the end of the file: its last line)."""
    m = re.search(r"line (\d+)", str(exc))
    if m:
        line = int(m[1])
    elif "end of document" in str(exc):
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    else:
        line = None
    message = _("not valid TOML: {error}", error=toml_reason(str(exc).split(' (at')[0]))
    shown = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
    if "\ufeff" in shown:
        message += _(" (a byte-order mark in the middle of the file: two files joined?)")
    elif re.search(r"=\s*-?\d+,\d", shown):
        message += _(" (a decimal comma? write 3.5, not 3,5)")
    return line, message


def read_toml(path: Path, problems: Problems, name: str) -> tuple[dict, str] | None:
    """A small TOML file as ``(data, text)`` (the text for finding keys' lines), or None with
    the problem recorded: unreadable, empty, not UTF-8, or not valid TOML (with its line)."""
    text = read_text(Path(path), problems, name)
    if text is None:
        return None
    try:
        return tomllib.loads(text), text
    except RecursionError:
        problems.error(name, None, _("nested too deep: a settings file needs at most a few levels"))
        return None
    except tomllib.TOMLDecodeError as exc:
        problems.error(name, *toml_error(exc, text))
        return None


KNOWN_KEYS = {
    "organisation": ("name", "org_number", "fiscal_year", "language", "closed_through"),
    "notice": ("deadline",),
    "accounts": ("bank", "deposits", "interest", "accrued_interest", "equity"),
    "budget_lines": ("membership_fees", "service_fees", "indicator_fees", "meeting_income", "meeting_cost"),
    "fees.*": ("membership_fee", "service_rate_permille", "previous_rate_permille", "max_fee", "max_increase",
               "max_increase_basis", "indicator_fee", "rounding", "joining", "fee_date"),
}


def _unknown_keys(r: "_Reader", data: dict) -> None:
    """A mistyped key (``maxfee``) is an error naming the nearest known one: read silently as
    absent it would drop a rule (the maximum fee) without a word."""
    tables = ("organisation", "notice", "accounts", "budget_lines", "fees")
    for key in data:
        if key not in tables:
            r.bad(key if isinstance(data[key], dict) else None, None if isinstance(data[key], dict) else key,
                  _("unknown setting {key}{hint}", key=repr(key), hint=did_you_mean(key, tables)))
    for table in tables[:4]:
        tbl = data.get(table)
        for key in (tbl if isinstance(tbl, dict) else {}):
            if key not in KNOWN_KEYS[table]:
                r.bad(table, key, _("unknown setting {key}{hint}", key=repr(f"{table}.{key}"),
                                       hint=did_you_mean(key, KNOWN_KEYS[table])))
    fees = data.get("fees")
    for year, tbl in (fees.items() if isinstance(fees, dict) else []):
        for key in (tbl if isinstance(tbl, dict) else {}):
            if key not in KNOWN_KEYS["fees.*"]:
                r.bad(f"fees.{year}", key,
                      _("unknown setting {key}{hint}", key=repr(f"fees.{year}.{key}"),
                        hint=did_you_mean(key, KNOWN_KEYS['fees.*'])))


def read_settings(path: Path, problems: Problems, name: str = "settings.toml") -> Settings | None:
    """Read ``settings.toml``; every problem is recorded; None when it cannot be used at all."""
    parsed = read_toml(Path(path), problems, name)
    if parsed is None:
        return None
    data, text = parsed
    r = _Reader(name, text, problems)
    org = data.get("organisation", {})
    if not isinstance(org, dict):
        r.bad(None, "organisation", _("[organisation] must be a table"))
        org = {}
    organisation = r.get(org, "organisation", "name", "str", "", required=True)
    org_number = r.get(org, "organisation", "org_number", "str", "")
    fiscal_year = r.get(org, "organisation", "fiscal_year", "int", 0, required=True)
    language = r.get(org, "organisation", "language", "str", "sv", choices=LANGUAGES)
    closed = r.get(org, "organisation", "closed_through", "str", None)
    if closed is not None:
        try:      # kept as YYYY-MM however it was written
            closed = parse_month(closed, _("setting {key} =", key="'organisation.closed_through'")).text
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

    lines_tbl = data.get("budget_lines", {})
    if not isinstance(lines_tbl, dict):
        r.bad(None, "budget_lines", _("[{table}] must be a table", table="budget_lines"))
        lines_tbl = {}
    default_lines = BudgetLines()
    budget_lines = BudgetLines(**{k: r.get(lines_tbl, "budget_lines", k, "str", getattr(default_lines, k))
                                  for k in KNOWN_KEYS["budget_lines"]})

    fees: dict[int, FeeRule] = {}
    fee_tbl = data.get("fees", {})
    for key, tbl in sorted(fee_tbl.items()) if isinstance(fee_tbl, dict) else []:
        table = f"fees.{key}"
        if not re.fullmatch(r"\d{4}", str(key)) or not isinstance(tbl, dict):
            r.bad(table, None, _("[{table}]: expected [fees.YYYY] with the rules of that year", table=table))
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
            r.bad(table, "max_increase", _("[{table}] max_increase measured against the previous rate "
                                           "needs previous_rate_permille", table=table))
        fees[year] = rule
    _unknown_keys(r, data)
    if isinstance(org.get("fiscal_year"), int) and not 1900 <= fiscal_year <= 2200:
        r.bad("organisation", "fiscal_year", _("setting {key}: {value} is not a year between 1900 and 2200",
                                               key="'organisation.fiscal_year'", value=fiscal_year))
        fiscal_year = 0
    return Settings(organisation=organisation, org_number=org_number, fiscal_year=fiscal_year,
                    language=language, closed_through=closed, fees=MappingProxyType(fees),
                    notice=notice, accounts=accounts, budget_lines=budget_lines)
