# Two commands on a fresh machine with Python 3.11+:  make demo  /  make test
# Everything else (uv, the locked dependencies, the virtual environment) is bootstrapped here.

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export PREFECT_SERVER_ANALYTICS_ENABLED := false
# Install compiled bytecode: these machines set PYTHONDONTWRITEBYTECODE=1, so without .pyc files every
# process (each command, each test subprocess, the Prefect server) compiles Prefect from source again.
export UV_COMPILE_BYTECODE := 1
SOURCES := govfeeds flows tasks schemas tests bench

.PHONY: demo test bench install clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock Makefile
	$(UV) sync --locked --compile-bytecode --python $(PYTHON)
	touch $@

# The project's own modules are installed editable (not compiled by uv): compile whatever changed since.
install: $(VENV)/.synced
	@$(VENV)/bin/python -m compileall -q -j 0 $(wildcard $(SOURCES)) >/dev/null

demo: install
	$(VENV)/bin/govfeeds demo

# Two pytest-xdist workers, each taking whole test files (a file's module fixtures, such as its own
# Prefect server, start once): on one process the suite kept only one of the two cores busy. Files
# are handed out in collection order, which tests/conftest.py begins with the long ones.
TEST_WORKERS ?= 2
test: install
	$(VENV)/bin/pytest --numprocesses $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Each benchmark prints its figures against their targets; one whose target is missed exits 1,
# which must not keep the later ones from running (the leading "-").
bench: install
	-$(VENV)/bin/python -m bench
	-$(VENV)/bin/python bench/copies.py
	-$(VENV)/bin/python -m bench.schedule_day --days 14

clean:
	rm -rf $(TOOLS) $(VENV) data .pytest_cache
