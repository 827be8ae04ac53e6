# Two set-up commands on a fresh machine: `make serve` and `make test` (both create .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Material prints a banner about its successor on every build; the digest has read it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build generate check test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

generate: $(STAMP)
	$(BIN)/python -m generator build

check: $(STAMP)
	$(BIN)/python -m generator check

test: $(STAMP)
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m generator bench

clean:
	rm -rf site .cache
