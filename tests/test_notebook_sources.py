"""The source notebooks as JupyterLab and papermill see them: parameters named alike, typed and
explained in English; no outputs, no code of their own; a relative data path found from the
repository root or from ``notebooks/``; outputs stripped when JupyterLab saves them."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from nns_finance.reports.notebooks import data_path, notebook_dir, strip_outputs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# one name per notion, in every notebook and every command that runs one
SHARED = {"data", "year", "first_year", "last_year", "period"}
OTHER_NAMES_FOR_THEM = {"data_dir", "data_folder", "folder", "first", "last", "from_year", "to_year",
                        "start_year", "end_year", "years", "month", "fee_year", "report_period"}
PARAMETER_LINE = re.compile(r"^(\w+): (\w+) = (.+?)  # (\S.*)$")


def _parameters_cell(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{path.name}: one parameters cell"
    return nb, cells[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_are_typed_commented_in_english_and_named_alike(path):
    _, cell = _parameters_cell(path)
    names = []
    for line in cell.source.splitlines():
        if line.startswith("#"):               # what the notebook is, for the reader
            assert not re.search("[åäöÅÄÖ]", line), f"{path.name}: comment in English: {line}"
            continue
        m = PARAMETER_LINE.match(line)
        assert m, f"{path.name}: not `name: type = default  # help`: {line}"
        name, _type, default, help_text = m.groups()
        assert not re.search("[åäöÅÄÖ]", help_text), f"{path.name}: help in English: {line}"
        assert "(" not in default or default.startswith(("[", "{")), f"{path.name}: no derived value: {line}"
        names.append(name)
    assert "data" in names
    assert not set(names) & OTHER_NAMES_FOR_THEM
    # papermill reads the same names, types and help (`papermill --help-notebook`)
    inspected = pm.inspect_notebook(str(path))
    assert list(inspected) == names
    assert all(p["inferred_type_name"] != "None" and p["help"] for p in inspected.values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_source_notebooks_are_thin_and_carry_no_outputs(path):
    nb, _ = _parameters_cell(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "widgets" not in nb.metadata
    for cell in code:
        assert not any(line.lstrip().startswith(("def ", "class ")) for line in cell.source.splitlines())
    # every notebook finds its data the one way, wherever its kernel runs
    assert "data_path(data)" in "\n".join(c.source for c in code)


def test_the_commands_pass_the_shared_names():
    from nns_finance.cli import fees_report, projection, report, scenario

    sources = {m.__name__: Path(m.__file__).read_text(encoding="utf-8")
               for m in (fees_report, projection, report, scenario)}
    for name, text in sources.items():
        for other in OTHER_NAMES_FOR_THEM:
            assert f'"{other}":' not in text, f"{name} passes {other!r}"


# --- the data path -------------------------------------------------------------------------

@pytest.fixture
def checkout(tmp_path):
    """A repository-shaped folder: pyproject.toml, data/ with a data folder, notebooks/."""
    root = tmp_path / "kassa"
    (root / "data" / "forbund").mkdir(parents=True)
    (root / "data" / "forbund" / "settings.toml").write_text("", encoding="utf-8")
    (root / "notebooks").mkdir()
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def test_data_path_from_the_root_is_the_path_as_given(checkout, monkeypatch):
    monkeypatch.chdir(checkout)
    assert data_path("data/forbund") == Path("data/forbund")


def test_data_path_from_notebooks_is_found_under_the_repository_root(checkout, monkeypatch):
    monkeypatch.chdir(checkout / "notebooks")
    assert data_path("data/forbund") == checkout / "data" / "forbund"
    assert data_path("data/forbund/settings.toml") == checkout / "data" / "forbund" / "settings.toml"
    # found in neither place: as written, so the loader's message names what the user wrote
    assert data_path("data/saknas") == Path("data/saknas")


def test_data_path_absolute_and_blank(checkout, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)                        # outside any checkout
    assert data_path(str(checkout / "data" / "forbund")) == checkout / "data" / "forbund"
    assert data_path("data/forbund") == Path("data/forbund")
    assert data_path("") is None and data_path("  ") is None


def test_data_path_skips_a_folder_without_data(checkout, monkeypatch):
    inner = checkout / "notebooks" / "utkast"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("", encoding="utf-8")     # a project of its own, no data/
    monkeypatch.chdir(inner)
    assert data_path("data/forbund") == checkout / "data" / "forbund"


# --- outputs stripped on save (make lab) ------------------------------------------------------

def _executed_model():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('data: str = "data/example"  # the data folder')
    params.metadata["tags"] = ["parameters"]
    shown = nbformat.v4.new_code_cell("print(1)", execution_count=3,
                                      outputs=[nbformat.v4.new_output("stream", text="1\n")])
    shown.metadata["execution"] = {"iopub.status.idle": "2026-01-05T10:00:00Z"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Rapport"), params, shown]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return {"type": "notebook", "format": "json", "content": nb}


def test_strip_outputs_clears_a_notebook_saved_under_notebooks(tmp_path, monkeypatch):
    monkeypatch.setenv("NNS_NOTEBOOKS", str(tmp_path / "notebooks"))

    class Manager:
        root_dir = str(tmp_path / "notebooks")

    model = _executed_model()
    strip_outputs(model=model, path="/monthly_report.ipynb", contents_manager=Manager())
    cells = model["content"]["cells"]
    assert cells[2]["outputs"] == [] and cells[2]["execution_count"] is None
    assert "execution" not in cells[2]["metadata"] and "widgets" not in model["content"]["metadata"]
    assert cells[0]["source"] == "# Rapport" and cells[1]["metadata"]["tags"] == ["parameters"]


def test_strip_outputs_leaves_other_files_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("NNS_NOTEBOOKS", str(tmp_path / "notebooks"))

    class Manager:
        root_dir = str(tmp_path)

    model = _executed_model()
    strip_outputs(model=model, path="reports/2025-12/report-2025-12.ipynb", contents_manager=Manager())
    assert model["content"]["cells"][2]["outputs"]                  # an executed copy keeps its outputs
    text = {"type": "file", "format": "text", "content": "print(1)"}
    strip_outputs(model=text, path="notebooks/x.py", contents_manager=Manager())
    assert text["content"] == "print(1)"


def test_the_shipped_server_config_strips_outputs_when_jupyter_saves(tmp_path, monkeypatch):
    """The repository's jupyter_server_config.py loaded as `make lab` loads it, and a notebook
    saved through Jupyter's own file manager: written without outputs under notebooks/."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config.loader import PyFileConfigLoader

    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "reports").mkdir()
    monkeypatch.setenv("NNS_NOTEBOOKS", str(root / "notebooks"))
    assert notebook_dir() == root / "notebooks"
    config = PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT)).load_config()
    manager = FileContentsManager(config=config, root_dir=str(root))
    manager.save(_executed_model(), "notebooks/monthly_report.ipynb")
    manager.save(_executed_model(), "reports/monthly_report.ipynb")
    saved = nbformat.read(str(root / "notebooks" / "monthly_report.ipynb"), as_version=4)
    assert [c.get("outputs") for c in saved.cells if c.cell_type == "code"] == [[], []]
    kept = nbformat.read(str(root / "reports" / "monthly_report.ipynb"), as_version=4)
    assert kept.cells[2].outputs[0].text == "1\n"


def test_make_lab_reads_the_shipped_config():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lab = makefile.split("\nlab:")[1].split("\n\n")[0]
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)' in lab and "jupyter lab notebooks/" in lab
    assert (ROOT / "jupyter_server_config.py").is_file()


# --- years from the data (a notebook's 0) -------------------------------------------------------

def _books_planning(tmp_path, header: str):
    """Another association's folder: fiscal year 2033, a budget whose columns are ``header``."""
    import nns_finance

    folder = tmp_path / "forbund"
    folder.mkdir()
    (folder / "settings.toml").write_text('[organisation]\nname = "Samordningsförbundet Ån"\n'
                                          'fiscal_year = 2033\n', encoding="utf-8")
    (folder / "budget.csv").write_text(f"Ån;{header}\nIntäkter;;\nBidrag;900 000;950 000\n"
                                       "Kostnader;;\nPersonal;-880 000;-940 000\nÅrets resultat;20 000;10 000\n"
                                       "Ingående eget kapital;400 000;420 000\nUtgående eget kapital;420 000;430 000\n",
                                       encoding="utf-8")
    return nns_finance.load(folder, strict=False)


def test_zero_years_come_from_the_budgets_planning_years(tmp_path):
    from nns_finance.planning.fee_scenarios import fee_year
    from nns_finance.planning.scenarios import asked_years

    books = _books_planning(tmp_path, "2033 Budget;2034 Budget")
    assert asked_years(books, 0, 0) == (2034, 2036)          # the latest Budget column, three years
    assert asked_years(books, 2035, 0) == (2035, 2037)
    assert asked_years(books, 0, 2034) == (2034, 2034)
    assert asked_years(books, 2033, 2035) == (2033, 2035)
    assert fee_year(books, 0) == 2034 and fee_year(books, 2033) == 2033


def test_zero_years_of_the_projection_are_the_base_year_and_four_after(tmp_path):
    from nns_finance.planning.projection import load_assumptions, project

    books = _books_planning(tmp_path, "2033 Utfall;2034 Budget")
    result = project(books, load_assumptions(books), 0, 0)
    assert (result.base_year, result.first_year, result.last_year) == (2034, 2034, 2038)
    # all zero assumptions: the 2034 budget, 950 000 − 940 000 = 10 000 kr, each year
    assert list(result.years["result"]) == [1_000_000] * 5
    assert list(result.years["closing_equity"]) == [43_000_000, 44_000_000, 45_000_000, 46_000_000, 47_000_000]
    assert (project(books, load_assumptions(books), 2035, 0).first_year,
            project(books, load_assumptions(books), 2035, 0).last_year) == (2035, 2039)
