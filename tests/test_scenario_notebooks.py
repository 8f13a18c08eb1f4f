"""Both scenario notebooks run headless (papermill, fresh kernel) with non-default parameters;
`nns-finance scenario` writes the executed notebook, HTML and record, or only problems."""
from __future__ import annotations

import base64
import io
import json

import nbformat
from matplotlib.image import imread

from nns_finance.cli import main
from nns_finance.reports.notebooks import run_notebook

from scenario_helpers import small_folder, write


def images(notebook_path):
    nb = nbformat.read(str(notebook_path), as_version=4)
    return [imread(io.BytesIO(base64.b64decode(o["data"]["image/png"])), format="png")
            for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]


def test_scenario_command_runs_the_notebook_for_two_years(tmp_path, capsys):
    data = small_folder(tmp_path / "data")
    leave = write(data, "storstad.toml", 'name = "Storstad lämnar"\n[[withdrawals]]\nmember = "M02"\n'
                                         'notice_date = 2026-03-01\n')
    meeting = write(data, "arsmote.yaml", "name: Årsmöte 280\nmeeting:\n  date: 2026-04-15\n  participants: 280\n"
                                            "  fee: 1000\n  venue_fixed: 202300\n  per_participant: 1500\n"
                                            "  minimum_participants: 100\n  venue_cancellation_days: 120\n"
                                            "  dinner_cancellation_days: 60\n")
    out = tmp_path / "out"
    assert main(["scenario", str(leave), str(meeting), "--data", str(data), "--years", "2026-2027",
                 "--out", str(out)]) == 0
    folder = out / "scenarier"
    assert sorted(p.name for p in folder.iterdir()) == [
        "scenarier-2026-2027.html", "scenarier-2026-2027.ipynb", "scenarier-2026-2027.json"]
    html = (folder / "scenarier-2026-2027.html").read_text(encoding="utf-8")
    assert "Storstad lämnar" in html and "-123 600 kr" in html       # 123 400 + 200 kr lost in 2027
    assert "622 300 kr" in html and "2 223 kr" in html                # the meeting, break-even fee
    # the meeting in one paragraph: net against the budget line, break-even fee, cancellation dates
    assert "netto -342 300 kr (basen 2026: -340 000 kr, skillnad -2 300 kr)" in html
    assert "Sista dag att avboka lokalen: <strong>2025-12-16</strong>, middagen: <strong>2026-02-14</strong>" in html
    assert "Avgiftsregler för 2027 saknas i settings.toml: reglerna för 2026 gäller." in html
    assert "2028" not in html.split("Scenarierna sida vid sida")[1].split("Resultat och eget kapital")[0]
    pictures = images(folder / "scenarier-2026-2027.ipynb")
    assert len(pictures) == 3                                          # result, equity, meeting
    assert pictures[0].shape[:2] == (630, 1200)                        # 8 × 4.2 in at 150 dpi
    record = json.loads((folder / "scenarier-2026-2027.json").read_text(encoding="utf-8"))
    assert record["parameters"]["first_year"] == 2026 and record["parameters"]["last_year"] == 2027
    assert {i["file"] for i in record["inputs"]} >= {str(leave.resolve()), str(meeting.resolve())}


def test_scenario_command_names_output_after_the_one_scenario(tmp_path):
    data = small_folder(tmp_path / "data")
    path = write(data, "x.toml", 'name = "Storstad lämnar / 2027"\n')
    assert main(["scenario", str(path), "--data", str(data), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "scenarier" / "storstad-lamnar-2027.html").is_file()


def test_scenario_command_prints_every_problem_and_writes_nothing(tmp_path, capsys):
    data = small_folder(tmp_path / "data")
    bad = write(data, "fel.toml", 'name = "Fel"\n[meeting]\nparticipants = -1\n[[withdrawals]]\nmember = "M9"\n'
                                  'effective_date = 2026-01-01\n')
    assert main(["scenario", str(bad), "--data", str(data), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "scenarios/fel.toml:2: meeting: missing date, fee, venue_fixed, per_participant (a meeting plan states "
        "date, participants, fee, venue_fixed, per_participant)",
        "scenarios/fel.toml:3: meeting.participants: expected a whole number of at least 0, got -1",
        "scenarios/fel.toml:5: withdrawals[1].member: unknown member 'M9' (not in the member register)",
        "3 errors, 0 warnings",
    ]
    assert not (tmp_path / "out").exists()


def test_member_withdrawal_notebook_headless(tmp_path):
    data = small_folder(tmp_path / "data")
    result = run_notebook("member_withdrawal", {"data": str(data), "leaving": {"M03": "2026-09-30"},
                                                "first_year": 2026, "last_year": 2027}, tmp_path / "out")
    html = result.html.read_text(encoding="utf-8")
    # Mellanby from 2027: 200 + 105 000 + 25 000 indicator = 130 200 kr a year
    assert "2027-01-01" in html and "130 200 kr" in html and "-130 200 kr" in html
    assert "3,5 ‰" in html
    pictures = images(result.notebook)
    assert len(pictures) == 2
    assert pictures[0].shape[:2] == (570, 1050)                        # 7 × 3.8 in at 150 dpi
