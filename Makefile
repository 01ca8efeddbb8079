# The two commands a newcomer runs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages setup run test test-postgres clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python 3.12+ found (see scripts/find-python)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) messages

# Compiled translation catalogues (.mo) are built here, not committed. Babel compiles them in
# pure Python, so gettext is not needed to install.
messages: $(STAMP)
	@for dir in $$(find observatory -type d -name locale -not -path '*/node_modules/*'); do \
	  $(BIN)/pybabel compile --domain django --directory $$dir --statistics 2>&1 | grep -v '^compiling' || true; \
	done

setup: install
	$(BIN)/observatory setup

# Local use over plain HTTP: OBSERVATORY_DEBUG=1 keeps cookies usable without TLS. The task worker
# (imports, page rendering, briefs, email) runs beside the server and stops with it.
run: setup
	@OBSERVATORY_DEBUG=1 $(BIN)/observatory worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	OBSERVATORY_DEBUG=1 $(BIN)/observatory serve --host $(HOST) --port $(PORT)

# The architecture first (layers, no cycles between apps: .importlinter), then the suite.
test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL (a throwaway database, dropped afterwards). Needs a server.
test-postgres: install
	scripts/test-postgres $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
