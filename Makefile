# openness-kg: two entry points, both self-installing on a machine with python3 (>=3.11), make, git.
#   make run    set up, build the store from the bundled data, print what is in it, then
#               classify every record (MOF) and print the openness table
#   make test   set up (with test tools), run the lint checks (make lint), then the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint package-check bench bench-quick bench-hub fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/openness-kg build
	$(BIN)/openness-kg stats
	$(BIN)/openness-kg classify

# what CI runs before the tests (the same hooks as .pre-commit-config.yaml)
lint: $(VENV)/.installed-test
	$(BIN)/ruff check openness_kg tests benchmarks
	$(BIN)/ruff format --check openness_kg tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m openness_kg.canonical --check ontology/*.ttl shapes/*.ttl

test: lint
	@# pytest exits 5 when it collected no test: a run that tests nothing fails
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo 'pytest collected no tests' >&2; exit 1; fi; exit $$rc

# the wheel, installed non-editable in a fresh venv, answers as the checkout does (CI runs it)
package-check: $(VENV)/.installed
	bash .ci/wheel-check

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run_all.py

bench-quick: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run_all.py --quick

# issue 16 part 5: one end-to-end scale run over a synthetic Hub of BENCH_HUB_MODELS models
# (build, ingest, classify, assess, every competency question; time, peak memory and store size
# per stage, last line JSON). BENCH_HUB_ARGS e.g. "--store DIR --stages classify,assess,query"
BENCH_HUB_MODELS ?= 2000000
BENCH_HUB_ARGS ?=
bench-hub: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_hub.py --models $(BENCH_HUB_MODELS) $(BENCH_HUB_ARGS)

# issue 14: the fuzz harness with a larger budget than CI's (FUZZ_EXAMPLES inputs per target);
# prints inputs tried, tracebacks and store fingerprints before/after; last line JSON
FUZZ_EXAMPLES ?= 1000
fuzz: $(VENV)/.installed-test
	OKG_FUZZ_PROFILE=fuzz $(BIN)/python tests/fuzz/run.py --examples $(FUZZ_EXAMPLES)

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
