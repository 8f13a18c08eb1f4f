"""``nns-finance init DIR``: empty templates that load back once filled in minimally."""
from __future__ import annotations

import re

from nns_finance import load
from nns_finance.cli import main
from nns_finance.books.templates import SETTINGS_TEMPLATE, folder_templates


def test_init_writes_every_template_and_the_readme(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    target = tmp_path / "Föreningens data"
    assert main(["init", str(target)]) == 0
    written = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert {"settings.toml", "budget.csv", "accounts.csv", "LÄSMIG.txt"} <= set(written)
    assert written == sorted(folder_templates(2026))
    assert (target / "accounts.csv").read_bytes() == b"\xef\xbb\xbfkonto;namn;budgetrad\n"
    assert (target / "budget.csv").read_text(encoding="utf-8-sig") == "Budget;2026 Budget\nIntäkter;\nKostnader;\n"
    assert "fiscal_year = 2026" in (target / "settings.toml").read_text(encoding="utf-8")
    readme = (target / "LÄSMIG.txt").read_text(encoding="utf-8")
    assert readme.startswith("Datamappen för föreningens ekonomi")
    assert "budget.csv (eller budget.xlsx)" in readme and "accounts.csv (eller accounts.xlsx)" in readme
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [str(target / name) for name in folder_templates(2026)]
    assert printed.err.startswith("Fill in ")


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "budget.csv").write_text("min budget\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"nns-finance init: {tmp_path}: refusing to overwrite budget.csv "
                                       "(nothing was written)\n")
    assert [p.name for p in tmp_path.iterdir()] == ["budget.csv"]
    assert (tmp_path / "budget.csv").read_text(encoding="utf-8") == "min budget\n"


def test_empty_templates_need_only_a_name(tmp_path, capsys):
    assert main(["init", str(tmp_path)]) == 0
    assert main(["check", str(tmp_path)]) == 1
    # an empty template is not a clean check: the report would refuse it (no vouchers)
    assert capsys.readouterr().out.endswith(
        "ledger: the ledger has no vouchers: nothing to report on (add the ledger to the data folder)\n"
        "settings.toml:4: missing setting 'organisation.name'\n2 errors, 0 warnings\n")


def test_templates_filled_minimally_load_without_problems(tmp_path, capsys):
    assert main(["init", str(tmp_path)]) == 0
    settings = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    (tmp_path / "settings.toml").write_text(
        re.sub(r"fiscal_year = \d{4}", "fiscal_year = 2026",
               settings.replace('name = ""', 'name = "NNS"')), encoding="utf-8")
    with open(tmp_path / "budget.csv", "w", encoding="utf-8-sig") as f:
        f.write("Budget;2026 Budget\nIntäkter;\nMedlemsavgifter;11 400\nKostnader;\nInformation;-10 000\n")
    with open(tmp_path / "accounts.csv", "a", encoding="utf-8") as f:
        f.write("1930;Företagskonto;\n1880;Placeringar;\n1760;Upplupna räntor;\n8311;Ränta;intakter.medlemsavgifter\n"
                "8312;Ränta;intakter.medlemsavgifter\n2067;Balanserat kapital;\n2068;Föregående års resultat;\n"
                "2069;Årets resultat;\n3010;Medlemsavgifter;intakter.medlemsavgifter\n"
                "6110;Information;kostnader.information\n")
    books = load(tmp_path)
    # the one thing left: no vouchers yet, so nothing for the report to report on
    assert [str(p) for p in books.problems] == [
        "ledger: warning: the ledger has no vouchers: nothing to report on (add the ledger to the data folder)"]
    (tmp_path / "ledger" / "2026.csv").write_text(
        "serie;nr;datum;konto;belopp\nA;1;2026-01-15;1930;11 400\nA;1;2026-01-15;3010;-11 400\n", encoding="utf-8")
    books = load(tmp_path)
    assert [str(p) for p in books.problems] == []
    assert books.settings.organisation == "NNS"
    assert books.budget["amount"].tolist() == [1_140_000, -1_000_000]
    assert len(books.accounts) == 10
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings\n")


def test_settings_template_explains_every_key_in_swedish():
    keys = ["name", "org_number", "fiscal_year", "language", "closed_through", "deadline", "bank",
            "deposits", "interest", "accrued_interest", "equity", "membership_fee",
            "service_rate_permille", "previous_rate_permille", "max_fee", "max_increase",
            "max_increase_basis", "indicator_fee", "rounding", "joining", "fee_date"]
    text = SETTINGS_TEMPLATE.format(year=2026, name='""')
    for key in keys:
        line = next((ln for ln in text.splitlines() if re.match(rf"^#?\s*{key}\s*=", ln)), None)
        assert line is not None and "#" in line.lstrip("#"), key


def test_the_readme_explains_every_file_a_treasurer_may_add(tmp_path, capsys):
    """LÄSMIG.txt names the optional files too, with their columns, and why phasing matters."""
    assert main(["init", str(tmp_path / "d")]) == 0
    readme = (tmp_path / "d" / "LÄSMIG.txt").read_text(encoding="utf-8")
    for name in ("phasing.csv", "forecast.csv", "commitments.csv", "assumptions.toml", "scenarios/",
                 "budgetandringar-ÅÅÅÅ.toml"):
        assert re.search(rf"^{re.escape(name)} ", readme, re.M), name
    assert "medlemsavgifterna som faktureras i januari" in readme
    assert "jan … dec" in readme and "kommentar" in readme and "base_year" in readme
    # explained, not written: the folder holds only the templates a new association needs
    assert not (tmp_path / "d" / "phasing.csv").exists()
    assert not (tmp_path / "d" / "scenarios").exists()


def test_the_name_given_fills_in_the_settings_and_heads_the_readme(tmp_path, capsys):
    """``init --name``: the association's own name, quotes and all; no name: a neutral heading."""
    import tomllib

    assert main(["init", str(tmp_path / "d"), "--name", 'Samordningsförbundet "Väst"  Skaraborg']) == 0
    settings = tomllib.loads((tmp_path / "d" / "settings.toml").read_text(encoding="utf-8"))
    assert settings["organisation"]["name"] == 'Samordningsförbundet "Väst" Skaraborg'
    readme = (tmp_path / "d" / "LÄSMIG.txt").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == 'Datamappen för föreningens ekonomi – Samordningsförbundet "Väst" Skaraborg'
    assert main(["init", str(tmp_path / "e")]) == 0
    readme = (tmp_path / "e" / "LÄSMIG.txt").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == "Datamappen för föreningens ekonomi (nns-finance)"
    for text in (readme, (tmp_path / "e" / "settings.toml").read_text(encoding="utf-8")):
        assert "NNS" not in text
