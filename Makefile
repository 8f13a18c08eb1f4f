# nns-finance — the front door. `make help` lists the targets.
# Everything runs in .venv, made with the standard library's venv and installed from the
# lock file (requirements.lock, every version and hash pinned).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= data/example
PERIOD ?=
YEAR   ?=

.DEFAULT_GOAL := help
.PHONY: help setup report check export board test lab example bench lock clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the locked dependencies

report: $(STAMP) ## the monthly report (DATA=folder, PERIOD=YYYY-MM; default the example, latest closed month) into reports/
	$(BIN)/nns-finance report --data $(DATA) $(if $(PERIOD),--period $(PERIOD))

check: $(STAMP) ## check every file of the data folder (DATA=folder), every problem at once
	$(BIN)/nns-finance check $(DATA)

export: $(STAMP) ## the auditors' workbook (DATA=folder, YEAR=YYYY, PERIOD=YYYY-MM) into reports/
	$(BIN)/nns-finance export --data $(DATA) $(if $(YEAR),--year $(YEAR)) $(if $(PERIOD),--period $(PERIOD))

board: $(STAMP) ## the board's fee page (offline HTML) and fee table (PDF) from data/example into reports/
	$(BIN)/nns-finance board --data $(DATA) $(if $(YEAR),--year $(YEAR),)

test: $(STAMP) ## run the whole test suite
	$(BIN)/python -m pytest -q -n 2

lab: $(STAMP) ## open JupyterLab on notebooks/ (saved notebooks keep no outputs)
	JUPYTER_CONFIG_PATH="$(CURDIR)$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" $(BIN)/jupyter lab notebooks/

example: $(STAMP) ## regenerate the synthetic example data in data/example
	$(BIN)/python -m nns_finance.example $(DATA)

bench: $(STAMP) ## run the speed benchmarks (prints figures)
	$(BIN)/python benchmarks/run_all.py

lock: ## re-pin requirements.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml build-requirements.in --extra test --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --no-header -o requirements.lock

clean: ## remove .venv and generated reports
	rm -rf $(VENV) reports/*/ build *.egg-info
