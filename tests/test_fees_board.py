"""What the board reads in the fee report: the rate that keeps income after members leave, the
scenarios the data folder has prepared, and charts in Swedish (review of issues 4 and 7)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from nns_finance import load  # noqa: E402
from nns_finance.cli import main  # noqa: E402
from nns_finance.planning.fee_scenarios import (
    inline_scenario, rate_needed_text, scenarios_for, split_unchanged, unchanged_text
)

KR = 100


@pytest.fixture(scope="module")
def books():
    return load(Path(__file__).resolve().parents[1] / "data" / "example")


def test_rate_that_keeps_2026_income_at_the_2025_budget_after_sodra_vanern_leaves(books):
    baseline = scenarios_for(books, 2026)[0]
    text = rate_needed_text(books, 2026, baseline)
    # 2025 budget 1 794 449 kr; at 3,64 ‰ the 57 remaining members bring in 1 792 295 kr, at
    # 3,65 ‰ 1 796 538 kr; Sälgbygden and Södra Vänern paid in 2025 and have left
    assert text.startswith("För att serviceavgifterna 2026 ska nå budgeten 2025 (1 794 449 kr) behövs")
    assert "minst **3,65 ‰**: den ger 1 796 538 kr, 3,64 ‰ ger 1 792 295 kr." in text
    assert "57 medlemmar betalar serviceavgift 2026." in text
    assert text.endswith("Sedan 2025 har Samordningsförbundet Sälgbygden (exempel) (M18) och "
                         "Samordningsförbundet Södra Vänern (M41) lämnat.")


def test_rate_for_an_own_target_names_the_scenarios_leavers(books):
    text = rate_needed_text(books, 2026, inline_scenario(books, 2026, without="M13"), "2 000 000")
    assert "ska nå målet 2 000 000 kr" in text and "minst **4,48 ‰**: den ger 2 003 773 kr" in text
    assert "56 medlemmar" in text and "Samordningsförbundet Granbacken (exempel) (M13, i scenariot)" in text


def test_the_data_folders_scenarios_that_change_the_fees_and_the_others_listed(books, example_dir):
    scenarios = scenarios_for(books, 2026, example_dir / "scenarios")
    kept, unchanged = split_unchanged(scenarios)
    assert [s.name for s in kept] == ["Gällande regler 2026", "Serviceavgift 4,0 ‰ utan maxtaxa"]
    # the meeting files, Södra Vänern (already gone in the register) and two leaving in 2027
    assert sorted(s.name for s in unchanged) == [
        "Södra Vänern lämnar", "Två stora lämnar 2027", "Årsmöte med bidrag, 150 deltagare",
        "Årsmöte med bidrag, 280 deltagare", "Årsmöte utan bidrag, 150 deltagare",
        "Årsmöte utan bidrag, 280 deltagare"]
    text = unchanged_text(unchanged, 2026)
    assert text.startswith("Scenarier som inte ändrar avgifterna 2026")
    assert "- *Södra Vänern lämnar*: M41 har redan utträtt enligt medlemsregistret (från 2026-01-01)." in text
    # in 2027 the two largest leaving does change the fees
    kept27, _ = split_unchanged(scenarios_for(books, 2027, example_dir / "scenarios"))
    assert "Två stora lämnar 2027" in [s.name for s in kept27]


@pytest.mark.parametrize("argv, scenario_file, only_changing", [
    ([], "scenarios", True),                       # default: the board's prepared scenarios
    (["--scenarios", "none"], "", False),          # the rules in force only
    (["--scenarios", "scenarios/serviceavgift-4-promille.toml"], "scenarios/serviceavgift-4-promille.toml",
     False),
])
def test_fees_report_shows_the_data_folders_scenarios_by_default(example_dir, tmp_path, monkeypatch,
                                                                 argv, scenario_file, only_changing):
    import nns_finance.reports.notebooks as notebooks

    seen = {}

    def fake_run(name, params, out_dir, stem, **options):
        seen.update(params, name=name, stem=stem)
        for suffix in (".ipynb", ".html"):
            (out_dir / f"{stem}{suffix}").write_text("{}", encoding="utf-8")
        return notebooks.RunResult(out_dir / f"{stem}.ipynb", out_dir / f"{stem}.html")

    monkeypatch.setattr(notebooks, "run_notebook", fake_run)
    argv = [a.replace("scenarios/", str(example_dir / "scenarios") + "/") for a in argv]
    assert main(["fees-report", "--data", str(example_dir), "--year", "2026", "--out", str(tmp_path)] + argv) == 0
    assert seen["name"] == "fee_scenarios" and seen["stem"] == "fee_scenarios_2026"
    expected = str((example_dir / scenario_file).resolve()) if scenario_file else ""
    assert (seen["scenario_file"], seen["only_changing"]) == (expected, only_changing)


def test_fees_report_default_run_headless(example_dir, tmp_path):
    assert main(["fees-report", "--data", str(example_dir), "--year", "2026", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "fee_scenarios_2026.html").read_text(encoding="utf-8")
    assert "avgifter 2026, 2 scenarier." in html and "Serviceavgift 4,0 ‰ utan maxtaxa" in html
    assert "Scenarier som inte ändrar avgifterna 2026" in html and "Årsmöte med bidrag, 280 deltagare" in html
    assert "minst <strong>3,65 ‰</strong>" in html and "1 796 538 kr" in html
    assert "Samordningsförbundet Södra Vänern (M41)" in html
    # 4,0 ‰ without the maximum fee: 1 996 146 kr, 263 297 kr over the budget
    assert "1 996 146 kr" in html and "263 297 kr" in html


# --- charts in Swedish -------------------------------------------------------------------

def _labels(axis):
    axis.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def test_heat_map_speaks_swedish_and_marks_the_budget(books):
    from nns_finance.reports.fee_charts import income_heatmap_figure
    from nns_finance.planning.fee_scenarios import decimal_range

    scenarios = scenarios_for(books, 2026)
    fig = income_heatmap_figure(books, 2026, scenarios, decimal_range("2.5:5.0:0.1"),
                                list(range(60_000, 200_001, 10_000)), 1_732_849 * KR)
    ax, bar = fig.axes
    assert ax.get_ylabel() == "Sats, promille (‰)" and ax.get_xlabel() == "Maxtaxa, tusen kr"
    assert "3,5" in _labels(ax.yaxis) and not any("." in t for t in _labels(ax.yaxis))
    assert any(" " in t for t in _labels(bar.yaxis))                    # "2 000", thousands spaced
    assert bar.get_ylabel() == "Serviceavgifter, tusen kr"
    assert "budget 1 733 tkr" in [t.get_text() for t in ax.texts]       # the budget contour


def test_fee_curve_names_the_maximum_fee_where_the_line_turns_flat(books):
    from nns_finance.reports.fee_charts import fee_curve_figure
    from nns_finance.planning.fee_scenarios import scenario_tables

    scenarios = scenarios_for(books, 2026)
    (ax,) = fee_curve_figure(scenarios, scenario_tables(books, 2026, scenarios), 2026).axes
    assert [t.get_text() for t in ax.texts] == ["maxtaxa 123 400 kr"]
    fees = ax.lines[0].get_ydata()
    assert fees.max() == 123_400 and (fees == 123_400).sum() > 1       # flat after the kink


def test_meeting_chart_names_the_scenario_and_its_break_even_fee():
    from nns_finance.planning.meeting import MeetingPlan, net_cost_table
    from nns_finance.reports.scenario_charts import meeting_chart

    plan = MeetingPlan(date=dt.date(2026, 4, 15), participants=280, fee=1_000 * KR, venue_fixed=202_300 * KR,
                       per_participant=1_500 * KR, minimum_participants=100, grant=300_000 * KR)
    (ax,) = meeting_chart(net_cost_table(plan), "Årsmötet: med bidrag", 280).axes
    assert ax.get_title() == "Årsmötet: med bidrag" and ax.get_ylabel().startswith("Netto, kr")
    # 280: cost 622 300, fees 280 000, grant 300 000 → net −42 300; (622 300 − 300 000)/280 → 1 152 kr
    assert [t.get_text() for t in ax.texts] == ["○ 280 deltagare: netto -42 300 kr\n"
                                                "nollresultat vid avgift 1 152 kr"]


def test_meeting_summary_against_the_budget_line(books, example_dir):
    from nns_finance.reports import scenario_tables as sr
    from scenario_helpers import read_scenarios

    files = [example_dir / "scenarios" / "arsmote-utan-bidrag-280.toml",
             example_dir / "scenarios" / "arsmote-med-bidrag-150.yaml"]
    comparison = sr.compare(books, read_scenarios(files, books, (2026, 2028)), (2026, 2028))
    without, with_grant = (sr.meeting_summary(comparison, o) for o in comparison.outcomes)
    # 280 without the grant: 622 300 − 280 000 = −342 300 against the budget's −340 000
    assert without == ("280 deltagare à 1 000 kr: kostnad 622 300 kr, deltagaravgifter 280 000 kr, "
                       "netto -342 300 kr (basen 2026: -340 000 kr, skillnad -2 300 kr). Avgiften som "
                       "ger nollresultat vid 280 deltagare: **2 223 kr** per deltagare. Sista dag att "
                       "avboka lokalen: **2025-12-16**, middagen: **2026-02-14**.")
    # 150 with the grant: 202 300 + 150 × 1 500 = 427 300; 150 000 + 300 000 − 427 300 = 22 700
    assert "kostnad 427 300 kr, deltagaravgifter 150 000 kr och bidrag 300 000 kr, netto 22 700 kr" in with_grant
    assert "(basen 2026: -340 000 kr, skillnad 362 700 kr)" in with_grant
    assert "**849 kr** per deltagare" in with_grant     # (427 300 − 300 000) / 150 = 848,67 → up to 849


# --- a fees-only data folder --------------------------------------------------------------

def test_fees_need_only_settings_and_the_register_and_ignore_a_broken_ledger(tmp_path, capsys):
    (tmp_path / "settings.toml").write_text('[organisation]\nname = "Test"\nfiscal_year = 2026\n\n'
                                            '[fees.2026]\nmembership_fee = 200\nservice_rate_permille = 3.5\n',
                                            encoding="utf-8")
    (tmp_path / "members.csv").write_text("id;namn;underlag 2026\nA;Ett;10 000 000\n", encoding="utf-8")
    assert main(["fees", "--data", str(tmp_path), "--year", "2026", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1].split(",")[10] == "35000.00"          # 3,5 ‰ × 10 000 000
    assert err == ""          # no ledger, no chart of accounts: only the monthly report needs them
    (tmp_path / "members.csv").write_text("id;namn;underlag 2026\nA;Ett;-5\n", encoding="utf-8")
    assert main(["fees", "--data", str(tmp_path), "--year", "2026"]) == 1
    assert capsys.readouterr().err.splitlines() == ["members.csv:2: negative fee base 2026: -5", "1 error, 0 warnings"]


def test_scenarios_need_the_budget(tmp_path, capsys):
    (tmp_path / "settings.toml").write_text('[organisation]\nname = "Test"\nfiscal_year = 2026\n', encoding="utf-8")
    (tmp_path / "members.csv").write_text("id;namn;underlag 2026\nA;Ett;10 000 000\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "X"\n', encoding="utf-8")
    assert main(["scenario", str(tmp_path / "s.toml"), "--data", str(tmp_path), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.startswith("budget.csv: no budget (budget.xlsx or budget.csv)")
    assert not (tmp_path / "o").exists()
