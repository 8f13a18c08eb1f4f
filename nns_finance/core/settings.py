"""The settings as records: the organisation, the fiscal year, and per year the fee rules the board set.

Everything the board decides as a number lives here, not in code: the membership fee, the
service-fee rate (per mille), the maximum fee, the maximum yearly increase and what it is
measured against, the indicator fee, how fees are rounded, and the withdrawal notice rule.
Amounts are written in kronor in the file and held in öre. :mod:`nns_finance.books.settings`
reads ``settings.toml`` into these records.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping


INCREASE_BASES = ("previous_rate", "last_year_fee")
ROUNDINGS = ("krona", "ore")
JOINING = ("full", "pro_rata")
LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class FeeRule:
    """The fee rules for one year.

    year:               the fee year
    membership_fee:     medlemsavgift per member, öre (flat)
    service_rate:       serviceavgift in per mille of the fee base (tilldelning + matchning)
    previous_rate:      the earlier rate (per mille) a ``previous_rate`` increase cap is measured
                        against (2.5 ‰ before the 2024 raise); None if not used
    max_fee:            maxtaxa, öre; None = no maximum fee
    max_increase:       maxhöjning, öre; None = no cap on the yearly increase
    max_increase_basis: ``"previous_rate"`` (the fee at the previous rate on the same base) or
                        ``"last_year_fee"`` (the member's service fee the year before)
    indicator_fee:      fee per member with an indicator agreement in force, öre
    rounding:           ``"krona"``: each fee to whole kronor, half up; ``"ore"``: to the öre
    joining:            ``"full"``: a member joining during the year pays the whole fee;
                        ``"pro_rata"``: by the months of membership
    fee_date:           the register date that decides who pays (1 January by default)
    """

    year: int
    membership_fee: int
    service_rate: Decimal
    previous_rate: Decimal | None = None
    max_fee: int | None = None
    max_increase: int | None = None
    max_increase_basis: str = "previous_rate"
    indicator_fee: int = 0
    rounding: str = "krona"
    joining: str = "full"
    fee_date: dt.date | None = None

    @property
    def effective_fee_date(self) -> dt.date:
        return self.fee_date or dt.date(self.year, 1, 1)


@dataclass(frozen=True)
class NoticeRule:
    """When a member's withdrawal (utträde) takes effect.

    A written notice received on or before ``deadline`` (month, day) of a year takes effect
    on 1 January of the next year; a later notice one year after that (the seeds: notice
    2025-09-30 → effect 2026-01-01; the statutes' exact rule is a parameter).
    """

    deadline_month: int = 9
    deadline_day: int = 30

    def effective_date(self, notice: dt.date) -> dt.date:
        on_time = (notice.month, notice.day) <= (self.deadline_month, self.deadline_day)
        return dt.date(notice.year + (1 if on_time else 2), 1, 1)


@dataclass(frozen=True)
class AccountSettings:
    """Which BAS accounts hold what the report needs to find.

    bank:       cash at bank (1930)
    deposits:   the placement accounts holding term deposits (1880 or 1940)
    interest:   interest income on deposits (8312 / 8311)
    accrued_interest: accrued interest income (1760)
    equity:     the equity accounts (2060–2069)
    """

    bank: tuple[str, ...] = ("1930",)
    deposits: tuple[str, ...] = ("1880",)
    interest: tuple[str, ...] = ("8311", "8312")
    accrued_interest: tuple[str, ...] = ("1760",)
    equity: tuple[str, ...] = ("2060", "2061", "2067", "2068", "2069")


@dataclass(frozen=True)
class BudgetLines:
    """The budget lines the models book on, by their codes (``intakter.serviceavgifter``: the
    budget's section and line name made into a code; see ``nns-finance check`` for the codes).

    membership_fees: where the fee model's membership fees (medlemsavgifter) are budgeted
    service_fees:    where its service fees (serviceavgifter) are budgeted
    indicator_fees:  where its indicator fees are budgeted; None = the budget has no such line
    meeting_income:  the annual meeting's income (participant fees and grants); None = not named
    meeting_cost:    the annual meeting's cost; None = not named

    The two fee lines default to the fee model's own names under Intäkter; every other line is
    the association's own and named in ``settings.toml`` ``[budget_lines]`` when a model needs it.
    """

    membership_fees: str = "intakter.medlemsavgifter"
    service_fees: str = "intakter.serviceavgifter"
    indicator_fees: str | None = None
    meeting_income: str | None = None
    meeting_cost: str | None = None

    def fee_lines(self) -> dict[str, str]:
        """Fee kind (``membership``, ``service``, ``indicator``) → its budget line, where named."""
        out = {"membership": self.membership_fees, "service": self.service_fees}
        if self.indicator_fees:
            out["indicator"] = self.indicator_fees
        return out


@dataclass(frozen=True)
class Settings:
    """The whole of ``settings.toml``.

    organisation:   the organisation's name as the report heads it
    org_number:     organisationsnummer
    fiscal_year:    the year being kept (calendar year)
    language:       ``"sv"`` or ``"en"`` for reports
    closed_through: last closed month ``"YYYY-MM"`` for the default report period, or None
                    (then the last month with vouchers)
    fees:           year → :class:`FeeRule`
    notice:         the withdrawal notice rule
    accounts:       which accounts are bank, deposits, interest, equity
    budget_lines:   which budget lines the fee model and the annual meeting book on
    """

    organisation: str
    fiscal_year: int
    org_number: str = ""
    language: str = "sv"
    closed_through: str | None = None
    fees: Mapping[int, FeeRule] = field(default_factory=lambda: MappingProxyType({}))
    notice: NoticeRule = NoticeRule()
    accounts: AccountSettings = AccountSettings()
    budget_lines: BudgetLines = BudgetLines()

    def fee_rule(self, year: int) -> FeeRule:
        from .problems import UsageError

        try:
            return self.fees[year]
        except KeyError:
            from .i18n import _

            have = ", ".join(str(y) for y in sorted(self.fees)) or _("none")
            raise UsageError(_("settings.toml has no fee rules for {year} (it has: {have})",
                               year=year, have=have)) from None
