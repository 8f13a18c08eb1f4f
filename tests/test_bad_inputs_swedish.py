"""The bad-input corpus once more, as a Swedish treasurer meets it: no ``NNS_LANG``, so every
message comes from the catalog ``nns_finance/core/locale/sv.po``. Every command of every case
must answer without a traceback, with no message the catalog lacks (``NNS_UNTRANSLATED``
collects the msgids looked up but missing, see ``nns_finance/core/i18n.py``) and no English
word left in its lines — the values as typed, file names and keys aside. Run on the
pytest-xdist workers like the English corpus: ``pytest -n 2 tests/test_bad_inputs_swedish.py``.
"""
from __future__ import annotations

import os
import re

import pytest

from bad_inputs.cases import CASES
from bad_inputs.harness import TIMEOUT, _run, available_commands, prepare

# Words of the English messages that have no business in a Swedish line (whole words only:
# "interest_line" or "kostnader.information" are keys, not words)
ENGLISH = re.compile(r"\b(expected|missing|unknown|cannot|must|twice|empty|not|the|is|are|has|have|"
                     r"with|without|only|line|lines|row|rows|column|file|error|errors|warning|warnings|"
                     r"found|given|got|should|invalid|refused|ignored|read|written|give|write|"
                     r"no such|does|would|before|after|outside|already)\b", re.IGNORECASE)
# what a line may hold in any language: the values as typed ('…', "…"), commands (`…`), the
# folder's path and file names (before the first ": ")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[[^\]]*\]")


def english_words(line: str, folder: str) -> list[str]:
    """The English words of one output line, once the typed values, paths and keys are taken out."""
    text = line.replace(folder, "").strip()
    head, sep, rest = text.partition(": ")
    if sep and not " " in head.strip():            # file:line: (or a path without spaces)
        text = rest
    text = re.sub(r"^\w+(?:\[\d+\])?: ", "", text)     # a file's key first: "lines: …", "name: …"
    text = re.sub(r"\w+(?:\[\d+\])?(?:\.\w+(?:\[\d+\])?)+", "", text)   # key paths: lines[1].line
    text = _QUOTED.sub("", text)
    text = re.sub(r"[\w./-]+\.(csv|xlsx|toml|yaml|yml|se|si|txt|xls|ods)\b", "", text)
    text = re.sub(r"#[A-Z]+|\w+_\w+|\w+\.\w+(\.\w+)*", "", text)   # SIE labels, keys, line codes
    return ENGLISH.findall(text)


def test_the_word_check_sees_english_and_passes_swedish():
    folder = "/tmp/Mina dokument/data"
    assert english_words("members.csv:3: not a date: '2025-13-01' (expected YYYY-MM-DD)", folder) == \
        ["not", "expected"]
    assert english_words("members.csv:3: inte ett datum: '2025-13-01' (skriv ÅÅÅÅ-MM-DD)", folder) == []
    assert english_words(f"{folder}/ledger/2025.se:7: #VER saknar 'the file is missing'", folder) == []
    assert english_words("settings.toml:4: okänd inställning 'fees.2026.maxfee' (menade du 'max_fee'?)",
                         folder) == []
    assert english_words("s.toml:12: line_changes[1].line: okänd budgetrad 'x' (se budget.csv)", folder) == []
    assert english_words("andringar.toml:1: lines: 'x' kommer från avgiftsmodellen", folder) == []
    assert english_words("andringar.toml:1: lines: 'x' comes from the fee model", folder) == ["the"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_answered_in_swedish(case, tmp_path):
    data, out = prepare(case, tmp_path)
    base = data.parent
    log = tmp_path / "untranslated.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("NNS_DEBUG", "NNS_LANG")}
    env.update(NNS_UNTRANSLATED=str(log), PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg")
    have = available_commands()
    english, tracebacks = [], []
    for cmd in ((("check", "{data}"),) if case.checked else ()) + tuple(case.commands):
        if cmd[0] not in have:
            continue
        argv = [a.replace("{data}", str(data)).replace("{out}", str(out)) for a in cmd]
        code, text = _run(argv, env, base, TIMEOUT)
        if "Traceback (most recent call last)" in text or code in (0, 2) and not case.exit_ok:
            tracebacks.append(f"$ nns-finance {' '.join(cmd)} -> exit {code}\n{text}")
        for line in text.splitlines():
            words = english_words(line, str(base))
            if words:
                english.append(f"$ nns-finance {cmd[0]}: {line.strip()}   <- {', '.join(words)}")
    missing = sorted(set(log.read_text(encoding="utf-8").splitlines())) if log.exists() else []
    assert not tracebacks, "\n".join(tracebacks)
    assert not missing, "msgids missing from sv.po:\n" + "\n".join(missing)
    assert not english, "English left in Swedish output:\n" + "\n".join(english)
