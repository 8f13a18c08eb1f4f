"""The budget file as the treasurer writes it, read row by row into :class:`BudgetFile`.

Two layouts, each as ``.xlsx`` or CSV (the header row decides which):

- **the seed's own table** (the board's "NNS budget 2026" attachment): the first column holds
  the line names; a row ``Intäkter`` / ``Kostnader`` starts a section; a name starting with
  ``– `` (or ``- ``, ``— ``) is a sub-line of the line above; ``Summa …``, ``Årets resultat``,
  ``Ingående eget kapital`` and ``Utgående eget kapital`` are totals and equity rows.
- **the structured layout**: columns ``kod`` (optional), ``avsnitt`` (Intäkter/Kostnader),
  ``rad``, ``underrad``; one row per line or sub-line (a sub-line row names its line in ``rad``).

In both, every other column headed ``YYYY Label`` holds one version's figures: ``Utfall`` →
outcome, ``Budget`` → budget, ``Prognos``/``Prognos helår`` → forecast, any other label → a
named proposal. This module only recognises rows and parses cells; what the rows mean (codes,
sub-line sums, totals checked against lines) is :mod:`nns_finance.books.budget`'s business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..core.money import parse_ore_series
from ..core.labels import VERSION_LABELS
from ..core.problems import Problems
from .grids import Grid, column_letter, normalise_header
from ..core.i18n import _

SECTIONS = {"intakter": "income", "income": "income",
            "kostnader": "cost", "costs": "cost", "cost": "cost", "expenses": "cost"}
VERSION_WORDS = {"utfall": "outcome", "outcome": "outcome", "actual": "outcome", "actuals": "outcome",
                 "budget": "budget", "prognos": "forecast", "prognos_helar": "forecast",
                 "helarsprognos": "forecast", "forecast": "forecast"}
VERSION_RANK = {"outcome": 0, "budget": 1, "forecast": 2}
STRUCTURED_COLUMNS = {"kod": ("kod", "code"), "avsnitt": ("avsnitt", "section"),
                      "rad": ("rad", "line"), "underrad": ("underrad", "sub_line", "subline")}

_VERSION_HEADER = re.compile(r"^(\d{4})\s+(\S.*)$")
_SUB_MARK = re.compile(r"^[\u2013\u2014\u2212-]\s+")
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class VersionColumn:
    """One column of figures.

    pos:     0-based column in the file
    year:    the year the figures are for
    version: ``outcome``, ``budget``, ``forecast`` or a proposal's name
    label:   the Swedish label without the year (``Prognos helår``, or the proposal's name)
    """

    pos: int
    year: int
    version: str
    label: str

    @property
    def heading(self) -> str:
        return f"{self.year} {self.label}"


@dataclass(frozen=True)
class Entry:
    """One meaningful row of the budget file.

    row:      source line (CSV) or sheet row (xlsx)
    kind:     ``line`` (a line or sub-line), ``total`` (Summa … of a section), ``result``
              (Årets resultat), ``opening`` / ``closing`` (eget kapital)
    section:  ``income`` / ``cost`` for lines and totals, None for result and equity rows
    name:     the name as written (a sub-line without its dash)
    parent:   for a sub-line the name of its line, else ""
    code:     a code given in the ``kod`` column, else ""
    name_pos: the column holding the name (for cell references)
    """

    row: int
    kind: str
    section: str | None
    name: str
    parent: str = ""
    code: str = ""
    name_pos: int = 0


@dataclass(frozen=True)
class BudgetFile:
    """A budget file, read: its grid, version columns, rows and figures.

    figures: index = row, columns = :attr:`VersionColumn.pos`; ``Int64`` öre, ``<NA>`` blank
             (or unparseable: those columns are in ``unreadable``, and their totals go unchecked)
    """

    grid: Grid
    layout: str
    columns: tuple[VersionColumn, ...]
    entries: tuple[Entry, ...]
    figures: pd.DataFrame
    unreadable: frozenset[int] = frozenset()


def parse_version_header(text: str) -> tuple[int, str, str] | None:
    """``"2025 Prognos helår"`` → ``(2025, "forecast", "Prognos helår")``; None if not a version."""
    m = _VERSION_HEADER.match(" ".join(str(text).split()))
    if not m:
        return None
    label = m[2]
    version = VERSION_WORDS.get(normalise_header(label))
    if version is None:
        return int(m[1]), label, label
    return int(m[1]), version, VERSION_LABELS[version]


def row_kind(name: str) -> tuple[str, str | None]:
    """What a row named ``name`` is: ``("section", s)``, ``("total", s|None)``, ``("result", None)``,
    ``("opening", None)``, ``("closing", None)`` or ``("line", None)``."""
    key = normalise_header(name)
    if key in SECTIONS:
        return "section", SECTIONS[key]
    if key == "summa" or key.startswith("summa_") or key.startswith("total_"):
        section = "income" if ("intakt" in key or "income" in key) else (
            "cost" if ("kostnad" in key or "cost" in key) else None)
        return "total", section
    if key in ("arets_resultat", "resultat", "result", "result_for_the_year"):
        return "result", None
    if key.startswith("ingaende_eget_kapital") or key.startswith("opening_equity"):
        return "opening", None
    if key.startswith("utgaende_eget_kapital") or key.startswith("closing_equity"):
        return "closing", None
    return "line", None


def read_budget_file(grid: Grid, problems: Problems) -> BudgetFile | None:
    """Find the header, the version columns and every row; parse every figure cell."""
    found = _find_header(grid)
    if found is None:
        first = [h for h in grid.cells.iloc[0].tolist() if h] if not grid.cells.empty else []
        problems.error(**grid.place(int(grid.cells.index[0]) if not grid.cells.empty else 1),
                       message=_("no version columns: expected headers like '2026 Budget' or "
                                 "'2024 Utfall' (the first row has: {found})",
                                 found=', '.join(first) or _('nothing')))
        return None
    header_row, layout, named = found
    headers = [str(h) for h in grid.cells.loc[header_row].tolist()]
    columns = _version_columns(grid, header_row, headers, set(named.values()) | ({0} if layout == "seed" else set()),
                               problems)
    if not columns:
        problems.error(**grid.place(header_row), message=_("no version columns: expected headers like "
                                                           "'2026 Budget' or '2024 Utfall'"))
        return None
    body = grid.cells.loc[grid.cells.index > header_row]
    entries = (_seed_entries if layout == "seed" else _structured_entries)(grid, body, named, columns, problems)
    figures, unreadable = _figures(grid, body, columns, named, layout, problems)
    return BudgetFile(grid, layout, tuple(columns), tuple(entries), figures, frozenset(unreadable))


def _find_header(grid: Grid) -> tuple[int, str, dict[str, int]] | None:
    for row, values in grid.cells.head(_HEADER_SEARCH_ROWS).iterrows():
        keys = [normalise_header(v) for v in values.tolist()]
        named = {}
        for canon, aliases in STRUCTURED_COLUMNS.items():
            hits = [i for i, k in enumerate(keys) if k in aliases]
            if hits:
                named[canon] = hits[0]
        if "avsnitt" in named and "rad" in named:
            return int(row), "structured", named
        if any(parse_version_header(v) for v in values.tolist()[1:]):
            return int(row), "seed", {}
    return None


def _version_columns(grid: Grid, header_row: int, headers: list[str], claimed: set[int],
                     problems: Problems) -> list[VersionColumn]:
    columns: list[VersionColumn] = []
    seen: dict[tuple[int, str], int] = {}
    for pos, text in enumerate(headers):
        if pos in claimed or not text.strip():
            continue
        parsed = parse_version_header(text)
        if parsed is None:
            problems.warning(**grid.place(header_row, pos),
                             message=_("column {column} is not a version column ('YYYY Label', "
                                       "e.g. '2026 Budget'); it is ignored", column=repr(text)))
            continue
        year, version, label = parsed
        if (year, version) in seen:
            problems.error(**grid.place(header_row, pos),
                           message=_("column {column} repeats the version {year} {label} (already in column {other})",
                                     column=repr(text), year=year, label=label,
                                     other=column_letter(seen[(year, version)])))
            continue
        seen[(year, version)] = pos
        columns.append(VersionColumn(pos, year, version, label))
    return columns


def _has_figures(values: pd.Series, columns: list[VersionColumn]) -> bool:
    return any(str(values.iloc[c.pos]).strip() for c in columns if c.pos < len(values))


def _seed_entries(grid: Grid, body: pd.DataFrame, named: dict, columns: list[VersionColumn],
                  problems: Problems) -> list[Entry]:
    entries: list[Entry] = []
    section: str | None = None
    line: str | None = None
    for row, values in body.iterrows():
        row = int(row)
        name = str(values.iloc[0]).strip()
        if not name:
            if _has_figures(values, columns):
                problems.error(**grid.place(row, 0), message=_("figures without a line name"))
            continue
        kind, sec = row_kind(name)
        if kind == "section":
            section, line = sec, None
            if _has_figures(values, columns):  # a heading carrying its section's total
                entries.append(Entry(row, "total", sec, name))
            continue
        if kind == "total":
            sec = sec or section
            if sec is None:
                problems.error(**grid.place(row, 0), message=_("{name} comes before any section heading (Intäkter or Kostnader)", name=repr(name)))
                continue
            entries.append(Entry(row, "total", sec, name))
            continue
        if kind != "line":
            entries.append(Entry(row, kind, None, name))
            continue
        sub = _SUB_MARK.match(name)
        if section is None:
            problems.error(**grid.place(row, 0), message=_("line {name} comes before any section heading (Intäkter or Kostnader)", name=repr(name)))
            continue
        if sub:
            sub_name = name[sub.end():].strip()
            if line is None:
                problems.error(**grid.place(row, 0), message=_("sub-line {name} has no line above it in its section", name=repr(sub_name)))
                continue
            entries.append(Entry(row, "line", section, sub_name, parent=line))
        else:
            line = name
            entries.append(Entry(row, "line", section, name))
    return entries


def _structured_entries(grid: Grid, body: pd.DataFrame, named: dict, columns: list[VersionColumn],
                        problems: Problems) -> list[Entry]:
    entries: list[Entry] = []

    def cell(values, canon):
        pos = named.get(canon)
        return str(values.iloc[pos]).strip() if pos is not None else ""

    for row, values in body.iterrows():
        row = int(row)
        code, section_text, name, sub = (cell(values, c) for c in ("kod", "avsnitt", "rad", "underrad"))
        sub = _SUB_MARK.sub("", sub).strip()
        if not name:
            if sub or code or section_text or _has_figures(values, columns):
                problems.error(**grid.place(row, named["rad"]), message=_("no line name in column 'rad'"))
            continue
        kind, sec = row_kind(name)
        if kind in ("result", "opening", "closing") and not sub:
            entries.append(Entry(row, kind, None, name, name_pos=named["rad"]))
            continue
        section = SECTIONS.get(normalise_header(section_text))
        if kind == "total" and not sub:
            section = sec or section
            if section is None:
                problems.error(**grid.place(row, named["avsnitt"]),
                               message=_("{name}: say in 'avsnitt' which section it totals "
                                         "(Intäkter or Kostnader)", name=repr(name)))
                continue
            entries.append(Entry(row, "total", section, name, name_pos=named["rad"]))
            continue
        if section is None:
            problems.error(**grid.place(row, named["avsnitt"]),
                           message=_("line {name}: 'avsnitt' must be Intäkter or Kostnader, got {value}",
                                     name=repr(name), value=repr(section_text)))
            continue
        if sub:
            entries.append(Entry(row, "line", section, sub, parent=name, code=code,
                                 name_pos=named.get("underrad", named["rad"])))
        else:
            entries.append(Entry(row, "line", section, name, code=code, name_pos=named["rad"]))
    return entries


def _figures(grid: Grid, body: pd.DataFrame, columns: list[VersionColumn], named: dict,
             layout: str, problems: Problems) -> tuple[pd.DataFrame, set[int]]:
    name_pos = 0 if layout == "seed" else named["rad"]
    figures, unreadable = {}, set()
    for col in columns:
        if col.pos >= body.shape[1]:
            figures[col.pos] = pd.Series(pd.NA, index=body.index, dtype="Int64")
            continue
        ore, bad = parse_ore_series(body[col.pos])
        for row in bad[bad != ""].index:
            unreadable.add(col.pos)
            line_name = str(body.at[row, name_pos]).strip()
            problems.error(**grid.place(int(row), col.pos),
                           message=f"{line_name!r} {col.heading}: {bad[row]}")
        figures[col.pos] = ore
    return pd.DataFrame(figures, index=body.index), unreadable


# --- the board's layout written back ------------------------------------------------------

SUB_MARK = "– "


def board_rows(table: pd.DataFrame, columns: list[str], title: str) -> list[list]:
    """A budget table in the board's own layout, the inverse of :func:`read_budget_file`.

    ``table``: :func:`nns_finance.books.budget.structure_table` rows (code, name, level, kind and
    the amount columns, öre; equity rows may follow). Returns rows of cells: the header
    ``[title, *columns]``, then per row the name (a sub-line after ``– ``) and the amounts as
    öre ints — None for a section heading's cells and for a blank (``<NA>``) amount.
    """
    rows: list[list] = [[title, *columns]]
    for r in table.to_dict("records"):
        name = SUB_MARK + r["name"] if r["kind"] == "subline" else r["name"]
        if r["kind"] == "section":
            rows.append([name] + [None] * len(columns))
            continue
        rows.append([name] + [None if pd.isna(r[c]) else int(r[c]) for c in columns])
    return rows
