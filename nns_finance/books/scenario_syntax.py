"""Scenario files as text: TOML or YAML parsed with the line of every key, and typed values.

tomllib and PyYAML give values without positions, so :func:`parse_file` also returns a map
from each key path (``("withdrawals", 0, "member")``) to its 1-based line — exact for YAML (from
the composed node tree), best effort for TOML (a scan of table headers and ``key =`` lines).
The value readers in :data:`KINDS` raise :class:`ScenarioError` with a message that completes
``<field>: ``; :func:`field_name` writes a key path as ``withdrawals[1].member``.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..core.dates import FIRST_YEAR, LAST_YEAR, outside_years, year_outside
from ..core.i18n import _, library_reason
from ..core.money import AmountError, parse_ore
from ..core.outputs import CELL_TEXT_LIMIT, too_long_for_a_cell
from ..core.problems import Problems
from .grids import display_name  # noqa: F401  (the scenario and budget-change readers take it here)

SUFFIXES = (".toml", ".yaml", ".yml")
MAX_BYTES = 1 << 20


class ScenarioError(ValueError):
    """A value of the wrong kind; the message completes ``<field>: ``."""


# ---------------------------------------------------------------- where a field is written
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=\s*(.*)$")


def _toml_lines(text: str) -> dict[tuple, int]:
    """Best-effort map from a key path (``("withdrawals", 0, "member")``) to its 1-based line."""
    out: dict[tuple, int] = {}
    path: tuple = ()
    counts: dict[tuple, int] = {}
    array: tuple | None = None      # key path of an open multi-line array of inline tables
    item = -1
    for no, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if array is not None:
            if stripped.startswith("{"):
                item += 1
                out.setdefault(array + (item,), no)
                for key in re.findall(r"([A-Za-z_][\w-]*)\s*=", stripped):
                    out.setdefault(array + (item, key), no)
            if stripped.startswith("]"):
                array = None
            continue
        m = _HEADER.match(line)
        if m:
            parts = tuple(p.strip().strip("\"'") for p in m[2].split("."))
            if m[1] == "[[":
                counts[parts] = counts.get(parts, -1) + 1
                path = parts + (counts[parts],)
            else:
                path = parts
            out.setdefault(path, no)
            continue
        m = _KEY.match(line)
        if m and not stripped.startswith("#"):
            key = path + tuple(p.strip().strip("\"'") for p in m[1].split("."))
            out.setdefault(key, no)
            rest = m[2].strip()
            if rest.startswith("[") and rest.count("[") > rest.count("]"):
                array, item = key, -1
            elif rest.startswith("["):
                for i, _ in enumerate(re.findall(r"\{", rest)):
                    out.setdefault(key + (i,), no)
    return out


def _yaml_lines(text: str) -> dict[tuple, int]:
    import yaml

    out: dict[tuple, int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                p = path + (str(k.value),)
                out.setdefault(p, k.start_mark.line + 1)
                walk(v, p)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                out.setdefault(path + (i,), v.start_mark.line + 1)
                walk(v, path + (i,))

    try:
        walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    except yaml.YAMLError:
        pass
    return out


def field_name(path: tuple) -> str:
    """``("withdrawals", 0, "member")`` → ``withdrawals[1].member`` (items counted from 1)."""
    text = ""
    for p in path:
        text += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if text else str(p))
    return text


# ---------------------------------------------------------------- values
def _text(v) -> str:
    if not isinstance(v, str):
        raise ScenarioError(_("expected text in quotes, got {value}", value=repr(v)))
    if len(v.strip()) > CELL_TEXT_LIMIT:
        raise ScenarioError(too_long_for_a_cell(len(v.strip())))
    return v.strip()


def _count(v) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ScenarioError(_("expected a whole number, got {value}", value=repr(v)))
    if v < 0:
        raise ScenarioError(_("expected a whole number of at least 0, got {value}", value=v))
    return v


def _year(v) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 1900 <= v <= 2200:
        raise ScenarioError(_("expected a year like 2027, got {value}", value=repr(v)))
    return v


def _kronor(v, signed: bool = False) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ScenarioError(_("expected an amount in kronor, got {value}", value=repr(v)))
    try:
        ore = parse_ore(v)
    except AmountError as exc:
        raise ScenarioError(_("expected an amount in kronor: {error}", error=exc)) from None
    if ore < 0 and not signed:
        raise ScenarioError(_("expected an amount of at least 0 kr, got {value}", value=repr(v)))
    return ore


def _limit(v) -> int | None:
    if v is False or (isinstance(v, str) and v.strip().lower() in ("none", "ingen", "inget")):
        return None
    return _kronor(v)


def _decimal(v, low: Decimal, high: Decimal, what: str) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ScenarioError(_("expected {what}, got {value}", what=_(what), value=repr(v)))
    try:
        d = Decimal(str(v).strip().replace(",", "."))
    except InvalidOperation:
        raise ScenarioError(_("expected {what}, got {value}", what=_(what), value=repr(v))) from None
    if not d.is_finite() or not low <= d <= high:
        raise ScenarioError(_("expected {what} between {low} and {high}, got {value}", what=_(what), low=low,
                              high=high, value=repr(v)))
    return d


def _date(v) -> dt.date:
    if isinstance(v, dt.datetime) or (isinstance(v, dt.time)):
        raise ScenarioError(_("expected a date YYYY-MM-DD without a time, got {value}", value=v))
    if isinstance(v, str) and year_outside(v):
        raise ScenarioError(outside_years(v.strip()))
    if isinstance(v, str):
        try:
            v = dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    if isinstance(v, dt.date):
        if not FIRST_YEAR <= v.year <= LAST_YEAR:
            raise ScenarioError(outside_years(v.isoformat()))
        return v
    raise ScenarioError(_("expected a date YYYY-MM-DD, got {value}", value=repr(v)))


def _permille(v) -> Decimal:
    return _decimal(v, Decimal(0), Decimal(1000), "a rate in per mille")


def _percent(v) -> Decimal:
    return _decimal(v, Decimal(-100), Decimal(10000), "a percentage")


def _basis(v) -> str:
    if v not in ("previous_rate", "last_year_fee"):
        raise ScenarioError(_("expected previous_rate or last_year_fee, got {value}", value=repr(v)))
    return v


KINDS = {"basis": _basis, "text": _text, "count": _count, "year": _year, "kronor": _kronor, "limit": _limit,
         "permille": _permille, "percent": _percent, "date": _date,
         "signed": lambda v: _kronor(v, signed=True)}


def _limit_or_null(v):
    return None if v is None else _limit(v)


KINDS["limit"] = _limit_or_null
BAD = object()  # a value that was wrong (already reported)


# ---------------------------------------------------------------- files
_BARE_DECIMAL_COMMA = re.compile(r"^(\s*[A-Za-z0-9_\-\"' ]+?\s*=\s*)(-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|-?\d+,\d+)(\s*(?:#.*)?)$", re.M)


class DuplicateKey(Exception):
    """A YAML mapping that holds one key twice (PyYAML would silently keep the last)."""

    def __init__(self, key: str, line: int, first: int):
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


class BadDate(Exception):
    """A YAML date that is no date (``0000-01-01``, ``2025-02-30``): PyYAML would crash on it."""

    def __init__(self, text: str, line: int):
        super().__init__(text)
        self.text, self.line = text, line


def unique_key_loader():
    """A :class:`yaml.SafeLoader` that refuses a key written twice in one mapping."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    if key in seen:
                        raise DuplicateKey(str(key), key_node.start_mark.line + 1, seen[key])
                    seen[key] = key_node.start_mark.line + 1
                except TypeError:
                    continue      # an unhashable key: SafeLoader reports it
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_timestamp(self, node):
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                raise BadDate(node.value, node.start_mark.line + 1) from None

    UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", UniqueKeyLoader.construct_yaml_timestamp)
    return UniqueKeyLoader


def yaml_reason(reason: str) -> str:
    """PyYAML's (English) reason for a syntax error, in the current language when it is a common one."""
    return library_reason(reason, {
        "could not find expected ':'": _("could not find expected ':'"),
        "mapping values are not allowed here": _("mapping values are not allowed here"),
        "mapping keys are not allowed here": _("mapping keys are not allowed here"),
        "sequence entries are not allowed here": _("sequence entries are not allowed here"),
        "found unexpected end of stream": _("found unexpected end of stream"),
        "invalid indentation or unclosed '[' or '{'": _("invalid indentation or unclosed '[' or '{'"),
        "found unhashable key": _("found unhashable key"),
    }, {
        r"expected <block end>, but found (.+)":
            lambda found: _("expected the end of a block, but found {found}", found=found),
        r"found character (.+) that cannot start any token":
            lambda char: _("found character {char} that cannot start any token", char=char),
        r"found undefined alias (.+)": lambda alias: _("found undefined alias {alias}", alias=alias),
    })


def parse_file(path: Path, name: str, problems: Problems, what: str = "scenario file", *,
               decimal_comma: bool = False) -> tuple[dict, dict[tuple, int]] | None:
    """The keys of a small TOML or YAML file and the line of each key path; None with the
    problem recorded. ``what`` names the kind of file in messages; ``decimal_comma`` lets a
    TOML value be typed the Swedish way (``percent = 2,5`` and ``amount = -400 000`` are read as
    the texts ``"2,5"`` and ``"-400 000"``)."""
    what = _(what)
    if path.suffix.lower() not in SUFFIXES:
        problems.error(name, None, _("not a {what}: expected a .toml, .yaml or .yml file", what=what))
        return None
    from .grids import read_text

    text = read_text(path, problems, name, max_bytes=MAX_BYTES,
                     too_big=_("file is larger than 1 MB; a {what} is a few lines", what=what))
    if text is None:
        return None
    if path.suffix.lower() == ".toml":
        if decimal_comma:
            text = _BARE_DECIMAL_COMMA.sub(r'\1"\2"\3', text)
        try:
            data = tomllib.loads(text)
        except RecursionError:
            problems.error(name, None, _("nested too deep: a {what} needs at most a few levels", what=what))
            return None
        except tomllib.TOMLDecodeError as exc:
            from .settings import toml_error

            problems.error(name, *toml_error(exc, text))
            return None
        return data, _toml_lines(text)
    import yaml

    try:   # aliases first: *a of *b of … makes a few lines into billions of values (a YAML bomb)
        alias = next((e for e in yaml.parse(text, Loader=yaml.SafeLoader) if isinstance(e, yaml.AliasEvent)), None)
        data = yaml.load(text, Loader=unique_key_loader()) if alias is None else None
    except RecursionError:
        problems.error(name, None, _("nested too deep: a {what} needs at most a few levels", what=what))
        return None
    except BadDate as exc:
        problems.error(name, exc.line, _("date {value}", value=outside_years(exc.text)) if year_outside(exc.text)
                       else _("not a date: {value}", value=repr(exc.text)))
        return None
    except DuplicateKey as exc:
        problems.error(name, exc.line, _("key {key} appears twice (first on line {first}): write it once",
                                         key=repr(exc.key), first=exc.first))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.error(name, mark.line + 1 if mark else None,
                       _("not valid YAML: {error}", error=yaml_reason(str(getattr(exc, 'problem', None) or exc))))
        return None
    if alias is not None:
        problems.error(name, alias.start_mark.line + 1,
                       _("YAML alias *{anchor} refused: write the values out in a {what}", anchor=alias.anchor, what=what))
        return None
    if not isinstance(data, dict):
        problems.error(name, None, _("expected keys (name: ..., description: ...) at the top level"))
        return None
    return data, _yaml_lines(text)


