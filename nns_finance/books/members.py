"""The member register (``members.xlsx`` or ``members.csv``): who the members are, when they
joined and leave, their indicator agreements, and their fee base per year.

One row per member. Columns (Swedish or English headers; case and accents ignored):

=====================  ============================================  =========
canonical              accepted headers                              required
=====================  ============================================  =========
member_id              medlems-id, id, member id                     yes
name                   namn, name                                    yes
org_number             organisationsnummer, orgnr, org number        no
joined                 inträde, medlem sedan, joined                 no
notice_date            utträde anmält, uppsägning, withdrawal notice no
withdrawal_date        utträde från, utträde, withdrawal date        no
indicator_from / _to   indikatoravtal från / till, indicator from/to no
note                   anmärkning, kommentar, note                   no
``underlag YYYY``      also ``base YYYY``, ``avgiftsunderlag YYYY``, one column per year
=====================  ============================================  =========

The fee base of a year is the member's *tilldelning och matchning* (allocation plus matching
funds) in kronor; a blank cell means no base for that year. A blank withdrawal date with a
notice date is computed from the notice rule in ``settings.toml`` (``[notice] deadline``).
Any other column (a note) is ignored with a warning, never an error.

:func:`read_members` returns the ``members`` and ``fee_bases`` frames of
:data:`nns_finance.books.load.SCHEMAS` and records every problem with file:line.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.schema import empty_frame
from ..core.money import parse_ore_series
from ..core.problems import Problems
from ..core.settings import NoticeRule, Settings
from .grids import Column, normalise_header, parse_dates, read_input_table
from ..core.i18n import _
from ..core.dates import outside_years, year_outside

STEM = "members"

COLUMNS = [
    Column("member_id", ("medlems-id", "medlemsid", "medlemsnummer", "id", "member id", "member")),
    Column("name", ("namn", "medlem", "medlemsnamn", "förbund", "member name")),
    Column("org_number", ("organisationsnummer", "orgnr", "org nr", "org.nr", "org number",
                          "organisation number", "organization number"), required=False),
    Column("joined", ("inträde", "inträdesdatum", "medlem sedan", "member since", "joined"), required=False),
    Column("notice_date", ("utträde anmält", "uttradesanmalan", "uppsägning", "uppsagd",
                           "withdrawal notice", "notice", "notice date"), required=False),
    Column("withdrawal_date", ("utträde från", "utträde", "utträdesdatum", "withdrawal",
                               "withdrawal date", "withdrawal effective", "left"), required=False),
    Column("indicator_from", ("indikatoravtal från", "indikatorer från", "indicator from",
                              "indicator agreement from"), required=False),
    Column("indicator_to", ("indikatoravtal till", "indikatorer till", "indicator to",
                            "indicator agreement to"), required=False),
    Column("note", ("anmärkning", "anmärkningar", "kommentar", "not", "notes", "comment"), required=False),
]
DATE_COLUMNS = ("joined", "notice_date", "withdrawal_date", "indicator_from", "indicator_to")
BASE_HEADER = re.compile(r"^(?:underlag|avgiftsunderlag|tilldelning_och_matchning|tilldelning_matchning"
                         r"|base|fee_base)_?(\d{4})$")
ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")

TEMPLATE_FILES = {
    "members.csv": ("medlems-id;namn;organisationsnummer;inträde;utträde anmält;utträde från;"
                    "indikatoravtal från;indikatoravtal till;underlag 2025;underlag 2026;anmärkning\n"),
}
TEMPLATE_HELP = {
    "members.csv": (
        "medlemsregistret: en rad per medlem (samordningsförbund). Medlems-id är ett kort, unikt "
        "id (t.ex. M01). Datum skrivs ÅÅÅÅ-MM-DD. Inträde: när förbundet blev medlem (tomt = "
        "sedan länge). Utträde anmält: dagen den skriftliga begäran kom in; utträde från: första "
        "dagen förbundet inte längre är medlem — lämnas det tomt räknas det fram ur "
        "uppsägningsregeln i settings.toml. Indikatoravtal från/till: avtal om de nationella "
        "indikatorerna (tomt till = tills vidare). Underlag ÅÅÅÅ: förbundets tilldelning och "
        "matchning det året i kronor — serviceavgiften är promillesatsen av detta belopp. Lägg "
        "till en kolumn per år. Anmärkning är fri text."),
}


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _effective_dates(notice: pd.Series, rule: NoticeRule) -> pd.Series:
    """The withdrawal date the notice rule gives for each notice date (NaT where none)."""
    on_time = (notice.dt.month * 100 + notice.dt.day) <= rule.deadline_month * 100 + rule.deadline_day
    year = notice.dt.year + np.where(on_time, 1, 2)
    text = year.astype("Int64").astype("string") + "-01-01"
    return pd.to_datetime(text.where(notice.notna()), format="%Y-%m-%d", errors="coerce")


def _fmt(day) -> str:
    return pd.Timestamp(day).date().isoformat()


def read_members(folder: Path, problems: Problems, settings: Settings | None):
    """Read the member register of ``folder`` → ``(members, fee_bases)`` frames.

    A folder without a register gives empty frames (the fee commands then say so); every
    problem in the file is recorded in ``problems``, and rows with errors in their id are
    left out of the frames (their problems say why).
    """
    folder = Path(folder)
    table = read_input_table(folder, STEM, COLUMNS, problems)
    if table is None:
        return empty_frame("members"), empty_frame("fee_bases")
    grid = table.grid
    notice_rule = settings.notice if settings is not None else NoticeRule()
    text = table.frame

    def err(row, column, message, warning=False):
        place = table.place(row, column)
        (problems.warning if warning else problems.error)(**place, message=message)

    # -- fee-base columns: "underlag 2025", "base 2025", ...
    headers = [str(h) for h in grid.cells.iloc[0].tolist()]
    base_cols: dict[int, int] = {}
    for pos, header in enumerate(headers):
        m = BASE_HEADER.match(normalise_header(header)) if header else None
        if not m:
            continue
        year = int(m[1])
        if year in base_cols:
            problems.error(**grid.place(table.header_row, pos),
                           message=_("two fee-base columns for {year} ({first} and {second})", year=year,
                                     first=repr(headers[base_cols[year]]), second=repr(header)))
            continue
        base_cols[year] = pos
    claimed = set(table.col_pos.values()) | set(base_cols.values())
    for pos, header in enumerate(headers):
        if header and pos not in claimed:
            problems.warning(**grid.place(table.header_row, pos),
                             message=_("column {column} is not a member-register column; ignored", column=repr(header)))
    if not base_cols and len(text):
        problems.warning(**grid.place(table.header_row),
                         message=_("no fee-base columns (headers like 'underlag 2026' or 'base 2026')"))

    # -- ids and names
    ids = text["member_id"].str.strip()
    for row in ids.index[ids == ""]:
        err(row, "member_id", _("member id is blank"))
    first_line = {}
    dup = pd.Series(False, index=ids.index)
    for row, mid in ids[ids != ""].items():
        if mid in first_line:
            where = _("line") if grid.sheet is None else _("row")
            err(row, "member_id", _("duplicate member id {member} (first on {word} {first})", member=repr(mid),
                                    word=where, first=first_line[mid]))
            dup[row] = True
        else:
            first_line[mid] = row
    for row in text.index[text["name"].str.strip() == ""]:
        err(row, "name", _("member name is blank"))

    # -- organisation numbers: warnings only
    org = text["org_number"].str.strip()
    for row, value in org[org != ""].items():
        m = ORG_NUMBER.match(value)
        if not m:
            err(row, "org_number", _("organisation number {value} is not NNNNNN-NNNN", value=repr(value)), warning=True)
        elif not _luhn_ok(m[1] + m[2]):
            err(row, "org_number", _("organisation number {value} fails its check digit", value=repr(value)), warning=True)
    norm_org = org.str.replace("-", "", regex=False)
    dup_org = norm_org.duplicated(keep="first") & (norm_org != "")
    for row in dup_org.index[dup_org]:
        err(row, "org_number", _("organisation number {value} is also on another member", value=org[row]), warning=True)

    # -- dates
    dates = {}
    for col in DATE_COLUMNS:
        parsed, bad = parse_dates(text[col])
        for row in bad.index[bad]:
            err(row, col, _("date {value}", value=outside_years(text[col][row])) if year_outside(text[col][row])
                else _("not a date: {value} (expected YYYY-MM-DD)", value=repr(text[col][row])))
        dates[col] = parsed.astype("datetime64[ns]")
    joined, notice, left = dates["joined"], dates["notice_date"], dates["withdrawal_date"]
    ruled = _effective_dates(notice, notice_rule).astype("datetime64[ns]")
    computed = left.isna() & notice.notna()
    left = left.where(~computed, ruled)

    def rows(mask):
        return mask.index[mask.fillna(False).astype(bool)]

    for row in rows(left.notna() & joined.notna() & (left <= joined)):
        err(row, "withdrawal_date", _("withdrawal takes effect {left}, on or before joining {joined}",
                                      left=_fmt(left[row]), joined=_fmt(joined[row])))
    for row in rows(notice.notna() & joined.notna() & (notice < joined)):
        err(row, "notice_date", _("withdrawal notice {notice} is before joining {joined}", notice=_fmt(notice[row]),
                                  joined=_fmt(joined[row])))
    for row in rows(~computed & notice.notna() & left.notna() & (left < notice)):
        err(row, "withdrawal_date", _("withdrawal takes effect {left}, before its notice {notice}",
                                      left=_fmt(left[row]), notice=_fmt(notice[row])))
    for row in rows(~computed & notice.notna() & left.notna() & (left >= notice) & (left < ruled)):
        err(row, "withdrawal_date", _("withdrawal takes effect {left}, earlier than the notice rule gives "
                                      "({ruled} for notice on {notice})", left=_fmt(left[row]),
                                      ruled=_fmt(ruled[row]), notice=_fmt(notice[row])),
            warning=True)
    ind_from, ind_to = dates["indicator_from"], dates["indicator_to"]
    for row in rows(ind_from.notna() & ind_to.notna() & (ind_to < ind_from)):
        err(row, "indicator_to", _("indicator agreement ends {end}, before it starts {start}",
                                   end=_fmt(ind_to[row]), start=_fmt(ind_from[row])))
    for row in rows(ind_to.notna() & ind_from.isna()):
        err(row, "indicator_from", _("indicator agreement has an end date but no start date"))
    for row in rows(ind_from.notna() & left.notna() & (ind_from >= left)):
        err(row, "indicator_from", _("indicator agreement starts {start}, after the member has left ({left})",
                                     start=_fmt(ind_from[row]), left=_fmt(left[row])), warning=True)

    members = pd.DataFrame({
        "member_id": ids.astype("string"),
        "name": text["name"].str.strip().astype("string"),
        "org_number": org.astype("string"),
        "joined": joined, "notice_date": notice, "withdrawal_date": left,
        "indicator_from": ind_from, "indicator_to": ind_to,
    })
    keep = (ids != "") & ~dup
    members = members[keep].reset_index()   # "index" keeps the source line for the checks below
    lines = members.pop("index")

    # -- fee bases
    base_frames = []
    filled: dict[int, set] = {}
    for year, pos in sorted(base_cols.items()):
        cells = grid.cells.loc[text.index, pos] if pos in grid.cells.columns else pd.Series("", index=text.index)
        filled[year] = set(ids[cells.str.strip() != ""])
        ore, bad = parse_ore_series(cells)
        for row in bad.index[bad != ""]:
            problems.error(**grid.place(row, pos), message=_("fee base {year}: {why}", year=year, why=bad[row]))
        negative = ore.notna() & (ore < 0)
        for row in negative.index[negative.fillna(False)]:
            problems.error(**grid.place(row, pos), message=_("negative fee base {year}: {value}", year=year,
                                                              value=cells[row].strip()))
        ok = ore.notna() & ~negative.fillna(False) & keep
        base_frames.append(pd.DataFrame({"member_id": ids[ok].astype("string"),
                                         "year": np.int64(year), "base": ore[ok].astype("int64")}))
    fee_bases = (pd.concat(base_frames, ignore_index=True) if base_frames else empty_frame("fee_bases"))
    fee_bases = fee_bases.astype({"member_id": "string", "year": "int64", "base": "int64"})

    _warn_missing_bases(members, lines, filled, base_cols, settings, problems, table)
    return members.reset_index(drop=True), fee_bases


def _warn_missing_bases(members, lines, filled, base_cols, settings, problems, table) -> None:
    """A warning for each member that pays in a year with fee rules but whose base cell for it
    is blank (a filled but bad cell is already an error)."""
    if settings is None or members.empty:
        return
    from ..core.payers import fee_payers

    for year, rule in sorted(settings.fees.items()):
        payers = fee_payers(members, year, rule)
        paying = set(payers.loc[payers["pays"], "member_id"])
        if not paying:
            continue
        if year not in base_cols:
            problems.warning(**table.place(table.header_row),
                             message=_("no fee-base column for {year} (settings.toml has fee rules for "
                                       "{year}; add a column 'underlag {year}')", year=year))
            continue
        have = filled[year]
        for i, mid in members["member_id"].items():
            if mid in paying and mid not in have:
                problems.warning(**table.grid.place(int(lines[i]), base_cols[year]),
                                 message=_("member {member} pays fees for {year} but has no fee base for "
                                           "{year}; its service fee is 0", member=mid, year=year))


def on_register(members: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The members on the register on ``day`` (joined on or before it, not yet withdrawn)."""
    ts = pd.Timestamp(day)
    mask = ((members["joined"].isna() | (members["joined"] <= ts))
            & (members["withdrawal_date"].isna() | (members["withdrawal_date"] > ts)))
    return members[mask]
