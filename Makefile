# The pipeline's make targets. `make` sets everything up and builds cleaned/; `make test`
# runs the tests. Both work on a fresh machine with Python 3.11 and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JOBS   ?= 2
# SPELLING=0 turns the spelling stage off.
SPELLING ?= 1
RUN_FLAGS := --jobs $(JOBS) $(if $(filter 0,$(SPELLING)),--no-spelling,)

RAW_FILES  := $(wildcard raw/*)
CODE_FILES := $(shell find pipeline -type f -not -path '*/__pycache__/*' 2>/dev/null)
STAMP      := build/.built-spelling$(SPELLING)
INSTALLED  := $(VENV)/.installed

.PHONY: all install test check diff add clean eval bench train lock \
        stage-extract stage-clean stage-spelling stage-claims stage-export help

all: $(STAMP)

# Rebuild when an article, the raw/ listing, the code, or the installed libraries change.
$(STAMP): $(RAW_FILES) raw $(CODE_FILES) $(INSTALLED)
	$(PY) -m pipeline run $(RUN_FLAGS)
	@mkdir -p build && touch $@

install: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# The tests also run the Dask engine, so they install the optional scale extra; `make` does not.
$(VENV)/.installed-scale: requirements-scale.lock $(INSTALLED)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-scale.lock
	@touch $@

test: $(INSTALLED) $(VENV)/.installed-scale
	$(PY) -m pytest

check: $(INSTALLED)
	$(PY) -m pipeline check --jobs $(JOBS) $(if $(filter 0,$(SPELLING)),--no-spelling,)

diff: $(INSTALLED)
	@$(PY) -m pipeline diff

# make add SRC=path/to/article.html
add: $(INSTALLED)
	@test -n "$(SRC)" || { echo "usage: make add SRC=<file>" >&2; exit 2; }
	$(PY) -m pipeline add $(RUN_FLAGS) "$(SRC)"

eval: $(INSTALLED)
	$(PY) -m pipeline.evaluate

bench: $(INSTALLED)
	$(PY) -m pipeline.benchmark

train: $(INSTALLED)
	$(PY) -m pipeline.train_claims

# One target per stage; each reads the previous stage's files in build/<stage>/.
stage-extract: $(INSTALLED)
	$(PY) -m pipeline stage extract
stage-clean: $(INSTALLED)
	$(PY) -m pipeline stage clean
stage-spelling: $(INSTALLED)
	$(PY) -m pipeline stage spelling $(if $(filter 0,$(SPELLING)),--no-spelling,)
stage-claims: $(INSTALLED)
	$(PY) -m pipeline stage claims
stage-export: $(INSTALLED)
	$(PY) -m pipeline stage export

# Regenerate the full pin list from the current environment (after changing pyproject.toml).
# Regenerate requirements.lock from pyproject.toml in a fresh environment (base + test extra).
# A current pip resolves lxml's html-clean extra, which the pip of Python 3.11.7 skips.
lock:
	rm -rf build/lockenv && $(PYTHON) -m venv build/lockenv
	build/lockenv/bin/pip install --quiet --upgrade pip
	build/lockenv/bin/pip install --quiet -e ".[test]"
	{ echo "# Every package of the base install and the tests, pinned (make lock regenerates it)."; \
	  build/lockenv/bin/pip freeze --exclude-editable | grep -vi '^health-article-pipeline' | sort -f; } \
	  > requirements.lock
	rm -rf build/lockenv

# Removes build/ only: never cleaned/ or raw/.
clean:
	rm -rf build

help:
	@grep -E '^[a-z-]+:' Makefile | cut -d: -f1 | sort | tr '\n' ' '; echo
