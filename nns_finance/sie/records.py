"""Records, one line at a time: what each label's fields mean (SIE 4B §8–§11).

:class:`RecordCollector` takes tokenized lines (header, chart of accounts, dimensions,
balances, period balances, #KSUMMA, unknown labels) and gathers them into column lists;
:func:`trans_row` and :func:`ver_row` read the voucher lines the fast path left over. Every
oddity becomes a problem with the file's name and line; nothing raises.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..core.problems import Problems
from .tokenize import ObjectList, Tokens
from .values import ValueIssue, is_quantity, parse_amount, parse_date, parse_period
from ..core.i18n import _

BALANCE_LABELS = {"#IB": "IB", "#UB": "UB", "#RES": "RES", "#OIB": "OIB", "#OUB": "OUB"}
PERIOD_LABELS = {"#PSALDO": "PSALDO", "#PBUDGET": "PBUDGET"}
TRANS_LABELS = {"#TRANS": "TRANS", "#RTRANS": "RTRANS", "#BTRANS": "BTRANS"}
_COMPANY_TEXT = {"#FNAMN": "name", "#FNR": "company_id", "#FTYP": "company_type", "#PROSA": "comment",
                 "#BKOD": "sni", "#TAXAR": "tax_year", "#FLAGGA": "flag", "#FORMAT": "format",
                 "#KPTYP": "chart", "#VALUTA": "currency"}


def _text(tok: Tokens, i: int) -> str | None:
    """Field ``i`` as text; None when missing; an object list where text belongs reads as ""."""
    if i >= len(tok.fields):
        return None
    f = tok.fields[i]
    return "" if isinstance(f, ObjectList) else f


def _trailing_text(tok: Tokens, i: int, report: "LineProblems", line: int) -> str | None:
    """Field ``i``, the record's last: bare words after it are joined to it with a warning (Q12)."""
    value = _text(tok, i)
    rest = tok.fields[i + 1:]
    if value is not None and tok.bare[i] and rest and all(isinstance(f, str) for f in rest) \
            and all(tok.bare[i + 1:]):
        value = " ".join([value, *rest])
        report.warning(line, _("{label}: text {value} has spaces but no quotes; read as one text", label=tok.label,
                                value=repr(value)))
    return value


def _date(value: np.datetime64 | None) -> dt.date | None:
    return None if value is None else pd.Timestamp(value).date()


class LineProblems:
    """Problems of one file, by line number (1-based)."""

    def __init__(self, problems: Problems, name: str):
        self.problems, self.name = problems, name

    def error(self, line: int | None, message: str) -> None:
        self.problems.error(self.name, line, message)

    def warning(self, line: int | None, message: str) -> None:
        self.problems.warning(self.name, line, message)


def trans_row(tok: Tokens, line: int, report: LineProblems) -> dict | None:
    """A #TRANS/#RTRANS/#BTRANS line the fast path did not take; None when unusable (reported)."""
    label = tok.label
    f = tok.fields
    account = _text(tok, 0)
    if not account:
        report.error(line, _("{label} without an account", label=label))
        return None
    rest = list(f[1:])
    if rest and isinstance(rest[0], ObjectList):
        objects = rest.pop(0).pairs()
    else:
        objects = ()
        report.warning(line, _("{label} without an object list ({braces})", label=label, braces="{}"))
    if not rest or isinstance(rest[0], ObjectList):
        report.error(line, _("{label} without an amount", label=label))
        return None
    try:
        amount, note = parse_amount(rest[0])
        if note:
            report.warning(line, note)
    except ValueIssue as exc:
        report.error(line, f"{label}: {exc}")
        return None
    texts = ["" if isinstance(x, ObjectList) else x for x in rest[1:]]
    bare = list(tok.bare[len(f) - len(rest) + 1:])
    date = None
    if texts:
        try:
            date, note = parse_date(texts[0])
            if note:
                report.warning(line, note)
        except ValueIssue as exc:
            report.error(line, f"{label}: {exc}")
            return None
    text, qty, sign = (texts + ["", "", "", ""])[1:4]
    if len(texts) > 2 and bare[1] and not is_quantity(qty):
        text = " ".join(texts[1:])
        qty = sign = ""
        report.warning(line, _("{label}: text {value} has spaces but no quotes; read as one text", label=label,
                                value=repr(text)))
    return {"account": account, "objects": objects, "amount": amount, "date": date,
            "text": text, "qty": qty, "sign": sign}


def ver_row(tok: Tokens, line: int, report: LineProblems) -> dict | None:
    """A #VER line the fast path did not take; None when unusable (reported)."""
    texts = ["" if isinstance(x, ObjectList) else x for x in tok.fields]
    if len(texts) < 3:
        report.error(line, _("#VER needs a series, a number and a date"))
        return None
    try:
        date, note = parse_date(texts[2])
        if note:
            report.warning(line, note)
        if date is None:
            raise ValueIssue(_("the voucher date is missing"))
    except ValueIssue as exc:
        report.error(line, f"#VER: {exc}")
        return None
    text, regdate, sign = (texts + ["", "", "", ""])[3:6]
    reg = None
    try:
        reg, note = parse_date(regdate)
    except ValueIssue:
        if len(texts) > 4 and tok.bare[3]:
            text, regdate, sign, reg = " ".join(texts[3:]), "", "", None
            report.warning(line, _("{label}: text {value} has spaces but no quotes; read as one text", label="#VER",
                                    value=repr(text)))
        else:
            report.warning(line, _("#VER: registration date {value} is not a date; ignored", value=repr(regdate)))
    return {"series": texts[0], "number": texts[1], "date": date, "text": text, "reg_date": reg,
            "sign": sign}


def _account_attr(target: str, label: str):
    """A handler for ``label account value`` records (#KTYP, #ENHET, #SRU) into list ``target``."""
    def handler(self, line: int, tok: Tokens) -> None:
        account, value = _text(tok, 0), _text(tok, 1)
        if not account or value is None:
            self.report.warning(line, _("{label} needs an account and a value", label=label))
            return
        getattr(self, target).append((account, value, line))
    return handler


class RecordCollector:
    """Gathers the records other than vouchers into column lists (see :mod:`.model`)."""

    def __init__(self, report: LineProblems):
        self.report = report
        self.company: dict = {}
        self.rar: list = []
        self.accounts: dict[str, dict] = {}
        self.ktyp: list = []
        self.unit: list = []
        self.sru: list = []
        self.dimensions: list = []
        self.objects: list = []
        self.balances: list = []
        self.periods: list = []
        self.unknown: list = []
        self.ksumma: list[tuple[int, str | None]] = []

    def add(self, line: int, tok: Tokens, raw: str) -> None:
        label = tok.label
        handler = self._handlers.get(label)
        if handler is None:
            self.unknown.append((line, label, raw.strip()))
            return
        handler(self, line, tok)

    # identification -------------------------------------------------------------------
    def _company_text(self, line: int, tok: Tokens) -> None:
        key = _COMPANY_TEXT[tok.label]
        value = _trailing_text(tok, 0, self.report, line) if key in ("name", "comment") else _text(tok, 0)
        if value is None:
            self.report.warning(line, _("{label} without a value", label=tok.label))
            return
        if key == "format" and value.upper() != "PC8":
            self.report.warning(line, _("#FORMAT {value}: SIE allows only PC8", value=repr(value)))
        self.company[key] = value

    def _program(self, line: int, tok: Tokens) -> None:
        self.company["program"] = _text(tok, 0) or ""
        self.company["program_version"] = _text(tok, 1) or ""

    def _gen(self, line: int, tok: Tokens) -> None:
        try:
            self.company["generated"] = _date(parse_date(_text(tok, 0) or "")[0])
        except ValueIssue as exc:
            self.report.warning(line, f"#GEN: {exc}")
        self.company["generated_by"] = _text(tok, 1) or ""

    def _sietyp(self, line: int, tok: Tokens) -> None:
        value = (_text(tok, 0) or "").strip()
        if value not in ("1", "2", "3", "4"):
            self.report.error(line, _("#SIETYP {value}: the type must be 1, 2, 3 or 4", value=repr(value)))
            return
        self.company["sie_type"] = value

    def _orgnr(self, line: int, tok: Tokens) -> None:
        self.company["org_number"] = _text(tok, 0) or ""

    def _adress(self, line: int, tok: Tokens) -> None:
        self.company["address"] = tuple(_text(tok, i) or "" for i in range(len(tok.fields)))

    def _omfattn(self, line: int, tok: Tokens) -> None:
        try:
            self.company["balances_through"] = _date(parse_date(_text(tok, 0) or "")[0])
        except ValueIssue as exc:
            self.report.warning(line, f"#OMFATTN: {exc}")

    def _rar(self, line: int, tok: Tokens) -> None:
        try:
            yr = int(_text(tok, 0) or "x")
        except ValueError:
            self.report.error(line, _("{label}: the year index (0, -1 …) is missing or not a number", label="#RAR"))
            return
        try:
            start, _w = parse_date(_text(tok, 1) or "")
            end, _w = parse_date(_text(tok, 2) or "")
            if start is None or end is None or end < start:
                raise ValueIssue(_("start and end dates are needed, the end not before the start"))
        except ValueIssue as exc:
            self.report.error(line, f"#RAR: {exc}")
            return
        self.rar.append((yr, start, end, line))

    # chart of accounts ----------------------------------------------------------------
    def _konto(self, line: int, tok: Tokens) -> None:
        account = _text(tok, 0)
        if not account:
            self.report.error(line, _("#KONTO without an account number"))
            return
        if account in self.accounts:
            self.report.warning(line, _("#KONTO {account} declared again (line {first}); the later name is kept",
                                        account=account, first=self.accounts[account]['line']))
        self.accounts[account] = {"name": _trailing_text(tok, 1, self.report, line) or "", "line": line}

    def _dim(self, line: int, tok: Tokens) -> None:
        dim = _text(tok, 0)
        if not dim:
            self.report.warning(line, _("{label} without a dimension number", label=tok.label))
            return
        if tok.label == "#UNDERDIM":
            name, parent = _text(tok, 1) or "", _text(tok, 2) or ""
        else:
            name, parent = _trailing_text(tok, 1, self.report, line) or "", ""
        self.dimensions.append((dim, name, parent, line))

    def _objekt(self, line: int, tok: Tokens) -> None:
        dim, obj = _text(tok, 0), _text(tok, 1)
        if not dim or obj is None:
            self.report.warning(line, _("#OBJEKT needs a dimension and an object number"))
            return
        self.objects.append((dim, obj, _trailing_text(tok, 2, self.report, line) or "", line))

    # balances -------------------------------------------------------------------------
    def _amount(self, line: int, label: str, text: str | None) -> int | None:
        try:
            amount, note = parse_amount(text or "")
        except ValueIssue as exc:
            self.report.error(line, f"{label}: {exc}")
            return None
        if note:
            self.report.warning(line, note)
        return amount

    def _balance(self, line: int, tok: Tokens) -> None:
        kind = BALANCE_LABELS[tok.label]
        fields = list(tok.fields)
        objects: tuple = ()
        if kind in ("OIB", "OUB"):
            if len(fields) > 2 and isinstance(fields[2], ObjectList):
                objects = fields.pop(2).pairs()
            else:
                self.report.warning(line, _("{label} without an object list", label=tok.label))
        texts = ["" if isinstance(x, ObjectList) else x for x in fields]
        try:
            yr = int(texts[0])
        except (IndexError, ValueError):
            self.report.error(line, _("{label}: the year index (0, -1 …) is missing or not a number", label=tok.label))
            return
        if len(texts) < 3 or not texts[1]:
            self.report.error(line, _("{label} needs a year, an account and an amount", label=tok.label))
            return
        amount = self._amount(line, tok.label, texts[2])
        if amount is not None:
            qty = texts[3] if len(texts) > 3 else ""
            self.balances.append((kind, yr, texts[1], objects, amount, qty, line))

    def _period(self, line: int, tok: Tokens) -> None:
        kind = PERIOD_LABELS[tok.label]
        fields = list(tok.fields)
        objects: tuple = ()
        if len(fields) > 3 and isinstance(fields[3], ObjectList):
            objects = fields.pop(3).pairs()
        texts = ["" if isinstance(x, ObjectList) else x for x in fields]
        if len(texts) < 4:
            self.report.error(line, _("{label} needs a year, a period, an account and an amount", label=tok.label))
            return
        try:
            yr = int(texts[0])
        except ValueError:
            self.report.error(line, _("{label}: the year index (0, -1 …) is missing or not a number", label=tok.label))
            return
        try:
            period = parse_period(texts[1])
        except ValueIssue as exc:
            self.report.error(line, f"{tok.label}: {exc}")
            return
        amount = self._amount(line, tok.label, texts[3])
        if amount is not None:
            qty = texts[4] if len(texts) > 4 else ""
            self.periods.append((kind, yr, period, texts[2], objects, not objects, amount, qty, line))

    def _ksumma(self, line: int, tok: Tokens) -> None:
        self.ksumma.append((line, _text(tok, 0)))

    _handlers = {
        **dict.fromkeys(_COMPANY_TEXT, _company_text),
        "#PROGRAM": _program, "#GEN": _gen, "#SIETYP": _sietyp, "#ORGNR": _orgnr, "#ADRESS": _adress,
        "#OMFATTN": _omfattn, "#RAR": _rar, "#KONTO": _konto,
        "#KTYP": _account_attr("ktyp", "#KTYP"), "#ENHET": _account_attr("unit", "#ENHET"),
        "#SRU": _account_attr("sru", "#SRU"), "#DIM": _dim, "#UNDERDIM": _dim, "#OBJEKT": _objekt,
        **dict.fromkeys(BALANCE_LABELS, _balance), **dict.fromkeys(PERIOD_LABELS, _period),
        "#KSUMMA": _ksumma,
    }
