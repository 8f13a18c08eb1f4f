"""Fee tables for people: the rule in words, the member table, totals, budget check, workbook.

Used by ``nns-finance fees`` and the fee notebook; every amount stays integer öre until it
is written (``1 552 276`` in tables, ``1552276.00`` in CSV, a number of kronor in Excel).
"""
from __future__ import annotations

import datetime as dt

import io
from decimal import Decimal

import pandas as pd

from ..fees.model import HEADINGS, MONEY_COLUMNS, for_people
from ..core.labels import VERSION_LABELS
from ..core.money import format_kr
from ..core.settings import FeeRule
from .textout import render

BASIS_LABELS = {"previous_rate": "avgiften med föregående sats", "last_year_fee": "förra årets avgift"}


def permille(rate: Decimal | None) -> str:
    """``Decimal("3.50")`` → ``3,5 ‰``."""
    if rate is None:
        return ""
    text = f"{Decimal(rate):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + " ‰"


def rule_text(rule: FeeRule) -> str:
    """The year's fee rules in one Swedish sentence."""
    parts = [f"serviceavgift {permille(rule.service_rate)} av underlaget"]
    parts.append(f"maxtaxa {format_kr(rule.max_fee)}" if rule.max_fee is not None else "ingen maxtaxa")
    if rule.max_increase is not None:
        basis = BASIS_LABELS.get(rule.max_increase_basis, rule.max_increase_basis)
        ref = f" ({permille(rule.previous_rate)})" if rule.max_increase_basis == "previous_rate" else ""
        parts.append(f"maxhöjning {format_kr(rule.max_increase)} över {basis}{ref}")
    else:
        parts.append("ingen maxhöjning")
    parts.append(f"medlemsavgift {format_kr(rule.membership_fee)}")
    if rule.indicator_fee:
        parts.append(f"indikatoravgift {format_kr(rule.indicator_fee)}")
    parts.append("avrundning till hela kronor" if rule.rounding == "krona" else "avrundning till öre")
    return f"Avgifter {rule.year}: " + ", ".join(parts) + "."


def shown_columns(table: pd.DataFrame, rule: FeeRule) -> list[str]:
    """The columns worth showing a person: the cap columns only when a cap applies."""
    cols = ["member_id", "name", "status"]
    if ((table["months"] != 12) & (table["months"] != 0)).any():
        cols.append("months")
    cols += ["base", "fee_before_limits"]
    if rule.max_increase is not None:
        cols += ["increase_cap"]
    cols += ["limit", "service_fee", "last_year_fee", "change", "change_percent", "membership_fee"]
    if table["indicator_fee"].any():
        cols.append("indicator_fee")
    cols.append("total_fee")
    return cols


# columns with a Summa: the fees this year and last year and the change, so the total row
# reconciles last year's income to this year's (the other amounts are per member only)
TOTALLED = ("service_fee", "last_year_fee", "change", "membership_fee", "indicator_fee", "total_fee")


def total_change_percent(table: pd.DataFrame):
    """The change of the service fees of the members that paid last year, as a share of last
    year's (None when nobody paid last year)."""
    last = int(table["last_year_fee"].sum())
    return None if last <= 0 or table["change"].isna().all() else int(table["change"].sum()) / last


def member_text(table: pd.DataFrame, rule: FeeRule) -> str:
    """The member table as an aligned Swedish text table, with a Summa row."""
    cols = shown_columns(table, rule)
    shown = table[cols].copy()
    total = {c: (shown[c].sum(min_count=1) if c in TOTALLED else None) for c in cols}
    people = for_people(shown)
    total_row = {HEADINGS[c]: v for c, v in total.items()}
    total_row[HEADINGS["member_id"]] = "Summa"
    if "change_percent" in cols:
        total_row[HEADINGS["change_percent"]] = total_change_percent(table)
    people = pd.concat([people, pd.DataFrame([total_row])], ignore_index=True)
    money = [HEADINGS[c] for c in cols if c in MONEY_COLUMNS]
    for c in money:
        people[c] = people[c].astype("Int64")
    people[HEADINGS["change_percent"]] = people[HEADINGS["change_percent"]].astype("Float64")
    return render(people.fillna({c: "" for c in people.columns if c not in money
                                 and c != HEADINGS["change_percent"]}),
                  "table", money=money, percent=[HEADINGS["change_percent"]])


def totals_text(totals: pd.DataFrame) -> str:
    shown = pd.DataFrame({"Avgift": totals["name"], "Belopp": totals["amount"],
                          "Betalande": totals["members"]})
    return render(shown, "table", money=["Belopp"])


def reconciliation_text(recon: pd.DataFrame) -> str:
    if recon.empty:
        return ""
    shown = pd.DataFrame({"Budgetrad": recon["name"],
                          "Version": recon["version"].map(lambda v: VERSION_LABELS.get(v, v)),
                          "Budget": recon["budget"], "Avgifter": recon["fees"],
                          "Avvikelse": recon["difference"]})
    return render(shown, "table", money=["Budget", "Avgifter", "Avvikelse"])


def member_csv(table: pd.DataFrame) -> str:
    """Machine-readable: canonical English columns, kronor with a '.' decimal point."""
    out = table.copy()
    out["indicator"] = out["indicator"].map({True: "yes", False: "no"})
    return render(out, "csv", money=MONEY_COLUMNS, percent=["change_percent"])


def workbook_bytes(table: pd.DataFrame, totals: pd.DataFrame, recon: pd.DataFrame, rule: FeeRule,
                   provenance: dict, solution_text: str = "") -> bytes:
    """An .xlsx with the member table (Avgifter), the totals and budget check (Summering) and
    what it was made from (Underlag). Amounts in kronor; same inputs give the same bytes."""
    import xlsxwriter

    from ..core.outputs import made_time

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    # the file's own metadata is UTC (OOXML writes it with a Z); what people read is made_text
    created = made_time().astimezone(dt.timezone.utc).replace(tzinfo=None)
    wb.set_properties({"title": rule_text(rule), "created": created})
    bold = wb.add_format({"bold": True})
    kr = wb.add_format({"num_format": "# ##0"})
    pct = wb.add_format({"num_format": "0.0%"})

    def kronor(v):
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            return None
        v = int(v)
        return v // 100 if v % 100 == 0 else v / 100

    ws = wb.add_worksheet("Avgifter")
    people = for_people(table)
    ws.write_row(0, 0, list(people.columns), bold)
    for r, row in enumerate(people.itertuples(index=False), start=1):
        for c, (col, value) in enumerate(zip(table.columns, row)):
            if col in MONEY_COLUMNS:
                v = kronor(value)
                ws.write_blank(r, c, None) if v is None else ws.write_number(r, c, v, kr)
            elif col == "change_percent":
                ws.write_blank(r, c, None) if pd.isna(value) else ws.write_number(r, c, float(value), pct)
            elif isinstance(value, (int,)) and not isinstance(value, bool):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, "" if pd.isna(value) else str(value))
    n = len(table)
    ws.write_string(n + 1, 0, "Summa", bold)
    for c, col in enumerate(table.columns):
        if col in TOTALLED and table[col].notna().any():
            letter = xlsxwriter.utility.xl_col_to_name(c)
            ws.write_formula(n + 1, c, f"=SUM({letter}2:{letter}{n + 1})", kr, kronor(table[col].sum()))
    if "change_percent" in table.columns and total_change_percent(table) is not None:
        c = list(table.columns).index("change_percent")
        change = xlsxwriter.utility.xl_col_to_name(list(table.columns).index("change"))
        last = xlsxwriter.utility.xl_col_to_name(list(table.columns).index("last_year_fee"))
        ws.write_formula(n + 1, c, f"={change}{n + 2}/{last}{n + 2}", pct, total_change_percent(table))
    ws.freeze_panes(1, 2)
    ws.set_column(1, 1, 40)

    ws = wb.add_worksheet("Summering")
    ws.write_string(0, 0, rule_text(rule), bold)
    if solution_text:
        ws.write_string(1, 0, solution_text)
    ws.write_row(3, 0, ["Avgift", "Belopp", "Betalande"], bold)
    for r, row in enumerate(totals.itertuples(index=False), start=4):
        ws.write_string(r, 0, row.name)
        ws.write_number(r, 1, kronor(row.amount), kr)
        ws.write_number(r, 2, int(row.members))
    start = 5 + len(totals)
    if not recon.empty:
        ws.write_row(start, 0, ["Budgetrad", "Version", "Budget", "Avgifter", "Avvikelse"], bold)
        for r, row in enumerate(recon.itertuples(index=False), start=start + 1):
            ws.write_string(r, 0, row.name)
            ws.write_string(r, 1, VERSION_LABELS.get(row.version, row.version))
            for c, v in ((2, row.budget), (3, row.fees), (4, row.difference)):
                ws.write_number(r, c, kronor(v), kr)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 14)

    ws = wb.add_worksheet("Underlag")
    ws.write_row(0, 0, ["Program", f"{provenance.get('package')} {provenance.get('version')}"])
    ws.write_row(1, 0, ["Framtagen", str(provenance.get("made", ""))])
    ws.write_row(2, 0, ["Datamapp", str(provenance.get("data_folder", ""))])
    r = 4
    ws.write_row(r, 0, ["Parameter", "Värde"], bold)
    for key, value in sorted(provenance.get("parameters", {}).items()):
        r += 1
        ws.write_row(r, 0, [str(key), str(value)])
    r += 2
    ws.write_row(r, 0, ["Fil", "SHA-256"], bold)
    for item in provenance.get("inputs", []):
        r += 1
        ws.write_row(r, 0, [item["file"], item["sha256"]])
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 70)
    wb.close()
    return buf.getvalue()


COMPARISON_HEADINGS = {
    "scenario": "Scenario", "description": "Beskrivning", "rate": "Sats", "max_fee": "Maxtaxa",
    "max_increase": "Maxhöjning", "members": "Betalande", "service_income": "Serviceavgifter",
    "budget": "Budget", "change_vs_budget": "Mot budget", "at_max_fee": "Betalar maxtaxa",
    "capped": "Begränsas av maxhöjning", "largest_increase": "Största höjning",
    "pays_more": "Betalar mer än i fjol", "pays_less": "Betalar mindre än i fjol",
    "membership_income": "Medlemsavgifter", "indicator_income": "Indikatoravgifter",
    "total_income": "Summa avgifter",
}


def _kr_or(blank: str):
    return lambda v: blank if v is None or v is pd.NA or (isinstance(v, float) and v != v) else format_kr(v)


def comparison_for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`~nns_finance.planning.fee_scenarios.compare_scenarios` as Swedish text for display."""
    out = frame.copy()
    out["rate"] = out["rate"].map(permille)
    out["max_fee"] = out["max_fee"].map(_kr_or("ingen"))
    out["max_increase"] = out["max_increase"].map(_kr_or("ingen"))
    for c in ("service_income", "budget", "change_vs_budget", "largest_increase", "membership_income",
              "indicator_income", "total_income"):
        out[c] = out[c].map(_kr_or(""))
    return out.rename(columns=COMPARISON_HEADINGS).set_index("Scenario")


def members_for_people(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """:func:`~nns_finance.planning.fee_scenarios.member_comparison` as Swedish text for display."""
    out = frame.copy()
    for c in out.columns[2:]:
        out[c] = out[c].map(_kr_or(""))
    return out.rename(columns={"member_id": "Medlem", "name": "Namn", "base": f"Underlag {year}",
                               "last_year_fee": f"Serviceavgift {year - 1}"}).set_index("Medlem")


def scenarios_text(scenarios) -> str:
    """The scenarios as a Swedish Markdown list: the rules in words, who leaves, grown bases,
    ended indicator agreements, and what of each scenario file the fees leave out."""
    lines = []
    for s in scenarios:
        text = f"- **{s.name}**: {rule_text(s.rule)}"
        if s.without:
            text += f" Utträder: {', '.join(s.without)}."
        if s.base_growth:
            text += f" Underlagen ökar {str(s.base_growth).replace('.', ',')} %."
        if s.indicator_endings:
            text += " Indikatoravtal upphör: " + ", ".join(
                f"{e.member_id} ({e.end_date:%Y-%m-%d})" for e in s.indicator_endings) + "."
        for note in s.notes:
            text += f" *{note}*"
        lines.append(text)
    return "\n".join(lines)
