# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv and install first.
VENV    := .venv
BIN     := $(VENV)/bin
PYTHON  ?= python3
export DAGSTER_HOME ?= $(CURDIR)/.dagster

# The resources read secrets only from the environment (never literal config the UI would show). Without a .env
# (which `dagster dev` reads), `make ui` talks to the local sandboxes with their own tokens; see .env.example.
# Only for ui: the tests start sandboxes of their own, which accept any tokens unless these are set.
ifeq ($(wildcard .env),)
ui: export TRIPLETEX_CONSUMER_TOKEN ?= sandbox-consumer-token
ui: export TRIPLETEX_EMPLOYEE_TOKEN ?= sandbox-employee-token
ui: export TELARIS_API_TOKEN ?= telaris-sandbox-token
ui: export TRIPLETEX_WEBHOOK_AUTH ?= Bearer sandbox-webhook-auth
ui: export TRIPLETEX_WEBHOOK_SECRET ?= sandbox-webhook-secret
endif

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
	$(BIN)/pytest -n 2 --dist load --maxschedchunk 1 -q

## test-deep: the whole suite with 2,000 random examples of the convergence property test (long)
test-deep: install
	SYNC_CONVERGENCE_EXAMPLES=2000 $(BIN)/pytest -n 2 --dist load --maxschedchunk 1 -q

lint: install
	$(BIN)/ruff check .

## ui: serve the sandboxes (state from the last `make demo`), the webhook receiver (subscribed, its sensor on) and the
## Dagster UI at http://127.0.0.1:3000 (Ctrl-C stops all): an edit in the Tripletex sandbox shows up in Telaris
ui: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/sync-pipeline sandbox tripletex --data .data/sandboxes/tripletex & TRIPLETEX=$$!; \
	$(BIN)/sync-pipeline sandbox telaris --data .data/sandboxes/telaris & TELARIS=$$!; \
	$(BIN)/sync-pipeline webhooks serve --port 8703 & RECEIVER=$$!; \
	trap 'kill -TERM $$TRIPLETEX $$TELARIS $$RECEIVER 2>/dev/null; wait $$TRIPLETEX $$TELARIS $$RECEIVER 2>/dev/null' EXIT; \
	$(BIN)/sync-pipeline webhooks subscribe --wait 30 --url http://127.0.0.1:8703/webhooks/tripletex; \
	SYNC_SENSORS_RUNNING=1 $(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000; true

bench: install
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) .dagster .data .pytest_cache .ruff_cache
