"""The synthetic 2026 ledger of the example data folder: NNS in December 2026, through November.

Synthetic but consistent with the board minutes (DOMAIN.md) and the rest of the example: the
treasurer prepares the board meeting of 10 December 2026, with every voucher through
30 November booked (``closed_through = "2026-11"``). What is taken from the minutes:

- Samordningsförbundet Södra Vänern has left from 1 January 2026 and pays nothing;
- the fees: one invoice per paying member in the first quarter, its membership fee (3010) and
  service fee (3020) exactly as the fee rules of ``settings.toml`` give them from the member
  register (3,5 ‰ with the 123 400 kr maximum fee; the register's bases are made so that the
  service fees sum to the budget's 1 732 849 kr); the indicator fee, 25 000 kr per member with
  an indicator agreement, in two halves (March and September) on 3120;
- the 700 000 kr fixed-rate deposit rolled over each quarter at 1,85 % (ACT/365, interest on
  8312 at each maturity); the 2025 year-end accrual of 3 264,11 kr on 1760 reversed on
  2026-01-01, when that term's interest is paid;
- MSI (Malmö University) pays 500 000 kr, 125 000 kr a quarter (3130); the staff support stays
  at 1 000 000 kr a year (6550);
- the annual meeting at Posthuset, Stockholm, 15–16 April: the venue's total price 622 300 kr
  (5830) in three invoices, and participant fees of 1 000 kr (3210).

What is made up: every amount and date not named above (board travel, information, the audit
fee, working groups, the participant count, other income), each chosen near the 2026 budget
line. The opening balances (IB 2026) are the 2025 ledger's closing balances with the 2025
result (28 026 kr) booked to 2067: opening equity 1 580 302 kr.

Vouchers are in series A, numbered from 1 in date order. No randomness: the same bytes every run.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.schema import SCHEMAS
from . import ledger as y2025
from .ledger import SERIES, Voucher, board_fee_vouchers, kr, split_evenly
from .members import _fee, _paying, build

YEAR = 2026
THROUGH = dt.date(2026, 11, 30)        # the last day booked: the books are closed through November
SIE_FILE = "ledger/2026.se"
MEMBERSHIP_FEE = "200"
INDICATOR_FEE = "25 000"
BOARD_FEE_MONTHLY = "20 000"
SOCIAL_FEE_RATE = Decimal("0.3142")
TAX_RATE = Decimal("0.30")
RATE = Decimal("1.85")
PRINCIPAL = "700 000"
TERMS = ((dt.date(2026, 1, 1), dt.date(2026, 4, 1)), (dt.date(2026, 4, 1), dt.date(2026, 7, 1)),
         (dt.date(2026, 7, 1), dt.date(2026, 10, 1)), (dt.date(2026, 10, 1), dt.date(2027, 1, 1)))
PARTICIPANTS = 212                      # synthetic: paying participants at the annual meeting
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")
SYNTHETIC = " (syntetiskt exempel)"

ACCOUNT_NAMES = {**y2025.ACCOUNT_NAMES, "3210": "Deltagaravgifter årsmöte/medlemsmöte"}


def term_interest(start: dt.date, end: dt.date) -> int:
    """700 000 kr × 1,85 % × days/365, to the öre (half up)."""
    exact = Decimal(kr(PRINCIPAL)) * RATE / 100 * (end - start).days / 365
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_end(month: int) -> dt.date:
    return dt.date(YEAR + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


# --- opening balances (IB 2026) -------------------------------------------------------------

def opening_balances() -> dict[str, int]:
    """IB 2026: the 2025 closing balances with the 2025 result booked to 2067 (sum zero)."""
    ub = y2025.year_end_balances_frame()
    ub = ub[ub["kind"] == "UB"]
    ib = {str(a): int(x) for a, x in zip(ub["account"], ub["amount"]) if int(x)}
    result = sum(ib.values())                        # the unbooked 2025 result (debit-positive sum)
    ib["2067"] = ib.get("2067", 0) - result
    assert sum(ib.values()) == 0
    return dict(sorted(ib.items()))


# --- the year's vouchers ---------------------------------------------------------------------

def member_fees() -> list[dict]:
    """Per paying member of 2026: id, name, membership, service and indicator fee (öre), from
    the register's rows with the fee rules (independently of :mod:`nns_finance.fees`)."""
    out = []
    for r in build():
        if not _paying(r, YEAR):
            continue
        indicator = bool(r["ind_from"]) and r["ind_from"] <= f"{YEAR}-12-31" \
            and (not r["ind_to"] or r["ind_to"] >= f"{YEAR}-01-01")
        out.append({"id": r["id"], "name": r["name"], "membership": kr(MEMBERSHIP_FEE),
                    "service": _fee(YEAR, r["base"][YEAR]) * 100,
                    "indicator": kr(INDICATOR_FEE) if indicator else 0})
    return out


def _fee_vouchers() -> list[Voucher]:
    out = []
    batches = [dt.date(YEAR, 1, 20), dt.date(YEAR, 2, 17), dt.date(YEAR, 3, 17)]
    fees = member_fees()
    for k, m in enumerate(fees):
        invoiced = batches[min(k // 20, 2)]
        paid = invoiced + dt.timedelta(days=20 + (k * 7) % 11)
        number = 26001 + k
        total = m["membership"] + m["service"]
        out.append(Voucher(invoiced, f"Medlems- och serviceavgift {YEAR}, faktura {number}, {m['id']}",
                           (("1510", total), ("3010", -m["membership"]), ("3020", -m["service"]))))
        out.append(Voucher(paid, f"Inbetalning faktura {number}", (("1930", total), ("1510", -total))))
    indicator = [m for m in fees if m["indicator"]]
    for invoiced, half in ((dt.date(YEAR, 3, 2), "första"), (dt.date(YEAR, 9, 1), "andra")):
        for k, m in enumerate(indicator):
            amount = m["indicator"] // 2
            number = (26101 if half == "första" else 26201) + k
            out.append(Voucher(invoiced, f"Indikatoravgift {YEAR}, {half} halvan, faktura {number}, {m['id']}",
                               (("1510", amount), ("3120", -amount))))
            out.append(Voucher(invoiced + dt.timedelta(days=25 + k % 5), f"Inbetalning faktura {number}",
                               (("1930", amount), ("1510", -amount))))
    for month in (3, 6, 9):
        out.append(Voucher(month_end(month), f"Samverkansavtal MSI, kvartal {month // 3}",
                           (("1930", kr("125 000")), ("3130", -kr("125 000")))))
    out.append(Voucher(dt.date(YEAR, 5, 19), "Ersättning för föreläsning" + SYNTHETIC,
                       (("1930", kr("15 000")), ("3990", -kr("15 000")))))
    return out


def _opening_settlements() -> list[Voucher]:
    ib = opening_balances()
    out = [Voucher(dt.date(YEAR, 1, 12), "Skatteverket: skatt och arbetsgivaravgifter december 2025",
                   (("2710", -ib["2710"]), ("2730", -ib["2730"]), ("1930", ib["2710"] + ib["2730"]))),
           Voucher(dt.date(YEAR, 1, 20), "Betalning tjänstepersonstöd december 2025",
                   (("2440", -ib["2440"]), ("1930", ib["2440"])))]
    return out


def _staff_vouchers() -> list[Voucher]:
    out = []
    staff = split_evenly(kr("1 000 000"), 12)
    msi = split_evenly(kr("250 000"), 12)
    accounting = split_evenly(kr("80 000"), 12)
    for m in range(1, 12):
        name = MONTHS[m - 1]
        out.append(Voucher(month_end(m), f"Tjänstepersonstöd {name}", (("6550", staff[m - 1]), ("2440", -staff[m - 1]))))
        if m < 11:
            out.append(Voucher(dt.date(YEAR, m + 1, 20), f"Betalning tjänstepersonstöd {name}",
                               (("2440", staff[m - 1]), ("1930", -staff[m - 1]))))
        out.append(Voucher(dt.date(YEAR, m, 25), f"Redovisningstjänster {name}",
                           (("6530", accounting[m - 1]), ("1930", -accounting[m - 1]))))
        out.append(Voucher(dt.date(YEAR, m, 28), f"Samverkansavtal MSI, lönekostnad {name}",
                           (("6580", msi[m - 1]), ("1930", -msi[m - 1]))))
    return out


def _board_vouchers() -> list[Voucher]:
    out = board_fee_vouchers(YEAR, 11, BOARD_FEE_MONTHLY, SOCIAL_FEE_RATE, TAX_RATE)
    trips = [((1, 22), "7 850"), ((3, 13), "9 420,50"), ((4, 16), "11 380"), ((5, 14), "8 240"),
             ((6, 18), "7 915"), ((8, 21), "8 630"), ((9, 17), "9 275,40"), ((10, 15), "8 105")]
    for (m, d), amount in trips:
        out.append(Voucher(dt.date(YEAR, m, d), "Resor och logi styrelsemöte" + SYNTHETIC,
                           (("5800", kr(amount)), ("1930", -kr(amount)))))
    return out


def _cost_vouchers() -> list[Voucher]:
    plan = [  # (date, account, kronor, text) — synthetic amounts near the 2026 budget lines
        ((2, 27), "6110", "24 000", "Webbplats, årsavgift och uppdatering"),
        ((4, 8), "6110", "21 500", "Trycksaker inför årsmötet"),
        ((6, 12), "6110", "18 000", "Nyhetsbrev och film"),
        ((10, 22), "6110", "16 500", "Informationsmaterial"),
        ((3, 13), "6420", "70 000", "Revisionsarvode räkenskapsåret 2025"),
        ((2, 19), "5810", "8 500", "Ordförandeträff, lokal och lunch"),
        ((9, 24), "5810", "9 000", "Arbetsgrupp indikatorer"),
        ((3, 31), "6560", "55 250", "Indikatorverksamhet, kvartal 1"),
        ((6, 30), "6560", "55 250", "Indikatorverksamhet, kvartal 2"),
        ((9, 30), "6560", "55 250", "Indikatorverksamhet, kvartal 3"),
        ((3, 16), "5830", "250 000", "Årsmöte 15–16 april, Posthuset: lokal och teknik, förskott"),
        ((4, 30), "5830", "90 000", "Årsmöte 15–16 april, Posthuset: middag"),
        ((5, 15), "5830", "282 300", "Årsmöte 15–16 april, Posthuset: slutfaktura"),
        ((6, 26), "5840", "31 000", "Opinionsarbete, Almedalen"),
        ((11, 12), "5840", "12 500", "Opinionsarbete, rundabordssamtal"),
        ((3, 31), "6990", "500", "Bankavgifter kvartal 1"),
        ((6, 30), "6990", "500", "Bankavgifter kvartal 2"),
        ((9, 30), "6990", "500", "Bankavgifter kvartal 3"),
    ]
    out = [Voucher(dt.date(YEAR, m, d), text + SYNTHETIC, ((account, kr(amount)), ("1930", -kr(amount))))
           for (m, d), account, amount, text in plan]
    fees = kr("1 000") * PARTICIPANTS
    out.append(Voucher(dt.date(YEAR, 4, 20), f"Deltagaravgifter årsmötet, {PARTICIPANTS} à 1 000 kr" + SYNTHETIC,
                       (("1510", fees), ("3210", -fees))))
    out.append(Voucher(dt.date(YEAR, 5, 20), "Inbetalning deltagaravgifter årsmötet",
                       (("1930", fees), ("1510", -fees))))
    return out


def _deposit_vouchers() -> list[Voucher]:
    accrued = y2025.accrued_interest()
    out = [Voucher(dt.date(YEAR, 1, 1), "Återföring periodisering: upplupen ränta fasträntekonto 2025-10-01–2026-01-01",
                   (("8312", accrued), ("1760", -accrued))),
           Voucher(dt.date(YEAR, 1, 1), "Ränta fasträntekonto 2025-10-01–2026-01-01, förlängt till 2026-04-01",
                   (("1930", accrued), ("8312", -accrued)))]
    for (start, end), (_, next_end) in zip(TERMS, TERMS[1:]):
        interest = term_interest(start, end)
        out.append(Voucher(end, f"Ränta fasträntekonto {start}–{end}, förlängt till {next_end}",
                           (("1930", interest), ("8312", -interest))))
    return out


def vouchers() -> list[Voucher]:
    """Every voucher of 2026 through November, in date order (stable within a day)."""
    made = (_deposit_vouchers() + _opening_settlements() + _fee_vouchers() + _staff_vouchers()
            + _board_vouchers() + _cost_vouchers())
    made = [v for v in made if v.date <= THROUGH]
    return sorted(made, key=lambda v: v.date)


def ledger_frame(source: str = SIE_FILE) -> pd.DataFrame:
    """The vouchers as a ``ledger`` frame (SCHEMAS), numbered A 1, A 2, … in date order."""
    rows = [(str(n), v.date, account, amount, v.text)
            for n, v in enumerate(vouchers(), start=1) for account, amount in v.rows]
    number, date, account, amount, text = zip(*rows)
    n = len(rows)
    frame = pd.DataFrame({
        "year": np.full(n, YEAR, dtype=np.int64), "series": SERIES, "number": number,
        "date": pd.to_datetime(list(date)).astype("datetime64[ns]"), "account": account,
        "amount": np.array(amount, dtype=np.int64), "text": text, "source": source,
        "line": np.arange(2, n + 2, dtype=np.int64), "reg_order": np.arange(1, n + 1, dtype=np.int64)})
    return frame.astype({c: "str" for c, t in SCHEMAS["ledger"].items() if t == "str"})


def balances_frame() -> pd.DataFrame:
    """IB 2026 as a ``balances`` frame: the year is open, so no UB or RES."""
    ib = opening_balances()
    return pd.DataFrame({"year": np.full(len(ib), YEAR, dtype=np.int64), "account": pd.array(list(ib), dtype="str"),
                         "kind": pd.array(["IB"] * len(ib), dtype="str"),
                         "amount": np.array(list(ib.values()), dtype=np.int64)})


def write(folder: Path) -> list[Path]:
    """Write ``ledger/2026.se`` (vouchers through November and IB 2026) into ``folder``."""
    from ..sie import write_sie

    path = Path(folder) / SIE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    accounts = pd.DataFrame({"account": list(ACCOUNT_NAMES), "name": list(ACCOUNT_NAMES.values())})
    write_sie(path, ledger_frame(), balances_frame(), company=y2025.COMPANY, org_number=y2025.ORG_NUMBER,
              fiscal_year=YEAR, accounts=accounts, program=("nns-finance example", "1"),
              generated=dt.date(2026, 12, 3))
    return [path]
