"""Resultaträkning: budget against outcome per budget line, as in the monthly report, and under
each line the accounts that make it up.

The rows and the figures are the monthly report's result table
(:func:`nns_finance.reports.monthly.build_report`): Utfall perioden, Utfall ack., Budget ack.,
Avvikelse ack. (kr and %), Budget helår, Prognos helår (and Utfall fg år ack. when the ledger
holds last year). Sign convention: income positive, costs negative; variance = outcome − budget.

Formulas, each holding the package's figure: a leaf line's outcome is the sum of its account
rows; a line with sub-lines, a section total and the result are sums of the rows they cover;
the variance is outcome − budget and the variance per cent variance / |budget|.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.labels import label
from . import general_ledger
from .general_ledger import account_names
from .scope import Scope
from ..reports.xlsx import Sheet, cell

SHEET = "Resultaträkning"

COLUMNS = [(key, label(key)) for key in ("outcome_month", "outcome_ytd", "budget_ytd", "variance_ytd",
                                         "variance_pct", "budget_year", "forecast_year", "last_year_ytd")]
OUTCOME_COLS = ("outcome_month", "outcome_ytd", "last_year_ytd")


def result_table(books, scope: Scope) -> pd.DataFrame:
    """The monthly report's result table for the scope's last month."""
    from ..core.dates import Period
    from ..reports.monthly import result_figures

    return result_figures(books, Period(scope.year, scope.through_month), "sv")[0]


def account_outcome(books, scope: Scope) -> pd.DataFrame:
    """Per account mapped to a budget line: line, account, name, outcome_month, outcome_ytd,
    last_year_ytd (budget sign: −Σ ledger amount), öre."""
    mapping = books.accounts[books.accounts["line"].astype(str) != ""]
    mapping = pd.DataFrame({"account": mapping["account"].astype(str).to_numpy(),
                            "line": mapping["line"].astype(str).to_numpy()})
    led = books.ledger
    month = led["date"].dt.month
    acc = led["account"].astype(str)

    def sums(mask) -> pd.Series:
        return (-led.loc[mask, "amount"]).groupby(acc[mask]).sum()

    this = (led["year"] == scope.year) & (month <= scope.through_month)
    last = (led["year"] == scope.year - 1) & (month <= scope.through_month)
    out = mapping.copy()
    for col, mask in (("outcome_month", this & (month == scope.through_month)),
                      ("outcome_ytd", this), ("last_year_ytd", last)):
        out[col] = out["account"].map(sums(mask)).fillna(0).astype("int64")
    out["name"] = out["account"].map(account_names(books)).fillna("").astype(str)
    booked = this | last
    used = set(acc[booked].unique())
    return out[out["account"].isin(used)].sort_values(["line", "account"]).reset_index(drop=True)


@dataclass(frozen=True)
class Placed:
    """Where the result table landed: row of each code, column of each figure (0-based)."""

    rows: dict
    cols: dict

    def ref(self, code: str, column: str) -> str:
        return cell(self.rows[code], self.cols[column], sheet=SHEET)


def write(sheet: Sheet, table: pd.DataFrame, accounts: pd.DataFrame, books, scope: Scope, *,
          ledger_ranges: list | None = None, links: dict | None = None) -> Placed:
    """The sheet. With ``ledger_ranges`` (the Huvudbok sheets) an account's outcome is a
    ``SUMIF`` on the Huvudbok rows and its number links to them (``links``)."""
    f = sheet.fmts
    book = sheet.book
    indent = [book.add_format({"indent": i}) for i in range(4)]
    bold = book.add_format({"bold": True})
    present = [(k, heading) for k, heading in COLUMNS if k in table.columns]
    cols = {k: 2 + i for i, (k, _) in enumerate(present)}
    sheet.title(0, f"Resultaträkning mot budget, {scope.describe()}")
    sheet.text(1, 0, "Intäkter positiva, kostnader negativa; avvikelse = utfall − budget, så en positiv "
                     "avvikelse är gynnsam på varje rad. Under varje budgetrad: kontona som bildar utfallet.")
    head = 3
    sheet.header(head, ["Budgetrad / konto", "Kod / konto"] + [heading for _, heading in present])

    children: dict[str, list[str]] = {}
    lines = books.budget_lines
    for code, parent in zip(lines["code"].astype(str), lines["parent"].astype(str)):
        if parent:
            children.setdefault(parent, []).append(code)
    by_line = {code: grp for code, grp in accounts.groupby("line", sort=True)}

    # first pass: where every row goes (formulas refer to rows below as well as above)
    layout: list[tuple[str, object]] = []
    for rec in table.itertuples(index=False):
        layout.append(("row", rec))
        if rec.kind in ("line", "subline") and rec.code not in children:
            for acc in by_line.get(rec.code, pd.DataFrame()).itertuples(index=False):
                layout.append(("account", acc))
    rows, acc_rows = {}, {}
    for i, (kind, rec) in enumerate(layout):
        r = head + 1 + i
        if kind == "row":
            rows[rec.code] = r
        else:
            acc_rows.setdefault(rec.line, []).append(r)

    def sum_of(refs: list[int], col: int) -> str:
        return "+".join(cell(r, col) for r in refs) if refs else "0"

    top = {}
    for code, parent, section in zip(lines["code"].astype(str), lines["parent"].astype(str),
                                     lines["section"].astype(str)):
        if not parent:
            top.setdefault(section, []).append(code)
    for rec in table.itertuples(index=False):
        if rec.kind == "line" and rec.code not in set(lines["code"].astype(str)):
            top.setdefault(rec.section, []).append(rec.code)  # outcome on a line not in the budget

    for i, (kind, rec) in enumerate(layout):
        r = head + 1 + i
        if kind == "account":
            sheet.link(r, 0, rec.name or rec.account, (links or {}).get(rec.account), "Kontots rader i huvudboken",
                       indent[3])
            sheet.code(r, 1, rec.account)
            traced = ledger_ranges is not None and str(rec.account).isdigit()
            for k in OUTCOME_COLS:
                if k not in cols:
                    continue
                if traced and k == "outcome_ytd":
                    sheet.formula(r, cols[k], f"-({general_ledger.sum_formula(ledger_ranges, rec.account)})",
                                  getattr(rec, k))
                elif traced and k == "outcome_month":
                    month = f"{scope.year}-{scope.through_month:02d}"
                    sheet.formula(r, cols[k], f"-({general_ledger.sum_formula(ledger_ranges, rec.account, month)})",
                                  getattr(rec, k))
                else:
                    sheet.amount(r, cols[k], getattr(rec, k))
            continue
        emphasis = rec.kind in ("section", "total", "result")
        sheet.text(r, 0, rec.name, bold if emphasis else indent[min(int(rec.level), 2)])
        if rec.kind == "section":
            continue
        sheet.text(r, 1, rec.code if rec.kind in ("line", "subline") else "")
        if rec.kind == "total":
            covered = [rows[c] for c in top.get(rec.section, []) if c in rows]
        elif rec.kind == "result":
            covered = [rows[c] for c in ("summa-intakter", "summa-kostnader") if c in rows]
        elif rec.code in children:
            covered = [rows[c] for c in children[rec.code] if c in rows]
        else:
            covered = None  # a leaf: outcome from its accounts, budget figures as values
        kr_fmt = f.kr_bold if emphasis else f.kr
        for k, _ in present:
            c = cols[k]
            value = getattr(rec, k)
            if k == "variance_ytd":
                sheet.formula(r, c, f"{cell(r, cols['outcome_ytd'])}-{cell(r, cols['budget_ytd'])}",
                              value, kr_fmt)
            elif k == "variance_pct":
                b = cell(r, cols["budget_ytd"])
                pct = None if value is None or (isinstance(value, float) and np.isnan(value)) else float(value)
                sheet.formula(r, c, f'IF({b}=0,"",{cell(r, cols["variance_ytd"])}/ABS({b}))',
                              "" if pct is None else pct, f.percent, ore=False)
            elif covered is not None:
                sheet.formula(r, c, sum_of(covered, c), value, kr_fmt)
            elif k in OUTCOME_COLS and acc_rows.get(rec.code):
                sheet.formula(r, c, sum_of(acc_rows[rec.code], c), value, kr_fmt)
            else:
                sheet.amount(r, c, value, kr_fmt)
    sheet.last_row = head + len(layout)
    sheet.finish(filter=False, widths={0: 44})
    return Placed(rows, cols)
