"""The checks on the Kontroller sheet, each comparing two figures computed two ways.

- the vouchers balance (all rows sum to zero; no voucher out of balance);
- Huvudbok = Saldobalans = the ledger's trial balance (:func:`nns_finance.books.ledger.trial_balance`);

Every source is named in the treasurer's words (sheets, columns, files), never by the package's
function names.
- the result accounts and the accounts with a budget line = the result table's outcome;
- opening + movements = closing per account, against the input's closing balances (SIE ``#UB``);
- the deposit register = the placement account; interest computed = interest booked;
- fees per the member register = fees booked (whole year);
- the budget's lines add up to its totals (budget file) and the result table's full-year budget
  = the budget table's;
- equity rolls forward: opening + result = closing, and each opening = last year's closing.
"""
from __future__ import annotations

import pandas as pd

from . import general_ledger
from .controls import Check
from ..reports.xlsx import cell


def build_checks(books, scope, figures: dict, *, ranges, result, balance, fees, deposits, equity,
                 voucher_ranges=None, balance_sheet=None) -> list[Check]:
    checks: list[Check] = []
    led = figures["ledger"]
    tb = figures["balances"]
    total = int(led["amount"].sum())
    huvudbok = general_ledger.total_formula(ranges)
    checks.append(Check("Verifikationerna balanserar: summan av alla verifikationsrader är 0",
                        total, 0, huvudbok, None, "Huvudbok, kolumnerna Debet − Kredit"))
    if voucher_ranges is not None:
        from . import voucher_list
        debits = int(led["amount"].clip(lower=0).sum())
        checks.append(Check("Verifikationslistans debet = huvudbokens debet", debits, debits,
                            voucher_list.total_formula(voucher_ranges, voucher_list.COL_DEBIT),
                            f"SUM({general_ledger.amount_range(ranges)})",
                            "Verifikationslista, kolumn Debet; Huvudbok, kolumn Debet"))
    per_voucher = led.groupby(["series", "number"], dropna=False)["amount"].sum()
    checks.append(Check("Antal verifikationer som inte balanserar", int((per_voucher != 0).sum()), 0,
                        None, None, "Huvudbok, per serie och verifikationsnummer", unit="antal"))
    checks.append(Check("Huvudbokens rader = saldobalansens rörelser", total, int(tb["movement"].sum()),
                        huvudbok, cell(balance.total_row, balance.col_movement, sheet="Saldobalans"),
                        "Huvudbok; Saldobalans, Summa rörelser"))
    checks.append(Check("Huvudbokens utgående balanser = saldobalansens utgående balans", int(tb["closing"].sum()),
                        int(tb["closing"].sum()), general_ledger.closing_formula(ranges),
                        cell(balance.total_row, balance.col_closing, sheet="Saldobalans"),
                        "Huvudbok, raderna Utgående balans; Saldobalans, Summa UB"))
    ltb = figures["ledger_tb"]
    mine = tb.set_index("account")["closing"]
    theirs = ltb.set_index(ltb["account"].astype(str))["closing"]
    joined = pd.concat([mine.rename("a"), theirs.rename("b")], axis=1).fillna(0)
    checks.append(Check("Saldobalansens utgående balans = råbalansen per konto (antal konton som skiljer)",
                        int((joined["a"] != joined["b"]).sum()), 0, None, None,
                        "Saldobalans mot råbalansen (ingående balanser och verifikationer, räknade för sig)", unit="antal"))
    checks.append(Check("Saldobalansens utgående balans = råbalansen, summa", int(tb["closing"].sum()),
                        int(ltb["closing"].sum()),
                        cell(balance.total_row, balance.col_closing, sheet="Saldobalans"), None,
                        "Saldobalans; råbalansen (ingående balanser och verifikationer, räknade för sig)"))

    if balance_sheet is not None:
        from ..accounting.balance_sheet import balance_sheet as bs_of

        bs = bs_of(books, scope.year, scope.through_month, "sv")
        for col, key, when in ((balance_sheet.col_opening, "opening", "årets början"),
                               (balance_sheet.col_closing, "closing", scope.end.isoformat())):
            t = bs.totals[key]
            checks.append(Check(f"Balansräkningen {when}: tillgångar = eget kapital och skulder",
                                int(t["assets"]), int(t["equity_liabilities"]),
                                balance_sheet.ref(balance_sheet.assets_row, col),
                                balance_sheet.ref(balance_sheet.other_row, col),
                                "Balansräkning, Summa tillgångar och Summa eget kapital och skulder"))

    res = figures["result"]
    table_result = int(res.loc[res["code"] == "arets-resultat", "outcome_ytd"].iloc[0]) if len(res) else 0
    result_ref = result.ref("arets-resultat", "outcome_ytd") if "arets-resultat" in result.rows else None
    accounts = tb["account"].astype(str)
    result_mask = accounts.str.match(r"^[3-8]\d{3}$")
    by_class = -int(tb.loc[result_mask, "movement"].sum())
    class_refs = [cell(balance.rows[a], balance.col_movement, sheet="Saldobalans") for a in tb.loc[result_mask, "account"]]
    checks.append(Check("Resultat enligt resultatkontona (klass 3–8) = resultaträkningens utfall",
                        by_class, table_result, f"-({'+'.join(class_refs)})" if class_refs else "0", result_ref,
                        "Saldobalans, konton 3000–8999; Resultaträkning, Årets resultat, Utfall ack."))
    mapped = set(figures["accounts"]["account"].astype(str))
    by_line = -int(tb.loc[accounts.isin(mapped), "movement"].sum())
    checks.append(Check("Resultat enligt kontona med budgetrad = resultaträkningens utfall",
                        by_line, table_result, None, result_ref,
                        "Saldobalans, konton med budgetrad i kontoplanen; Resultaträkning"))

    if balance.col_difference is not None:
        diffs = (tb["closing_file"] - tb["closing"]).fillna(0)
        checks.append(Check("Ingående balans + rörelser = utgående balans enligt fil (antal konton som skiljer)",
                            int((diffs != 0).sum()), 0,
                            cell(balance.total_row, balance.col_difference, sheet="Saldobalans"), None,
                            "Saldobalans, kolumn Differens", unit="antal"))

    budget_total_problems = [p for p in books.problems if "budget total disagrees" in p.message]
    checks.append(Check("Budgetfilens summarader = summan av raderna (antal som skiljer)",
                        len(budget_total_problems), 0, None, None,
                        "Budgetfilen, kontrollerad vid inläsning (se Anmärkningar)", unit="antal"))
    budget_year = _budget_table_result(books, scope.year)
    if budget_year is not None and "arets-resultat" in result.rows:
        table_budget = int(res.loc[res["code"] == "arets-resultat", "budget_year"].iloc[0])
        checks.append(Check("Resultaträkningens budget helår = budgettabellens årets resultat",
                            table_budget, budget_year, result.ref("arets-resultat", "budget_year"), None,
                            "Resultaträkning, Budget helår; budgetfilen, Årets resultat"))

    pr = figures["principal"]
    if len(figures["deposits"]) or len(pr):
        ledger_refs = [cell(balance.rows[a], balance.col_closing, sheet="Saldobalans")
                       for a in pr["account"] if a in balance.rows and scope.through_month]
        checks.append(Check(f"Placeringsregistret = placeringskontot den {scope.end.isoformat()}",
                            int(pr["register"].sum()), int(pr["ledger"].sum()),
                            cell(deposits.total_row, deposits.col_principal, sheet="Placeringar")
                            if deposits.total_row is not None else None,
                            "+".join(ledger_refs) if ledger_refs and len(ledger_refs) == len(pr) else None,
                            "Placeringar (registret); Saldobalans, placeringskontots UB"))
        ir = figures["interest"]
        if len(ir):
            ref = (lambda c: cell(deposits.interest_total_row, c, sheet="Placeringar")) \
                if deposits.interest_total_row is not None else (lambda c: None)
            checks.append(Check("Ränta enligt registret = bokförd ränta (förfallna placeringar)",
                                int(ir["computed"].sum()), int(ir["booked"].sum()), ref(2), ref(3),
                                "Placeringar, avstämning per förfallodag"))

    if fees.total_row is not None:
        named = books.settings.budget_lines
        for column, code, what in (("membership_fee", named.membership_fees, "Medlemsavgifter"),
                                   ("service_fee", named.service_fees, "Serviceavgifter")):
            hit = res[res["code"] == code]
            if hit.empty or code not in result.rows:
                continue
            booked = int(hit["outcome_ytd"].iloc[0])
            checks.append(Check(
                f"{what} enligt medlemsregistret = bokförda {what.lower()}"
                + ("" if scope.through_month == 12 else " (helårsavgift mot bokfört hittills: ingen kontroll)"),
                fees.totals[column], booked, fees.ref(column), result.ref(code, "outcome_ytd"),
                "Avgifter, summa; Resultaträkning, Utfall ack.", applies=scope.through_month == 12))

    eq = figures["equity"]
    for rec in eq.itertuples(index=False):
        if int(rec.year) != scope.year:
            continue
        key = (int(rec.year), str(rec.version))
        if key not in equity.rows:
            continue
        from .equity import C_OPENING, C_PREV, VERSIONS
        from ..accounting.equity import is_rounding
        what = VERSIONS.get(rec.version, rec.version)
        if not pd.isna(rec.closing_stated):
            rounding = bool(rec.difference) and is_rounding(rec.difference, rec.source)
            checks.append(Check(f"Eget kapital {rec.year} ({what}): ingående + resultat + övriga förändringar "
                                f"= utgående enligt {rec.closing_from}"
                                + (" (avrundning under 1 kr: notering)" if rounding else ""),
                                int(rec.closing_stated), int(rec.closing),
                                equity.ref(*key, col=equity.col_stated), equity.ref(*key, col=equity.col_closing),
                                "Eget kapital", applies=not rounding))
        if not pd.isna(rec.previous_closing):
            prev_from = "ledger" if " bokföring" in str(rec.previous_from) else "budget"
            rounding = bool(rec.chain_difference) and is_rounding(rec.chain_difference, rec.source, prev_from)
            checks.append(Check(f"Eget kapital {rec.year} ({what}): ingående = föregående års utgående"
                                + (" (avrundning under 1 kr: notering)" if rounding else ""),
                                int(rec.opening), int(rec.previous_closing),
                                equity.ref(*key, col=C_OPENING), equity.ref(*key, col=C_PREV), "Eget kapital",
                                applies=not rounding))
    return checks


def _budget_table_result(books, year: int) -> int | None:
    from ..books.budget import budget_table

    try:
        table = budget_table(books, year, ["budget"])
    except Exception:  # noqa: BLE001 - no budget for the year: no check
        return None
    hit = table[table["kind"] == "result"]
    cols = [c for c in table.columns if c not in ("code", "name", "level", "kind", "section", "parent")]
    if hit.empty or not cols:
        return None
    return int(hit[cols[0]].iloc[0])
