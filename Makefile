# frus: the everyday commands.  Needs only python3 (3.11+) on the machine;
# everything else is installed into .venv from PyPI.
#
#   make run     read the bundled sample volumes at http://127.0.0.1:8000
#   make test    run the test suite
#   make bench   ingest and search figures (benchmarks/run.py, then the
#                full-series-scale run benchmarks/scale.py: ~10 minutes)
#   make eval    extraction quality against the gold set (benchmarks/eval.py)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     := var/frus.db
SAMPLE := $(wildcard src/frus/sample/*.xml)
# pip reruns only when pyproject.toml is newer than these stamps
STAMP     := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test bench eval screenshots clean

run: $(DB)
	$(BIN)/frus --db $(DB) serve

test: $(DEV_STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py

eval: $(DEV_STAMP)
	$(BIN)/python benchmarks/eval.py

# refresh the README/docs screenshots from the browser test
screenshots: $(DEV_STAMP)
	FRUS_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q -m browser tests/test_browser.py

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "frus needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
	  { echo "could not create $(VENV); on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

# re-ingest when the package or the sample changes; ingest replaces a volume
# already in the store, so running it again is safe
$(DB): $(STAMP) $(SAMPLE)
	@mkdir -p $(dir $(DB))
	$(BIN)/frus --db $(DB) ingest src/frus/sample
	@touch $@

clean:
	rm -rf var .pytest_cache
