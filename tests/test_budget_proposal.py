"""``nns-finance budget-proposal``: next year's budget from the ledger, the forecast, the fee model
and the board's changes — the seed's "NNS budget 2026" reproduced cell by cell, the example's
2027 proposal read back as a budget, and a hand-made association of other years."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from nns_finance.books.budget import budget_table
from nns_finance.books.budget_changes import load_budget_changes, read_budget_changes
from nns_finance.books.load import load
from nns_finance.cli import main
from nns_finance.core.problems import InputError, Problems
from nns_finance.fees.model import fee_table
from nns_finance.planning.budget_proposal import make_proposal

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "budget-2026-seed"
NORRSKEN = FIXTURES / "budget-proposal-norrsken"

# The attachment "NNS budget 2026" of the board meeting 2025-11-06 (DOMAIN.md), kronor; a blank
# cell of the seed (Ekonomi och revision 2024) is 0.
SEED_TABLE = [
    ("NNS budget 2026", "2024 Utfall", "2025 Budget", "2025 Prognos helår", "2026 Budget"),
    ("Intäkter", None, None, None, None),
    ("Medlemsavgifter", 12_400, 11_800, 11_800, 11_400),
    ("Serviceavgifter", 2_007_991, 1_794_449, 1_794_449, 1_732_849),
    ("Utvecklingsverksamhet", 1_835_223, 723_000, 827_477, 760_000),
    ("– Våld i nära relationer", 793_935, 110_000, 206_065, 0),
    ("– Indikatorverksamhet", 208_588, 363_000, 371_412, 260_000),
    ("– Samverkansavtal MSI", 277_280, 250_000, 250_000, 500_000),
    ("– NNS förstudie om samverkan", 555_420, 0, 0, 0),
    ("Konferenser", 215, 0, 0, 0),
    ("– Årsmöte/Medlemsmöte", 215, 0, 0, 0),
    ("– Opinionsarbetet", 0, 0, 0, 0),
    ("Övrigt", 242_023, 30_000, 50_000, 30_000),
    ("Summa intäkter", 4_097_852, 2_559_249, 2_683_726, 2_534_249),
    ("Kostnader", None, None, None, None),
    ("Förtroendevalda", -354_313, -350_000, -350_000, -400_000),
    ("Tjänstepersonstöd", -1_291_904, -1_000_000, -1_000_000, -1_000_000),
    ("Information", -411_639, -100_000, -85_500, -100_000),
    ("Ekonomi och revision", 0, -150_000, -180_500, -150_000),
    ("Arbetsgrupper, ordförandeträffar", -48_218, -50_000, -46_000, -20_000),
    ("Utvecklingsverksamhet", -1_762_343, -679_500, -765_700, -471_000),
    ("– Våld i nära relationer", -793_935, -110_000, -200_000, 0),
    ("– Indikatorverksamhet", -177_300, -319_500, -315_700, -221_000),
    ("– Samverkansavtal MSI", -235_688, -250_000, -250_000, -250_000),
    ("– NNS förstudie om samverkan", -555_420, 0, 0, 0),
    ("Konferenser", -224_702, -220_000, -226_000, -390_000),
    ("– Årsmöte/Medlemsmöte", -205_544, -200_000, -224_000, -340_000),
    ("– Opinionsarbete", -19_158, -20_000, -2_000, -50_000),
    ("Övrigt", -2_047, 0, -2_000, 0),
    ("Summa totala kostnader", -4_095_166, -2_549_500, -2_655_700, -2_531_000),
    ("Årets resultat", 2_686, 9_749, 28_026, 3_249),
    ("Ingående eget kapital", 1_549_590, 1_552_276, 1_552_276, 1_580_302),
    ("Utgående eget kapital", 1_552_276, 1_562_025, 1_580_302, 1_583_551),
]


def _kronor(cell: str) -> int | None:
    cell = cell.replace(" ", "")
    return None if cell == "" else int(cell)


def _csv_rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")          # Excel shows å, ä, ö
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _run(tmp_path: Path, data: Path, year: int, changes: Path | None = None) -> Path:
    out = tmp_path / "ut"
    args = ["budget-proposal", "--year", str(year), "--data", str(data), "--out", str(out)]
    if changes is not None:
        args += ["--changes", str(changes)]
    assert main(args) == 0
    return out


def _read_back(tmp_path: Path, file: Path, warnings=()) -> "Books":  # noqa: F821
    folder = tmp_path / f"tillbaka-{file.suffix[1:]}"
    folder.mkdir()
    shutil.copy(SEED / "settings.toml", folder)
    shutil.copy(file, folder / f"budget{file.suffix}")
    books = load(folder, strict=False)
    assert [p.message for p in books.problems if p.file.startswith("budget")] == list(warnings)
    return books


# ---------------------------------------------------------------- the seed
def test_seed_table_every_cell(tmp_path, capsys):
    out = _run(tmp_path, SEED, 2026, SEED / "budgetandringar-2026.yaml")
    rows = _csv_rows(out / "budgetforslag-2026.csv")
    assert rows[0] == list(SEED_TABLE[0])
    assert [(r[0], *(_kronor(c) for c in r[1:])) for r in rows[1:]] == SEED_TABLE[1:]
    # the same table as the board's own file, but for the one blank cell (0 here)
    example = (Path(__file__).parents[1] / "data" / "example" / "budget.csv").read_text(encoding="utf-8")
    made = (out / "budgetforslag-2026.csv").read_text(encoding="utf-8-sig")
    assert made == example.replace("Ekonomi och revision;;", "Ekonomi och revision;0;")
    printed = capsys.readouterr()
    assert "Utgående eget kapital                 1 552 276    1 562 025           1 580 302    1 583 551" \
        in printed.out
    # what was written: the paths, one per line, last on stdout (as every command tells it)
    assert [line.split("/")[-1] for line in printed.out.splitlines()[-5:]] == [
        f"budgetforslag-2026.{e}" for e in ("csv", "xlsx", "html", "pdf", "json")]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_seed_read_back_as_the_budget(tmp_path, suffix):
    out = _run(tmp_path, SEED, 2026, SEED / "budgetandringar-2026.yaml")
    books = _read_back(tmp_path, out / f"budgetforslag-2026.{suffix}")
    table = budget_table(books, equity=True)
    assert list(table.columns[4:]) == list(SEED_TABLE[0][1:])
    got = [(n if k != "subline" else f"– {n}", *(None if k == "section" else int(v) // 100 for v in r))
           for n, k, r in zip(table["name"], table["kind"], table[list(SEED_TABLE[0][1:])].itertuples(index=False))]
    assert got == SEED_TABLE[1:]
    assert (table[list(SEED_TABLE[0][1:])].astype("int64") % 100 == 0).all().all()


def test_seed_fee_lines_and_changes_explained():
    books = load(SEED, strict=False)
    changes, warnings = load_budget_changes(SEED / "budgetandringar-2026.yaml", books)
    assert warnings == []
    p = make_proposal(books, 2026, changes)
    lines = p.lines.set_index("code")
    assert lines.loc["intakter.medlemsavgifter", "how"] == "avgiftsmodellen: 57 medlemmar × 200 kr"
    assert lines.loc["intakter.serviceavgifter", "proposal"] == 173_284_900
    assert lines.loc["intakter.utvecklingsverksamhet.indikatorverksamhet", "how"] == \
        "avgiftsmodellen: 10 indikatoravtal × 25 000 kr + övrigt 10 000 kr"
    assert lines.loc["intakter.utvecklingsverksamhet.indikatorverksamhet", "comment"] == \
        "3 indikatoravtal upphör. Övriga intäkter i indikatorarbetet utöver avgifterna."
    assert lines.loc["intakter.serviceavgifter", "comment"] == \
        "Maxtaxa 123 400 kr; ingen maxhöjning; underlagen 2026 enligt medlemsregistret; 2 medlemmar lämnar."
    assert lines.loc["intakter.medlemsavgifter", "comment"] == "2 medlemmar lämnar."
    assert lines.loc["kostnader.arbetsgrupper-ordforandetraffar", "how"] == "−60 % mot budget 2025"
    assert lines.loc["kostnader.konferenser.opinionsarbete", "how"] == "+150 % mot budget 2025"
    assert lines.loc["kostnader.konferenser.arsmote-medlemsmote", "comment"].startswith("Årsmöte och konferens")
    assert lines.loc["kostnader.konferenser.arsmote-medlemsmote", "where"] == "budgetandringar-2026.yaml:31"
    assert lines.loc["kostnader.tjanstepersonstod", "how"] == "som budget 2025"
    assert "Serviceavgift 3,5 ‰ (promille) av medlemmens tilldelning och matchning, högst 123 400 kr (maxtaxa)." \
        in p.fee_words
    assert "Lämnar före 2026: Samordningsförbundet Sälgbygden (exempel) (utträde från 2026-01-01); " \
           "Samordningsförbundet Södra Vänern (utträde från 2026-01-01)." in p.fee_words
    assert "10 indikatoravtal 2026 (13 år 2025)." in p.fee_words
    # without the board's changes, every other line stays at this year's budget
    plain = make_proposal(books, 2026)
    assert plain.figure("intakter.utvecklingsverksamhet.indikatorverksamhet") == 28_800_000   # 250 000 + 38 000
    # income 11 400 + 1 732 849 + 110 000 + 288 000 + 250 000 + 30 000 = 2 422 249; costs as 2025
    assert plain.figure("summa-intakter") == 242_224_900
    assert plain.figure("arets-resultat") == -12_725_100
    assert plain.figure("summa-kostnader") == -254_950_000


def test_seed_html_and_pdf_for_the_member_meeting(tmp_path):
    out = _run(tmp_path, SEED, 2026, SEED / "budgetandringar-2026.yaml")
    html = (out / "budgetforslag-2026.html").read_text(encoding="utf-8")
    assert "http" not in html.replace("http-equiv", "")           # opens offline, from an e-mail
    assert "<td class=\"num\">1\u00a0583\u00a0551</td>" in html
    assert "Årsmöte och konferens på Posthuset 15–16 april 2026" in html
    assert "högst 123\u00a0400 kr (maxtaxa)" in html or "högst 123 400 kr (maxtaxa)" in html
    pdf = (out / "budgetforslag-2026.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf
    record = json.loads((out / "budgetforslag-2026.json").read_text(encoding="utf-8"))
    assert record["parameters"]["year"] == 2026
    assert {i["file"] for i in record["inputs"]} >= {"budget.csv", "forecast.csv", "members.csv",
                                                     "settings.toml", "budgetandringar-2026.yaml"}
    assert [o["file"] for o in record["outputs"]] == [f"budgetforslag-2026.{e}" for e in ("csv", "xlsx", "html", "pdf")]


def test_same_bytes_with_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    a = _run(tmp_path / "a", SEED, 2026, SEED / "budgetandringar-2026.yaml")
    b = _run(tmp_path / "b", SEED, 2026, SEED / "budgetandringar-2026.yaml")
    for ext in ("csv", "xlsx", "html", "pdf"):
        assert (a / f"budgetforslag-2026.{ext}").read_bytes() == (b / f"budgetforslag-2026.{ext}").read_bytes(), ext


# ---------------------------------------------------------------- the example, 2027
def test_example_2027_read_back_and_fees(tmp_path, example_dir, capsys):
    out = _run(tmp_path, example_dir, 2027)
    assert sorted(f.name for f in out.iterdir()) == [f"budgetforslag-2027.{e}" for e in
                                                      ("csv", "html", "json", "pdf", "xlsx")]
    books = load(example_dir, strict=False)
    p = make_proposal(books, 2027)
    for suffix in ("csv", "xlsx"):
        back = budget_table(_read_back(tmp_path, out / f"budgetforslag-2027.{suffix}"), equity=True)
        for col in p.columns:
            assert list(back[col].astype("int64")) == list(p.table[col].astype("int64")), (suffix, col)
    # Serviceavgifter 2027 = `nns-finance fees --year 2027`
    service = int(fee_table(books, 2027)["service_fee"].sum())
    assert service == 176_257_400
    assert p.figure("intakter.serviceavgifter") == service
    capsys.readouterr()
    assert main(["fees", "--year", "2027", "--data", str(example_dir)]) == 0
    assert "Serviceavgifter    1 762 574  57" in capsys.readouterr().out
    # 2025 Utfall from the ledger (to the öre the 2025 forecast); 2026 forecast = the 2026
    # ledger through November (result 26 278,31) + the phased budget for December, as the
    # monthly report for 2026-11 has it: −63 971,67 (the June campaign and the May income are
    # phased in phasing.csv, so December holds none of their budget)
    assert p.columns == ("2025 Utfall", "2026 Budget", "2026 Prognos helår", "2027 Budget")
    assert p.figure("arets-resultat", "2025 Utfall") == 2_802_600
    assert p.figure("arets-resultat", "2026 Prognos helår") == -6_397_167
    assert p.figure("ingaende-eget-kapital", "2025 Utfall") == 155_227_600
    assert p.figure("ingaende-eget-kapital") == 151_633_033      # 1 580 302 − 63 971,67
    assert p.figure("arets-resultat") == 3_297_400              # 3 249 + 1 762 574 − 1 732 849
    assert p.figure("utgaende-eget-kapital") == 154_930_433
    assert "2025 Utfall: bokföringen, hela året." in p.notes


# ---------------------------------------------------------------- another association
def test_other_association_every_figure(tmp_path):
    out = _run(tmp_path, NORRSKEN, 2031, NORRSKEN / "andringar-2031.toml")
    rows = _csv_rows(out / "budgetforslag-2031.csv")
    assert rows == [
        ["Budget 2031 – förslag", "2029 Utfall", "2030 Budget", "2030 Prognos helår", "2031 Budget"],
        ["Intäkter", "", "", "", ""],
        ["Medlemsavgifter", "2 500", "3 000", "3 000", "1 800"],
        ["Serviceavgifter", "55 000,50", "60 000", "61 000", "61 025"],
        ["Bidrag", "58 000", "60 000", "29 999,96", "61 000"],
        ["– Region", "40 000", "40 000", "19 999,98", "41 000"],
        ["– Kommuner", "18 000", "20 000", "9 999,98", "20 000"],
        ["Summa intäkter", "115 500,50", "123 000", "93 999,96", "123 825"],
        ["Kostnader", "", "", "", ""],
        ["Personal", "-85 000", "-90 000", "-90 000", "-93 500"],
        ["Lokaler", "-24 000", "-24 000", "-24 000", "-24 000"],
        ["Möten", "-7 250,25", "-6 000", "-5 000", "-6 000"],
        ["Summa totala kostnader", "-116 250,25", "-120 000", "-119 000", "-123 500"],
        ["Årets resultat", "-749,75", "3 000", "-25 000,04", "325"],
        ["Ingående eget kapital", "80 000", "80 000", "79 250,25", "54 250,21"],
        ["Utgående eget kapital", "79 250,25", "83 000", "54 250,21", "54 575,21"],
    ]
    books = load(NORRSKEN, strict=False)
    changes, _ = load_budget_changes(NORRSKEN / "andringar-2031.toml", books)
    p = make_proposal(books, 2031, changes)
    assert "2030 Prognos helår: utfall till och med juni + periodiserad budget resten av året, utom 2 rader " \
           "med kassörens prognos (forecast-filen)." in p.notes
    assert p.fee_words[-2:] == ("Lämnar före 2031: Förbund Två (test) (utträde från 2031-01-01).",
                                "Nya medlemmar 2031: Förbund Fyra (test).")
    assert "3 betalande medlemmar 2031 (3 år 2030); 1 betalar maxtaxan." in p.fee_words
    assert list(p.lines["comment"][:2]) == [
        "Medlemsavgiften 600 kr (500 kr år 2030); 1 medlem lämnar; 1 ny medlem.",
        "Maxtaxa 30 000 kr; underlagen 2031 enligt medlemsregistret; 1 medlem lämnar; 1 ny medlem."]
    back = budget_table(_read_back(tmp_path, out / "budgetforslag-2031.xlsx", warnings=[
        # the board's 2030 budget opened at 80 000 kr before 2029 was closed: the file says so
        "opening equity 2030 Budget (80 000 kr) is none of the closing equities of 2029 (2029 Utfall 79 250,25 kr)",
    ]), equity=True)
    assert list(back["2030 Prognos helår"].astype("int64")) == list(p.table["2030 Prognos helår"].astype("int64"))


# ---------------------------------------------------------------- the changes file
def _changes(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    books = load(SEED, strict=False)
    problems = Problems()
    return read_budget_changes(path, problems, books.budget_lines, tmp_path), [str(p) for p in problems]


def test_changes_every_problem_at_once(tmp_path):
    changes, problems = _changes(tmp_path, "fel.toml", """\
year = 2026
colour = "blå"

[[lines]]
line = "kostnader.fortroendvalda"
amount = -400000
comment = "stavfel"

[[lines]]
line = "kostnader.konferenser"
amount = -1

[[lines]]
line = "Information"
percent = 2

[[lines]]
line = "kostnader.tjanstepersonstod"
amount = "mycket"
comment = "x"

[[lines]]
line = "kostnader.ovrigt"
amount = -5
percent = 3

[[lines]]
line = "kostnader.ovrigt"
amont = -5
""")
    assert changes is None
    assert problems == [
        "fel.toml:2: colour: unknown key (expected one of: title, year, lines)",
        "fel.toml:5: lines[1].line: unknown budget line 'kostnader.fortroendvalda' (did you mean "
        "'kostnader.fortroendevalda'?)",
        "fel.toml:10: lines[2].line: line 'kostnader.konferenser' has sub-lines; give one of them: "
        "kostnader.konferenser.arsmote-medlemsmote, kostnader.konferenser.opinionsarbete",
        "fel.toml:14: lines[3].line: unknown budget line 'Information' (did you mean 'kostnader.information'?)",
        "fel.toml:19: lines[4].amount: expected an amount in kronor: not an amount: 'mycket'",
        "fel.toml:22: lines[5]: give exactly one of amount, percent, unchanged = true or besides_fees "
        "(got amount, percent)",
        "fel.toml:29: lines[6].amont: unknown key (did you mean 'amount'? expected: line, amount, percent, "
        "unchanged, besides_fees, comment)",
        "fel.toml:27: lines[6]: give exactly one of amount, percent, unchanged = true or besides_fees",
    ]


def test_changes_swedish_numbers_and_warnings(tmp_path):
    changes, problems = _changes(tmp_path, "ok.toml", """\
[[lines]]
line = "kostnader.information"
percent = 2,5
comment = "Indexering"

[[lines]]
line = "kostnader.fortroendevalda"
amount = -400 000,50

[[lines]]
line = "kostnader.ekonomi-och-revision"
amount = 150000
comment = "tecknet fel"
""")
    assert problems == [
        "ok.toml:6: warning: lines[2]: no comment for 'kostnader.fortroendevalda': say why, the member "
        "meeting reads it",
        "ok.toml:12: warning: lines[3].amount: cost line with an amount above 0: income is positive and "
        "costs negative (sign typed the other way?)",
    ]
    assert [(d.code, d.how, d.amount, str(d.percent)) for d in changes.decisions] == [
        ("kostnader.information", "percent", None, "2.5"),
        ("kostnader.fortroendevalda", "amount", -40_000_050, "None"),
        ("kostnader.ekonomi-och-revision", "amount", 15_000_000, "None"),
    ]
    books = load(SEED, strict=False)
    p = make_proposal(books, 2026, changes)
    lines = p.lines.set_index("code")
    assert lines.loc["kostnader.information", "proposal"] == -10_250_000     # −100 000 × 1,025
    assert lines.loc["kostnader.fortroendevalda", "proposal"] == -40_000_050
    assert p.figure("summa-kostnader") == sum(int(v) for v in p.lines.loc[p.lines["section"] == "cost", "proposal"])


def test_percent_rounds_to_whole_kronor(tmp_path):
    changes, problems = _changes(tmp_path, "p.yaml", """\
lines:
  - line: kostnader.konferenser.opinionsarbete
    percent: "3,3333"
    comment: uppräkning
""")
    assert problems == []
    p = make_proposal(load(SEED, strict=False), 2026, changes)
    # −20 000 × 1,033333 = −20 666,66 → −20 667 kr (half away from zero, whole kronor)
    assert p.lines.set_index("code").loc["kostnader.konferenser.opinionsarbete", "proposal"] == -2_066_700


def test_fee_lines_come_from_the_fee_model(tmp_path, capsys):
    path = tmp_path / "avgift.yaml"
    path.write_text("lines:\n  - line: intakter.serviceavgifter\n    amount: 1 800 000\n    comment: x\n"
                    "  - line: kostnader.information\n    besides_fees: 5\n    comment: y\n"
                    "  - line: intakter.utvecklingsverksamhet.indikatorverksamhet\n    amount: 1\n"
                    "    comment: z\n", encoding="utf-8")
    assert main(["budget-proposal", "--data", str(SEED), "--changes", str(path), "--out",
                 str(tmp_path / "ut")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:2: lines: 'intakter.serviceavgifter' comes from the fee model (the member register and "
        "[fees.2026] in settings.toml): change the fee rules there",
        f"{path}:5: lines: besides_fees is only for the indicator line "
        "'intakter.utvecklingsverksamhet.indikatorverksamhet'; give 'kostnader.information' an amount or a percent",
        f"{path}:8: lines: 'intakter.utvecklingsverksamhet.indikatorverksamhet' holds the indicator fees from "
        "the fee model; give the income besides the fees as besides_fees",
        "3 errors, 0 warnings",
    ]
    assert not (tmp_path / "ut").exists()


def test_wrong_year_and_missing_budget_column(tmp_path, capsys):
    assert main(["budget-proposal", "--year", "2027", "--data", str(SEED), "--changes",
                 str(SEED / "budgetandringar-2026.yaml"), "--out", str(tmp_path / "ut")]) == 1
    assert "the changes are for 2026, not 2027" in capsys.readouterr().err
    assert main(["budget-proposal", "--year", "2028", "--data", str(SEED), "--out", str(tmp_path / "ut")]) == 1
    assert capsys.readouterr().err == ("nns-finance budget-proposal: the budget has no column 2027 Budget to "
                                       "start the proposal for 2028 from (Budget columns: 2025)\n")
    assert not (tmp_path / "ut").exists()


def test_default_year_is_after_the_last_budget(tmp_path):
    out = tmp_path / "ut"
    assert main(["budget-proposal", "--data", str(SEED), "--out", str(out)]) == 0
    assert (out / "budgetforslag-2026.csv").is_file()


def test_load_budget_changes_raises_with_every_problem(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("lines:\n  - line: nej\n    amount: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_budget_changes(path, load(SEED, strict=False))
    assert [p.line for p in exc.value.problems] == [2]


# ---------------------------------------------------------------- the workbook in LibreOffice
def test_libreoffice_recalculates_the_totals(tmp_path):
    from test_workbook_recalc import SOFFICE, recalculated, same

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: install libreoffice-calc to run this test")
    import openpyxl

    from nns_finance.core.outputs import provenance
    from nns_finance.workbook.budget_proposal import write_proposal_xlsx

    books = load(NORRSKEN, strict=False)
    changes, _ = load_budget_changes(NORRSKEN / "andringar-2031.toml", books)
    p = make_proposal(books, 2031, changes)
    record = provenance(books, {"year": 2031})
    ours = write_proposal_xlsx(p, tmp_path / "ours.xlsx", record)
    (tmp_path / "blank").mkdir()
    blank = write_proposal_xlsx(p, tmp_path / "blank" / "ours.xlsx", record, cached_values=False)
    theirs = openpyxl.load_workbook(recalculated(blank, tmp_path), data_only=True)
    formulas, values = openpyxl.load_workbook(ours), openpyxl.load_workbook(ours, data_only=True)
    checked, wrong = 0, []
    for ws in formulas:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    checked += 1
                    expected, got = values[ws.title][c.coordinate].value, theirs[ws.title][c.coordinate].value
                    if not same(expected, got):
                        wrong.append(f"{ws.title}!{c.coordinate} {c.value}: package {expected!r}, LibreOffice {got!r}")
    # Bidrag, Summa ×2, the result and closing equity in 4 columns, the 2031 opening, 7 changes
    assert checked == 4 * 5 + 1 + 7
    assert wrong == []
    assert theirs["Budget"]["E16"].value == 54_575.21


# ---------------------------------------------------------------- a real bookkeeping program's export
def test_outcome_from_a_fortnox_sie_export(tmp_path, corpus_dir):
    """The ``Y-2 Utfall`` column and its opening equity from a SIE 4 export (Fortnox, 2010),
    checked against the file's own #TRANS and #IB rows summed here."""
    from nns_finance.sie import read_sie

    source = corpus_dir / "jsisie_Sie4_fortnox.si"
    sie = read_sie(source, Problems())
    trans = sie.transactions
    assert sie.year_bounds(0)[0].year == 2010
    data = tmp_path / "bolaget"
    (data / "ledger").mkdir(parents=True)
    shutil.copy(source, data / "ledger" / source.name)
    used = sorted(set(trans["account"]) | set(sie.balances["account"]))
    equity = [a for a in used if a.startswith("20")]

    def line(account: str) -> str:
        n = int(account)
        return ("intakter.forsaljning" if 3000 <= n <= 3999 else "kostnader.rorelsekostnader" if 4000 <= n <= 7999
                else "intakter.finansiella-poster" if 8000 <= n <= 8999 else "")

    (data / "accounts.csv").write_text("konto;namn;budgetrad\n" + "".join(f"{a};konto {a};{line(a)}\n" for a in used),
                                       encoding="utf-8")
    (data / "settings.toml").write_text(
        '[organisation]\nname = "Exempelbolaget i korpusen"\nfiscal_year = 2010\nclosed_through = "2010-12"\n'
        f'[accounts]\nequity = [{", ".join(repr(a) for a in equity)}]\n', encoding="utf-8")
    (data / "budget.csv").write_text("kod;avsnitt;rad;underrad;2011 Budget\n;Intäkter;Försäljning;;1 000 000\n"
                                     ";Intäkter;Finansiella poster;;0\n;Kostnader;Rörelsekostnader;;-900 000\n",
                                     encoding="utf-8")
    books = load(data, strict=False)
    assert [str(p) for p in books.problems if p.is_error] == []
    p = make_proposal(books, 2012)
    assert p.columns == ("2010 Utfall", "2011 Budget", "2011 Prognos helår", "2012 Budget")

    def outcome(lo: int, hi: int) -> int:
        n = trans["account"].astype(int)
        return -int(trans.loc[(n >= lo) & (n <= hi), "amount"].sum())

    assert p.figure("intakter.forsaljning", "2010 Utfall") == outcome(3000, 3999)
    assert p.figure("kostnader.rorelsekostnader", "2010 Utfall") == outcome(4000, 7999)
    assert p.figure("arets-resultat", "2010 Utfall") == outcome(3000, 8999)
    ib = sie.balances[(sie.balances["kind"] == "IB") & (sie.balances["yr"] == 0)
                      & sie.balances["account"].isin(equity)]
    opening = -int(ib["amount"].sum())
    assert p.figure("ingaende-eget-kapital", "2010 Utfall") == opening
    # 2011: no vouchers, so the forecast is the budget and opens at 2010's closing
    assert p.figure("ingaende-eget-kapital", "2011 Prognos helår") == opening + outcome(3000, 8999)
    assert p.figure("ingaende-eget-kapital") == opening + outcome(3000, 8999) + 10_000_000
    assert p.figure("arets-resultat") == 10_000_000


# ---------------------------------------------------------------- the page in a browser
def test_page_in_chromium_offline_and_fits(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed: install it to open the page in a browser")
    sync_api = pytest.importorskip("playwright.sync_api")
    out = _run(tmp_path, SEED, 2026, SEED / "budgetandringar-2026.yaml")
    page_file = out / "budgetforslag-2026.html"
    asked = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 820, "height": 1000})
        page.on("request", lambda r: asked.append(r.url))
        page.goto(page_file.as_uri())
        cells = page.eval_on_selector_all("table.budget tr:last-child td", "tds => tds.map(t => t.innerText)")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        browser.close()
    assert [u for u in asked if not u.startswith("file:")] == []
    assert cells == ["Utgående eget kapital", "1\u00a0552\u00a0276", "1\u00a0562\u00a0025", "1\u00a0580\u00a0302",
                     "1\u00a0583\u00a0551"]
    assert overflow <= 0
