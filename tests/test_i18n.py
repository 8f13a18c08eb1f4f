"""Messages in the treasurer's language: Swedish by default (the catalog
nns_finance/core/locale/sv.po, read with Babel), English when settings.toml says so."""
from __future__ import annotations

import pytest

from nns_finance.cli import main
from nns_finance.core import i18n
from nns_finance.core.problems import Problem, summary_line


def broken(folder):
    (folder / "forecast.csv").write_text(
        "kod;år;belopp;kommentar\nkostnader.finns-inte;2025;-5 000;x\nintakter.medlemsavgifter;2025;tolv;y\n",
        encoding="utf-8")
    return folder


def test_the_catalog_has_every_message_translated():
    from babel.messages.pofile import read_po

    with open(i18n._LOCALE / "sv.po", "rb") as f:
        catalog = read_po(f, locale="sv")
    messages = [m for m in catalog if m.id]
    assert len(messages) >= 10
    for m in messages:
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings) and not m.fuzzy, m.id
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        # every {field} of the English text is kept in the Swedish one
        import re
        for s in strings:
            assert set(re.findall(r"{\w+}", ids[0])) == set(re.findall(r"{\w+}", s)), m.id


def test_summary_and_warning_in_swedish_by_default(swedish):
    problems = [Problem("a.csv", 1, "x"), Problem("a.csv", 2, "y"), Problem("b.csv", 3, "z", "warning")]
    assert summary_line(problems) == "2 fel, 1 varning"
    assert summary_line(problems[:1] + problems[2:] * 2) == "1 fel, 2 varningar"
    assert str(problems[2]) == "b.csv:3: varning: z"


def test_check_on_a_broken_folder_answers_in_swedish(swedish, example_copy, capsys):
    broken(example_copy)
    phasing = example_copy / "phasing.csv"          # the June campaign without its phasing row
    rows = phasing.read_text(encoding="utf-8").splitlines(keepends=True)
    phasing.write_text("".join(r for r in rows if "opinionsarbete" not in r), encoding="utf-8")
    assert main(["check", str(example_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "forecast.csv:2: okänd budgetrad 'kostnader.finns-inte' (finns inte i budgeten)"
    assert out[1] == "forecast.csv:3: inte ett belopp: 'tolv'"
    assert out[2] == ("phasing.csv: varning: kostnader.konferenser.opinionsarbete: 100 % av utfallet 2025 "
                      "kom i juni men raden saknar periodisering, så Budget ack. fördelas jämnt: lägg till "
                      "en rad i phasing.csv")
    assert out[-1] == "2 fel, 2 varningar"


def test_english_when_the_settings_say_so(swedish, example_copy, capsys):
    broken(example_copy)
    settings = example_copy / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    assert 'language = "sv"' in text or "language" not in text
    if "language" in text:
        text = text.replace('language = "sv"', 'language = "en"')
    else:
        text = text.replace("[organisation]\n", '[organisation]\nlanguage = "en"\n', 1)
    settings.write_text(text, encoding="utf-8")
    assert main(["check", str(example_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "forecast.csv:3: not an amount: 'tolv'"
    assert out[-1] == "2 errors, 0 warnings"


def test_a_bad_date_and_an_unknown_account_in_swedish(swedish, tmp_path, capsys):
    """Another folder: a member's joining date that does not exist, a ledger account the chart
    of accounts lacks (the tiny report folder, not the example)."""
    from test_report_helpers import tiny_books

    tiny_books(tmp_path)                                   # writes the folder tmp_path/data
    folder = next(p.parent for p in tmp_path.rglob("settings.toml"))
    ledger = next((folder / "ledger").glob("2025.csv"))
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text + "A;99;2025-03-15;7999;500;Okänt konto\nA;99;2025-03-15;1930;-500;Okänt konto\n",
                      encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "konto 7999 finns inte i kontoplanen (accounts.csv): används på 1 rad i bokföringen, " \
           "detta är den första" in out
    assert out.splitlines()[-1].endswith(("0 varningar", "1 varning")) or " varning" in out.splitlines()[-1]
    from nns_finance.core.money import AmountError, parse_ore
    with pytest.raises(AmountError, match="inte ett belopp: 'tolv'"):
        parse_ore("tolv")


def _help_texts(parser) -> list[str]:
    import argparse

    texts = [parser.description] if parser.description else []
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            texts.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help for choice in action._choices_actions]
            for sub in action.choices.values():
                texts += _help_texts(sub)
    return texts


def test_every_help_text_of_every_command_is_translated():
    """The commands' help texts are translated when the parser is built: each one the parser
    shows in English has its Swedish line in the catalog."""
    from nns_finance.cli import build_parser

    english = set(_help_texts(build_parser()))              # the tests run with NNS_LANG=en
    catalog = i18n._catalog("sv")
    assert len(english) > 50
    assert sorted(t for t in english if t not in catalog) == []


def test_usage_errors_and_help_in_swedish(swedish, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["scenario"])
    assert stop.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("användning: nns-finance scenario ")
    assert err[-1] == "nns-finance scenario: fel: följande argument krävs: FILE"
    with pytest.raises(SystemExit):
        main(["report", "--lang", "xx"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "nns-finance report: fel: argument --lang: ogiltigt val: 'xx' (välj bland 'sv', 'en')")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "kontrollera varje fil i datamappen och lista alla problem som hittas" in out
    assert "datamappen (standard: den aktuella mappen)" in out and "visa den här hjälpen och avsluta" in out
    assert main(["export", "--year", "0"]) == 1
    assert capsys.readouterr().err == "nns-finance export: --year 0: inte ett år mellan 1900 och 2200\n"


def test_the_same_usage_error_in_english(capsys):
    with pytest.raises(SystemExit):
        main(["scenario"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "nns-finance scenario: error: the following arguments are required: FILE")
# --- `nns-finance check` on broken folders, line by line, as a Swedish treasurer reads it ------

WORKED = {   # a case of the bad-input corpus → what `check` says after the place, worked out by hand
    "members-date-feb-30": ("inte ett datum: '2008-02-30' (skriv ÅÅÅÅ-MM-DD)", "1 fel, 0 varningar"),
    "ledger-unbalanced": ("verifikation A 2 balanserar inte: debet minus kredit = 0,50 kr", "1 fel, 0 varningar"),
    "settings-maxfee-typo": ("okänd inställning 'fees.2026.maxfee' (menade du 'max_fee'?)", "1 fel, 0 varningar"),
    "budget-wrong-total": ("budgetens summa stämmer inte med dess rader: 'Summa intäkter' 2024 Utfall är "
                           "4 097 853 kr, raderna under intäkter summerar till 4 097 852 kr", "1 fel, 0 varningar"),
    "sie-ksumma-wrong": ("#KSUMMA 2274328482 stämmer inte med filens innehåll (beräknat 2274328481): filen "
                         "ändrades efter att den exporterades", "1 fel, 0 varningar"),
    "sie-voucher-number-reused": ("varning: verifikationsnumret A 2 används två gånger (även #VER på rad 81, "
                                  "daterad 2025-01-15)", "0 fel, 1 varning"),
    "scenario-truncated-yaml": ("inte giltig YAML: hittade inte väntat ':'", "1 fel, 0 varningar"),
    "members-fifo": ("är en namngiven pipe (FIFO), inte en fil: bara vanliga filer läses", "1 fel, 0 varningar"),
}


@pytest.mark.parametrize("name", sorted(WORKED))
def test_check_answers_a_broken_folder_in_swedish_line_by_line(name, swedish, tmp_path, capsys):
    """The place (file:line) is the corpus's own; the words after it are Swedish."""
    from bad_inputs.cases import CASES
    from bad_inputs.harness import prepare

    case = next(c for c in CASES if c.name == name)
    place = case.expected.split(": ", 1)[0]
    message, summary = WORKED[name]
    data, _out = prepare(case, tmp_path)
    i18n.forget_untranslated()
    code = main(["check", str(data)])
    assert capsys.readouterr().out.splitlines() == [f"{place}: {message}", summary]
    assert code == (0 if case.exit_ok else 1)
    assert i18n.untranslated() == set()


def test_an_english_folder_keeps_the_english_lines(tmp_path, capsys):
    """The same broken member register with NNS_LANG=en (as the suite runs): the corpus's line."""
    from bad_inputs.cases import CASES
    from bad_inputs.harness import prepare

    case = next(c for c in CASES if c.name == "members-date-feb-30")
    data, _out = prepare(case, tmp_path)
    assert main(["check", str(data)]) == 1
    assert capsys.readouterr().out.splitlines() == [case.expected, "1 error, 0 warnings"]


def test_every_marked_message_of_books_sie_and_core_is_in_the_catalog():
    """What `pybabel extract` finds marked in nns_finance/core, sie and books has a Swedish msgstr
    (a message added without one shows up here, not in front of a treasurer)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    with open(i18n._LOCALE / "sv.po", "rb") as f:
        catalog = read_po(f, locale="sv")
    have = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id and m.string}
    root = i18n._LOCALE.parents[1]
    marked = set()
    for part in ("core", "sie", "books"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                root / part, keywords={"_": None, "ngettext": (1, 2)}):
            marked.add(message[0] if isinstance(message, tuple) else message)
    assert len(marked) > 300
    assert sorted(marked - have) == []


def test_a_message_the_catalog_lacks_is_shown_in_english_and_remembered(swedish, tmp_path, monkeypatch):
    log = tmp_path / "missing.txt"
    monkeypatch.setenv("NNS_UNTRANSLATED", str(log))
    i18n.forget_untranslated()
    assert i18n._("a message nobody translated: {n}", n=3) == "a message nobody translated: 3"
    assert i18n._("file is empty") == "filen är tom"
    assert i18n._("filen är tom") == "filen är tom"          # already Swedish: no miss
    assert i18n.untranslated() == {"a message nobody translated: {n}"}
    assert log.read_text(encoding="utf-8") == "a message nobody translated: {n}\n"
    i18n.forget_untranslated()
    monkeypatch.setenv("NNS_LANG", "en")
    assert i18n._("file is empty") == "file is empty" and i18n.untranslated() == set()
