# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv and install first.
VENV    := .venv
BIN     := $(VENV)/bin
PYTHON  ?= python3
export DAGSTER_HOME ?= $(CURDIR)/.dagster

# Ports of `make ui` (change them when another copy already serves these).
UI_PORT        ?= 3000
TRIPLETEX_PORT ?= 8701
TELARIS_PORT   ?= 8702
RECEIVER_PORT  ?= 8703

.PHONY: install demo test test-deep lint ui sandboxes bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

## demo: install, start both sandboxes with seeded data, run the Dagster job `sync` three times, report what it did
demo: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/sync-pipeline demo

## test: install and run the whole suite (lint included)
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist load --maxschedchunk 1 -q --durations=15

## test-deep: the whole suite with 2,000 random examples of the convergence property test (long)
test-deep: install
	SYNC_CONVERGENCE_EXAMPLES=2000 $(BIN)/pytest -n 2 --dist load --maxschedchunk 1 -q

lint: install
	$(BIN)/ruff check .

## ui: serve the sandboxes (state from the last `make demo`), the webhook receiver (subscribed, its sensor on) and the
## Dagster UI at http://127.0.0.1:3000: an edit in the Tripletex sandbox shows up in Telaris. The sandboxes' tokens
## are used unless .env (see .env.example) or the environment set others. Ctrl-C, or SIGTERM to make or to its process
## group, stops all four (sync_pipeline/ui.py).
ui: install $(DAGSTER_HOME)/dagster.yaml
	exec $(BIN)/sync-pipeline ui --port $(UI_PORT) --tripletex-port $(TRIPLETEX_PORT) --telaris-port $(TELARIS_PORT) \
		--receiver-port $(RECEIVER_PORT) --dagster-home $(DAGSTER_HOME)

bench: install
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) .dagster .data .pytest_cache .ruff_cache
