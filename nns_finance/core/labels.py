"""The words the reports show, in Swedish (default) and English, in one table; the budget's
version names (:data:`VERSION_LABELS`) are taken from it.

Code and column names inside the package are English (``outcome_ytd``); what a reader sees comes
from here: ``label("outcome_ytd", "sv")`` → ``Utfall ack.``. Budget line names come from the
budget file itself and are not translated.
"""
from __future__ import annotations
from .i18n import _

LANGUAGES = ("sv", "en")

MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
MONTHS_SHORT = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

LABELS: dict[str, tuple[str, str]] = {
    # result-table columns
    "name": ("Budgetrad", "Budget line"),
    "outcome_month": ("Utfall perioden", "Outcome for the month"),
    "outcome_ytd": ("Utfall ack.", "Outcome to date"),
    "budget_ytd": ("Budget ack.", "Budget to date"),
    "variance_ytd": ("Avvikelse ack. kr", "Variance to date"),
    "variance_pct": ("Avvikelse ack. %", "Variance to date %"),
    "budget_year": ("Budget helår", "Budget full year"),
    "forecast_year": ("Prognos helår", "Forecast full year"),
    "last_year_ytd": ("Utfall fg år ack.", "Outcome last year to date"),
    "last_year_year": ("Utfall fg år helår", "Outcome last year, full year"),
    "budget_forecast_year": ("Prognos helår enl. budget", "Forecast (budget table)"),
    "last_year_note": ("Utfall fg år: från {source}.", "Last year's outcome: from {source}."),
    "forecast_comment": ("* {line}: {comment}", "* {line}: {comment}"),
    # rows the package computes
    "income": ("Intäkter", "Income"),
    "cost": ("Kostnader", "Costs"),
    "total_income": ("Summa intäkter", "Total income"),
    "total_cost": ("Summa totala kostnader", "Total costs"),
    "result": ("Årets resultat", "Result for the year"),
    # headings
    "title": ("Ekonomisk rapport", "Financial report"),
    "period": ("Period", "Period"),
    "through": ("Utfall till och med", "Outcome through"),
    "made": ("Framtagen", "Made"),
    "sources": ("Källor", "Sources"),
    "file": ("Fil", "File"),
    "version": ("Programversion", "Package version"),
    "key_figures": ("Nyckeltal", "Key figures"),
    "result_table": ("Resultat mot budget", "Result against budget"),
    "sign_note": ("Intäkter positiva, kostnader negativa; avvikelse = utfall − budget, så en "
                  "positiv avvikelse är gynnsam på varje rad.",
                  "Income positive, costs negative; variance = outcome − budget, so a positive "
                  "variance is favourable on every line."),
    "forecast_note": ("Prognos helår = utfall till och med perioden + resterande periodiserad "
                      "budget, utom rader märkta * där kassören angett prognosen (forecast-filen).",
                      "Forecast = outcome through the period + the remaining phased budget, "
                      "except lines marked * where the treasurer gave the forecast (forecast file)."),
    "forecast_given": ("* prognos angiven av kassören", "* forecast given by the treasurer"),
    "phasing": ("Budgetens periodisering per månad", "Budget phasing by month"),
    "phasing_even": ("Jämnt fördelad över årets tolv månader.", "Spread evenly over the twelve months."),
    "phasing_profile": ("Månadsprofil från phasing-filen", "Monthly profile from the phasing file"),
    "profile": ("Profil", "Profile"),
    "even": ("jämn", "even"),
    "year_total": ("Helår", "Full year"),
    "equity": ("Eget kapital", "Equity"),
    "equity_opening": ("Ingående eget kapital", "Opening equity"),
    "result_ytd": ("Resultat hittills i år", "Result to date"),
    "equity_now": ("Eget kapital vid periodens slut", "Equity at the period end"),
    "forecast_result": ("Prognos årets resultat", "Forecast result for the year"),
    "equity_closing_forecast": ("Utgående eget kapital, prognos", "Closing equity, forecast"),
    "liquidity": ("Likviditet", "Liquidity"),
    "bank": ("Bank", "Bank"),
    "deposits": ("Placeringar inkl. upplupen ränta", "Deposits incl. accrued interest"),
    "cash_and_deposits": ("Likvida medel och placeringar", "Cash and deposits"),
    "deposit_list": ("Placeringar", "Deposits"),
    "deposit_bank": ("Bank", "Bank"),
    "principal": ("Kapital", "Principal"),
    "rate": ("Ränta %", "Rate %"),
    "start": ("Från", "From"),
    "maturity": ("Förfaller", "Matures"),
    "accrued": ("Upplupen ränta", "Accrued interest"),
    "value": ("Värde", "Value"),
    "maturing": ("Förfaller inom tre månader", "Maturing within three months"),
    "no_deposits": ("Inga placeringar vid periodens slut.", "No deposits at the period end."),
    "none_maturing": ("Inga placeringar förfaller de närmaste tre månaderna.",
                      "No deposit matures in the next three months."),
    "guarantee": ("Insättningsgaranti", "Deposit guarantee"),
    "guarantee_table": ("Insättningsgaranti per bank vid periodens slut (kapital + upplupen ränta)",
                        "Deposit guarantee per bank at the period end (principal + accrued interest)"),
    "exposure": ("Exponering", "Exposure"),
    "limit": ("Garantibelopp", "Guarantee limit"),
    "headroom": ("Marginal", "Headroom"),
    "data_quality": ("Datakvalitet", "Data quality"),
    "no_problems": ("Kontrollerna fann inga problem i indata.", "The checks found no problems in the input."),
    "problem": ("Anmärkning", "Finding"),
    "charts": ("Diagram", "Charts"),
    "chart_cumulative": ("Ackumulerat utfall mot ackumulerad budget", "Cumulative outcome against cumulative budget"),
    "chart_variance": ("Avvikelse ack. per budgetrad", "Variance to date per budget line"),
    "chart_equity": ("Eget kapital månad för månad", "Equity month by month"),
    "outcome": ("Utfall", "Outcome"),
    "budget": ("Budget", "Budget"),
    "month": ("Månad", "Month"),
    "kr": ("kr", "SEK"),
    "item": ("Post", "Item"),
    "key_figure": ("Nyckeltal", "Key figure"),
    "compared": ("Jämförelse / består av", "Compared with / made of"),
    "equity_path": ("Eget kapital: ingående → utgående, prognos", "Equity: opening → closing, forecast"),
    "equity_path_note": ("ingående + prognos årets resultat", "opening + forecast result"),
    "equity_path_note_other": ("ingående + övriga förändringar hittills + prognos årets resultat",
                               "opening + other movements to date + forecast result"),
    "equity_other": ("Övriga förändringar av eget kapital", "Other movements in equity"),
    "equity_other_to_date": ("Övriga förändringar hittills", "Other movements to date"),
    "balance_sheet": ("Balansräkning", "Balance sheet"),
    "bs_opening": ("Ingående balans", "Opening balance"),
    "bs_closing": ("Balans", "Balance"),
    "bs_total_assets": ("Summa tillgångar", "Total assets"),
    "bs_total_eq_liab": ("Summa eget kapital och skulder", "Total equity and liabilities"),
    "bs_assets": ("Tillgångar", "Assets"),
    "bs_eq_liab": ("Eget kapital och skulder", "Equity and liabilities"),
    "bs_note": ("Per BAS-grupp; kontona i varje grupp finns i revisorsunderlagets blad Balansräkning. "
                "Årets resultat som ännu inte bokförts mot eget kapital ingår i eget kapital.",
                "By BAS group; each group's accounts are on the auditors' workbook's Balansräkning sheet. "
                "The result not yet booked to equity is part of equity."),
    "bs_ok": ("Tillgångar = eget kapital och skulder.", "Assets = equity and liabilities."),
    "bs_difference": ("Differens tillgångar − eget kapital och skulder", "Difference assets − equity and liabilities"),
    "voucher": ("Verifikation", "Voucher"),
    "date": ("Datum", "Date"),
    "text": ("Text", "Text"),
    "sources_note": ("SHA-256 för varje fil sist i rapporten", "SHA-256 of each file at the end of the report"),
    "amount": ("Belopp", "Amount"),
    "page": ("Sida", "Page"),
    "ledger": ("Bokföring", "Ledger"),
}

# The budget's versions as its column headers write them after the year ("2025 Prognos helår")
# and as the tables name them; a proposal's version is its own name.
VERSION_LABELS = {"outcome": LABELS["outcome"][0], "budget": LABELS["budget"][0],
                  "forecast": LABELS["forecast_year"][0]}


def check_language(lang: str) -> str:
    from .problems import UsageError

    if lang not in LANGUAGES:
        raise UsageError(_("unknown report language {lang}: use one of {choices}", lang=repr(lang),
                           choices=', '.join(LANGUAGES)))
    return lang


def label(key: str, lang: str = "sv") -> str:
    """The reader's word for ``key`` in ``lang`` (``sv`` or ``en``)."""
    sv, en = LABELS[key]
    return en if lang == "en" else sv


def month_name(month: int, lang: str = "sv") -> str:
    return MONTHS["en" if lang == "en" else "sv"][month - 1]


def month_short(month: int, lang: str = "sv") -> str:
    return MONTHS_SHORT["en" if lang == "en" else "sv"][month - 1]


def period_text(year: int, month: int, lang: str = "sv") -> str:
    """``september 2025`` / ``September 2025``."""
    return f"{month_name(month, lang)} {year}"
