"""A four-member data folder for the scenario tests, small enough to check by hand.

The example's settings (2026: 200 kr membership fee, 3.5 ‰, maximum fee 123 400 kr, indicator
fee 25 000 kr; notice deadline 30 September), budget and chart of accounts, and this register:

- M01 Södra Vänern: notice 2025-09-30, gone 2026-01-01; base 2025 20 000 000 kr → would pay
  70 000 + 200 = 70 200 kr in 2026;
- M02 Storstad: base 50 000 000 kr → 175 000 kr capped at the maximum fee 123 400 kr (+ 200);
- M03 Mellanby: base 30 000 000 kr → 105 000 kr (+ 200) and an indicator agreement (25 000 kr);
- M04 Lillby: base 10 000 000 kr → 35 000 kr (+ 200); its indicator agreement ended 2025.

No assumptions.toml: the baseline repeats the 2026 budget in 2027 and 2028.
"""
from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"

MEMBERS = """medlems-id;namn;utträde anmält;utträde från;indikatoravtal från;indikatoravtal till;underlag 2024;underlag 2025;underlag 2026
M01;Samordningsförbundet Södra Vänern;2025-09-30;2026-01-01;;;20 000 000;20 000 000;
M02;Samordningsförbundet Storstad;;;;;50 000 000;50 000 000;50 000 000
M03;Samordningsförbundet Mellanby;;;2023-01-01;;30 000 000;30 000 000;30 000 000
M04;Samordningsförbundet Lillby;;;2024-01-01;2025-12-31;10 000 000;10 000 000;10 000 000
"""


def small_folder(root: Path) -> Path:
    """Write the four-member data folder under ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("settings.toml", "budget.csv", "accounts.csv"):
        shutil.copy(EXAMPLE / name, root / name)
    (root / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (root / "scenarios").mkdir(exist_ok=True)
    return root


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "scenarios" / name
    path.write_text(text, encoding="utf-8")
    return path


def read_scenarios(paths, books, years=None):
    """The scenarios of ``paths`` checked against ``books`` (what ``load(folder, scenarios=paths)``
    gives), for tests that try one file against a ready Books."""
    from dataclasses import replace

    from nns_finance.books.scenario_file import read_scenario_texts, scenarios_from
    from nns_finance.core.problems import InputError, Problems

    problems = Problems()
    texts = read_scenario_texts([Path(p) for p in paths], problems, books.folder)
    try:
        found = scenarios_from(replace(books, scenario_texts=texts), years)
    except InputError as exc:
        problems.extend(exc.problems)
    if problems.has_errors:
        raise InputError(problems)
    return found


def read_scenario(path, problems, books, years=None):
    """One scenario file against ``books``; its problems go to ``problems``; None on errors."""
    from nns_finance.books.scenario_file import build_scenario, read_scenario_texts

    texts = read_scenario_texts([Path(path)], problems, books.folder)
    if not texts:
        return None
    return build_scenario(texts[0].data, texts[0].name, problems, books, years, texts[0].lines)


def read_fee_scenarios(books, year, path):
    """The fee scenarios of one scenario file (or folder) for ``year``, as ``fees-report`` reads them."""
    from dataclasses import replace

    from nns_finance.books.scenario_file import read_scenario_texts, scenario_paths
    from nns_finance.core.problems import InputError, Problems
    from nns_finance.planning.fee_scenarios import read_scenarios as fee_scenarios

    problems = Problems()
    texts = read_scenario_texts(scenario_paths(books.folder, [path]), problems, books.folder)
    if problems.has_errors:
        raise InputError(problems)
    return fee_scenarios(replace(books, scenario_texts=texts), year)
