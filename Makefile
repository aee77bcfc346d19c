# Two commands for a fresh machine: `make run` opens the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.DEFAULT_GOAL := help
.PHONY: help setup run test lint format bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(DEV_STAMP) ## Create .venv and install everything
	$(BIN)/python -m flashpoint gazetteer build

run: $(STAMP) ## Set up if needed and open the app
	$(BIN)/python -m flashpoint gazetteer build
	$(BIN)/streamlit run app.py

test: $(DEV_STAMP) ## Set up if needed and run all tests and the linter
	$(BIN)/python -m flashpoint gazetteer build
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(DEV_STAMP) ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(DEV_STAMP) ## Run the benchmarks (prints numbers; not part of the tests)
	$(BIN)/python bench/gazetteer_load.py
	$(BIN)/python bench/extract_throughput.py
	$(BIN)/python bench/geoparse_benchmarks.py
	$(BIN)/python bench/dashboard_latency.py

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
