# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv and install first.
VENV    := .venv
BIN     := $(VENV)/bin
PYTHON  ?= python3
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: install demo test lint ui sandboxes bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

## demo: install, start both sandboxes with seeded data, run the extract job in Dagster, print what landed
demo: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/sync-pipeline demo

## test: install and run the whole suite (lint included)
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadfile -q

lint: install
	$(BIN)/ruff check .

## ui: serve the sandboxes (state from the last `make demo`) and the Dagster UI on http://127.0.0.1:3000
ui: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/sync-pipeline sandbox tripletex --data .data/sandboxes/tripletex & \
	$(BIN)/sync-pipeline sandbox telaris --data .data/sandboxes/telaris & \
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

bench: install
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) .dagster .data .pytest_cache .ruff_cache
