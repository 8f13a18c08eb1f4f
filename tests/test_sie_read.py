"""Reading SIE: hand-written snippets with exact öre, every check, encodings, #KSUMMA."""
from __future__ import annotations

import zlib
from pathlib import Path

import pandas as pd

from nns_finance.core.schema import schema_mismatches
from nns_finance.core.problems import Problems
from nns_finance.sie import parse_sie, read_sie
from nns_finance.books.sie_ledger import load_for_ledger

FIXTURES = Path(__file__).parent / "fixtures" / "sie"
HEAD = "#FLAGGA 0\n#PROGRAM Test 1\n#FORMAT PC8\n#GEN 20260115\n#SIETYP 4\n#FNAMN \"Föreningen\"\n" \
       "#RAR 0 20250101 20251231\n#RAR -1 20240101 20241231\n"


def read(text: str, encoding: str = "cp437"):
    problems = Problems()
    sie = parse_sie(text.encode(encoding), problems, "t.se")
    return sie, [str(p) for p in problems.sorted()]


def test_voucher_rows_in_exact_ore_with_texts_and_dates():
    sie, problems = read(HEAD + '#VER A 1 20250105 "Medlemsavgift"\n{\n#TRANS 1930 {} 200\n'
                                '#TRANS 3010 {} -199.5 20250106 "Avgift Östra"\n#TRANS 3010 {} -0.50\n}\n')
    assert problems == []
    t = sie.transactions
    assert t["amount"].tolist() == [20000, -19950, -50]
    assert t["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-05", "2025-01-06", "2025-01-05"]
    assert t["text"].tolist() == ["", "Avgift Östra", ""]
    assert t[["series", "number", "account"]].values.tolist() == [["A", "1", "1930"], ["A", "1", "3010"],
                                                                  ["A", "1", "3010"]]


def test_quirks_fixture(tmp_path):
    problems = Problems()
    sie = read_sie(FIXTURES / "quirks.se", problems, name="quirks.se")
    c = sie.company
    assert (c.program_version, c.company_id, c.name, c.sie_type) == \
           ('1.0 - "Oblique" - alpha', "C:\\Program\\Företag", "Förening för test", "4E")
    assert sie.vouchers[["series", "number", "text", "sign"]].values.tolist() == \
           [["A", "1", 'Avgift "2025" #1', "#H"], ["B", "7", "Kaffe", ""]]
    assert sie.transactions["amount"].tolist() == [10050, -10050, 0, 0]
    assert sie.transactions["objects"].tolist() == [(("1", "0001"),), (), (), ()]
    assert sie.objects[["dim", "object", "name"]].values.tolist() == [["1", "0001", "Kansli"]]
    assert sie.balances[["kind", "account", "amount"]].values.tolist() == \
           [["IB", "1930", 100000], ["UB", "1930", 110050], ["RES", "3010", -10050]]
    assert sie.accounts[["account", "name", "type"]].values.tolist() == \
           [["1930", "Företagskonto", ""], ["3010", "Medlemsavgifter", "I"]]
    assert sie.unknown_records[["line", "label"]].values.tolist() == [[19, "#NYETIKETT"]]
    assert [str(p) for p in problems] == [
        "quirks.se:7: warning: #FNAMN: text 'Förening för test' has spaces but no quotes; read as one text"]


def test_rtrans_and_btrans_go_to_the_audit_table_and_never_count():
    sie, problems = read(HEAD + '#VER A 8 20250110 "Varor"\n{\n'
                                '#BTRANS 1930 {} -1000 20251007 "" "" "Kassör"\n'
                                '#RTRANS 1930 {} -800 20251007 "" "" "Kassör"\n'
                                '#TRANS 1930 {} -800 20250110 ""\n'
                                '#TRANS 4010 {} 800\n'
                                '#BTRANS 4010 {} 1000 20251007 "" "" "Kassör"\n}\n')
    assert problems == []
    assert sie.transactions[["account", "amount", "added_later"]].values.tolist() == \
           [["1930", -80000, True], ["4010", 80000, False]]
    a = sie.audit_rows
    assert a[["row_kind", "account", "amount", "line", "followed_by"]].values.tolist() == \
           [["BTRANS", "1930", -100000, 11, -1], ["RTRANS", "1930", -80000, 12, 13],
            ["BTRANS", "4010", 100000, 15, -1]]
    assert a["sign"].tolist() == ["Kassör"] * 3


def test_rtrans_without_its_trans_is_a_warning():
    sie, problems = read(HEAD + "#VER A 1 20250110\n{\n#RTRANS 1930 {} 5\n#TRANS 1930 {} 6\n"
                                "#TRANS 3010 {} -6\n}\n")
    assert problems == ["t.se:11: warning: #RTRANS is not followed by the same #TRANS (account, objects, amount); "
                        "the voucher's #TRANS rows are used as they stand"]


def test_every_check_reported_at_once_with_file_and_line():
    text = (HEAD + "#KONTO 1930 Bank\n#KONTO 3010 Avgifter\n"
            "#UB -1 1930 900\n#IB 0 1930 1000\n#UB 0 1930 1000\n#RES 0 3010 -50\n"
            "#PSALDO 0 202501 3010 {} -100\n"
            "#TRANS 1930 {} 1\n"
            "#VER A 1 20250105 Kaffe\n{\n#TRANS 1930 {} 100\n#TRANS 3010 {} -100\n}\n"
            "#VER A 2 20250205\n{\n#TRANS 1930 {} 2\n#TRANS 3010 {} -1\n}\n")
    sie, problems = read(text)
    assert problems == [
        "t.se:12: warning: account 1930: #UB -1 is 900,00 kr, but #IB 0 is 1 000,00 kr",
        "t.se:13: warning: account 1930: #IB 0 1 000,00 kr + movements 102,00 kr = 1 102,00 kr, but #UB 0 is 1 000,00 kr",
        "t.se:14: warning: account 3010: movements -101,00 kr, but #RES 0 is -50,00 kr",
        "t.se:16: #TRANS outside a #VER block: the row is not in any voucher",
        "t.se:22: voucher A 2 (2025-02-05) does not balance: its #TRANS rows sum to 1,00 kr, not 0",
        "t.se:25: warning: account 3010, 2025-02: movements -1,00 kr, but #PSALDO is 0,00 kr",
    ]
    assert sie.transactions["line"].tolist() == [19, 20, 24, 25]


def test_psaldo_object_rows_are_not_summed_twice():
    sie, problems = read(HEAD + "#PSALDO 0 202501 3010 {} -100\n#PSALDO 0 202501 3010 {1 \"10\"} -100\n"
                                "#VER A 1 20250105\n{\n#TRANS 1930 {} 100\n#TRANS 3010 {1 10} -100\n}\n")
    assert problems == []
    p = sie.period_balances
    assert p["is_account_total"].tolist() == [True, False]
    assert p["period"].astype(str).tolist() == ["2025-01", "2025-01"]


def test_bad_amounts_and_dates_are_errors_with_their_line():
    sie, problems = read(HEAD + "#VER A 1 20250105\n{\n#TRANS 1930 {} 1.005\n#TRANS 1930 {} 1,5\n"
                                "#TRANS 3010 {} -1.50 20250230\n#TRANS 3010 {} abc\n}\n#VER A 2 2025\n{\n}\n")
    assert problems == [
        "t.se:9: voucher A 1 (2025-01-05) does not balance: its #TRANS rows sum to 1,50 kr, not 0",
        "t.se:11: #TRANS: amount '1.005' has more than two decimals",
        "t.se:12: warning: amount '1,5' uses a decimal comma",
        "t.se:13: #TRANS: no such date: '20250230'",
        "t.se:14: #TRANS: not an amount: 'abc'",
        "t.se:16: #VER: not a date (YYYYMMDD): '2025'",
    ]
    assert sie.transactions["amount"].tolist() == [150]


def test_unclosed_block_and_stray_braces():
    _, problems = read(HEAD + "#VER A 1 20250105\n{\n#TRANS 1930 {} 0\n}\n}\n#VER A 2 20250105\n{\n#TRANS 1930 {} 0\n")
    assert problems == ["t.se:13: '}' without a '{' before it",
                        "t.se:15: voucher block not closed at the end of the file"]


def test_encoding_utf8_cp437_latin1_bom_and_lost_letters():
    text = HEAD + '#KONTO 1930 "Företagskonto"\n'
    assert read(text, "cp437")[0].accounts["name"].tolist() == ["Företagskonto"]
    sie, problems = read(text, "utf-8")
    assert (sie.encoding, sie.accounts["name"].tolist(), problems) == ("utf-8", ["Företagskonto"], [])
    problems = Problems()
    sie = parse_sie(b"\xef\xbb\xbf" + text.encode("utf-8"), problems, "t.se")
    assert (sie.encoding, sie.company.flag, list(problems)) == ("utf-8", "0", [])
    sie, problems = read(text, "latin-1")
    assert sie.accounts["name"].tolist() == ["Företagskonto"]
    assert problems[0].startswith("t.se: warning: the file looks like ISO-8859-1")
    sie, problems = read(HEAD + '#KONTO 1930 "F\ufffdretagskonto"\n', "utf-8")
    assert problems == ["t.se:9: warning: 1 replacement character (U+FFFD): letters were lost when the file "
                        "was converted earlier; they cannot be repaired"]


def test_explicit_encoding_override():
    problems = Problems()
    sie = parse_sie((HEAD + '#KONTO 1930 "Företagskonto"\n').encode("cp850"), problems, "t.se", encoding="cp850")
    assert sie.accounts["name"].tolist() == ["Företagskonto"] and not problems


def test_ksumma_verified_and_changed_file_refused(tmp_path):
    body = ['#PROGRAM "Hand" 1', "#FORMAT PC8", "#SIETYP 4", "#FNAMN \"Förening\"",
            "#VER A 1 20250105 \"Kaffe \\\"fika\\\"\"", "{", "#TRANS 1930 {} -10", "#TRANS 5800 {} 10", "}"]
    crc = zlib.crc32('#PROGRAMHand1#FORMATPC8#SIETYP4#FNAMNFörening#VERA120250105Kaffe "fika"'
                     "#TRANS1930-10#TRANS580010".encode("cp437"))
    good = "\n".join(["#FLAGGA 0", "#KSUMMA", *body, f"#KSUMMA {crc}"]) + "\n"
    sie, problems = read(good)
    assert (sie.checksum, problems) == ((crc, crc), [])
    sie, problems = read(good.replace("-10", "-11").replace(" 10", " 11"))
    assert problems == [f"t.se:12: #KSUMMA {crc} does not match the file's content (computed "
                        f"{sie.checksum[1]}): the file was changed after it was exported"]


def test_truncated_file_is_refused():
    problems = Problems()
    ledger, balances = load_for_ledger(FIXTURES / "truncated.se", problems, "ledger/2025.se")
    assert [str(p) for p in problems] == ["ledger/2025.se:2: opening #KSUMMA without a closing #KSUMMA: the file "
                                          "is truncated and is refused; export it again"]
    assert ledger.empty and balances.empty


def test_types_1_to_3_and_4i():
    sie, _ = read("#FLAGGA 0\n#RAR 0 20250101 20251231\n#KONTO 1930 Bank\n#UB 0 1930 5\n")
    assert sie.company.sie_type == "1"
    sie, _ = read(HEAD.replace("#SIETYP 4", "#SIETYP 2") + "#PSALDO 0 202503 1930 {} 5\n")
    assert (sie.company.sie_type, sie.period_balances["amount"].tolist()) == ("2", [500])
    sie, _ = read("#FLAGGA 0\n#SIETYP 4\n#VER \"\" \"\" 20250105\n{\n#TRANS 1930 {} 5\n#TRANS 3010 {} -5\n}\n")
    assert (sie.company.sie_type, sie.vouchers["series"].tolist()) == ("4I", [""])


def test_not_a_sie_file():
    _, problems = read("konto;belopp\n1930;5\n")
    assert problems == ["t.se: not a SIE file: no line starts with a #label"]
    _, problems = read("")
    assert problems == ["t.se: empty file: not a SIE file"]


def test_load_for_ledger_gives_the_data_folder_frames():
    problems = Problems()
    ledger, balances = load_for_ledger(FIXTURES / "quirks.se", problems, "ledger/quirks.se")
    assert schema_mismatches(ledger, "ledger") == [] and schema_mismatches(balances, "balances") == []
    assert ledger[["year", "series", "number", "account", "amount", "text", "line", "reg_order"]].values.tolist() == [
        [2025, "A", "1", "1930", 10050, 'Avgift "2025" #1', 23, 1],
        [2025, "A", "1", "3010", -10050, "Avgift", 24, 2],
        [2025, "B", "7", "1930", 0, "Kaffe", 28, 3],
        [2025, "B", "7", "3010", 0, "Kaffe", 29, 4]]
    assert ledger["source"].unique().tolist() == ["ledger/quirks.se"]
    assert balances.values.tolist() == [[2025, "1930", "IB", 100000], [2025, "1930", "UB", 110050],
                                        [2025, "3010", "RES", -10050]]


def test_crlf_and_lf_read_the_same():
    text = HEAD + "#VER A 1 20250105 \"Kaffe\"\n{\n#TRANS 1930 {} -1\n#TRANS 5800 {} 1\n}\n"
    a, _ = read(text)
    b, _ = read(text.replace("\n", "\r\n"))
    pd.testing.assert_frame_equal(a.transactions, b.transactions)
    pd.testing.assert_frame_equal(a.vouchers, b.vouchers)
