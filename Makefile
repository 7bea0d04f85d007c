# Two entry points for people: `make serve` and `make test`.
# Every other target is a step they depend on; each step re-runs only when its inputs change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
CHROMIUM ?= /usr/bin/chromium

.PHONY: serve test build lint typecheck pytest browser clean

## serve: set everything up, then serve the site with live reload on http://$(HOST)
serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

## build: a deployable site in site/ (set SITE_URL for a sub-path or another domain)
build: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

## test: set everything up, then lint, type-check and run every test (unit, build, browser)
test: $(VENV)/.installed browser lint typecheck pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

pytest: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/pytest

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --upgrade setuptools
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable ".[test]"
	touch $@

## node_modules: the pinned npm packages the site serves itself (Pyodide)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## browser: Debian's chromium for the browser tests (Playwright cannot download browsers here)
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian) and try again." >&2; exit 1; \
	  fi; }

clean:
	rm -rf site $(VENV) node_modules docs/terms docs/frameworks .pytest_cache .mypy_cache .ruff_cache
