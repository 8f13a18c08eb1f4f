"""The member register: good files in both languages, and each kind of bad row with its place."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from nns_finance import load
from nns_finance.core.schema import schema_mismatches
from nns_finance.books.members import TEMPLATE_FILES, read_members
from nns_finance.core.problems import Problems
from nns_finance.books.settings import read_settings

SETTINGS = """\
[organisation]
name = "Testföreningen"
fiscal_year = 2026

[notice]
deadline = "09-30"

[fees.2026]
membership_fee = 200
service_rate_permille = 3.5
"""


def folder_with(tmp_path: Path, members: str, name: str = "members.csv") -> Path:
    (tmp_path / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / name).write_text(members, encoding="utf-8")
    return tmp_path


def read(tmp_path: Path, members: str):
    folder = folder_with(tmp_path, members)
    problems = Problems()
    settings = read_settings(folder / "settings.toml", problems)
    m, b = read_members(folder, problems, settings)
    return m, b, [str(p) for p in problems.sorted()]


def test_swedish_register_gives_the_schema_frames(tmp_path):
    members, bases, problems = read(tmp_path, (
        "medlems-id;namn;organisationsnummer;inträde;utträde anmält;utträde från;"
        "indikatoravtal från;indikatoravtal till;underlag 2025;underlag 2026;anmärkning\n"
        "M01;Samordningsförbundet Ett;222999-0011;2010-01-01;;;2024-01-01;2025-10-31;10 000 000;10 200 000,50;exempel\n"
        "M02;Samordningsförbundet Två;;;2025-09-30;;;;2 000 000;;\n"))
    assert schema_mismatches(members, "members") == []
    assert schema_mismatches(bases, "fee_bases") == []
    assert members["member_id"].tolist() == ["M01", "M02"]
    # notice 2025-09-30 is on time: the withdrawal takes effect 2026-01-01 (computed)
    assert members.loc[1, "withdrawal_date"] == pd.Timestamp("2026-01-01")
    assert pd.isna(members.loc[1, "joined"])
    assert members.loc[0, "indicator_to"] == pd.Timestamp("2025-10-31")
    assert bases.to_dict("records") == [
        {"member_id": "M01", "year": 2025, "base": 1_000_000_000},
        {"member_id": "M02", "year": 2025, "base": 200_000_000},
        {"member_id": "M01", "year": 2026, "base": 1_020_000_050},
    ]
    # M02 leaves 2026-01-01, so it does not pay in 2026: no warning about its blank base
    assert problems == []


def test_english_headers_and_late_notice(tmp_path):
    members, bases, problems = read(tmp_path, (
        "member_id,name,joined,withdrawal notice,base 2026\n"
        "A,Alpha,2020-03-01,2025-10-01,5000000\n"))
    assert problems == []
    # a notice after 30 September takes effect a year later
    assert members.loc[0, "withdrawal_date"] == pd.Timestamp("2027-01-01")
    assert bases["base"].tolist() == [500_000_000]


def test_duplicate_id_names_the_first_line(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;underlag 2026\nA;Ett;1\nB;Två;1\nA;Tre;1\n")
    assert problems == ["members.csv:4: duplicate member id 'A' (first on line 2)"]


def test_withdrawal_before_joining(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;inträde;utträde från;underlag 2026\n"
                                    "A;Ett;2024-06-01;2024-01-01;1\n")
    assert problems == ["members.csv:2: withdrawal takes effect 2024-01-01, on or before joining 2024-06-01"]


def test_negative_and_bad_fee_bases(tmp_path):
    members, bases, problems = read(tmp_path, "id;namn;underlag 2025;underlag 2026\n"
                                              "A;Ett;-5 000;12,345\nB;Två;tio;100\n")
    assert problems == [
        "members.csv:2: fee base 2026: more than two decimals: '12,345'",
        "members.csv:2: negative fee base 2025: -5 000",
        "members.csv:3: fee base 2025: not an amount: 'tio'",
    ]
    assert bases.to_dict("records") == [{"member_id": "B", "year": 2026, "base": 10_000}]


def test_bad_dates_and_indicator_order(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;inträde;indikatoravtal från;indikatoravtal till;underlag 2026\n"
                                    "A;Ett;2025-02-30;2025-06-01;2025-01-31;1\n")
    assert problems == [
        "members.csv:2: indicator agreement ends 2025-01-31, before it starts 2025-06-01",
        "members.csv:2: not a date: '2025-02-30' (expected YYYY-MM-DD)",
    ]


def test_notice_after_effective_date_and_earlier_than_rule(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;utträde anmält;utträde från;underlag 2026\n"
                                    "A;Ett;2025-05-01;2025-04-01;1\n"
                                    "B;Två;2025-05-01;2025-07-01;1\n")
    assert problems == [
        "members.csv:2: withdrawal takes effect 2025-04-01, before its notice 2025-05-01",
        "members.csv:3: warning: withdrawal takes effect 2025-07-01, earlier than the notice rule gives "
        "(2026-01-01 for notice on 2025-05-01)",
    ]


def test_missing_base_for_a_paying_year_is_a_warning(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;underlag 2025;underlag 2026\nA;Ett;100;\n")
    assert problems == ["members.csv:2: warning: member A pays fees for 2026 but has no fee base for 2026; "
                        "its service fee is 0"]


def test_no_base_column_for_a_year_with_rules(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;underlag 2025\nA;Ett;100\n")
    assert problems == ["members.csv:1: warning: no fee-base column for 2026 (settings.toml has fee rules "
                        "for 2026; add a column 'underlag 2026')"]


def test_blank_id_and_name_and_unknown_column(tmp_path):
    members, _, problems = read(tmp_path, "id;namn;färg;underlag 2026\n;Ett;röd;1\nB;;blå;1\n")
    assert problems == [
        "members.csv:1: warning: column 'färg' is not a member-register column; ignored",
        "members.csv:2: member id is blank",
        "members.csv:3: member name is blank",
    ]
    assert members["member_id"].tolist() == ["B"]      # the row without an id is reported, not kept


def test_organisation_number_checks_are_warnings(tmp_path):
    _, _, problems = read(tmp_path, "id;namn;orgnr;underlag 2026\nA;Ett;222999-0012;1\nB;Två;12345;1\n"
                                    "C;Tre;222999-0011;1\nD;Fyra;2229990011;1\n")
    assert problems == [
        "members.csv:2: warning: organisation number '222999-0012' fails its check digit",
        "members.csv:3: warning: organisation number '12345' is not NNNNNN-NNNN",
        "members.csv:5: warning: organisation number 2229990011 is also on another member",
    ]


def test_missing_required_column(tmp_path):
    _, _, problems = read(tmp_path, "id;underlag 2026\nA;1\n")
    assert problems == ["members.csv:1: missing column 'name' (the header has: id, underlag 2026)"]


def test_xlsx_register_points_at_cells(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Medlemmar"
    ws.append(["Medlems-id", "Namn", "Inträde", "Underlag 2026"])
    ws.append(["A", "Ett", dt.datetime(2020, 1, 1), 1_000_000])
    ws.append(["B", "Två", "igår", -3])
    (tmp_path / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    wb.save(tmp_path / "members.xlsx")
    books = load(tmp_path, strict=False)
    mine = [str(p) for p in books.problems if p.file == "members.xlsx"]
    assert mine == ["members.xlsx:Medlemmar!C3: not a date: 'igår' (expected YYYY-MM-DD)",
                    "members.xlsx:Medlemmar!D3: negative fee base 2026: -3"]
    assert books.fee_bases["base"].tolist() == [100_000_000]


def test_no_register_gives_empty_frames(tmp_path):
    (tmp_path / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    problems = Problems()
    members, bases = read_members(tmp_path, problems, None)
    assert members.empty and bases.empty and not problems
    assert schema_mismatches(members, "members") == []


def test_template_is_a_valid_empty_register(tmp_path):
    folder = folder_with(tmp_path, TEMPLATE_FILES["members.csv"])
    problems = Problems()
    members, bases = read_members(folder, problems, read_settings(folder / "settings.toml", problems))
    assert members.empty and bases.empty
    assert [str(p) for p in problems] == []
