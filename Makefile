# The few verbs people type. `make site` builds the publication; `make test` checks everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint check report reference charities bench audit clean help
.DEFAULT_GOAL := help

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "ACT needs Python 3.11 or newer: run 'make PYTHON=python3.11 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed: $(VENV)/.python-ok pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

check: $(VENV)/.installed ## check every content and data file, listing every problem
	$(BIN)/act check

report: $(VENV)/.installed ## what needs an editor: reviews due, closing dates, drafts, reading age
	$(BIN)/act report

reference: $(VENV)/.installed ## regenerate docs/front-matter.md from the content schemas
	$(BIN)/act reference > docs/front-matter.md.tmp && mv docs/front-matter.md.tmp docs/front-matter.md

charities: $(VENV)/.installed ## refresh the charity snapshot from CharityBase (needs CHARITYBASE_API_KEY)
	$(BIN)/act charities refresh

site: check ## build the whole site into site/ from committed files
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed ## live preview on http://127.0.0.1:8000, reloading on changes
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

lint: $(VENV)/.installed-test ## ruff lint and format check
	$(BIN)/ruff check plugins tests scripts
	$(BIN)/ruff format --check plugins tests scripts

test: lint ## lint, then the whole test suite (installs what the browser tests need)
	scripts/ensure-chromium
	$(BIN)/pytest

bench: $(VENV)/.installed-test ## ACT against stock Material on a synthetic corpus (ARGS='--help')
	scripts/ensure-chromium
	PYTHONPATH=scripts $(BIN)/python -m bench $(ARGS)

# Lighthouse (npm) is installed once into .audit/ (gitignored), and run with the tests' Chromium.
.audit/node_modules/.bin/lighthouse:
	mkdir -p .audit
	cd .audit && npm install --no-audit --no-fund --silent lighthouse@12

audit: site $(VENV)/.installed-test .audit/node_modules/.bin/lighthouse ## Lighthouse on ACT and on stock Material, side by side
	scripts/ensure-chromium
	$(BIN)/python scripts/audit.py $(ARGS)

clean: ## remove build output and caches (keeps .venv)
	rm -rf site .pytest_cache .ruff_cache audit-results
