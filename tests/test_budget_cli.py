"""``nns-finance budget``: the budget printed with every total computed."""
from __future__ import annotations

from nns_finance.cli import main


def test_budget_csv_for_one_year(example_dir, capsys):
    assert main(["budget", str(example_dir), "--year", "2025", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "code,name,level,kind,2025 Budget,2025 Prognos helår",
        "intakter,Intäkter,0,section,,",
        "intakter.medlemsavgifter,Medlemsavgifter,1,line,11800.00,11800.00",
        "intakter.serviceavgifter,Serviceavgifter,1,line,1794449.00,1794449.00",
    ]
    assert "kostnader.arbetsgrupper-ordforandetraffar,\"Arbetsgrupper, ordförandeträffar\",1,line," \
           "-50000.00,-46000.00" in lines
    assert lines[-5:] == [
        "kostnader.ovrigt,Övrigt,1,line,0.00,-2000.00",
        "summa-kostnader,Summa totala kostnader,0,total,-2549500.00,-2655700.00",
        "arets-resultat,Årets resultat,0,result,9749.00,28026.00",
        "ingaende-eget-kapital,Ingående eget kapital,0,equity,1552276.00,1552276.00",
        "utgaende-eget-kapital,Utgående eget kapital,0,equity,1562025.00,1580302.00",
    ]


def test_budget_table_has_swedish_numbers_and_indented_sub_lines(example_dir, capsys):
    assert main(["budget", str(example_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Budgetrad", "2024", "Utfall", "2025", "Budget", "2025", "Prognos",
                                "helår", "2026", "Budget"]
    assert lines[2].rstrip() == "Intäkter"
    assert lines[5].startswith("  Utvecklingsverksamhet ")
    assert lines[6].startswith("    – Våld i nära relationer ")
    assert lines[6].endswith("793 935      110 000             206 065            0")
    result = next(line for line in lines if line.startswith("Årets resultat"))
    assert result.split("  ")[-1].strip() == "3 249"
    assert "-4 095 166" in next(line for line in lines if line.startswith("Summa totala kostnader"))


def test_budget_errors_in_the_budget_stop_it(example_copy, capsys):
    text = (example_copy / "budget.csv").read_text(encoding="utf-8")
    (example_copy / "budget.csv").write_text(text.replace("Medlemsavgifter;12 400", "Medlemsavgifter;12 4OO"),
                                             encoding="utf-8")
    assert main(["budget", str(example_copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "budget.csv:3: 'Medlemsavgifter' 2024 Utfall: not an amount: '12 4OO'"
    assert err[1:] == ["1 error, 0 warnings"]


def test_budget_unknown_year(example_dir, capsys):
    assert main(["budget", str(example_dir), "--year", "2030"]) == 1
    assert capsys.readouterr().err == ("nns-finance budget: the budget has no figures for 2030 "
                                       "(it has: 2024, 2025, 2026)\n")


def test_budget_without_figures(tmp_path, capsys):
    (tmp_path / "settings.toml").write_text('[organisation]\nname = "NNS"\nfiscal_year = 2026\n', encoding="utf-8")
    (tmp_path / "budget.csv").write_text("Budget;2026 Budget\nIntäkter;\nKostnader;\n", encoding="utf-8")
    assert main(["budget", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"nns-finance budget: {tmp_path}: the budget has no figures (no lines "
                                       "or no version columns in budget.xlsx or budget.csv)\n")
