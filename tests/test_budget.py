"""The budget: the seed's table reproduced from its lines, and the budget file's layouts."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from nns_finance.books.budget import budget_table, leaf_lines, read_budget, slug, version_label
from nns_finance.core.schema import schema_mismatches
from nns_finance.core.problems import Problems, UsageError

# DOMAIN.md, "Budget 2026": every row, kronor, columns 2024 Utfall, 2025 Budget, 2025 Prognos
# helår, 2026 Budget (the blank Ekonomi och revision 2024 is 0).
SEED = [
    ("Intäkter", None),
    ("Medlemsavgifter", (12_400, 11_800, 11_800, 11_400)),
    ("Serviceavgifter", (2_007_991, 1_794_449, 1_794_449, 1_732_849)),
    ("Utvecklingsverksamhet", (1_835_223, 723_000, 827_477, 760_000)),
    ("Våld i nära relationer", (793_935, 110_000, 206_065, 0)),
    ("Indikatorverksamhet", (208_588, 363_000, 371_412, 260_000)),
    ("Samverkansavtal MSI", (277_280, 250_000, 250_000, 500_000)),
    ("NNS förstudie om samverkan", (555_420, 0, 0, 0)),
    ("Konferenser", (215, 0, 0, 0)),
    ("Årsmöte/Medlemsmöte", (215, 0, 0, 0)),
    ("Opinionsarbetet", (0, 0, 0, 0)),
    ("Övrigt", (242_023, 30_000, 50_000, 30_000)),
    ("Summa intäkter", (4_097_852, 2_559_249, 2_683_726, 2_534_249)),
    ("Kostnader", None),
    ("Förtroendevalda", (-354_313, -350_000, -350_000, -400_000)),
    ("Tjänstepersonstöd", (-1_291_904, -1_000_000, -1_000_000, -1_000_000)),
    ("Information", (-411_639, -100_000, -85_500, -100_000)),
    ("Ekonomi och revision", (0, -150_000, -180_500, -150_000)),
    ("Arbetsgrupper, ordförandeträffar", (-48_218, -50_000, -46_000, -20_000)),
    ("Utvecklingsverksamhet", (-1_762_343, -679_500, -765_700, -471_000)),
    ("Våld i nära relationer", (-793_935, -110_000, -200_000, 0)),
    ("Indikatorverksamhet", (-177_300, -319_500, -315_700, -221_000)),
    ("Samverkansavtal MSI", (-235_688, -250_000, -250_000, -250_000)),
    ("NNS förstudie om samverkan", (-555_420, 0, 0, 0)),
    ("Konferenser", (-224_702, -220_000, -226_000, -390_000)),
    ("Årsmöte/Medlemsmöte", (-205_544, -200_000, -224_000, -340_000)),
    ("Opinionsarbete", (-19_158, -20_000, -2_000, -50_000)),
    ("Övrigt", (-2_047, 0, -2_000, 0)),
    ("Summa totala kostnader", (-4_095_166, -2_549_500, -2_655_700, -2_531_000)),
    ("Årets resultat", (2_686, 9_749, 28_026, 3_249)),
    ("Ingående eget kapital", (1_549_590, 1_552_276, 1_552_276, 1_580_302)),
    ("Utgående eget kapital", (1_552_276, 1_562_025, 1_580_302, 1_583_551)),
]
COLUMNS = ["2024 Utfall", "2025 Budget", "2025 Prognos helår", "2026 Budget"]


class FakeBooks:
    """Just the budget frames, as read_budget returns them."""

    def __init__(self, frames):
        self.budget_lines, self.budget, self.budget_equity = frames


def read(folder: Path):
    problems = Problems()
    frames = read_budget(folder, problems, None)
    return frames, [str(p) for p in problems.sorted()]


def write_budget(tmp_path: Path, text: str, name: str = "budget.csv") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# --- the seed ---------------------------------------------------------------------------

def test_seed_budget_is_reproduced_from_its_lines(example_dir):
    frames, problems = read(example_dir)
    assert problems == []
    for frame, name in zip(frames, ("budget_lines", "budget", "budget_equity")):
        assert schema_mismatches(frame, name) == []
    table = budget_table(FakeBooks(frames), equity=True)
    assert list(table.columns[4:]) == COLUMNS
    assert [n for n, _ in SEED] == list(table["name"])
    for (name, kronor), (_, row) in zip(SEED, table.iterrows()):
        if kronor is None:
            assert row["kind"] == "section"
            continue
        assert [int(row[c]) for c in COLUMNS] == [k * 100 for k in kronor], name


def test_only_leaf_lines_are_stored(example_dir):
    (lines, budget, equity), _ = read(example_dir)
    leaves = leaf_lines(FakeBooks((lines, budget, equity)))
    assert len(lines) == 25 and len(leaves) == 21
    assert "intakter.utvecklingsverksamhet" not in set(budget["code"])
    assert set(budget["code"]) == set(leaves["code"])
    assert len(budget) == 21 * 4
    row = budget[(budget["code"] == "kostnader.konferenser.arsmote-medlemsmote")
                 & (budget["version"] == "budget") & (budget["year"] == 2026)]
    assert row["amount"].tolist() == [-34_000_000]
    # the blank cell of the seed (Ekonomi och revision 2024) is a zero, not a problem
    blank = budget[(budget["code"] == "kostnader.ekonomi-och-revision") & (budget["year"] == 2024)]
    assert blank["amount"].tolist() == [0]
    assert equity.to_dict("records") == [
        {"version": "outcome", "year": 2024, "opening": 154_959_000, "closing": 155_227_600},
        {"version": "budget", "year": 2025, "opening": 155_227_600, "closing": 156_202_500},
        {"version": "forecast", "year": 2025, "opening": 155_227_600, "closing": 158_030_200},
        {"version": "budget", "year": 2026, "opening": 158_030_200, "closing": 158_355_100},
    ]


def test_line_codes_follow_the_slug_rule(example_dir):
    (lines, _, _), _ = read(example_dir)
    assert slug("Årsmöte/Medlemsmöte") == "arsmote-medlemsmote"
    assert slug(" Arbetsgrupper, ordförandeträffar ") == "arbetsgrupper-ordforandetraffar"
    assert lines["code"].tolist()[:4] == [
        "intakter.medlemsavgifter", "intakter.serviceavgifter", "intakter.utvecklingsverksamhet",
        "intakter.utvecklingsverksamhet.vald-i-nara-relationer"]
    sub = lines[lines["code"] == "kostnader.konferenser.opinionsarbete"].iloc[0]
    assert (sub["parent"], sub["level"], sub["section"]) == ("kostnader.konferenser", 2, "cost")


def test_budget_table_for_one_year_and_chosen_versions(example_dir):
    frames, _ = read(example_dir)
    table = budget_table(FakeBooks(frames), 2025, ["forecast", "budget"]).set_index("code")
    assert list(table.columns) == ["name", "level", "kind", "Prognos helår", "Budget"]
    assert table.loc["arets-resultat", ["Prognos helår", "Budget"]].tolist() == [2_802_600, 974_900]
    assert table["Budget"].dtype == "int64"
    with pytest.raises(UsageError, match=r"no figures for 2027 \(it has: 2024, 2025, 2026\)"):
        budget_table(FakeBooks(frames), 2027)
    with pytest.raises(UsageError, match="no version Förslag A"):
        budget_table(FakeBooks(frames), 2026, ["Förslag A"])


def test_version_labels():
    assert version_label("forecast", 2025) == "2025 Prognos helår"
    assert version_label("outcome") == "Utfall"
    assert version_label("Förslag A", 2026) == "2026 Förslag A"


# --- the seed layout in a workbook ------------------------------------------------------

def test_seed_layout_as_xlsx_with_numbers_and_a_title_row(tmp_path, example_dir):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget 2026"
    ws.append(["NNS budget 2026"])  # a title above the header
    for i, line in enumerate((example_dir / "budget.csv").read_text(encoding="utf-8").splitlines()):
        cells = line.split(";")
        if i == 0:
            ws.append(cells)
            continue
        ws.append([cells[0]] + [int(c.replace(" ", "")) if c else None for c in cells[1:]])
    wb.save(tmp_path / "budget.xlsx")
    (tmp_path / "budget.csv").write_text("ignored;2026 Budget\n", encoding="utf-8")
    frames, problems = read(tmp_path)
    assert problems == ["budget.csv: warning: ignored: budget.xlsx is read instead (remove one of the two)"]
    expected, _ = read(example_dir)
    for got, want in zip(frames, expected):
        pd.testing.assert_frame_equal(got, want)


def test_seed_layout_xlsx_total_error_names_the_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget", "2026 Budget"])
    ws.append(["Intäkter", None])
    ws.append(["Medlemsavgifter", 11400])
    ws.append(["Summa intäkter", 11500])
    wb.save(tmp_path / "budget.xlsx")
    _, problems = read(tmp_path)
    assert problems == ["budget.xlsx:Budget!B4: budget total disagrees with its lines: 'Summa intäkter' "
                        "2026 Budget is 11 500 kr, the intäkter lines sum to 11 400 kr"]


# --- the structured layout --------------------------------------------------------------

STRUCTURED = """\
kod;avsnitt;rad;underrad;2025 Budget;2026 Budget;2026 Förslag A
;Intäkter;Medlemsavgifter;;11 800;11 400;11 400
;Intäkter;Serviceavgifter;;1 794 449;1 732 849;1 800 000
;Intäkter;Utvecklingsverksamhet;Indikatorverksamhet;363 000;260 000;260 000
msi-in;Intäkter;Utvecklingsverksamhet;Samverkansavtal MSI;250 000;500 000;500 000
;Kostnader;Konferenser;;-220 000;-390 000;-300 000
;Kostnader;Konferenser;Årsmöte/Medlemsmöte;-200 000;-340 000;-250 000
;Kostnader;Konferenser;Opinionsarbete;-20 000;-50 000;-50 000
;Kostnader;Tjänstepersonstöd;;-1 000 000;-1 000 000;-1 000 000
;;Årets resultat;;1 199 249;1 114 249;1 271 400
"""


def test_structured_layout_with_codes_proposals_and_implied_lines(tmp_path):
    (lines, budget, equity), problems = read(write_budget(tmp_path, STRUCTURED))
    assert problems == []
    assert lines[["code", "parent", "level"]].values.tolist() == [
        ["intakter.medlemsavgifter", "", 1],
        ["intakter.serviceavgifter", "", 1],
        ["intakter.utvecklingsverksamhet", "", 1],
        ["intakter.utvecklingsverksamhet.indikatorverksamhet", "intakter.utvecklingsverksamhet", 2],
        ["msi-in", "intakter.utvecklingsverksamhet", 2],
        ["kostnader.konferenser", "", 1],
        ["kostnader.konferenser.arsmote-medlemsmote", "kostnader.konferenser", 2],
        ["kostnader.konferenser.opinionsarbete", "kostnader.konferenser", 2],
        ["kostnader.tjanstepersonstod", "", 1],
    ]
    assert sorted(set(zip(budget["year"], budget["version"]))) == [
        (2025, "budget"), (2026, "Förslag A"), (2026, "budget")]
    assert equity.empty
    table = budget_table(FakeBooks((lines, budget, equity)), 2026).set_index("code")
    assert list(table.columns[3:]) == ["Budget", "Förslag A"]
    assert table.loc["intakter.utvecklingsverksamhet", "Förslag A"] == 76_000_000
    assert table.loc["summa-kostnader", "Förslag A"] == -130_000_000
    assert table.loc["arets-resultat", "Förslag A"] == 127_140_000


def test_structured_layout_rules(tmp_path):
    text = ("kod;avsnitt;rad;underrad;2026 Budget\n"
            ";Intäkter;Medlemsavgifter;;11 400\n"
            ";Övrigt;Räntor;;100\n"
            ";Intäkter;;;5\n"
            ";;Summa;;11 400\n")
    _, problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:3: line 'Räntor': 'avsnitt' must be Intäkter or Kostnader, got 'Övrigt'",
        "budget.csv:4: no line name in column 'rad'",
        "budget.csv:5: 'Summa': say in 'avsnitt' which section it totals (Intäkter or Kostnader)",
    ]


# --- one test per rule ------------------------------------------------------------------

def test_line_total_disagreeing_with_its_sub_lines(tmp_path):
    text = ("Budget;2025 Budget;2026 Budget\n"
            "Intäkter;;\n"
            "Utvecklingsverksamhet;723 000;760 000\n"
            "– Indikatorverksamhet;363 000;260 000\n"
            "– Samverkansavtal MSI;350 000;500 000\n")
    (_, budget, _), problems = read(write_budget(tmp_path, text))
    assert problems == ["budget.csv:3: budget total disagrees with its lines: 'Utvecklingsverksamhet' "
                        "2025 Budget is 723 000 kr, its sub-lines sum to 713 000 kr"]
    assert set(budget["code"]) == {"intakter.utvecklingsverksamhet.indikatorverksamhet",
                                   "intakter.utvecklingsverksamhet.samverkansavtal-msi"}


def test_section_total_result_and_closing_equity_are_checked(tmp_path):
    text = ("Budget;2026 Budget\n"
            "Intäkter;\n"
            "Medlemsavgifter;11 400\n"
            "Summa intäkter;11 500\n"
            "Kostnader;\n"
            "Information;-100 000\n"
            "Summa totala kostnader;-100 000\n"
            "Årets resultat;-88 500\n"
            "Ingående eget kapital;1 580 302\n"
            "Utgående eget kapital;1 583 551\n")
    (_, _, equity), problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:4: budget total disagrees with its lines: 'Summa intäkter' 2026 Budget is 11 500 kr, "
        "the intäkter lines sum to 11 400 kr",
        "budget.csv:8: budget total disagrees with its lines: 'Årets resultat' 2026 Budget is -88 500 kr, "
        "income and costs sum to -88 600 kr",
        "budget.csv:10: closing equity disagrees with opening equity plus the result: 2026 Budget is "
        "1 583 551 kr, 1 580 302 kr + -88 600 kr = 1 491 702 kr",
    ]
    # the closing equity kept is the computed one
    assert equity[["opening", "closing"]].values.tolist() == [[158_030_200, 149_170_200]]


def test_unparseable_cell_is_an_error_naming_line_and_column(tmp_path):
    text = ("Budget;2025 Budget;2026 Budget\n"
            "Intäkter;;\n"
            "Medlemsavgifter;11 8OO;11 400\n"
            "Serviceavgifter;1 794 449,505;1 732 849\n")
    _, problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:3: 'Medlemsavgifter' 2025 Budget: not an amount: '11 8OO'",
        "budget.csv:4: 'Serviceavgifter' 2025 Budget: more than two decimals: '1 794 449,505'",
    ]


def test_wrong_signs_are_warnings(tmp_path):
    text = ("Budget;2026 Budget\n"
            "Intäkter;\n"
            "Medlemsavgifter;-11 400\n"
            "Kostnader;\n"
            "Information;100 000,50\n")
    _, problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:3: warning: income line 'Medlemsavgifter' is -11 400 kr in 2026 Budget: income is "
        "written positive",
        "budget.csv:5: warning: cost line 'Information' is 100 000,50 kr in 2026 Budget: costs are "
        "written with a minus sign",
    ]


def test_duplicate_line_names_under_one_parent(tmp_path):
    text = ("Budget;2026 Budget\n"
            "Intäkter;\n"
            "Övrigt;1\n"
            "Konferenser;1\n"
            "– Årsmöte;1\n"
            "– årsmöte;1\n"
            "Övrigt;5\n"
            "Kostnader;\n"
            "Övrigt;-1\n")
    (lines, _, _), problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:6: duplicate budget line 'årsmöte' under 'Konferenser' (first on line 5)",
        "budget.csv:7: duplicate budget line 'Övrigt' under Intäkter (first on line 3)",
    ]
    assert "kostnader.ovrigt" in set(lines["code"])


def test_rows_out_of_place(tmp_path):
    text = ("Budget;2026 Budget\n"
            "Medlemsavgifter;11 400\n"
            "Intäkter;\n"
            "– Indikatorverksamhet;260 000\n"
            ";5\n")
    _, problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:2: line 'Medlemsavgifter' comes before any section heading (Intäkter or Kostnader)",
        "budget.csv:4: sub-line 'Indikatorverksamhet' has no line above it in its section",
        "budget.csv:5: figures without a line name",
    ]


def test_header_problems(tmp_path):
    text = "Budget;2026 Budget;Kommentar;2026 budget\nIntäkter;;;\nMedlemsavgifter;1;x;2\n"
    _, problems = read(write_budget(tmp_path, text))
    assert problems == [
        "budget.csv:1: column '2026 budget' repeats the version 2026 Budget (already in column B)",
        "budget.csv:1: warning: column 'Kommentar' is not a version column ('YYYY Label', e.g. "
        "'2026 Budget'); it is ignored",
    ]
    (tmp_path / "budget.csv").write_text("Budget;Belopp\nIntäkter;\n", encoding="utf-8")
    _, problems = read(tmp_path)
    assert problems == ["budget.csv:1: no version columns: expected headers like '2026 Budget' or "
                        "'2024 Utfall' (the first row has: Budget, Belopp)"]


def test_opening_equity_that_follows_no_closing_is_a_warning(tmp_path):
    text = ("Budget;2025 Prognos;2026 Budget\n"
            "Intäkter;;\nMedlemsavgifter;10;10\n"
            "Ingående eget kapital;100;111\n")
    _, problems = read(write_budget(tmp_path, text))
    assert problems == ["budget.csv:4: warning: opening equity 2026 Budget (111 kr) is none of the "
                        "closing equities of 2025 (2025 Prognos helår 110 kr)"]


def test_missing_budget_file_is_a_warning_that_check_makes_an_error(tmp_path):
    (lines, budget, equity), problems = read(tmp_path)
    assert problems == ["budget.csv: warning: no budget (budget.xlsx or budget.csv): the monthly report needs "
                        "it to compare the ledger with (`nns-finance init` writes a template)"]
    assert lines.empty and budget.empty and equity.empty
    assert schema_mismatches(budget, "budget") == []
