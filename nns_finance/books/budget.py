"""The budget: lines in a hierarchy (section → line → sub-line), versions, years, amounts.

:func:`read_budget` reads ``budget.xlsx`` or ``budget.csv`` (xlsx wins if both exist; the
layouts are described in :mod:`nns_finance.books.budget_file`) into the three frames of
:data:`nns_finance.books.load.SCHEMAS`: ``budget_lines``, ``budget`` (leaf lines only) and
``budget_equity``. Every total in the file — a line's own figure above its sub-lines,
``Summa …``, ``Årets resultat``, ``Utgående eget kapital`` — is *checked* against the sum of its
lines and then dropped: totals are always computed (:func:`budget_table`).

Line codes are ``<section>.<line>[.<sub-line>]``, each part the :func:`slug` of the Swedish name:
``intakter.serviceavgifter``, ``kostnader.konferenser.arsmote-medlemsmote``.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from .budget_file import VERSION_LABELS, VERSION_RANK, BudgetFile, read_budget_file
from ..core.i18n import _
from ..core.problems import REPORT_INPUT
from ..core.schema import empty_frame
from .grids import find_input, missing_input
from ..core.money import format_kr
from ..core.problems import Problems, UsageError
from .grids import read_grid

SECTION_NAMES = {"income": "Intäkter", "cost": "Kostnader"}
SECTION_CODES = {"income": "intakter", "cost": "kostnader"}
TOTAL_ROWS = {"income": ("summa-intakter", "Summa intäkter"),
              "cost": ("summa-kostnader", "Summa totala kostnader")}
RESULT_ROW = ("arets-resultat", "Årets resultat")
EQUITY_ROWS = {"opening": ("ingaende-eget-kapital", "Ingående eget kapital"),
               "closing": ("utgaende-eget-kapital", "Utgående eget kapital")}
TOTAL_MESSAGE = "budget total disagrees with its lines"

TEMPLATE_FILES = {"budget.csv": "Budget;2026 Budget\nIntäkter;\nKostnader;\n"}
TEMPLATE_HELP = """\
budget.csv (eller budget.xlsx) – budgeten, gärna i samma form som styrelsens budgettabell.
Första kolumnen är radens namn; raden "Intäkter" respektive "Kostnader" inleder avsnittet; en
rad som börjar med "– " är en underrad till raden ovanför. Övriga kolumner har rubriker som
"2024 Utfall", "2025 Budget", "2025 Prognos helår" eller "2026 Förslag A". Skriv intäkter
positiva och kostnader med minustecken; tomma celler räknas som 0. Summarader ("Summa
intäkter", "Årets resultat", "Utgående eget kapital") får stå kvar: programmet räknar alltid
om dem och säger till om de inte stämmer. Alternativt kolumnerna kod, avsnitt, rad, underrad."""


def slug(text: str) -> str:
    """A budget-line code part: ``"Årsmöte/Medlemsmöte"`` → ``"arsmote-medlemsmote"``.

    Lowercase; å/ä → a, ö → o (any accent dropped); other non-alphanumerics → ``-``; runs
    collapsed; trimmed.
    """
    text = unicodedata.normalize("NFKD", str(text).strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def version_label(version: str, year: int | None = None) -> str:
    """``("forecast", 2025)`` → ``"2025 Prognos helår"``; a proposal keeps its own name."""
    label = VERSION_LABELS.get(version, version)
    return f"{year} {label}" if year is not None else label


def _kr(ore: int) -> str:
    return format_kr(ore, decimals=0 if ore % 100 == 0 else 2)


def _empty() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return empty_frame("budget_lines"), empty_frame("budget"), empty_frame("budget_equity")


def read_budget(folder: Path, problems: Problems, settings=None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(budget_lines, budget, budget_equity)`` from the data folder; problems are collected."""
    folder = Path(folder)
    path = find_input(folder, "budget")
    if path is None:
        problems.warning("budget.csv", None, missing_input(
            folder, "budget", _("budget"), _("the monthly report needs it to compare the ledger with")),
            rule=REPORT_INPUT)
        return _empty()
    if path.suffix == ".xlsx" and (folder / "budget.csv").exists():
        problems.warning("budget.csv", None, _("ignored: {stem}.xlsx is read instead (remove one of the two)", stem="budget"))
    grid = read_grid(path, problems, name=path.name)
    if grid is None:
        return _empty()
    bf = read_budget_file(grid, problems)
    if bf is None:
        return _empty()
    return build_budget(bf, problems)


# --- from rows to lines, leaf amounts and checked totals ---------------------------------

def _row_word(bf: BudgetFile) -> str:
    return _("line") if bf.grid.sheet is None else _("row")


def _resolve_lines(bf: BudgetFile, problems: Problems) -> tuple[dict, dict]:
    """Lines by code (dicts of code, section, name, parent, level, sort, row) and, per code, the
    file row holding its own figures (None for a line implied by its sub-lines)."""
    lines: dict[str, dict] = {}
    own_row: dict[str, int | None] = {}
    by_key: dict[tuple, str] = {}
    word = _row_word(bf)

    def add(e, code, parent_code, level, sort):
        key = (e.section, parent_code, slug(e.name))
        if not slug(e.name):
            problems.error(**bf.grid.place(e.row, e.name_pos),
                           message=_("line name {name} has no letters or digits to make a code from", name=repr(e.name)))
            return None
        if key in by_key:
            first = lines[by_key[key]]
            under = SECTION_NAMES[e.section] if not parent_code else f"{lines[parent_code]['name']!r}"
            problems.error(**bf.grid.place(e.row, e.name_pos),
                           message=_("duplicate budget line {name} under {under} (first on {word} {first})",
                                     name=repr(e.name), under=under, word=word, first=first['row']))
            return None
        if code in lines:
            problems.error(**bf.grid.place(e.row, e.name_pos),
                           message=_("budget line {name} has the code {code} of line {other} ({word} {row})",
                                     name=repr(e.name), code=repr(code), other=repr(lines[code]['name']),
                                     word=word, row=lines[code]['row']))
            return None
        if re.search(r"\s", code):
            problems.error(**bf.grid.place(e.row, e.name_pos), message=_("code {code} contains spaces", code=repr(code)))
            return None
        lines[code] = {"code": code, "section": e.section, "name": e.name, "parent": parent_code,
                       "level": level, "sort": sort, "row": e.row}
        by_key[key] = code
        own_row[code] = e.row
        return code

    line_entries = [e for e in bf.entries if e.kind == "line"]
    for i, e in enumerate(line_entries):
        if not e.parent:
            add(e, e.code or f"{SECTION_CODES[e.section]}.{slug(e.name)}", "", 1, (i, 0))
    for i, e in enumerate(line_entries):
        if not e.parent:
            continue
        parent_code = by_key.get((e.section, "", slug(e.parent)))
        if parent_code is None:  # structured layout: the line exists only through its sub-lines
            implied = type(e)(e.row, "line", e.section, e.parent, name_pos=e.name_pos)
            parent_code = add(implied, f"{SECTION_CODES[e.section]}.{slug(e.parent)}", "", 1, (i, 0))
            if parent_code is None:
                continue
            own_row[parent_code] = None
        elif lines[parent_code]["sort"] > (i, 0):
            lines[parent_code]["sort"] = (i, 0)
        add(e, e.code or f"{parent_code}.{slug(e.name)}", parent_code, 2, (i, 1))
    return lines, own_row


def build_budget(bf: BudgetFile, problems: Problems) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Lines, leaf amounts and equity from a read budget file; every total checked."""
    lines, own_row = _resolve_lines(bf, problems)
    ordered = sorted(lines.values(), key=lambda d: (0 if d["section"] == "income" else 1,
                                                    lines[d["parent"]]["sort"] if d["parent"] else d["sort"],
                                                    d["level"], d["sort"]))
    parents = {d["parent"] for d in ordered if d["parent"]}
    leaves = [d for d in ordered if d["code"] not in parents]
    budget_lines = pd.DataFrame({
        "code": pd.Series([d["code"] for d in ordered], dtype="str"),
        "section": pd.Series([d["section"] for d in ordered], dtype="str"),
        "name": pd.Series([d["name"] for d in ordered], dtype="str"),
        "parent": pd.Series([d["parent"] for d in ordered], dtype="str"),
        "level": pd.Series([d["level"] for d in ordered], dtype="int64"),
        "order": pd.Series(range(len(ordered)), dtype="int64"),
    })
    amounts, equity = [], []
    grid, figures = bf.grid, bf.figures
    for col in bf.columns:
        fig = figures[col.pos]

        def value(row, default=0):
            v = fig.get(row, pd.NA) if row is not None else pd.NA
            return default if pd.isna(v) else int(v)

        leaf_value = {d["code"]: value(own_row[d["code"]]) for d in leaves}
        checked = col.pos not in bf.unreadable  # a cell that is no amount: its totals cannot agree
        for d in leaves:
            amount = leaf_value[d["code"]]
            amounts.append((d["code"], col.version, col.year, amount))
            if (d["section"] == "income" and amount < 0) or (d["section"] == "cost" and amount > 0):
                message = (_("income line {name} is {amount} in {heading}: income is written positive",
                             name=repr(d['name']), amount=_kr(amount), heading=col.heading)
                           if d["section"] == "income" else
                           _("cost line {name} is {amount} in {heading}: costs are written with a minus sign",
                             name=repr(d['name']), amount=_kr(amount), heading=col.heading))
                problems.warning(**grid.place(own_row[d["code"]], col.pos), message=message)
        for code in (d["code"] for d in ordered if d["code"] in parents):
            given = value(own_row.get(code), None)
            subs = sum(leaf_value[d["code"]] for d in leaves if d["parent"] == code)
            if checked and given is not None and given != subs:
                problems.error(**grid.place(own_row[code], col.pos),
                               message=_("budget total disagrees with its lines: {name} {heading} is {given}, "
                                         "its sub-lines sum to {sum}", name=repr(lines[code]['name']),
                                         heading=col.heading, given=_kr(given), sum=_kr(subs)))
        section_sum = {s: sum(leaf_value[d["code"]] for d in leaves if d["section"] == s) for s in SECTION_NAMES}
        result = section_sum["income"] + section_sum["cost"]
        eq = {}
        for e in bf.entries:
            given = value(e.row, None)
            if not checked:
                continue
            if e.kind == "total" and given is not None and given != section_sum[e.section]:
                problems.error(**grid.place(e.row, col.pos),
                               message=_("budget total disagrees with its lines: {name} {heading} is {given}, "
                                         "the {section} lines sum to {sum}", name=repr(e.name),
                                         heading=col.heading, given=_kr(given),
                                         section=SECTION_NAMES[e.section].lower(), sum=_kr(section_sum[e.section])))
            elif e.kind == "result" and given is not None and given != result:
                problems.error(**grid.place(e.row, col.pos),
                               message=_("budget total disagrees with its lines: {name} {heading} is {given}, "
                                         "income and costs sum to {sum}", name=repr(e.name),
                                         heading=col.heading, given=_kr(given), sum=_kr(result)))
            elif e.kind in ("opening", "closing"):
                if e.kind in eq:
                    problems.error(**grid.place(e.row, e.name_pos),
                                   message=_("a second {name} row ({word} {row} has one already)",
                                             name=repr(e.name), word=_row_word(bf), row=eq[e.kind][0]))
                elif given is not None:
                    eq[e.kind] = (e.row, given)
        if "opening" in eq and "closing" in eq and eq["closing"][1] != eq["opening"][1] + result:
            problems.error(**grid.place(eq["closing"][0], col.pos),
                           message=_("closing equity disagrees with opening equity plus the result: "
                                     "{heading} is {closing}, {opening} + {result} = {sum}", heading=col.heading,
                                     closing=_kr(eq['closing'][1]), opening=_kr(eq['opening'][1]),
                                     result=_kr(result), sum=_kr(eq['opening'][1] + result)))
        if eq:
            opening = eq["opening"][1] if "opening" in eq else eq["closing"][1] - result
            equity.append((col.version, col.year, opening, opening + result, eq.get("opening", eq.get("closing"))[0], col))
    _check_equity_chain(bf, equity, problems)
    budget = pd.DataFrame(amounts, columns=["code", "version", "year", "amount"])
    budget_equity = pd.DataFrame([e[:4] for e in equity], columns=["version", "year", "opening", "closing"])
    return (budget_lines, _typed(budget, "budget"), _typed(budget_equity, "budget_equity"))


def _check_equity_chain(bf: BudgetFile, equity: list, problems: Problems) -> None:
    """Warn when a year's opening equity is none of the previous year's closing figures."""
    by_year: dict[int, list] = {}
    for e in equity:
        by_year.setdefault(e[1], []).append(e)
    for version, year, opening, _closing, row, col in equity:
        before = by_year.get(year - 1)
        if before and all(b[3] != opening for b in before):
            closings = ", ".join(f"{b[5].heading} {_kr(b[3])}" for b in before)
            problems.warning(**bf.grid.place(row, col.pos),
                             message=_("opening equity {heading} ({opening}) is none of the closing "
                                       "equities of {year} ({closings})", heading=col.heading,
                                       opening=_kr(opening), year=year - 1, closings=closings))


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    empty = empty_frame(name)
    if frame.empty:
        return empty
    return frame.astype({c: t for c, t in empty.dtypes.items()})


# --- the budget as a table with computed totals ------------------------------------------

def leaf_lines(books) -> pd.DataFrame:
    """The budget lines accounts may map to: lines without sub-lines, and sub-lines (in order)."""
    lines = books.budget_lines
    parents = set(lines["parent"][lines["parent"] != ""])
    return lines[~lines["code"].isin(parents)].sort_values("order").reset_index(drop=True)


def structure_table(budget_lines: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Leaf values laid out in the budget's line structure, with every total computed.

    ``values``: indexed by leaf code, int64 öre columns (missing leaves count 0). Returns
    columns code, name, level, kind (``section``/``line``/``subline``/``total``/``result``) and
    the value columns, int64; a section heading row carries its section's total.
    Raises ValueError for values on codes that are not leaf lines.
    """
    lines = budget_lines.sort_values("order")
    parents = set(lines["parent"][lines["parent"] != ""])
    leaf_codes = lines["code"][~lines["code"].isin(parents)]
    unknown = sorted(set(values.index) - set(leaf_codes))
    if unknown:
        raise ValueError(f"values for codes that are not leaf budget lines: {', '.join(map(str, unknown))}")
    cols = list(values.columns)
    leaf = values.reindex(leaf_codes).fillna(0).astype("int64")
    per_line = pd.concat([leaf, leaf.groupby(lines.set_index("code").loc[leaf.index, "parent"].to_numpy()).sum()])
    per_line = per_line[per_line.index != ""]
    section_of = lines.set_index("code")["section"]
    by_section = leaf.groupby(section_of.loc[leaf.index].to_numpy()).sum().reindex(list(SECTION_NAMES), fill_value=0)
    rows, data = [], []
    for section, heading in SECTION_NAMES.items():
        rows.append((SECTION_CODES[section], heading, 0, "section"))
        data.append(by_section.loc[section])
        for line in lines[lines["section"] == section].itertuples():
            rows.append((line.code, line.name, int(line.level), "line" if line.level == 1 else "subline"))
            data.append(per_line.loc[line.code] if line.code in per_line.index else pd.Series(0, index=cols))
        rows.append((*TOTAL_ROWS[section], 0, "total"))
        data.append(by_section.loc[section])
    rows.append((*RESULT_ROW, 0, "result"))
    data.append(by_section.sum())
    table = pd.DataFrame(rows, columns=["code", "name", "level", "kind"])
    table = table.astype({"code": "str", "name": "str", "level": "int64", "kind": "str"})
    numbers = pd.DataFrame([list(d.reindex(cols)) for d in data], columns=cols)
    return pd.concat([table, numbers.astype("int64")], axis=1)


def budget_table(books, year: int | None = None, versions=None, *, equity: bool = False) -> pd.DataFrame:
    """The budget in its line structure with every total computed from its lines (int64 öre).

    ``year=None``: one column per year and version, headed ``"2024 Utfall"``, ``"2025 Budget"``,
    ``"2025 Prognos helår"``, …; ``year=2025``: that year's versions, headed ``"Utfall"``,
    ``"Budget"``, ``"Prognos helår"`` or the proposal's name. ``versions`` (``["budget",
    "forecast"]``) picks versions and their order. ``equity=True`` adds ``Ingående`` /
    ``Utgående eget kapital`` rows (kind ``equity``; closing computed = opening + result;
    columns become ``Int64`` with ``<NA>`` where the file gives no equity).
    """
    budget = books.budget
    have_years = sorted(set(int(y) for y in budget["year"]))
    if year is not None:
        budget = budget[budget["year"] == year]
        if budget.empty:
            raise UsageError(_("the budget has no figures for {year} (it has: {have})", year=year,
                               have=', '.join(map(str, have_years)) or _('none')))
    keys = list(dict.fromkeys(zip(budget["year"].astype(int), budget["version"])))
    if versions is not None:
        missing = [v for v in versions if v not in {k[1] for k in keys}]
        if missing:
            have = ", ".join(dict.fromkeys(k[1] for k in keys))
            raise UsageError(_("the budget has no version {versions} (it has: {have})", versions=', '.join(missing), have=have))
        keys = [k for v in versions for k in keys if k[1] == v]
        keys.sort(key=lambda k: (k[0], list(versions).index(k[1])))
    else:
        keys.sort(key=lambda k: (k[0], VERSION_RANK.get(k[1], 3)))
    labels = {k: version_label(k[1], None if year is not None else k[0]) for k in keys}
    pivot = budget.pivot_table(index="code", columns=["year", "version"], values="amount", aggfunc="sum")
    values = pd.DataFrame({labels[k]: pivot[k] if k in pivot.columns else 0 for k in keys},
                          index=pivot.index).fillna(0).astype("int64")
    table = structure_table(books.budget_lines, values)
    if equity and not books.budget_equity.empty:
        table = _with_equity(table, books.budget_equity, keys, labels)
    return table


def _with_equity(table: pd.DataFrame, budget_equity: pd.DataFrame, keys, labels) -> pd.DataFrame:
    result = table[table["kind"] == "result"].iloc[0]
    eq = budget_equity.set_index(["year", "version"])
    rows = []
    for kind, (code, name) in EQUITY_ROWS.items():
        row = {"code": code, "name": name, "level": 0, "kind": "equity"}
        for k in keys:
            opening = eq["opening"].get(k)
            row[labels[k]] = pd.NA if opening is None else int(opening) + (int(result[labels[k]]) if kind == "closing" else 0)
        rows.append(row)
    extra = pd.DataFrame(rows)
    out = pd.concat([table, extra], ignore_index=True)
    return out.astype({labels[k]: "Int64" for k in keys} | {"level": "int64"})
