"""The ledger (huvudbok): vouchers and opening balances from the data folder's ``ledger/`` folder.

:func:`read_ledger` reads every file in ``<data folder>/ledger/``:

- voucher exports as CSV or ``.xlsx``, one row per voucher row, with the columns series, number,
  date, account, amount and (optionally) text — Swedish headers too (serie, verifikationsnummer,
  datum, konto, belopp, text …), or separate ``debet``/``kredit`` columns instead of the amount;
  the Swedish CSV dialect (semicolons, decimal comma, space thousands, Windows-1252) is read;
- ``opening_balances.csv`` / ``.xlsx``: the opening balances (IB) per year and account;
- SIE files (``.se``, ``.si``), handed to :func:`nns_finance.books.sie_ledger.load_for_ledger`.

The fiscal year of a voucher file is the year in its name (``2024.csv``) or else
``settings.fiscal_year``. Amounts follow the bookkeeping (SIE) sign: debit positive.

Every problem is collected with its file and line: missing columns, bad amounts, dates and
accounts, empty series/number/account, vouchers that do not balance, duplicate voucher numbers
(two dates for one voucher, or one voucher in two files), dates outside the fiscal year.
Rows with a row-level error are reported and left out of the frame.

What the report needs from the loaded ledger is in :mod:`nns_finance.accounting.outcome` and re-exported
here: :func:`outcome_by_line` (sums per budget line and month, budget sign) and
:func:`trial_balance` (per account: opening, movements, closing).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.problems import REPORT_INPUT
from ..core.schema import SCHEMAS, empty_frame
from .ledger_amounts import ore_column
from ..core.money import format_kr
from ..core import progress
from ..core.problems import Problems
from ..core.settings import Settings
from .grids import Column, Table, columns_by_header, display_name, parse_dates, read_grid
from ..core.i18n import _
from ..core.dates import outside_years, year_outside

LEDGER_FOLDER = "ledger"
OPENING_BALANCES = "opening_balances"
VOUCHER_SUFFIXES = (".csv", ".xlsx", ".xls", ".ods", ".numbers")
SIE_SUFFIXES = (".se", ".si")
NO_LEDGER = ("the monthly report needs the year's vouchers there, as exported by the bookkeeping program "
             "(SIE .se/.si, CSV or .xlsx; `nns-finance init` writes a template)")


def no_ledger() -> str:
    """:data:`NO_LEDGER` in the current language."""
    return _("the monthly report needs the year's vouchers there, as exported by the bookkeeping program "
             "(SIE .se/.si, CSV or .xlsx; `nns-finance init` writes a template)")

VOUCHER_COLUMNS = [
    Column("series", ("serie", "verifikationsserie", "ver_serie", "verserie")),
    Column("number", ("verifikationsnummer", "vernr", "ver_nr", "nr", "verifikationsnr",
                      "voucher", "voucher_number")),
    Column("date", ("datum", "bokföringsdag", "bokföringsdatum", "verifikationsdatum")),
    Column("account", ("konto", "kontonummer", "kontonr", "konto nr")),
    Column("amount", ("belopp",), required=False),
    Column("debit", ("debet",), required=False),
    Column("credit", ("kredit",), required=False),
    Column("text", ("beskrivning", "verifikationstext", "benämning"), required=False),
]

BALANCE_COLUMNS = [
    Column("year", ("år", "räkenskapsår"), required=False),
    Column("account", ("konto", "kontonummer", "kontonr")),
    Column("amount", ("belopp", "saldo", "ingående balans", "ib"), required=False),
    Column("debit", ("debet",), required=False),
    Column("credit", ("kredit",), required=False),
]

TEMPLATE_FILES: dict[str, str] = {
    "ledger/verifikationer.csv": "serie;verifikationsnummer;datum;konto;belopp;text\n",
    "ledger/opening_balances.csv": "år;konto;belopp\n",
}

TEMPLATE_HELP = """\
ledger/ — bokföringen (huvudboken)
  Lägg här verifikationerna som bokföringsprogrammet exporterar: en SIE-fil (.se/.si) eller
  CSV/Excel med en rad per verifikationsrad och kolumnerna serie, verifikationsnummer, datum
  (ÅÅÅÅ-MM-DD), konto (fyrsiffrigt BAS-konto), belopp (debet positivt, kredit negativt) och
  text. I stället för belopp går det att ha två kolumner, debet och kredit. Semikolon,
  decimalkomma och mellanslag som tusentalsavgränsare går bra. Räkenskapsåret tas från
  filnamnet (2025.csv) eller annars från settings.toml. Varje verifikation måste balansera.
  opening_balances.csv: ingående balanser (IB) per år och balanskonto (år;konto;belopp),
  debet positivt: eget kapital på 2067 skrivs alltså med minustecken. Behövs inte om
  SIE-filen redan har #IB-rader.
"""

_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20|21)\d\d)(?!\d)")


# --- the data folder's ledger/ ---------------------------------------------------------

def read_ledger(folder: Path, problems: Problems, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every voucher and balance in ``<folder>/ledger/`` as ``(ledger, balances)`` frames."""
    folder = Path(folder)
    where = folder / LEDGER_FOLDER
    if not where.exists():
        problems.warning(LEDGER_FOLDER, None, _("no ledger/ folder: {why}", why=no_ledger()), rule=REPORT_INPUT)
        return empty_frame("ledger"), empty_frame("balances")
    if not where.is_dir():
        problems.error(display_name(where, folder), None, _("expected a folder holding the ledger files"))
        return empty_frame("ledger"), empty_frame("balances")
    vouchers: list[pd.DataFrame] = []
    balances: list[pd.DataFrame] = []    # with a 'source' and a 'line' column until combined
    opening_files = []
    for path in sorted(where.iterdir()):
        if path.name.startswith((".", "~$")):
            continue
        name = display_name(path, folder)
        suffix = path.suffix.lower()
        if path.is_dir():
            problems.warning(name, None, _("sub-folders of ledger/ are not read"))
        elif path.stem.lower() == OPENING_BALANCES and suffix in VOUCHER_SUFFIXES:
            if opening_files:
                problems.error(name, None, _("opening balances given twice: also in {other}; "
                                             "keep one file (this one is not read)", other=opening_files[0]))
                continue
            opening_files.append(name)
            balances.append(read_opening_balances(path, problems, settings, name=name))
        elif suffix in VOUCHER_SUFFIXES:
            year, origin = file_year(path, settings)
            with progress.step(f"Läser {name}"):
                vouchers.append(read_vouchers(path, problems, year, name=name, year_origin=origin))
        elif suffix in SIE_SUFFIXES:
            ledger, bal = _read_sie(path, problems, name)
            vouchers.append(ledger)
            balances.append(bal.assign(source=name, line=pd.array([pd.NA] * len(bal), dtype="Int64")))
        elif suffix != ".md":
            problems.warning(name, None, _("not read: a ledger file is .csv, .xlsx, .se or .si"))
    if not vouchers and not balances:
        problems.warning(LEDGER_FOLDER, None, _("no voucher files in ledger/: {why}", why=no_ledger()), rule=REPORT_INPUT)
    ledger = _combine(vouchers, "ledger")
    _check_across_files(ledger, problems)
    return ledger, _combine_balances(balances, problems)


def file_year(path: Path, settings: Settings) -> tuple[int, str]:
    """The fiscal year of a voucher file: the year in its name, else ``settings.fiscal_year``."""
    m = _YEAR_IN_NAME.search(Path(path).stem)
    if m:
        return int(m[1]), "the file name"
    return int(settings.fiscal_year), "settings.toml"


def _read_sie(path: Path, problems: Problems, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from .sie_ledger import load_for_ledger

    return load_for_ledger(path, problems, name)


def _combine(frames: list[pd.DataFrame], schema: str) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(schema)
    out = pd.concat([f[list(SCHEMAS[schema]) + [c for c in EXTRA.get(schema, {}) if c in f]] for f in frames],
                    ignore_index=True)
    return _typed(out, schema)


# Columns a loaded frame carries beyond SCHEMAS (frames made elsewhere may lack them): the
# voucher's registration date, which only SIE files give (``#VER`` regdate), NaT otherwise.
EXTRA = {"ledger": {"reg_date": "datetime64[ns]"}}


def _typed(frame: pd.DataFrame, schema: str) -> pd.DataFrame:
    cols = {}
    frame = frame.reset_index(drop=True)
    extra = EXTRA.get(schema, {})
    if extra:
        frame = frame.assign(**{c: frame[c] if c in frame else pd.NaT for c in extra})
    for col, dtype in {**SCHEMAS[schema], **extra}.items():
        s = frame[col]
        if dtype == "str":
            cols[col] = s.astype("str")
        elif dtype.startswith("datetime64"):
            cols[col] = s.astype("datetime64[ns]")
        else:
            cols[col] = s.astype(dtype)
    return pd.DataFrame(cols, index=pd.RangeIndex(len(frame)))


def _check_across_files(ledger: pd.DataFrame, problems: Problems) -> None:
    """One voucher number (in one year and series) in two files."""
    if ledger.empty or ledger["source"].nunique() < 2:
        return
    firsts = ledger.drop_duplicates(["year", "series", "number", "source"])
    dup = firsts[firsts.duplicated(["year", "series", "number"], keep=False)]
    for _key, group in dup.groupby(["year", "series", "number"], sort=False):
        first = group.iloc[0]
        for _i, row in group.iloc[1:].iterrows():
            problems.error(row["source"], int(row["line"]),
                           _("duplicate voucher number {series} {number} (year {year}): also in {other}",
                             series=row['series'], number=row['number'], year=row['year'],
                             other=f"{first['source']}:{int(first['line'])}"))


def _combine_balances(frames: list[pd.DataFrame], problems: Problems) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame("balances")
    allb = pd.concat(frames, ignore_index=True)
    again = allb.duplicated(["year", "account", "kind"], keep="first")
    if again.any():
        first = allb.drop_duplicates(["year", "account", "kind"]).set_index(["year", "account", "kind"])
        for _i, row in allb[again].iterrows():
            src = first.loc[(row["year"], row["account"], row["kind"]), "source"]
            line = None if pd.isna(row["line"]) else int(row["line"])
            kind = _kind_name(row["kind"])
            problems.error(row["source"], line, _("{kind} of account {account} for {year} given twice: also in {other}",
                                                  kind=kind, account=row['account'], year=row['year'], other=src))
        allb = allb[~again]
    return _typed(allb, "balances")


def _kind_name(kind: str) -> str:
    return {"IB": _("opening balance"), "UB": _("closing balance"), "RES": _("result")}.get(kind, kind)


# --- one voucher file ------------------------------------------------------------------

def read_vouchers(path: Path, problems: Problems, year: int, *, name: str | None = None,
                  year_origin: str = "settings.toml") -> pd.DataFrame:
    """One CSV/xlsx voucher export as a ``ledger`` frame (rows with errors are left out)."""
    name = name or str(path)
    grid = read_grid(path, problems, name=name, kind="ledger")
    if grid is None:
        return empty_frame("ledger")
    table = columns_by_header(grid, VOUCHER_COLUMNS, problems)
    if table is None or not _has_amount_columns(table, problems):
        return empty_frame("ledger")
    f = table.frame
    n = len(f)
    if n == 0:
        return empty_frame("ledger")
    lines = f.index.to_numpy(dtype=np.int64)
    bad = np.zeros(n, dtype=bool)
    report = _Reporter(table, problems, lines)

    series, number, account = f["series"], f["number"], f["account"]
    for col, label in (("series", _("empty voucher series")), ("number", _("empty voucher number"))):
        empty = (f[col] == "").to_numpy()
        report.rows(empty, col, lambda i: label)
        bad |= empty
    codes, uniques = pd.factorize(account)          # a ledger uses few accounts: check each once
    u_empty = np.asarray(uniques == "", dtype=bool)
    u_bad = ~np.asarray(pd.Series(uniques, dtype="str").str.fullmatch(r"\d{4}"), dtype=bool) & ~u_empty
    report.rows(u_empty[codes], "account", lambda i: _("empty account"))
    report.rows(u_bad[codes], "account", lambda i: _("account {account} is not a 4-digit BAS account", account=repr(account.iat[i])))
    bad |= u_empty[codes] | u_bad[codes]

    amount, amount_bad = _amounts(table, report)
    bad |= amount_bad

    dates, date_bad = _dates(f["date"], report)
    bad |= date_bad
    ok_date = ~np.isnat(dates)
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    outside = ok_date & (years != year)
    report.rows(outside, "date", lambda i: _("date {date} is outside the fiscal year {year} (from {origin})",
                                             date=str(dates[i])[:10], year=year, origin=year_origin))
    bad |= outside

    frame = pd.DataFrame({
        "year": np.full(n, year, dtype=np.int64), "series": series.to_numpy(), "number": number.to_numpy(),
        "date": dates, "account": account.to_numpy(), "amount": amount, "text": f["text"].to_numpy(),
        "source": name, "line": lines, "reg_order": np.arange(1, n + 1, dtype=np.int64),
        "reg_date": np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")})
    _check_vouchers(frame, bad, report)
    good = frame[~bad]
    return _typed(good.assign(amount=good["amount"].astype(np.int64)), "ledger")


def _has_amount_columns(table: Table, problems: Problems) -> bool:
    if "amount" in table.col_pos or ("debit" in table.col_pos and "credit" in table.col_pos):
        return True
    headers = [str(h) for h in table.grid.cells.iloc[0].tolist() if str(h)]
    problems.error(**table.place(table.header_row),
                   message=_("missing column 'amount' (or the two columns 'debit' and 'credit') (the header has: {found})",
                             found=', '.join(headers) or _('nothing')))
    return False


class _Reporter:
    """Records one problem per flagged row, at its line (and cell, in a workbook)."""

    def __init__(self, table: Table, problems: Problems, lines: np.ndarray):
        self.table, self.problems, self.lines = table, problems, lines

    def rows(self, mask: np.ndarray, column: str | None, message) -> None:
        for i in np.flatnonzero(mask):
            self.at(int(i), column, message(int(i)))

    def at(self, i: int, column: str | None, message: str) -> None:
        self.problems.error(**self.table.place(int(self.lines[i]), column), message=message)


def _amounts(table: Table, report: _Reporter) -> tuple[np.ndarray, np.ndarray]:
    """Öre per row (0 where bad) and the mask of rows whose amount is bad or missing."""
    f = table.frame
    if "amount" in table.col_pos:
        ore, reason = ore_column(f["amount"])
        blank = ore.isna().to_numpy() & (reason == "").to_numpy()
        report.rows(blank, "amount", lambda i: _("empty amount"))
        failed = (reason != "").to_numpy()
        report.rows(failed, "amount", lambda i: reason.iat[i])
        return ore.fillna(0).to_numpy(dtype=np.int64), blank | failed
    debit, d_reason = ore_column(f["debit"])
    credit, c_reason = ore_column(f["credit"])
    d_failed, c_failed = (d_reason != "").to_numpy(), (c_reason != "").to_numpy()
    report.rows(d_failed, "debit", lambda i: _("debit: {why}", why=d_reason.iat[i]))
    report.rows(c_failed, "credit", lambda i: _("credit: {why}", why=c_reason.iat[i]))
    both_blank = debit.isna().to_numpy() & credit.isna().to_numpy() & ~d_failed & ~c_failed
    report.rows(both_blank, None, lambda i: _("empty amount: both debit and credit are empty"))
    amount = debit.fillna(0).to_numpy(dtype=np.int64) - credit.fillna(0).to_numpy(dtype=np.int64)
    return amount, d_failed | c_failed | both_blank


def _dates(values: pd.Series, report: _Reporter) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values)
    u_dates, u_bad = parse_dates(pd.Series(uniques, dtype="str"))
    dates = u_dates.to_numpy(dtype="datetime64[ns]")[codes]
    failed = u_bad.to_numpy(dtype=bool)[codes]
    blank = np.asarray(uniques == "", dtype=bool)[codes]
    report.rows(blank, "date", lambda i: _("empty date"))
    report.rows(failed, "date", lambda i: _("date {value}", value=outside_years(values.iat[i]))
                if year_outside(values.iat[i]) else _("not a date: {value} (expected YYYY-MM-DD)", value=repr(values.iat[i])))
    return dates, blank | failed


def _check_vouchers(frame: pd.DataFrame, row_bad: np.ndarray, report: _Reporter) -> None:
    """Per voucher (series + number) in this file: one date, and debits equal to credits (the
    latter only for vouchers without a row error: those rows are reported already)."""
    keyed = frame.assign(row_bad=row_bad, pos=np.arange(len(frame)))
    keyed = keyed[(keyed["series"] != "") & (keyed["number"] != "")]
    if keyed.empty:
        return
    vid = keyed.groupby(["series", "number"], sort=False).ngroup().to_numpy()
    keyed = keyed.assign(vid=vid)
    # two dates under one voucher number: report the first row that differs from the first date
    dated = keyed[keyed["date"].notna()]
    first_date = dated.groupby("vid")["date"].transform("first")
    differs = dated[dated["date"] != first_date]
    if len(differs):
        first_pos = dated.groupby("vid")["pos"].first()
        for _i, row in differs.drop_duplicates("vid").iterrows():
            p0 = int(first_pos[row["vid"]])
            report.at(int(row["pos"]), "number",
                      _("duplicate voucher number {series} {number}: dated {date} here but {other} at line {line}",
                        series=row['series'], number=row['number'], date=str(row['date'])[:10],
                        other=str(frame['date'].iat[p0])[:10], line=int(frame['line'].iat[p0])))
    # balance: only vouchers whose every row could be read
    g = keyed.groupby("vid", sort=False)
    sums = g["amount"].sum()
    unreadable = g["row_bad"].any()
    off = sums[(sums != 0) & ~unreadable]
    if len(off):
        first = g["pos"].first()
        for vid_, total in off.items():
            p0 = int(first[vid_])
            report.at(p0, None, _("voucher {series} {number} does not balance: debits minus credits = {diff}",
                                  series=frame['series'].iat[p0], number=frame['number'].iat[p0],
                                  diff=format_kr(int(total), decimals=2)))


# --- opening balances --------------------------------------------------------------------

def read_opening_balances(path: Path, problems: Problems, settings: Settings, *,
                          name: str | None = None) -> pd.DataFrame:
    """``opening_balances.csv|xlsx`` (year, account, amount) as ``balances`` rows of kind IB,
    with ``source`` and ``line`` columns kept for the cross-file check."""
    name = name or str(path)
    out_empty = empty_frame("balances").assign(source=pd.Series(dtype="str"), line=pd.Series(dtype="Int64"))
    grid = read_grid(path, problems, name=name, kind="ledger")
    if grid is None:
        return out_empty
    table = columns_by_header(grid, BALANCE_COLUMNS, problems)
    if table is None or not _has_amount_columns(table, problems) or table.frame.empty:
        return out_empty
    f = table.frame
    lines = f.index.to_numpy(dtype=np.int64)
    report = _Reporter(table, problems, lines)
    n = len(f)
    bad = np.zeros(n, dtype=bool)
    if "year" in table.col_pos:
        ytext = f["year"]
        ybad = ~ytext.str.fullmatch(r"\d{4}").to_numpy(dtype=bool)
        report.rows(ybad, "year", lambda i: _("not a year: {value}", value=repr(ytext.iat[i])) if ytext.iat[i]
                    else _("empty year"))
        bad |= ybad
        years = pd.to_numeric(ytext.where(~ybad, "0")).to_numpy(dtype=np.int64)
    else:
        years = np.full(n, int(settings.fiscal_year), dtype=np.int64)
    account = f["account"]
    abad = ~account.str.fullmatch(r"\d{4}").to_numpy(dtype=bool)
    report.rows(abad, "account", lambda i: _("account {account} is not a 4-digit BAS account", account=repr(account.iat[i]))
                if account.iat[i] else _("empty account"))
    bad |= abad
    result_acct = ~abad & (account.str[:1] >= "3").to_numpy(dtype=bool)
    report.rows(result_acct, "account", lambda i: _("account {account} is a result account: opening balances "
                                                    "are for balance-sheet accounts (1000–2999)", account=account.iat[i]))
    bad |= result_acct
    amount, amount_bad = _amounts(table, report)
    bad |= amount_bad
    frame = pd.DataFrame({"year": years, "account": account.to_numpy(), "kind": "IB", "amount": amount,
                          "source": name, "line": lines})
    twice = ~bad & frame.duplicated(["year", "account"], keep=False).to_numpy() \
        & frame.duplicated(["year", "account"], keep="first").to_numpy()
    if twice.any():
        first_line = frame[~bad].drop_duplicates(["year", "account"]).set_index(["year", "account"])["line"]
        report.rows(twice, "account", lambda i: _("opening balance of account {account} for {year} given twice: "
                                                  "first at line {first}", account=account.iat[i], year=years[i],
                                                  first=first_line[(years[i], account.iat[i])]))
    bad |= twice
    good = frame[~bad]
    for year, total in good.groupby("year")["amount"].sum().items():
        if total != 0:
            problems.error(name, None, _("opening balances for {year} do not balance: debits minus credits = {diff}",
                                         year=year, diff=format_kr(int(total), decimals=2)))
    good = good.astype({"line": "Int64"})
    return good
