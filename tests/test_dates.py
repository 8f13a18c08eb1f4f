"""One month parser for every month typed as text (--period, closed_through, a notebook's
period): the usual YYYY-MM and what a Swede may also write, with messages that say what is wrong."""
from __future__ import annotations

import datetime as dt

import pytest

from nns_finance.core.dates import MonthError, Period, parse_month
from nns_finance.core.problems import UsageError


@pytest.mark.parametrize("text", ["2025-09", " 2025-09 ", "2025-9", "202509", "2025/09", "2025.09",
                                  "september 2025", "September 2025", "sep 2025", "sept. 2025", "Sep 2025"])
def test_the_ways_of_writing_september_2025(text):
    assert parse_month(text) == Period(2025, 9)


def test_swedish_and_english_month_names():
    assert parse_month("maj 2026") == Period(2026, 5) and parse_month("May 2026") == Period(2026, 5)
    assert parse_month("okt 2024") == Period(2024, 10) and parse_month("oktober 2024") == Period(2024, 10)
    assert parse_month("mars 2025") == Period(2025, 3) and parse_month("March 2025") == Period(2025, 3)


def test_the_period_record():
    p = Period(2024, 2)                                   # a leap year
    assert (p.text, str(p), p.start, p.end) == ("2024-02", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert Period(2025, 2).end == dt.date(2025, 2, 28) and Period(2025, 12).end == dt.date(2025, 12, 31)
    assert Period(2025, 9) < Period(2025, 10) < Period(2026, 1)


@pytest.mark.parametrize("text, message", [
    ("2025-13", "period '2025-13': there is no month 13 (months are 1–12); write it as YYYY-MM, e.g. 2025-09"),
    ("202500", "period '202500': there is no month 0 (months are 1–12); write it as YYYY-MM, e.g. 2025-09"),
    ("2025-09-30", "period '2025-09-30': a date, not a month; write it as YYYY-MM, e.g. 2025-09"),
    ("09-2025", "period '09-2025': the year comes first; write it as YYYY-MM, e.g. 2025-09"),
    ("9/2025", "period '9/2025': the year comes first; write it as YYYY-MM, e.g. 2025-09"),
    ("septembre 2025", "period 'septembre 2025': not a month; write it as YYYY-MM, e.g. 2025-09"),
    ("25-09", "period '25-09': not a month; write it as YYYY-MM, e.g. "),
    ("", "period '': no month given; write it as YYYY-MM, e.g. "),
])
def test_what_is_wrong_is_said(text, message):
    with pytest.raises(MonthError) as err:
        parse_month(text)
    assert str(err.value).startswith(message)
    assert isinstance(err.value, UsageError)              # the CLI prints it in one line, exit 1


def test_the_caller_names_what_was_given():
    with pytest.raises(MonthError, match=r"^--period 'sept': not a month"):
        parse_month("sept", "--period")


def test_closed_through_is_read_by_the_same_parser_and_kept_as_yyyy_mm(tmp_path):
    from nns_finance.core.problems import Problems
    from nns_finance.books.settings import read_settings

    def settings(closed: str):
        path = tmp_path / "settings.toml"
        path.write_text(f'[organisation]\nname = "Förbundet"\nfiscal_year = 2031\n'
                        f'closed_through = "{closed}"\n', encoding="utf-8")
        problems = Problems()
        return read_settings(path, problems), [str(p) for p in problems.sorted()]

    read, problems = settings("2031-4")
    assert read.closed_through == "2031-04" and problems == []
    read, problems = settings("april 2031")
    assert read.closed_through == "2031-04" and problems == []
    read, problems = settings("2031-04-30")
    assert read.closed_through is None
    assert problems == ["settings.toml:4: setting 'organisation.closed_through' = '2031-04-30': a date, not a "
                        "month; write it as YYYY-MM, e.g. 2031-09"]
