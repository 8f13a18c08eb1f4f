"""Review of issue 3: undeclared dimensions and objects are warned about, #KSUMMA is computed on
the bytes exactly as the tokenizer reads each line, reused voucher numbers survive a write."""
from __future__ import annotations

import zlib

import pytest

from nns_finance.core.problems import Problems
from nns_finance.sie import parse_sie, read_sie, render_sie
from nns_finance.books.sie_ledger import load_for_ledger
from nns_finance.sie.ksumma import crc_of_bytes, crc_of_lines
from nns_finance.sie.tokenize import tokenize_line

HEAD = "#FLAGGA 0\n#PROGRAM Test 1\n#FORMAT PC8\n#GEN 20260115\n#SIETYP 4\n#FNAMN \"Föreningen\"\n" \
       "#RAR 0 20250101 20251231\n"


def read(text: str):
    problems = Problems()
    sie = parse_sie(text.encode("cp437"), problems, "t.se")
    return sie, [str(p) for p in problems.sorted()]


def test_undeclared_dimension_and_object_are_warnings_at_first_use():
    text = (HEAD + "#DIM 1 \"Kostnadsställe\"\n#OBJEKT 1 \"10\" \"Kansli\"\n#KONTO 1930 Bank\n#KONTO 5800 Resor\n"
            "#VER A 1 20250105 Resa\n{\n#TRANS 1930 {} -300.00\n#TRANS 5800 {1 \"10\"} 100.00\n"
            "#TRANS 5800 {1 \"20\" 6 \"P1\"} 100.00\n#TRANS 5800 {1 \"20\" 25 \"X\"} 100.00\n}\n")
    sie, problems = read(text)
    assert problems == [
        "t.se:16: warning: object '20' of dimension 1 is used but not declared (#OBJEKT)",
        "t.se:17: warning: dimension 25 is used but not declared (#DIM)",
    ]  # dimension 6 (project) is reserved: no #DIM needed; no objects of 6 listed, so none checked
    assert sie.transactions["amount"].sum() == 0


def test_objects_without_any_declaration_in_a_reserved_dimension_pass():
    _, problems = read(HEAD + "#VER A 1 20250105\n{\n#TRANS 1930 {} -1\n#TRANS 5800 {1 Nord 6 0001} 1\n}\n")
    assert problems == []


def test_corpus_undeclared_objects_are_reported(corpus_dir):
    # BL Administration books on objects 1010, 1100 … of dimension 1 that its #OBJEKT list lacks;
    # Mamut on two customers (dimension 8) it does not list
    counts = {}
    for name in ("jsisie_BL0001_typ4.SE", "jsisie_MAMUT_SIE4_EXPORT.SE", "siefile_SIE4_Exempelfil.SE"):
        problems = Problems()
        read_sie(corpus_dir / name, problems, name=name)
        found = [p for p in problems if "declared (#" in p.message]
        assert all(not p.is_error for p in found)
        counts[name] = len(found)
    assert counts == {"jsisie_BL0001_typ4.SE": 16, "jsisie_MAMUT_SIE4_EXPORT.SE": 2, "siefile_SIE4_Exempelfil.SE": 0}


LINES = [
    '#TRANS 1930 {1 "10"} -1000.50 20250105 "Årsmöte \\"vår\\" 2025"',   # \" inside quotes
    '#FNR "C:\\ProgramData\\SPCS\\F÷retag"',                           # literal backslashes
    '#KONTO 1010 "Div."vriga kostnader"',                             # a quote that replaced ö
    '#TRANS 1930 {} 5 "" "" "2 Christer"',                            # empty fields
    '   #PROSA\t"tab\tinside  and {braces}"  ',                        # blanks and braces inside quotes
    '#X a\\"b "c"',                                                    # \" outside quotes
    '#X "open to the end',                                             # unclosed quote
    "{", "}", "", "   ",
]


@pytest.mark.parametrize("line", LINES)
def test_ksumma_bytes_rule_counts_each_line_as_the_tokenizer(line):
    expected = tokenize_line(line).checksum_text() if line.strip() else ""
    assert crc_of_lines([line]) == zlib.crc32(expected.encode("cp437"))


def test_ksumma_of_many_lines_is_the_crc_of_their_texts_in_order():
    lines = LINES * 3
    expected = "".join(tokenize_line(x).checksum_text() for x in lines if x.strip())
    assert crc_of_lines(lines) == zlib.crc32(expected.encode("cp437"))
    assert crc_of_bytes(b"") == 0


def test_norstedts_ksumma_on_crlf_bytes(corpus_dir):
    data = (corpus_dir / "jsisie_Bokslut_Norstedts_SIE_4E.se").read_bytes()
    problems = Problems()
    sie = parse_sie(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), problems, "n.se")
    assert sie.checksum == (854227682, 854227682)
    assert not problems.has_errors


def test_reused_voucher_number_on_other_dates_stays_apart_when_written(corpus_dir):
    # BL Administration numbers every depreciation voucher "# 1"; 12 of them on 12 month ends
    name = "jsisie_BL0001_typ4.SE"
    ledger, balances = load_for_ledger(corpus_dir / name, Problems(), name)
    data = render_sie(ledger, balances, company="BL", org_number="556000-0000", fiscal_year=2009)
    problems = Problems()
    again = parse_sie(data, problems, "again.se")
    assert not problems.has_errors
    assert len(again.vouchers) == 84
    assert (again.vouchers["series"] == "#").sum() == 12
    assert again.transactions.groupby("account")["amount"].sum().to_dict() == \
        ledger.groupby("account")["amount"].sum().to_dict()
