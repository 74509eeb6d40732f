# Utmaningskatalogen. Every target sets up .venv with the pinned packages on first use.
#   make serve   build the catalogue and serve it on http://127.0.0.1:8000, rebuilding on changes
#   make preview the same, with drafts and embargoed challenges shown and marked (never published)
#   make site    build the publishable site into site/
#   make check   validate all content without building (exit 1 on any error)
#   make verify  check the built site/ before publishing (links, privacy, leaks, HTML, budgets)
#   make test    run every test, browser tests and lint included
#   make test-fast  the tests that need no browser (under 30 s)
#   make lint    ruff and mypy --strict on the package and scripts/
#   make golden  rewrite the golden files in tests/golden/ from today's output (review the diff!)
#   make bench   benchmark against a plain mkdocs-material site (N="500 2000" by default)
#   make new     scaffold a challenge: make new TITLE="Titel" ARGS="--municipality ystad"
#   make cms     edit challenges in a form: the editor's local backend + the site, http://127.0.0.1:8000/admin/

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
# The HTML validator for `make verify`, the content editor (Decap CMS) copied into the site at
# /admin/ and its local backend (decap-server), and pa11y and Lighthouse for the browser tests,
# pinned in package.json/package-lock.json (no browser download: .puppeteerrc.cjs).
NODE_TOOLS := node_modules/.installed
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-input
ADDRESS := 127.0.0.1:8000
N ?= 500 2000
# Material prints a long notice about MkDocs 2 on every run; we pin MkDocs 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve preview site check verify test test-fast lint golden bench new cms clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The pinned runtime, then this package itself, editable: the build, scripts and tests import it.
$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --editable .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(PIP) -r requirements-dev.txt
	touch $@

serve: $(RUNTIME)
	$(BIN)/mkdocs serve --dev-addr $(ADDRESS)

preview: $(RUNTIME)
	CATALOGUE_PREVIEW=1 $(BIN)/mkdocs serve --dev-addr $(ADDRESS)

site: $(RUNTIME) $(NODE_TOOLS)
	$(BIN)/mkdocs build --strict --clean

check: $(RUNTIME)
	$(BIN)/utmaningskatalogen-check $(ARGS)

$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

verify: $(RUNTIME) $(NODE_TOOLS)
	$(BIN)/utmaningskatalogen-verify $(ARGS)

lint: $(DEV)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/mypy

test: $(DEV) $(NODE_TOOLS) lint
	$(BIN)/python -m pytest --numprocesses=auto $(ARGS)

test-fast: $(DEV) $(NODE_TOOLS)
	$(BIN)/python -m pytest -m "not browser" --numprocesses=auto $(ARGS)

golden: $(DEV)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -m "not browser" -k golden -q

bench: $(DEV)
	$(BIN)/python -m scripts.bench $(N)

new: $(RUNTIME)
	$(BIN)/utmaningskatalogen-new "$(TITLE)" $(ARGS)

# The editor's local backend writes the files in challenges/ and docs/ directly (MODE=fs), and
# `mkdocs serve` rebuilds the preview when they change. Both stop with Ctrl-C.
# CMS_MODE=git rehearses the editorial workflow instead: a local branch per change, merged on "Publicera".
# The port must match the plugin's cms: {proxy_port: …} in mkdocs.yml (default 8081).
CMS_PORT ?= 8081
CMS_MODE ?= fs
cms: $(RUNTIME) $(NODE_TOOLS)
	@echo "Öppna http://$(ADDRESS)/admin/ för att redigera; förhandsvisningen finns på http://$(ADDRESS)/"
	@trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	MODE=$(CMS_MODE) PORT=$(CMS_PORT) BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY="$(CURDIR)" \
		node node_modules/decap-server/dist/index.js & server=$$!; \
	$(BIN)/mkdocs serve --dev-addr $(ADDRESS)

clean:
	rm -rf site .pytest_cache tests/artifacts
