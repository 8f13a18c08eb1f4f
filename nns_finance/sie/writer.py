"""Writing SIE 4: a ledger (vouchers and balances) as a SIE 4E file, a budget as #PBUDGET rows.

The files are what the spec asks for: CP437 (``#FORMAT PC8``), LF line ends, the records in
the spec's group order, every text quoted with ``\\"`` for a quote, amounts in kronor with two
decimals and a ``.``; with ``ksumma=True`` an opening ``#KSUMMA`` after ``#FLAGGA`` and the
closing checksum at the end (:mod:`.ksumma`). Characters CP437 lacks become their nearest
ASCII (``–`` → ``-``, ``€`` → ``EUR``) or ``?``. Same input, same bytes: ``#GEN`` is the
``generated`` date, by default the last day of the fiscal year. Files are written atomically.

What the writer assumes (right for NNS, whose fiscal year is the calendar year): ``#RAR``
years run 1 January – 31 December (a broken fiscal year such as 0701–0630 would need the
start month passed in); no ``#KTYP`` is written, so a reader tells balance accounts from
result accounts by the BAS number (classes 1–2), as every Swedish program does; vouchers
carry no object lists (``{}``), no quantities and no signature; ``#UB``/``#IB``/``#RES`` are
written exactly as the ``balances`` frame holds them — the writer does not derive a missing
``#UB`` from the vouchers.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..core.version import __version__
from ..core.outputs import atomic_write
from .ksumma import ksumma_line

_NEAREST = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "€": "EUR",
                          "\u00a0": " ", "\u202f": " ", "…": "...", "−": "-"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BARE_OK = re.compile(r"^[0-9A-Za-z_.-]+$")


def cp437_text(text: str) -> str:
    """``text`` with every character CP437 can hold; others replaced by their nearest ASCII or ``?``."""
    text = _CONTROL.sub(" ", str(text).translate(_NEAREST))
    return text.encode("cp437", errors="replace").decode("cp437")


def quote(text: str) -> str:
    """A quoted SIE field: ``"Årsmöte \\"vår\\""``."""
    return '"' + cp437_text(text).replace('"', '\\"') + '"'


def ident(text: str) -> str:
    """A series, number or account: bare when plain, else quoted (``""`` when empty)."""
    text = str(text)
    return text if _BARE_OK.match(text) else quote(text)


def amount(ore: int) -> str:
    """Öre as a SIE amount: ``-1000.50``."""
    ore = int(ore)
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def ymd(value) -> str:
    return pd.Timestamp(value).strftime("%Y%m%d")


def header(*, company: str, org_number: str, fiscal_year: int, sie_type: str, generated: dt.date,
           program: str, years: list[int]) -> list[str]:
    """The identification records (after #FLAGGA/#KSUMMA). ``program`` is a name (the package
    version is written beside it) or a ``(name, version)`` pair for files that must not change
    with the package version, such as the committed example."""
    name, version = program if isinstance(program, tuple) else (program, __version__)
    lines = [f"#PROGRAM {quote(name)} {quote(version)}", "#FORMAT PC8",
             f"#GEN {generated:%Y%m%d}", f"#SIETYP {sie_type}", f"#ORGNR {ident(org_number)}",
             f"#FNAMN {quote(company)}"]
    for yr in sorted(set(years) | {0}, reverse=True):
        y = fiscal_year + yr
        lines.append(f"#RAR {yr} {y}0101 {y}1231")
    return lines + ["#KPTYP EUBAS97", "#VALUTA SEK"]


def chart(accounts: pd.DataFrame | None, used: set[str]) -> list[str]:
    """#KONTO records: the given chart (account, name) plus any used account it lacks."""
    names: dict[str, str] = {}
    if accounts is not None and len(accounts):
        names.update(zip(accounts["account"].astype(str), accounts["name"].astype(str)))
    for a in used:
        names.setdefault(a, "")
    order = sorted(names, key=lambda a: (len(a), a))
    return [f"#KONTO {ident(a)} {quote(names[a])}" for a in order]


def _finish(lines: list[str], ksumma: bool) -> bytes:
    body = lines[1:]  # everything after #FLAGGA
    if ksumma:
        out = [lines[0], "#KSUMMA", *body, ksumma_line(body)]
    else:
        out = lines
    return ("\n".join(out) + "\n").encode("cp437", errors="replace")


def render_sie(ledger: pd.DataFrame, balances: pd.DataFrame, *, company: str, org_number: str,
               fiscal_year: int | None = None, program: str = "nns-finance", ksumma: bool = True,
               accounts: pd.DataFrame | None = None, generated: dt.date | None = None) -> bytes:
    """The bytes of a SIE 4E file holding ``ledger`` (SCHEMAS ``ledger``) rows of ``fiscal_year``
    and ``balances`` (SCHEMAS ``balances``) of that year and the years before it."""
    if fiscal_year is None:
        years = list(ledger["year"]) + list(balances["year"])
        fiscal_year = int(max(years)) if years else dt.date.today().year
    generated = generated or dt.date(fiscal_year, 12, 31)
    rows = ledger[ledger["year"] == fiscal_year].sort_values(["reg_order", "line"], kind="stable")
    bal = balances[balances["year"] <= fiscal_year]
    bal = bal.assign(yr=bal["year"] - fiscal_year, order=bal["kind"].map({"IB": 0, "UB": 1, "RES": 2}))
    bal = bal.sort_values(["order", "yr", "account"], ascending=[True, False, True], kind="stable")
    lines = ["#FLAGGA 0"]
    lines += header(company=company, org_number=org_number, fiscal_year=fiscal_year, sie_type="4",
                    generated=generated, program=program, years=[int(y) for y in bal["yr"].unique()])
    lines += chart(accounts, set(rows["account"].astype(str)) | set(bal["account"].astype(str)))
    lines += [f"#{k} {yr} {ident(a)} {amount(x)}" for k, yr, a, x in
              zip(bal["kind"], bal["yr"], bal["account"], bal["amount"])]
    lines += vouchers(rows)
    return _finish(lines, ksumma)


def vouchers(rows: pd.DataFrame) -> list[str]:
    """#VER blocks, one per (series, number, date) in the order of their first row (some
    programs reuse a number on other dates, BL Administration's series ``#``: they stay apart)."""
    out: list[str] = []
    for (series, number, _), v in rows.groupby(["series", "number", "date"], sort=False):
        texts = v["text"].astype(str)
        vtext = texts.iloc[0] if (texts != "").all() else ""
        out.append(f"#VER {ident(series)} {ident(number)} {ymd(v['date'].iloc[0])} {quote(vtext)}")
        out.append("{")
        out += [f"#TRANS {ident(a)} {{}} {amount(x)} {ymd(d)} {quote(t)}"
                for a, x, d, t in zip(v["account"], v["amount"], v["date"], texts)]
        out.append("}")
    return out


def write_sie(path: str | Path, ledger: pd.DataFrame, balances: pd.DataFrame, *, company: str,
              org_number: str, fiscal_year: int | None = None, program: str = "nns-finance",
              ksumma: bool = True, accounts: pd.DataFrame | None = None,
              generated: dt.date | None = None) -> Path:
    """Write the ledger and balances as a SIE 4E file at ``path`` (see :func:`render_sie`)."""
    data = render_sie(ledger, balances, company=company, org_number=org_number, fiscal_year=fiscal_year,
                      program=program, ksumma=ksumma, accounts=accounts, generated=generated)
    return atomic_write(Path(path), data)


def render_budget_sie(budget: pd.DataFrame, *, company: str, org_number: str, fiscal_year: int,
                      accounts: pd.DataFrame | None = None, generated: dt.date | None = None,
                      program: str = "nns-finance", ksumma: bool = False) -> bytes:
    """A SIE type 2 file of #PBUDGET rows from ``budget`` (account, month 1–12, amount in öre,
    SIE sign: debit positive, so income is negative)."""
    generated = generated or dt.date(fiscal_year, 12, 31)
    lines = ["#FLAGGA 0"]
    lines += header(company=company, org_number=org_number, fiscal_year=fiscal_year, sie_type="2",
                    generated=generated, program=program, years=[0])
    lines.insert(4, f"#OMFATTN {fiscal_year}1231")
    lines += chart(accounts, set(budget["account"].astype(str)))
    b = budget.assign(_len=budget["account"].astype(str).str.len()).sort_values(["_len", "account", "month"])
    lines += [f"#PBUDGET 0 {fiscal_year}{int(m):02d} {ident(a)} {{}} {amount(x)}"
              for a, m, x in zip(b["account"], b["month"], b["amount"])]
    return _finish(lines, ksumma)
