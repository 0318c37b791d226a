# Every target creates the virtual environment when it is missing, so a fresh clone needs
# nothing but `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PYTEST_ARGS ?=

.PHONY: bytecode install install-dev demo test test-fast lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the package definition changes (idempotent and fast when nothing did).
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

# The package's bytecode, written even where PYTHONDONTWRITEBYTECODE is set (as on these
# machines): without it every command compiles ~200 modules before it starts. Quick when
# nothing changed (compileall skips what is up to date).
bytecode:
	@$(BIN)/python -m compileall -q -j 0 src/datamorph

install: $(STAMP) bytecode

install-dev: $(DEV_STAMP) bytecode

demo: install
	$(BIN)/datamorph demo

test: install-dev
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: install-dev
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not slow" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench corpus
	$(BIN)/ruff format --check src tests bench corpus
	$(BIN)/mypy

bench: install-dev
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/planner.py
	$(BIN)/python bench/planner_context.py
	$(BIN)/python bench/validation.py
	$(BIN)/python bench/monitor.py
	$(BIN)/python bench/service.py

clean:
	rm -rf $(VENV) .datamorph .pytest_cache .mypy_cache .ruff_cache
