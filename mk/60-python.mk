# Python: the errcat package (python/, maturin building bindings/python), installed into its own virtual environment
# and tested there, never from the source tree. The wheel is built once, by maturin (pinned, mk/05-native.mk) with
# zig for glibc 2.17: abi3 (CPython >= 3.9), tagged manylinux2014; the tests install that wheel. pytest and mypy come
# from PyPI as the test tools.
#   make python-wheel   target/wheels/errcat-<v>-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl
#   make python-sdist   target/wheels/errcat-<v>.tar.gz (builds with Rust, from the files it carries)

TEST_TARGETS += test-python
DEMO_TARGETS += demo-python
BENCH_TARGETS += bench-python

PYTHON ?= python3
PY_VENV := $(ROOT)/build/venv-python
PY := $(PY_VENV)/bin/python
PY_TOOLS := pytest==9.2.0 mypy==2.4.1
# The errcat[dask] extra, in the test environment only (python/tests/test_dask.py runs a LocalCluster).
PY_TEST_EXTRAS := dask==2026.8.0 distributed==2026.8.0
# Run from here so that `import errcat` can only find the installed package.
PY_RUN_DIR := $(ROOT)/build

PY_WHEEL_DIR := $(ROOT)/target/wheels
PY_WHEEL_TAG := $(if $(NATIVE_ZIG),cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64,*)
# A shell glob off linux-x86_64 (the tag is the build host's there).
PY_WHEEL = $(PY_WHEEL_DIR)/errcat-$(VERSION)-$(PY_WHEEL_TAG).whl
PY_SDIST := $(PY_WHEEL_DIR)/errcat-$(VERSION).tar.gz
# In the native build's target directory and profile (NATIVE_PROFILE_ENV, mk/05-native.mk), so that the crates it
# shares with that build are that build's (bindings/feature-union says how); `--strip` strips the module alone.
MATURIN_ZIG := $(if $(NATIVE_ZIG),--target $(NATIVE_TARGET) --compatibility manylinux2014)

.PHONY: python-venv python-install python-wheel python-sdist test-python test-sdist demo-python bench-python \
	bench-python-classify

# A fresh environment every time: the test is that the wheel installs and works in one.
python-venv:
	rm -rf $(PY_VENV)
	$(PYTHON) -m venv $(PY_VENV)
	$(PY) -m pip install -q --disable-pip-version-check $(PY_TOOLS) $(PY_TEST_EXTRAS)

# cargo decides what is stale; maturin then repacks the wheel (a few seconds).
python-wheel: tools
	rm -f $(PY_WHEEL_DIR)/errcat-$(VERSION)-*.whl
	cd $(ROOT)/python && $(ZIG_ENV) $(NATIVE_PROFILE_ENV) $(MATURIN) build --quiet --release --strip $(MATURIN_ZIG) \
		--out $(PY_WHEEL_DIR)
	touch $(PY_WHEEL_DIR)/.wheel-built

# `make test-sdist` (not in `make test`: a whole release build, a few minutes): pip builds the sdist in a fresh venv
# (maturin from PyPI, the host's cc), as for a user on a platform without a wheel, and python/examples/demo.py runs.
SDIST_VENV := $(ROOT)/target/sdist-venv
test-sdist: python-sdist
	rm -rf $(SDIST_VENV)
	$(PYTHON) -m venv $(SDIST_VENV)
	$(SDIST_VENV)/bin/pip install -q --disable-pip-version-check $(PY_SDIST)
	cd $(SDIST_VENV) && $(SDIST_VENV)/bin/python $(ROOT)/python/examples/demo.py > /dev/null
	@echo "test-sdist: the sdist builds, installs and runs python/examples/demo.py"

python-sdist: tools
	rm -f $(PY_SDIST)
	cd $(ROOT)/python && $(MATURIN) sdist --out $(PY_WHEEL_DIR)

python-install: python-wheel
	@test -x $(PY) || $(MAKE) --no-print-directory python-venv
	$(PY) -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $(PY_WHEEL)

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
