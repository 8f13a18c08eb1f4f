"""The SIE tokenizer on the quirks of SIE.md §2, and the fast path agreeing with it."""
from __future__ import annotations

import numpy as np
import pytest

from nns_finance.sie.fastpath import as_strings, read_trans_lines, read_ver_lines, token_text
from nns_finance.sie.lines import BLANK, CLOSE, OPEN, OTHER, RTRANS, TRANS, VER, classify
from nns_finance.sie.records import LineProblems, trans_row, ver_row
from nns_finance.sie.tokenize import ObjectList, tokenize_line
from nns_finance.core.problems import Problems


@pytest.mark.parametrize("line, label, fields", [
    ('#PROGRAM "Kassasystem" "1.0 - \\"Oblique Ozelot\\" - alpha"', "#PROGRAM",
     ("Kassasystem", '1.0 - "Oblique Ozelot" - alpha')),                                    # Q9
    ('#FNR "C:\\ProgramData\\SPCS\\F÷retag\\Ovnbol2000"', "#FNR",
     ("C:\\ProgramData\\SPCS\\F÷retag\\Ovnbol2000",)),                                        # Q10
    ('#TRANS 3010 {1 "2"\t10 "12"} -301050.00', "#TRANS",
     ("3010", ObjectList(("1", "2", "10", "12")), "-301050.00")),                              # Q5 Q8
    ("#TRANS 1010 { } 12.00 20150912 \"\" \"\"", "#TRANS",
     ("1010", ObjectList(()), "12.00", "20150912", "", "")),                                  # Q8 Q14
    ("#TRANS 1 {1 Nord 6 0001} 5", "#TRANS", ("1", ObjectList(("1", "Nord", "6", "0001")), "5")),
    ('#VER "11" 1 20231002 "Kundfaktura" 20231004 "#H"', "#VER",
     ("11", "1", "20231002", "Kundfaktura", "20231004", "#H")),                               # Q17
    ("#VER # 1 20090731", "#VER", ("#", "1", "20090731")),          # a series '#' is no label
    ("\t#trans  1930   {}      17240    20090701 Återföring\r", "#TRANS",
     ("1930", ObjectList(()), "17240", "20090701", "Återföring")),                           # Q6 Q7 Q11
])
def test_tokenize_quirks(line, label, fields):
    tok = tokenize_line(line)
    assert (tok.label, tok.fields, tok.issues) == (label, fields, ())


def test_empty_field_differs_from_missing():
    assert tokenize_line('#VER "" "64" 20210505').fields == ("", "64", "20210505")
    assert tokenize_line("#VER A 64 20210505").fields == ("A", "64", "20210505")
    assert tokenize_line('#VER A 64 20210505 ""').fields == ("A", "64", "20210505", "")


def test_braces_alone_are_block_delimiters():
    assert tokenize_line("{\t").label == "{"
    assert tokenize_line(" } ").label == "}"
    assert tokenize_line("junk").label is None


def test_unclosed_quote_reads_to_the_end_with_a_warning():
    tok = tokenize_line('#FNAMN "Förening AB')
    assert tok.fields == ("Förening AB",)
    assert tok.issues == ("a quoted field has no closing quote; read to the end of the line",)


def test_quote_that_replaced_a_letter_is_read_as_a_character():
    # SoftOne XE: ö became '"' in an earlier conversion
    assert tokenize_line('#KONTO\t1710 "F"rutbetalda hyreskostnad"').fields == ("1710", 'F"rutbetalda hyreskostnad')
    assert tokenize_line('#KONTO\t2440 Leverant"rsskulder').fields == ("2440", 'Leverant"rsskulder')
    assert tokenize_line('#KONTO\t6990 "Diverse "vriga kostnader"').fields == ("6990", 'Diverse "vriga kostnader')
    assert "may have lost letters" in tokenize_line('#KONTO 1 "Div."vriga"').issues[-1]


def test_checksum_text_drops_blanks_quotes_and_braces():
    tok = tokenize_line('#TRANS 1930 {1 "Nord"} -1.50 "" "Sa \\"ja\\""')
    assert tok.checksum_text() == '#TRANS19301Nord-1.50Sa "ja"'


def test_classify_lines():
    data = b'#FLAGGA 0\n\n#VER A 1 20250101\n{\n\t#trans 1 {} 5\r\n#RTRANS{\n}\r\n#TRANSX 1\n'
    assert classify(data).tolist() == [OTHER, BLANK, VER, OPEN, TRANS, RTRANS, CLOSE, OTHER, BLANK]


def _slow_trans(line):
    row = trans_row(tokenize_line(line), 1, LineProblems(Problems(), "x"))
    return row["account"], row["objects"], row["amount"], row["date"], row["text"], row["qty"], row["sign"]


def test_fast_path_reads_each_corpus_voucher_line_as_the_tokenizer_does(corpus_dir):
    from nns_finance.sie.values import amounts_from_text, dates_from_text

    def column(values):
        return np.asarray(as_strings(values).to_numpy(zero_copy_only=False), dtype=object)

    checked = 0
    for path in sorted(corpus_dir.glob("*.[sS][eEiI]")):
        data = path.read_bytes()
        text = data.decode("utf-8" if "UTF_8" in path.name or "Quotes" in path.name else "cp437")
        lines = np.array(text.split("\n"), dtype=object)
        kinds = classify(data)
        idx = np.flatnonzero(kinds == TRANS)
        cols, ok = read_trans_lines(as_strings(lines[idx]))
        amounts, _ = amounts_from_text(cols["amount"])
        dates, _ = dates_from_text(cols["date"])
        texts, signs = column(token_text(cols["text"])), column(token_text(cols["sign"], unescape=False))
        accounts, objects, qty = column(cols["account"]), column(cols["objects"]), column(cols["qty"])
        for i in np.flatnonzero(ok):
            account, objs, amount, date, text, quantity, sign = _slow_trans(lines[idx[i]])
            obj = tokenize_line("#O {" + objects[i] + "}").fields[0].pairs()
            assert (accounts[i], obj, amounts[i], texts[i], qty[i], signs[i]) == \
                   (account, objs, amount, text, quantity, sign), lines[idx[i]]
            assert (np.isnat(dates[i]) and date is None) or dates[i] == date
            checked += 1
        vidx = np.flatnonzero(kinds == VER)
        vcols, vok = read_ver_lines(as_strings(lines[vidx]))
        vtext, series = column(token_text(vcols["text"])), column(token_text(vcols["series"], unescape=False))
        number, vsign = column(token_text(vcols["number"], unescape=False)), column(token_text(vcols["sign"],
                                                                                                 unescape=False))
        vdates, _ = dates_from_text(vcols["date"])
        for i in np.flatnonzero(vok):
            row = ver_row(tokenize_line(lines[vidx[i]]), 1, LineProblems(Problems(), "x"))
            assert (series[i], number[i], vtext[i], vsign[i], vdates[i]) == \
                   (row["series"], row["number"], row["text"], row["sign"], row["date"]), lines[vidx[i]]
    assert checked > 6000
