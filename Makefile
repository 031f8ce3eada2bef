# The few verbs people type. `make site` builds the publication; `make test` checks everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve edit test test-fast golden platform-check audit lint check report links reference cms-config charities bench clean help
.DEFAULT_GOAL := help

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

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

links: $(VENV)/.installed ## check every web link in content/ and data/ (needs the internet; ARGS='--help')
	$(BIN)/act links $(ARGS)

reference: $(VENV)/.installed ## regenerate docs/front-matter.md from the content schemas
	$(BIN)/act reference > docs/front-matter.md.tmp && mv docs/front-matter.md.tmp docs/front-matter.md

cms-config: $(VENV)/.installed ## regenerate docs/cms-config.yml, the web editor's forms, from the schemas
	$(BIN)/act cms-config > docs/cms-config.yml.tmp && mv docs/cms-config.yml.tmp docs/cms-config.yml

charities: $(VENV)/.installed ## refresh the charity snapshot from CharityBase (needs CHARITYBASE_API_KEY)
	$(BIN)/act charities refresh

# The build runs the whole of `act check` itself (act/check.py) and stops on any error, so
# `make site` checks every file once.
site: $(VENV)/.installed ## check everything and build the whole site into site/ from committed files
	scripts/ensure-decap
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed ## live preview on http://127.0.0.1:8000, reloading on changes
	scripts/ensure-decap
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

lint: $(VENV)/.installed-test ## ruff lint and format check, and the type checker (mypy) over plugins/act
	$(BIN)/ruff check plugins tests scripts
	$(BIN)/ruff format --check plugins tests scripts
	$(BIN)/mypy --check-untyped-defs plugins/act

edit: $(VENV)/.installed ## the web editor on your own clone at http://127.0.0.1:8000/admin/ (no GitHub)
	scripts/ensure-decap server
	scripts/edit

test: lint ## lint, then the whole test suite (installs Chromium, strace and the Nu Html Checker)
	scripts/ensure-chromium
	scripts/ensure-strace
	scripts/ensure-vnu
	scripts/ensure-decap server
	$(BIN)/pytest

# The edit loop: unit tests only (about 50 s of one CPU). CI runs `make test`, everything.
test-fast: $(VENV)/.installed-test ## the unit tests only, for the edit loop (under a minute; ARGS='-k name')
	$(BIN)/pytest tests/unit -q -p no:cacheprovider $(ARGS)

golden: $(VENV)/.installed-test ## rewrite tests/golden/ (the fixture site's pages as committed HTML) after an intended change
	scripts/ensure-decap
	$(BIN)/pytest tests/builds/test_golden.py -q -p no:cacheprovider --update-golden

# ProperDocs, the maintained fork of MkDocs 1.6, in a virtual environment of its own (it takes
# over the `mkdocs` module name when it runs, so it must not share .venv with MkDocs).
.venv-properdocs/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet --upgrade pip
	.venv-properdocs/bin/pip install --quiet -e '.[properdocs]'
	@touch $@

platform-check: $(VENV)/.installed-test .venv-properdocs/.installed ## build the edition with MkDocs and with ProperDocs and compare (docs/platform.md)
	scripts/ensure-decap
	$(BIN)/python scripts/platform_check.py $(ARGS)

bench: $(VENV)/.installed-test ## ACT against stock Material on a synthetic corpus (ARGS='--help')
	scripts/ensure-chromium
	scripts/ensure-decap
	PYTHONPATH=scripts $(BIN)/python -m bench $(ARGS)

# Lighthouse (npm) is installed once into .audit/ (gitignored), and run with the tests' Chromium.
.audit/node_modules/.bin/lighthouse:
	mkdir -p .audit
	cd .audit && npm install --no-audit --no-fund --silent lighthouse@12.8.2

audit: site $(VENV)/.installed-test .audit/node_modules/.bin/lighthouse ## conformance checks, then Lighthouse on ACT and stock Material side by side
	scripts/ensure-vnu
	$(BIN)/pytest tests/builds/test_html_conformance.py tests/builds/test_links.py tests/builds/test_headers.py
	scripts/ensure-chromium
	$(BIN)/python scripts/audit.py $(ARGS)

clean: ## remove build output and caches (keeps .venv)
	rm -rf site .pytest_cache .ruff_cache audit-results
