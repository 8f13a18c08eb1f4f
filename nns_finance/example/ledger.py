"""The synthetic 2025 ledger of the example data folder, and its opening balances.

Synthetic but consistent with the board minutes (DOMAIN.md): the sums per budget line equal the
2025 forecast column ("2025 Prognos helår") to the öre; the opening balances (IB 2025) balance
and give the opening equity 1 552 276 kr on 2067. Timing as a treasurer would see it:

- membership fees invoiced in January, service fees invoiced in the first quarter (1510), each
  invoice paid within a month;
- staff support (6550) invoiced monthly, 1/12 of the year each (to the öre), paid the month after;
- board fees (7240) monthly with employer social fees of 31.42 % (7516); the withheld tax and
  the fees (2710/2730) paid to Skatteverket the month after; board travel (5800) around meetings;
- the annual meeting (5830) in April; audit fees (6420) in March; accounting services monthly;
- indicator income in two instalments, MSI income quarterly, the grant for Våld i nära
  relationer in two payments;
- 700 000 kr moved from 1930 to the fixed-rate account 1880 on 2025-07-01 (1.85 %, three months,
  ACT/365); the interest 3 264,11 kr booked at maturity 2025-10-01 on 8312 (part of Övrigt,
  with other income on 3990 making up the rest of 50 000 kr); the deposit is rolled over for
  2025-10-01 → 2026-01-01 and stays on 1880;
- at the year end the interest of that second term, 3 264,11 kr, all of it earned in 2025, is
  accrued: 1760 (upplupna ränteintäkter) against 8312 on 2025-12-31 (the 2026 ledger reverses
  it on 2026-01-01, :mod:`nns_finance.example.ledger_2026`).

Vouchers are in series A, numbered from 1 in date order. No randomness: every amount and date
follows from the rules above, so :func:`write` gives the same bytes every run.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.schema import SCHEMAS
from ..core.money import parse_ore

YEAR = 2025
SERIES = "A"
CSV_FILE = "ledger/2025.csv"
OPENING_FILE = "ledger/opening_balances.csv"
SIE_FILE = "ledger/2025.se"
COMPANY = "Nationella nätverket för samordningsförbund (NNS)"
ORG_NUMBER = "802400-0000"

# names of the accounts used, as in data/example/accounts.csv (a test keeps them equal), for #KONTO
ACCOUNT_NAMES = {
    "1510": "Kundfordringar", "1760": "Upplupna ränteintäkter", "1880": "Kortfristiga placeringar (fasträntekonto)", "1930": "Företagskonto",
    "2067": "Balanserat kapital", "2440": "Leverantörsskulder", "2710": "Personalskatt",
    "2730": "Lagstadgade sociala avgifter", "3010": "Medlemsavgifter", "3020": "Serviceavgifter",
    "3110": "Bidrag Våld i nära relationer", "3120": "Indikatoravgifter och bidrag",
    "3130": "Samverkansavtal MSI", "3990": "Övriga intäkter", "5800": "Resor förtroendevalda",
    "5810": "Arbetsgrupper och ordförandeträffar", "5830": "Årsmöte/medlemsmöte", "5840": "Opinionsarbete",
    "6110": "Information och kommunikation", "6420": "Revisionsarvoden", "6530": "Redovisningstjänster",
    "6550": "Tjänstepersonstöd (konsultarvoden)", "6560": "Indikatorverksamhet",
    "6570": "Våld i nära relationer", "6580": "Samverkansavtal MSI", "6990": "Övriga kostnader",
    "7240": "Styrelsearvoden", "7516": "Sociala avgifter på arvoden",
    "8312": "Ränteintäkter kortfristiga placeringar",
}

DEPOSIT = {"principal": "700 000", "rate": Decimal("1.85"), "start": dt.date(2025, 7, 1),
           "maturity": dt.date(2025, 10, 1), "days_in_year": 365}
BOARD_FEE_MONTHLY = "18 000"        # styrelsearvoden per månad, kr
SOCIAL_FEE_RATE = Decimal("0.3142")  # arbetsgivaravgifter 2025
TAX_RATE = Decimal("0.30")           # preliminary tax withheld on the board fees


@dataclass(frozen=True)
class Voucher:
    """One voucher: its date, its text and its rows (account, öre; debit positive)."""

    date: dt.date
    text: str
    rows: tuple[tuple[str, int], ...]

    def __post_init__(self):
        total = sum(amount for _, amount in self.rows)
        if total != 0:
            raise ValueError(f"example voucher {self.text!r} does not balance ({total} öre)")


def kr(text: str) -> int:
    """Öre from Swedish kronor text (``"5 655,60"``)."""
    return parse_ore(text)


def split_evenly(total: int, parts: int) -> list[int]:
    """``total`` öre in ``parts`` amounts that differ by at most one öre (the first ones larger)."""
    q, r = divmod(total, parts)
    return [q + (1 if i < r else 0) for i in range(parts)]


def percent_of(ore: int, rate: Decimal) -> int:
    return int((Decimal(ore) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_end(month: int) -> dt.date:
    nxt = dt.date(YEAR + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def deposit_interest() -> int:
    """700 000 kr × 1,85 % × 92/365, to the öre (half up): 3 264,11 kr."""
    days = (DEPOSIT["maturity"] - DEPOSIT["start"]).days
    exact = Decimal(kr(DEPOSIT["principal"])) * DEPOSIT["rate"] / 100 * days / DEPOSIT["days_in_year"]
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- opening balances (IB 2025) ------------------------------------------------------------

def opening_balances() -> dict[str, int]:
    """IB 2025 per account, debit positive; they sum to zero and equity (2067) is 1 552 276 kr."""
    ib = {
        "1510": kr("25 000"),          # indicator invoice from December 2024, paid in January
        "2067": -kr("1 552 276"),      # balanserat kapital = opening equity
        "2440": -kr("107 658,67"),     # staff support, December 2024 invoice
        "2710": -kr("5 400"),          # tax withheld on December 2024 board fees
        "2730": -kr("5 655,60"),       # social fees on December 2024 board fees
    }
    ib["1930"] = -sum(ib.values())
    return dict(sorted(ib.items()))


# --- the year's vouchers, story by story -------------------------------------------------

def _service_fee_amounts(total: int, members: int = 59) -> list[int]:
    """Whole-krona service fees for ``members`` invoices summing to ``total`` öre: a few large
    members and many small ones (deterministic weights, no randomness)."""
    weights = [4 + ((k * 23) % members) ** 2 // 40 for k in range(members)]
    kronor = total // 100
    fees = [kronor * w // sum(weights) for w in weights]
    for k in range(kronor - sum(fees)):
        fees[k] += 1
    return [f * 100 for f in fees]


def _fee_vouchers() -> list[Voucher]:
    out = [Voucher(dt.date(2025, 1, 15), "Medlemsavgifter 2025, 59 medlemmar à 200 kr",
                   (("1510", kr("11 800")), ("3010", -kr("11 800")))),
           Voucher(dt.date(2025, 2, 14), "Inbetalning medlemsavgifter 2025",
                   (("1930", kr("11 800")), ("1510", -kr("11 800"))))]
    batches = [dt.date(2025, 1, 20), dt.date(2025, 2, 17), dt.date(2025, 3, 17)]
    for k, fee in enumerate(_service_fee_amounts(kr("1 794 449"))):
        invoiced = batches[min(k // 20, 2)]
        paid = invoiced + dt.timedelta(days=20 + (k * 7) % 11)
        number = 25001 + k
        out.append(Voucher(invoiced, f"Serviceavgift 2025, faktura {number}",
                           (("1510", fee), ("3020", -fee))))
        out.append(Voucher(paid, f"Inbetalning faktura {number}", (("1930", fee), ("1510", -fee))))
    for invoiced, amount in ((dt.date(2025, 3, 3), "185 706"), (dt.date(2025, 9, 1), "185 706")):
        half = "första" if invoiced.month == 3 else "andra"
        out.append(Voucher(invoiced, f"Indikatoravgifter 2025, {half} delbetalningen",
                           (("1510", kr(amount)), ("3120", -kr(amount)))))
        out.append(Voucher(invoiced + dt.timedelta(days=30), f"Inbetalning indikatoravgifter, {half} delen",
                           (("1930", kr(amount)), ("1510", -kr(amount)))))
    for month, day in ((3, 31), (6, 30), (9, 30), (12, 15)):
        out.append(Voucher(dt.date(2025, month, day), f"Samverkansavtal MSI, kvartal {(month - 1) // 3 + 1}",
                           (("1930", kr("62 500")), ("3130", -kr("62 500")))))
    for date, amount in ((dt.date(2025, 2, 10), "150 000"), (dt.date(2025, 8, 25), "56 065")):
        out.append(Voucher(date, "Bidrag Våld i nära relationer", (("1930", kr(amount)), ("3110", -kr(amount)))))
    for date, amount, text in ((dt.date(2025, 5, 20), "30 000", "Ersättning för föreläsning"),
                               (dt.date(2025, 11, 18), "13 471,78", "Återbetalning från leverantör")):
        out.append(Voucher(date, text, (("1930", kr(amount)), ("3990", -kr(amount)))))
    return out


def _opening_settlements() -> list[Voucher]:
    ib = opening_balances()
    return [
        Voucher(dt.date(2025, 1, 12), "Skatteverket: skatt och arbetsgivaravgifter december 2024",
                (("2710", -ib["2710"]), ("2730", -ib["2730"]), ("1930", ib["2710"] + ib["2730"]))),
        Voucher(dt.date(2025, 1, 20), "Inbetalning indikatorfaktura 2024",
                (("1930", ib["1510"]), ("1510", -ib["1510"]))),
        Voucher(dt.date(2025, 1, 20), "Betalning tjänstepersonstöd december 2024",
                (("2440", -ib["2440"]), ("1930", ib["2440"]))),
    ]


def _staff_vouchers() -> list[Voucher]:
    out = []
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december"]
    staff = split_evenly(kr("1 000 000"), 12)
    msi = split_evenly(kr("250 000"), 12)
    for m, name in enumerate(months, start=1):
        end = month_end(m)
        out.append(Voucher(end, f"Tjänstepersonstöd {name}", (("6550", staff[m - 1]), ("2440", -staff[m - 1]))))
        if m < 12:
            out.append(Voucher(dt.date(2025, m + 1, 20), f"Betalning tjänstepersonstöd {name}",
                               (("2440", staff[m - 1]), ("1930", -staff[m - 1]))))
        out.append(Voucher(dt.date(2025, m, 25), f"Redovisningstjänster {name}",
                           (("6530", kr("9 625")), ("1930", -kr("9 625")))))
        out.append(Voucher(dt.date(2025, m, 28), f"Samverkansavtal MSI, lönekostnad {name}",
                           (("6580", msi[m - 1]), ("1930", -msi[m - 1]))))
    return out


def board_fee_vouchers(year: int, months: int, monthly: str = BOARD_FEE_MONTHLY,
                       social_rate: Decimal = SOCIAL_FEE_RATE, tax_rate: Decimal = TAX_RATE) -> list[Voucher]:
    """The board's fees of months 1..``months`` of ``year`` (``monthly`` kronor, paid on the
    25th) and the tax and employer's contributions paid for each the month after, within those
    months."""
    out = []
    fee = kr(monthly)
    social = percent_of(fee, social_rate)
    tax = percent_of(fee, tax_rate)
    for m in range(1, months + 1):
        out.append(Voucher(dt.date(year, m, 25), f"Styrelsearvoden {m:02d}/{year}",
                           (("7240", fee), ("7516", social), ("2710", -tax), ("2730", -social),
                            ("1930", -(fee - tax)))))
        if m < months:
            out.append(Voucher(dt.date(year, m + 1, 12), f"Skatteverket: skatt och arbetsgivaravgifter {m:02d}/{year}",
                               (("2710", tax), ("2730", social), ("1930", -(tax + social)))))
    return out


def _board_vouchers() -> list[Voucher]:
    out = board_fee_vouchers(2025, 12)
    fee = kr(BOARD_FEE_MONTHLY)
    social = percent_of(fee, SOCIAL_FEE_RATE)
    travel_total = kr("350 000") - 12 * (fee + social)
    trips = [(dt.date(2025, 2, 6), "8 412,50"), (dt.date(2025, 3, 13), "9 870"), (dt.date(2025, 4, 16), "7 245,30"),
             (dt.date(2025, 5, 15), "8 930"), (dt.date(2025, 6, 12), "6 480"), (dt.date(2025, 9, 18), "9 615"),
             (dt.date(2025, 10, 16), "7 385")]
    last = travel_total - sum(kr(a) for _, a in trips)
    if last <= 0:
        raise ValueError("example board travel does not add up")
    for date, amount in trips + [(dt.date(2025, 11, 7), None)]:
        ore = kr(amount) if amount else last
        out.append(Voucher(date, "Resor och logi styrelsemöte", (("5800", ore), ("1930", -ore))))
    return out


def _cost_vouchers() -> list[Voucher]:
    plan = [  # (date, account, kronor, text)
        ((2, 28), "6110", "24 000", "Webbplats, årsavgift och uppdatering"),
        ((5, 22), "6110", "18 500", "Nyhetsbrev och trycksaker"),
        ((9, 24), "6110", "28 000", "Film och kommunikationsstöd"),
        ((11, 20), "6110", "15 000", "Informationsmaterial"),
        ((3, 14), "6420", "65 000", "Revisionsarvode räkenskapsåret 2024"),
        ((3, 20), "5810", "12 000", "Ordförandeträff, lokal och lunch"),
        ((5, 8), "5810", "9 500", "Arbetsgrupp indikatorer"),
        ((9, 11), "5810", "14 500", "Ordförandeträff hösten"),
        ((11, 13), "5810", "10 000", "Arbetsgrupper, mötesdag"),
        ((2, 28), "6570", "50 000", "Våld i nära relationer, projektkostnad"),
        ((5, 30), "6570", "50 000", "Våld i nära relationer, projektkostnad"),
        ((8, 29), "6570", "50 000", "Våld i nära relationer, projektkostnad"),
        ((11, 28), "6570", "50 000", "Våld i nära relationer, projektkostnad"),
        ((3, 31), "6560", "78 925", "Indikatorverksamhet, kvartal 1"),
        ((6, 30), "6560", "78 925", "Indikatorverksamhet, kvartal 2"),
        ((9, 30), "6560", "78 925", "Indikatorverksamhet, kvartal 3"),
        ((12, 15), "6560", "78 925", "Indikatorverksamhet, kvartal 4"),
        ((4, 10), "5830", "180 000", "Årsmöte och medlemsmöte, lokal och teknik"),
        ((4, 24), "5830", "44 000", "Årsmöte och medlemsmöte, middag"),
        ((6, 18), "5840", "2 000", "Opinionsarbete, Almedalen material"),
        ((3, 31), "6990", "500", "Bankavgifter kvartal 1"),
        ((6, 30), "6990", "500", "Bankavgifter kvartal 2"),
        ((9, 30), "6990", "500", "Bankavgifter kvartal 3"),
        ((12, 31), "6990", "500", "Bankavgifter kvartal 4"),
    ]
    return [Voucher(dt.date(YEAR, m, d), text, ((account, kr(amount)), ("1930", -kr(amount))))
            for (m, d), account, amount, text in plan]


ACCRUAL_DATE = dt.date(2025, 12, 31)
ACCRUAL_TEXT = "Periodisering: upplupen ränta fasträntekonto 2025-10-01–2026-01-01"


def accrued_interest() -> int:
    """The second term's interest (2025-10-01 → 2026-01-01, 92 days, all earned in 2025)."""
    return deposit_interest()


def _deposit_vouchers() -> list[Voucher]:
    principal = kr(DEPOSIT["principal"])
    interest = deposit_interest()
    return [
        Voucher(DEPOSIT["start"], "Placering fasträntekonto 3 mån 1,85 % (2025-07-01–2025-10-01)",
                (("1880", principal), ("1930", -principal))),
        Voucher(DEPOSIT["maturity"], "Ränta fasträntekonto 2025-07-01–2025-10-01, förlängt till 2026-01-01",
                (("1930", interest), ("8312", -interest))),
        Voucher(ACCRUAL_DATE, ACCRUAL_TEXT, (("1760", accrued_interest()), ("8312", -accrued_interest()))),
    ]


def vouchers() -> list[Voucher]:
    """Every voucher of 2025 in date order (stable within a day)."""
    made = (_opening_settlements() + _fee_vouchers() + _staff_vouchers() + _board_vouchers()
            + _cost_vouchers() + _deposit_vouchers())
    return sorted(made, key=lambda v: v.date)   # sorted() is stable: the order made within a day


def ledger_frame(source: str = CSV_FILE) -> pd.DataFrame:
    """The vouchers as a ``ledger`` frame (SCHEMAS), numbered A 1, A 2, … in date order."""
    rows = [(str(n), v.date, account, amount, v.text)
            for n, v in enumerate(vouchers(), start=1) for account, amount in v.rows]
    number, date, account, amount, text = zip(*rows)
    n = len(rows)
    frame = pd.DataFrame({
        "year": np.full(n, YEAR, dtype=np.int64), "series": SERIES, "number": number,
        "date": pd.to_datetime(list(date)).astype("datetime64[ns]"), "account": account,
        "amount": np.array(amount, dtype=np.int64), "text": text, "source": source,
        "line": np.arange(2, n + 2, dtype=np.int64), "reg_order": np.arange(1, n + 1, dtype=np.int64),
        "reg_date": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")})
    return frame.astype({c: "str" for c, t in SCHEMAS["ledger"].items() if t == "str"})


def balances_frame() -> pd.DataFrame:
    """The opening balances as a ``balances`` frame (kind IB)."""
    ib = opening_balances()
    return pd.DataFrame({"year": np.full(len(ib), YEAR, dtype=np.int64), "account": pd.array(list(ib), dtype="str"),
                         "kind": pd.array(["IB"] * len(ib), dtype="str"),
                         "amount": np.array(list(ib.values()), dtype=np.int64)})


def year_end_balances_frame() -> pd.DataFrame:
    """IB, UB and RES 2025, as a bookkeeping program's SIE export has them before the year-end
    closing: UB of every balance account is IB + the year's movements (so the result is not yet
    booked to equity: the balance accounts' UB sum to the year's result), RES of every result
    account is its movements."""
    ib = opening_balances()
    movement = ledger_frame().groupby("account")["amount"].sum()
    balance_accounts = sorted(set(ib) | {a for a in movement.index if a < "3000"})
    rows = [("IB", a, x) for a, x in ib.items()]
    rows += [("UB", a, int(ib.get(a, 0)) + int(movement.get(a, 0))) for a in balance_accounts]
    rows += [("RES", a, int(x)) for a, x in movement.items() if a >= "3000"]
    kind, account, amount = zip(*rows)
    return pd.DataFrame({"year": np.full(len(rows), YEAR, dtype=np.int64), "account": pd.array(account, dtype="str"),
                         "kind": pd.array(kind, dtype="str"), "amount": np.array(amount, dtype=np.int64)})


# --- files -------------------------------------------------------------------------------

def swedish_amount(ore: int) -> str:
    """``-1552276,00``: decimal comma, no thousands separator (what bookkeeping exports write)."""
    sign = "-" if ore < 0 else ""
    whole, frac = divmod(abs(int(ore)), 100)
    return f"{sign}{whole},{frac:02d}"


def _semicolon_csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def render_csv(ledger: pd.DataFrame) -> str:
    """The Swedish voucher export: semicolons, decimal comma, one row per voucher row."""
    return _semicolon_csv(["serie", "verifikationsnummer", "datum", "konto", "belopp", "text"],
                          ((r.series, r.number, f"{r.date:%Y-%m-%d}", r.account, swedish_amount(r.amount), r.text)
                           for r in ledger.itertuples(index=False)))


def render_opening(balances: pd.DataFrame) -> str:
    """``år;konto;belopp``: the opening balances, debit positive."""
    return _semicolon_csv(["år", "konto", "belopp"],
                          ((r.year, r.account, swedish_amount(r.amount)) for r in balances.itertuples(index=False)))


def sie_writer():
    """``nns_finance.sie.write_sie`` when the SIE package has it, else None."""
    from ..sie import write_sie

    return write_sie


def write(folder: Path, form: str = "auto") -> list[Path]:
    """Write the example ledger into ``folder/ledger/``.

    ``form="sie"``: ``ledger/2025.se`` (vouchers, IB and RES); ``form="csv"``: ``ledger/2025.csv`` and
    ``ledger/opening_balances.csv``; ``"auto"``: SIE when :mod:`nns_finance.sie` can write it.
    The files of the other form are removed, so the folder never holds the ledger twice.
    """
    from ..core.outputs import atomic_write

    folder = Path(folder)
    write_sie = sie_writer() if form in ("auto", "sie") else None
    if form == "sie" and write_sie is None:
        raise RuntimeError("the SIE form needs nns_finance.sie.write_sie")
    if write_sie is not None:
        path = folder / SIE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        accounts = pd.DataFrame({"account": list(ACCOUNT_NAMES), "name": list(ACCOUNT_NAMES.values())})
        write_sie(path, ledger_frame(SIE_FILE), year_end_balances_frame(), company=COMPANY, org_number=ORG_NUMBER,
                  fiscal_year=YEAR, accounts=accounts, program=("nns-finance example", "1"))
        written, stale = [path], [CSV_FILE, OPENING_FILE]
    else:
        written = [atomic_write(folder / CSV_FILE, render_csv(ledger_frame())),
                   atomic_write(folder / OPENING_FILE, render_opening(balances_frame()))]
        stale = [SIE_FILE]
    for name in stale:
        (folder / name).unlink(missing_ok=True)
    return written


if __name__ == "__main__":  # pragma: no cover
    import sys

    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "data/example")):
        print(p)
