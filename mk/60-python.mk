# Python: the errcat package (python/, maturin building bindings/python), installed into its own virtual environment
# and tested there, never from the source tree. Needs only python3 and cargo: pip fetches maturin as the build
# backend, and pytest and mypy as the test tools.

TEST_TARGETS += test-python
DEMO_TARGETS += demo-python
BENCH_TARGETS += bench-python

PYTHON ?= python3
PY_VENV := $(ROOT)/build/venv-python
PY := $(PY_VENV)/bin/python
PY_TOOLS := pytest==9.2.0 mypy==2.4.1
# Run from here so that `import errcat` can only find the installed package.
PY_RUN_DIR := $(ROOT)/build

.PHONY: python-venv python-install test-python demo-python bench-python bench-python-classify

# A fresh environment every time: the test is that `pip install ./python` works in one.
python-venv:
	rm -rf $(PY_VENV)
	$(PYTHON) -m venv $(PY_VENV)
	$(PY) -m pip install -q --disable-pip-version-check $(PY_TOOLS)

python-install:
	@test -x $(PY) || $(MAKE) --no-print-directory python-venv
	$(PY) -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python

test-python: python-venv cli
	$(MAKE) --no-print-directory python-install
	cd $(PY_RUN_DIR) && ERRCAT_CLI=$(ERRCAT) $(PY_VENV)/bin/pytest -c $(ROOT)/python/pyproject.toml \
		--rootdir $(ROOT)/python -q -rs $(ROOT)/python/tests
	cd $(PY_RUN_DIR) && $(PY_VENV)/bin/mypy --strict --no-incremental \
		$(ROOT)/python/examples/demo.py $(ROOT)/python/tests/typing_sample.py
	cd $(PY_RUN_DIR) && $(PY_VENV)/bin/mypy --strict --no-incremental -p errcat
	cd $(PY_RUN_DIR) && $(PY) -m mypy.stubtest errcat --allowlist $(ROOT)/python/tests/stubtest-allowlist.txt

demo-python: python-install
	@echo "== Python: python/examples/demo.py against the installed package"
	cd $(PY_RUN_DIR) && $(PY) $(ROOT)/python/examples/demo.py

# lookup/status against dict; then classify against Rust's errcat::classify of the same bodies (bench-classify-rust,
# in mk/50-java.mk, takes the Rust estimates just before).
bench-python: python-install bench-classify-rust
	cd $(PY_RUN_DIR) && $(PY) $(ROOT)/bench/python/bench_lookup.py
	cd $(PY_RUN_DIR) && $(PY) $(ROOT)/bench/python/bench_classify.py

bench-python-classify: python-install bench-classify-rust
	cd $(PY_RUN_DIR) && $(PY) $(ROOT)/bench/python/bench_classify.py
