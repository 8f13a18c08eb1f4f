"""Next year's budget proposal (budgetförslag), made from the books.

:func:`make_proposal` gives the board's September table for year ``Y`` — the layout of the
budget the member meeting decides — with four columns:

- ``Y-2 Utfall``: the ledger's outcome per budget line when the ledger holds that year complete,
  else the budget file's ``Y-2 Utfall`` column (else the ledger so far; else no column);
- ``Y-1 Budget``: this year's budget as the budget file has it;
- ``Y-1 Prognos helår``: the forecast engine (:mod:`nns_finance.accounting.forecast`) at
  ``closed_through`` — the outcome through that month plus the phased budget of the rest, a
  line in ``forecast.csv`` replacing that sum; with no voucher of the year in the ledger, the
  budget stands where the treasurer gave no forecast;
- ``Y Budget``: the proposal. Medlemsavgifter and Serviceavgifter are the fee model's sums for
  ``Y`` (:func:`nns_finance.fees.model.fee_table`: the member register — members whose
  withdrawal takes effect by the fee date gone, joiners in — and the year's rules in
  ``settings.toml``), the same figures ``nns-finance fees --year Y`` shows; Indikatorverksamhet
  is the indicator fees of the agreements in force plus the line's income besides the fees
  (default: this year's budget less this year's indicator fees); every other line is this
  year's budget unless the board's changes file (:mod:`nns_finance.books.budget_changes`)
  gives a new amount or a percentage.

Totals, the result, opening equity (the ``Y-1`` forecast's closing: opening of ``Y-1`` from the
ledger's opening balances, else the ``Y-2`` closing, else the budget file) and closing equity
are computed from the lines (:func:`nns_finance.books.budget.structure_table`), so every total
is the sum of its lines to the öre.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ..accounting.equity import year_complete
from ..accounting.forecast import forecast_year, load_forecasts
from ..accounting.outcome import outcome_by_line
from ..accounting.phasing import phase_budget
from ..accounting.result import has_year
from ..books.budget import EQUITY_ROWS, leaf_lines, structure_table, version_label
from ..books.budget_changes import NO_CHANGES, BudgetChanges, LineDecision
from ..core.dates import parse_month
from ..core.labels import MONTHS
from ..core.money import format_kr
from ..core.outputs import made_time
from ..core.version import __version__
from ..core.problems import InputError, Problem, Problems, UsageError
from ..core.settings import FeeRule
from ..fees.model import fee_table, fee_tables
from ..fees.years import last_base_year, rules_in, rules_note
from ..core.i18n import _

FEE_COLUMNS = {"membership": "membership_fee", "service": "service_fee", "indicator": "indicator_fee"}
FEE_NAMES = {"membership": "Medlemsavgifter", "service": "Serviceavgifter", "indicator": "Indikatoravgifter"}


@dataclass(frozen=True)
class BudgetProposal:
    """The proposal for ``year`` and everything the member meeting is shown with it.

    columns: the column headings in order (``2024 Utfall``, ``2025 Budget``, ``2025 Prognos
             helår``, ``2026 Budget``); ``keys`` the (year, version) of each
    table:   :func:`nns_finance.books.budget.structure_table` of the four columns plus the
             equity rows (kind ``equity``); amounts ``Int64`` öre, ``<NA>`` where a column has
             no equity
    lines:   one row per leaf line: code, name, section, budget (this year's), proposal,
             change, how (Swedish: where the figure comes from), comment, where (file:line)
    rule:    the fee rules of ``year`` (None without the fee model); ``fees`` its fee table
    fee_words: the fee rules and the register's changes in Swedish sentences
    notes:   where each column came from, in Swedish
    problems: warnings found on the way (changes file, forecast file)
    """

    organisation: str
    year: int
    title: str
    columns: tuple[str, ...]
    keys: tuple[tuple[int, str], ...]
    table: pd.DataFrame
    lines: pd.DataFrame
    rule: FeeRule | None
    fees: pd.DataFrame | None
    fee_words: tuple[str, ...]
    notes: tuple[str, ...]
    changes_file: str = ""
    problems: tuple[Problem, ...] = ()
    sources: tuple = ()
    version: str = __version__
    made: dt.datetime = field(default_factory=made_time)

    @property
    def proposal_column(self) -> str:
        return self.columns[-1]

    def figure(self, code: str, column: str | None = None) -> int | None:
        """One cell of the table by row code (``arets-resultat``…) and column (default: the
        proposal); None where blank."""
        row = self.table[self.table["code"] == code]
        if row.empty:
            raise KeyError(code)
        v = row.iloc[0][column or self.proposal_column]
        return None if pd.isna(v) else int(v)


# ---------------------------------------------------------------- the columns
def _amounts(books, year: int, version: str) -> pd.Series:
    b = books.budget
    rows = b[(b["year"] == year) & (b["version"] == version)]
    return rows.groupby(rows["code"].astype(str))["amount"].sum().astype("int64")


def _has_version(books, year: int, version: str) -> bool:
    b = books.budget
    return bool(((b["year"] == year) & (b["version"] == version)).any())


def _ledger_year(books, year: int, month: int = 12) -> pd.Series:
    out = outcome_by_line(books, year, month)
    return out.groupby(out["code"].astype(str))["amount"].sum().astype("int64")


def _last_month(books, year: int) -> int:
    dates = books.ledger.loc[books.ledger["year"] == year, "date"]
    return int(dates.dt.month.max()) if len(dates) else 0


def outcome_column(books, year: int) -> tuple[pd.Series | None, str, str]:
    """The outcome of ``year`` per leaf line, where it came from (``ledger``/``budget``), and a
    Swedish note; None when neither the ledger nor the budget file has it."""
    label = version_label("outcome", year)
    if has_year(books, year) and year_complete(books, year):
        return _ledger_year(books, year), "ledger", f"{label}: bokföringen, hela året."
    if _has_version(books, year, "outcome"):
        return _amounts(books, year, "outcome"), "budget", f"{label}: budgetfilens kolumn {label}."
    if has_year(books, year):
        month = _last_month(books, year)
        return (_ledger_year(books, year, month), "ledger",
                f"{label}: bokföringen till och med {MONTHS['sv'][month - 1]} (året är inte avslutat).")
    return None, "", f"Utfall {year} saknas i bokföringen och budgetfilen: kolumnen utelämnas."


def closed_month(books, year: int) -> int:
    """The last closed month of ``year`` the forecast starts after: ``closed_through`` (12 when
    it lies after the year, 0 before it), else the last month with vouchers; 0 without any
    voucher of the year."""
    if not has_year(books, year):
        return 0
    closed = books.settings.closed_through
    if closed:
        closed = parse_month(closed)
        y, m = closed.year, closed.month
        return 12 if y > year else (m if y == year else 0)
    return _last_month(books, year)


def forecast_column(books, year: int, problems: Problems) -> tuple[pd.Series, str]:
    """The full-year forecast of ``year`` per leaf line (the monthly report's engine) and a note."""
    month = closed_month(books, year)
    phased = phase_budget(books, year, "budget")
    outcome = (outcome_by_line(books, year, month) if month
               else pd.DataFrame({"code": pd.Series(dtype="str"), "month": pd.Series(dtype="int64"),
                                  "amount": pd.Series(dtype="int64")}))
    given = load_forecasts(books, problems)
    fc = forecast_year(outcome, phased, month, given, year)
    n_given = int(fc["given"].sum())
    label = version_label("forecast", year)
    if month == 0:
        how = f"{label}: budgeten {year} (ingen bokföring för {year} ännu)"
    elif month == 12:
        how = f"{label}: bokföringen, hela året"
    else:
        how = (f"{label}: utfall till och med {MONTHS['sv'][month - 1]} + periodiserad budget "
               "resten av året")
    if n_given:
        how += f", utom {n_given} rader med kassörens prognos (forecast-filen)"
    return fc.set_index(fc["code"].astype(str))["forecast"].astype("int64"), how + "."


# ---------------------------------------------------------------- equity
def _ledger_opening(books, year: int) -> int | None:
    bal = books.balances
    equity = [str(a) for a in books.settings.accounts.equity]
    ib = bal[(bal["year"] == year) & (bal["kind"] == "IB")]
    if ib.empty:
        return None
    return -int(ib.loc[ib["account"].astype(str).isin(equity), "amount"].sum())


def _stated_opening(books, year: int, version: str) -> int | None:
    eq = books.budget_equity
    hit = eq[(eq["year"] == year) & (eq["version"] == version)]
    return int(hit["opening"].iloc[0]) if len(hit) else None


# ---------------------------------------------------------------- the fee model's lines
@dataclass(frozen=True)
class _Fees:
    rule: FeeRule
    table: pd.DataFrame
    last: pd.DataFrame | None   # last year's fee table (None without rules for it)


def _fee_model(books, year: int) -> _Fees | None:
    if books.members.empty or books.fee_bases.empty or not any(y <= year for y in books.settings.fees):
        return None
    table = fee_table(books, year)
    try:
        last = fee_tables(books, year - 1, year - 1)[year - 1]
    except UsageError:
        last = None
    return _Fees(rules_in(books.settings, year), table, last)


def _permille(rate: Decimal | None) -> str:
    text = f"{Decimal(rate):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + " ‰"


def _kr(ore: int) -> str:
    return format_kr(ore, decimals=0 if ore % 100 == 0 else 2)


def fee_words(books, year: int, fees: _Fees) -> tuple[str, ...]:
    """The fee rules of ``year`` and what the register changes, in Swedish sentences."""
    r, t = fees.rule, fees.table
    paying = t[t["months"] > 0]
    out = [f"Medlemsavgift {_kr(r.membership_fee)} per medlem"
           + (" (medlem som går in under året betalar för månaderna som medlem)." if r.joining == "pro_rata"
              else ".")]
    service = f"Serviceavgift {_permille(r.service_rate)} (promille) av medlemmens tilldelning och matchning"
    if r.max_fee is not None:
        service += f", högst {_kr(r.max_fee)} (maxtaxa)"
    if r.max_increase is not None:
        basis = (f"avgiften med {_permille(r.previous_rate)}" if r.max_increase_basis == "previous_rate"
                 else "förra årets serviceavgift")
        service += f", och höjningen högst {_kr(r.max_increase)} över {basis} (maxhöjning)"
    out.append(service + ".")
    if r.indicator_fee:
        out.append(f"Indikatoravgift {_kr(r.indicator_fee)} per medlem med indikatoravtal.")
    out.append("Avgifterna avrundas till hela kronor." if r.rounding == "krona" else "Avgifterna avrundas till öre.")
    n_max = int((paying["limit"] == "max_fee").sum())
    n_cap = int((paying["limit"] == "max_increase").sum())
    counted = f"{len(paying)} betalande medlemmar {year}"
    if fees.last is not None:
        counted += f" ({int((fees.last['months'] > 0).sum())} år {year - 1})"
    extra = []
    if n_max:
        extra.append(f"{n_max} betalar maxtaxan")
    if n_cap:
        extra.append(f"{n_cap} begränsas av maxhöjningen")
    out.append(counted + ("; " + ", ".join(extra) if extra else "") + ".")
    if fees.last is not None:
        before = set(fees.last.loc[fees.last["months"] > 0, "member_id"].astype(str))
        now = set(paying["member_id"].astype(str))
        reg = books.members.drop_duplicates("member_id")
        reg = reg.set_index(reg["member_id"].astype(str))
        gone = sorted(before - now)
        new = sorted(now - before)
        if gone:
            parts = []
            for m in gone:
                left = reg.at[m, "withdrawal_date"] if m in reg.index else pd.NaT
                parts.append(f"{reg.at[m, 'name'] if m in reg.index else m}"
                             + (f" (utträde från {left:%Y-%m-%d})" if pd.notna(left) else ""))
            out.append(f"Lämnar före {year}: " + "; ".join(parts) + ".")
        if new:
            out.append(f"Nya medlemmar {year}: " + "; ".join(str(reg.at[m, "name"]) for m in new) + ".")
        ind_before = set(fees.last.loc[fees.last["indicator"], "member_id"].astype(str))
        ind_now = set(t.loc[t["indicator"], "member_id"].astype(str))
        n_ind = len(ind_now)
        if r.indicator_fee or ind_before:
            out.append(f"{n_ind} indikatoravtal {year} ({len(ind_before)} år {year - 1}).")
        ended = sorted(ind_before - ind_now - set(gone))
        if ended:
            out.append("Indikatoravtal som upphör: " + "; ".join(
                f"{reg.at[m, 'name']}" + (f" (till {reg.at[m, 'indicator_to']:%Y-%m-%d})"
                                          if pd.notna(reg.at[m, "indicator_to"]) else "") for m in ended) + ".")
    carried = rules_note(books.settings, year)
    if carried:
        out.append(carried)
    register_last = last_base_year(books.fee_bases)
    if register_last is not None and year > register_last:
        out.append(f"Underlag {year}: medlemsregistrets underlag {register_last} × den antagna ökningen "
                   "(fee_base_growth_percent i assumptions.toml).")
    return tuple(out)


def fee_reasons(books, year: int, fees: _Fees) -> dict[str, str]:
    """Per fee kind, in Swedish, why its line differs from last year: changed rules, members
    leaving or joining, indicator agreements ending or starting ("" when nothing changed)."""
    if fees.last is None:
        return {}
    r = fees.rule
    try:
        before = rules_in(books.settings, year - 1)
    except UsageError:
        return {}
    t, last = fees.table, fees.last
    paid = set(last.loc[last["months"] > 0, "member_id"].astype(str))
    pays = set(t.loc[t["months"] > 0, "member_id"].astype(str))
    members = []
    if paid - pays:
        n = len(paid - pays)
        members.append(f"{n} {'medlem lämnar' if n == 1 else 'medlemmar lämnar'}")
    if pays - paid:
        n = len(pays - paid)
        members.append(f"{n} {'ny medlem' if n == 1 else 'nya medlemmar'}")
    membership = ([f"medlemsavgiften {_kr(r.membership_fee)} ({_kr(before.membership_fee)} år {year - 1})"]
                  if r.membership_fee != before.membership_fee else [])
    service = []
    if r.service_rate != before.service_rate:
        service.append(f"satsen {_permille(r.service_rate)} ({_permille(before.service_rate)} år {year - 1})")
    if r.max_fee != before.max_fee:
        service.append(f"maxtaxa {_kr(r.max_fee)}" if r.max_fee is not None else "ingen maxtaxa")
    if (r.max_increase, r.max_increase_basis) != (before.max_increase, before.max_increase_basis):
        service.append(f"maxhöjning {_kr(r.max_increase)}" if r.max_increase is not None else "ingen maxhöjning")
    register_last = last_base_year(books.fee_bases)
    service.append(f"underlagen {year}" + (" enligt medlemsregistret" if register_last is not None
                                           and year <= register_last else " framräknade (antagen ökning)"))
    had = set(last.loc[last["indicator"], "member_id"].astype(str))
    has = set(t.loc[t["indicator"], "member_id"].astype(str))
    indicator = []
    if had - has:
        indicator.append(f"{len(had - has)} indikatoravtal upphör")
    if has - had:
        indicator.append(f"{len(has - had)} nya indikatoravtal")
    if r.indicator_fee != before.indicator_fee:
        indicator.append(f"indikatoravgiften {_kr(r.indicator_fee)} ({_kr(before.indicator_fee)} år {year - 1})")

    def sentence(parts):
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "." if text else ""

    return {"membership": sentence(membership + members), "service": sentence(service + members),
            "indicator": sentence(indicator)}


# ---------------------------------------------------------------- the proposal's lines
def _percent_of(amount: int, percent: Decimal) -> int:
    """``amount`` changed by ``percent`` per cent, to whole kronor (half away from zero), öre."""
    kronor = Decimal(int(amount)) * (100 + percent) / 100 / 100
    sign = -1 if kronor < 0 else 1
    return sign * int(abs(kronor).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 100


def _signed_percent(p: Decimal) -> str:
    text = f"{p:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", ",").replace("-", "−")
    return ("+" if p > 0 else "") + text + " %"


def _bad(decision: LineDecision, message: str) -> Problem:
    file, _colon, line = decision.where.rpartition(":")
    if not file or not line.isdigit():
        return Problem(decision.where, None, message)
    return Problem(file, int(line), message)


def proposal_lines(books, year: int, changes: BudgetChanges, fees: _Fees | None) -> pd.DataFrame:
    """Per leaf line: the proposal for ``year`` and how it was made (see the module docstring)."""
    leaves = leaf_lines(books)
    names = dict(zip(books.budget_lines["code"].astype(str), books.budget_lines["name"].astype(str)))
    this = _amounts(books, year - 1, "budget")
    codes = set(leaves["code"].astype(str))
    problems: list[Problem] = []
    fee_sum: dict[str, int] = {}
    last_fee: dict[str, int] = {}
    fee_lines = books.settings.budget_lines.fee_lines()
    if fees is not None:
        for kind, col in FEE_COLUMNS.items():
            fee_sum[kind] = int(fees.table[col].sum())
            last_fee[kind] = int(fees.last[col].sum()) if fees.last is not None else 0
            if kind not in fee_lines and fee_sum[kind]:
                raise UsageError(_("the fee model gives {fees} {amount} for {year}, but settings.toml names no "
                                   "budget line for them: add [budget_lines] {kind}_fees = \"<line code>\"",
                                   fees=FEE_NAMES[kind], amount=_kr(fee_sum[kind]), year=year, kind=kind))
            if kind in fee_lines and fee_lines[kind] not in codes and fee_sum[kind]:
                raise UsageError(_("the fee model gives {fees} {amount} for {year}, but the budget has no leaf "
                                   "line {line!r} to put them on", fees=FEE_NAMES[kind],
                                   amount=_kr(fee_sum[kind]), year=year, line=fee_lines[kind]))
    kind_of = {code: kind for kind, code in fee_lines.items()} if fees is not None else {}
    reasons = fee_reasons(books, year, fees) if fees is not None else {}
    indicator_line = fee_lines.get("indicator", "")
    rows = []
    for leaf in leaves.itertuples(index=False):
        code = str(leaf.code)
        budget = int(this.get(code, 0))
        d = changes.decision(code)
        kind = kind_of.get(code)
        comment, where = (d.comment, d.where) if d else (reasons.get(kind, ""), "")
        if kind in ("membership", "service"):
            if d is not None:
                problems.append(_bad(d, _("lines: {code!r} comes from the fee model (the member register and "
                                          "[fees.{year}] in settings.toml): change the fee rules there",
                                          code=code, year=year)))
                continue
            amount = fee_sum[kind]
            n = int((fees.table[FEE_COLUMNS[kind]] > 0).sum())
            how = (f"avgiftsmodellen: {n} medlemmar × {_kr(fees.rule.membership_fee)}" if kind == "membership"
                   else f"avgiftsmodellen: {_permille(fees.rule.service_rate)} av underlaget, {n} medlemmar")
        elif kind == "indicator":
            if d is not None and d.how != "besides_fees":
                problems.append(_bad(d, _("lines: {code!r} holds the indicator fees from the fee model; give the income "
                                          "besides the fees as besides_fees", code=code)))
                continue
            comment = " ".join(x for x in (reasons.get(kind, ""), comment if d is not None else "") if x)
            besides = d.amount if d is not None else budget - last_fee[kind]
            amount = fee_sum[kind] + besides
            n = int(fees.table["indicator"].sum())
            how = (f"avgiftsmodellen: {n} indikatoravtal × {_kr(fees.rule.indicator_fee)}"
                   + (f" + övrigt {_kr(besides)}" if besides else ""))
            if d is None and besides:
                how += f" (som {year - 1}: budget {_kr(budget)} − avgifter {_kr(last_fee[kind])})"
        elif d is None or d.how == "unchanged":
            amount, how = budget, f"som budget {year - 1}"
        elif d.how == "amount":
            amount, how = d.amount, "nytt belopp"
        elif d.how == "percent":
            amount, how = _percent_of(budget, d.percent), f"{_signed_percent(d.percent)} mot budget {year - 1}"
        else:
            problems.append(_bad(d, _("lines: besides_fees is only for the indicator line {indicator_line!r}; give "
                                      "{code!r} an amount or a percent",
                                      indicator_line=indicator_line, code=code)))
            continue
        parent = str(leaf.parent)
        shown = f"{names[parent]} – {leaf.name}" if parent else str(leaf.name)
        rows.append((code, shown, str(leaf.section), budget, int(amount), int(amount) - budget, how, comment, where))
    if problems:
        raise InputError(problems)
    return pd.DataFrame(rows, columns=["code", "name", "section", "budget", "proposal", "change", "how",
                                       "comment", "where"]).astype(
        {"budget": "int64", "proposal": "int64", "change": "int64"})


# ---------------------------------------------------------------- all of it
def default_year(books) -> int:
    """The year after the budget's latest Budget column."""
    b = books.budget[books.budget["version"] == "budget"]
    if b.empty:
        raise UsageError(_("the budget has no Budget column to start the proposal from (e.g. '2025 "
                           "Budget')"))
    return int(b["year"].max()) + 1


def make_proposal(books, year: int, changes: BudgetChanges = NO_CHANGES, *,
                  made: dt.datetime | None = None) -> BudgetProposal:
    """The budget proposal for ``year`` (see the module docstring)."""
    if changes.year is not None and changes.year != year:
        raise UsageError(_("{file}: the changes are for {changes_year}, not {year}",
                           file=changes.file, changes_year=changes.year, year=year))
    if not _has_version(books, year - 1, "budget"):
        have = sorted({int(y) for y in books.budget.loc[books.budget["version"] == "budget", "year"]})
        raise UsageError(_("the budget has no column {column} to start the proposal for {year} from "
                           "(Budget columns: {columns})", column=version_label("budget", year - 1),
                           year=year, columns=", ".join(map(str, have)) or _("none")))
    found = Problems()
    notes = []
    outcome, outcome_from, note = outcome_column(books, year - 2)
    notes.append(note)
    budget_now = _amounts(books, year - 1, "budget")
    notes.append(f"{version_label('budget', year - 1)}: budgetfilen.")
    forecast, note = forecast_column(books, year - 1, found)
    notes.append(note)
    fees = _fee_model(books, year)
    lines = proposal_lines(books, year, changes, fees)
    notes.append(f"{version_label('budget', year)}: förslaget; "
                 + ("avgiftsraderna ur avgiftsmodellen, övriga rader som budget "
                    f"{year - 1} där inget annat beslutats." if fees is not None else
                    f"inget medlemsregister med underlag: alla rader som budget {year - 1} där inget "
                    "annat beslutats."))

    keys = ([(year - 2, "outcome")] if outcome is not None else []) + [
        (year - 1, "budget"), (year - 1, "forecast"), (year, "budget")]
    columns = [version_label(v, y) for y, v in keys]
    series = ([outcome] if outcome is not None else []) + [
        budget_now, forecast, lines.set_index("code")["proposal"]]
    leaf_codes = list(leaf_lines(books)["code"].astype(str))
    values = pd.DataFrame({c: s.reindex(leaf_codes).fillna(0).astype("int64") for c, s in zip(columns, series)},
                          index=leaf_codes)
    table = structure_table(books.budget_lines, values)

    # equity: opening of each column, closing = opening + the column's result
    result = table.loc[table["kind"] == "result"].iloc[0]
    opening: dict[str, int | None] = {c: None for c in columns}
    if outcome is not None:
        opening[columns[0]] = (_ledger_opening(books, year - 2) if outcome_from == "ledger" else None)
        if opening[columns[0]] is None:
            opening[columns[0]] = _stated_opening(books, year - 2, "outcome")
    candidates = [_ledger_opening(books, year - 1)]
    if outcome is not None and opening[columns[0]] is not None:
        candidates.append(opening[columns[0]] + int(result[columns[0]]))
    candidates += [_stated_opening(books, year - 1, "forecast"), _stated_opening(books, year - 1, "budget")]
    forecast_opening = next((c for c in candidates if c is not None), None)
    f_col, b_col, p_col = columns[-2], columns[-3], columns[-1]
    if forecast_opening is not None:
        opening[f_col] = forecast_opening
        stated = _stated_opening(books, year - 1, "budget")
        opening[b_col] = stated if stated is not None else forecast_opening
        opening[p_col] = forecast_opening + int(result[f_col])
        notes.append(f"Ingående eget kapital {year} = utgående eget kapital enligt {f_col}.")
    if any(v is not None for v in opening.values()):
        rows = []
        for kind, (code, name) in EQUITY_ROWS.items():
            row = {"code": code, "name": name, "level": 0, "kind": "equity"}
            for c in columns:
                o = opening[c]
                row[c] = pd.NA if o is None else o + (int(result[c]) if kind == "closing" else 0)
            rows.append(row)
        table = pd.concat([table, pd.DataFrame(rows)], ignore_index=True)
    table = table.astype({c: "Int64" for c in columns} | {"level": "int64"})

    title = changes.title or f"Budgetförslag {year}"
    return BudgetProposal(
        organisation=books.settings.organisation, year=year, title=title, columns=tuple(columns),
        keys=tuple(keys), table=table, lines=lines, rule=fees.rule if fees else None,
        fees=fees.table if fees else None, fee_words=fee_words(books, year, fees) if fees else (),
        notes=tuple(notes), changes_file=changes.file, problems=tuple(found.sorted()),
        sources=tuple(books.sources), made=made or made_time())
