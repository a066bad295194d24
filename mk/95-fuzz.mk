# Fuzzing and sanitizers (issue #14); neither is part of `make test`. `make test` replays every committed fuzz input
# through the ordinary suites instead: fuzz/corpus/ and fuzz/regressions/ in audit/tests/fuzz_replay.rs (cargo
# test), go/testdata/fuzz/ in `go test`, and the Hypothesis properties of python/tests/test_fuzz.py in pytest.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="code status"] [GO_FUZZ_TARGETS=FuzzLookup]
#                       every target for FUZZ_SECONDS each: the cargo-fuzz targets of fuzz/ (nightly,
#                       AddressSanitizer, leak detection, debug assertions), the Go fuzz tests (go test -fuzz), the
#                       Python Hypothesis properties; fails on any crash, timeout, leak or memory blow-up. A crash
#                       is minimised into fuzz/regressions/<target>/ (Go: go/testdata/fuzz/<Fuzz>/): fix the root
#                       cause and commit the input. Executions per target: target/fuzz/stats.txt
#   make fuzz-rust fuzz-go fuzz-python   one language only
#   make fuzz-seeds     regenerate fuzz/corpus/ and fuzz/dict/ from testdata/ (fuzz/seeds.py, then cargo fuzz cmin)
#   make fuzz-merge     minimise fuzz/corpus/ together with what fuzzing found (target/fuzz/corpus/) into fuzz/corpus/
#   make fuzz-repro TARGET=code FILE=path   run one input under the libFuzzer harness
#   make fuzz-add TARGET=name   a new cargo-fuzz target: then write fuzz/src/name.rs (see fuzz/README.md)
#   make test-sanitize  the Rust tests under AddressSanitizer (nightly -Zsanitizer=address), the C tests built
#                       with -fsanitize=address,undefined (against an instrumented liberrcat.a and the installed
#                       liberrcat.so), the Go tests with -race

.PHONY: fuzz fuzz-reset fuzz-rust fuzz-go fuzz-python fuzz-nightly fuzz-tools fuzz-seeds fuzz-merge fuzz-repro fuzz-add \
	test-sanitize sanitize-rust sanitize-c sanitize-go

FUZZ_SECONDS ?= 60
FUZZ_TOOLCHAIN ?= nightly
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_TOOLS := $(ROOT)/target/fuzz-tools
CARGO_FUZZ := $(FUZZ_TOOLS)/bin/cargo-fuzz
FUZZ_OUT := $(ROOT)/target/fuzz
FUZZ_TARGETS ?= $(sort $(notdir $(basename $(wildcard $(ROOT)/fuzz/fuzz_targets/*.rs))))
GO_FUZZ_TARGETS ?= $(shell grep -o '^func Fuzz[A-Za-z0-9_]*' $(ROOT)/go/fuzz_test.go 2>/dev/null | cut -c6-)
FUZZ_ENV := CARGO_FUZZ=$(CARGO_FUZZ) FUZZ_OUT=$(FUZZ_OUT) FUZZ_TOOLCHAIN=$(FUZZ_TOOLCHAIN)
SANITIZE_TRIPLE := x86_64-unknown-linux-gnu

# Hypothesis, for python/tests/test_fuzz.py (installed with the other test tools of the Python environment).
PY_HYPOTHESIS := hypothesis==6.170.17
PY_TOOLS += $(PY_HYPOTHESIS)

# cargo-fuzz, pinned, installed under target/ (a hand install is gone on the next machine).
$(CARGO_FUZZ).$(CARGO_FUZZ_VERSION):
	$(CARGO) install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION) --root $(FUZZ_TOOLS) --force
	touch $@

fuzz-nightly:
	@rustup run $(FUZZ_TOOLCHAIN) rustc --version >/dev/null 2>&1 || { \
		echo "needs a nightly toolchain (libFuzzer, sanitizers): rustup toolchain install nightly"; exit 1; }

fuzz-tools: fuzz-nightly $(CARGO_FUZZ).$(CARGO_FUZZ_VERSION)

fuzz: fuzz-reset fuzz-rust fuzz-go fuzz-python
	@echo "== make fuzz: no finding in $(words $(FUZZ_TARGETS)) cargo-fuzz, $(words $(GO_FUZZ_TARGETS)) Go and the Python targets ($(FUZZ_SECONDS) s each)"
	@cat $(FUZZ_OUT)/stats.txt

fuzz-reset:
	@mkdir -p $(FUZZ_OUT) && rm -f $(FUZZ_OUT)/stats.txt

fuzz-rust: fuzz-tools
	@mkdir -p $(FUZZ_OUT)
	@status=0; for t in $(FUZZ_TARGETS); do \
		$(FUZZ_ENV) $(ROOT)/fuzz/run.sh $$t $(FUZZ_SECONDS) || status=1; \
	done; exit $$status

# go test -fuzz runs one target at a time; a failing input lands in go/testdata/fuzz/<Fuzz>/, which go test replays.
fuzz-go: c-lib
	@mkdir -p $(FUZZ_OUT)/logs
	@status=0; for f in $(GO_FUZZ_TARGETS); do \
		echo "== go test -fuzz $$f for $(FUZZ_SECONDS)s"; \
		log=$(FUZZ_OUT)/logs/go-$$f.log; \
		(cd $(ROOT)/go && $(GO_ENV) go test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZ_SECONDS)s .) >$$log 2>&1 \
			&& rc=0 || { rc=$$?; status=1; tail -40 $$log; }; \
		last=$$(grep -o 'elapsed: [^,]*, execs: [0-9]* ([0-9]*/sec), new interesting: [0-9]*' $$log \
			| grep -v '(0/sec)' | tail -1); \
		printf '%-14s %s, exit %s\n' "$$f" "$$last" "$$rc" | tee -a $(FUZZ_OUT)/stats.txt; \
	done; exit $$status

fuzz-python:
	$(MAKE) --no-print-directory python-install
	@$(PY) -c 'import hypothesis' 2>/dev/null || $(PY) -m pip install -q --disable-pip-version-check $(PY_HYPOTHESIS)
	@mkdir -p $(FUZZ_OUT)
	cd $(PY_RUN_DIR) && ERRCAT_FUZZ_SECONDS=$(FUZZ_SECONDS) ERRCAT_FUZZ_STATS=$(FUZZ_OUT)/stats.txt \
		$(PY_VENV)/bin/pytest -c $(ROOT)/python/pyproject.toml --rootdir $(ROOT)/python -q -p no:cacheprovider \
		$(ROOT)/python/tests/test_fuzz.py

fuzz-seeds: fuzz-tools
	rm -rf $(FUZZ_OUT)/seeds
	python3 $(ROOT)/fuzz/seeds.py $(FUZZ_OUT)/seeds
	@for t in $(FUZZ_TARGETS); do $(FUZZ_ENV) $(ROOT)/fuzz/run.sh --cmin $$t $(FUZZ_OUT)/seeds/$$t || exit 1; done

fuzz-merge: fuzz-tools
	@for t in $(FUZZ_TARGETS); do \
		$(FUZZ_ENV) $(ROOT)/fuzz/run.sh --cmin $$t $(ROOT)/fuzz/corpus/$$t $(FUZZ_OUT)/corpus/$$t || exit 1; \
	done

fuzz-add:
	@test -n "$(TARGET)" || { echo "usage: make fuzz-add TARGET=<snake_case name>"; exit 2; }
	$(ROOT)/fuzz/run.sh --add $(TARGET)

fuzz-repro: fuzz-tools
	@test -n "$(TARGET)" -a -n "$(FILE)" || { echo "usage: make fuzz-repro TARGET=<target> FILE=<input>"; exit 2; }
	$(FUZZ_ENV) $(ROOT)/fuzz/run.sh --repro $(TARGET) $(abspath $(FILE))

test-sanitize: sanitize-rust sanitize-c sanitize-go
	@echo "make test-sanitize: clean (Rust under ASan, C under ASan+UBSan, Go with -race)"

# Rust: every workspace test (unit, integration, doc) with AddressSanitizer (leak detection included). --target keeps
# the sanitizer out of build scripts and proc macros; std itself is not rebuilt (its code is not instrumented, its
# allocations are: ASan replaces malloc).
sanitize-rust: fuzz-nightly
	@echo "== Rust tests under AddressSanitizer"
	RUSTFLAGS="-Zsanitizer=address" RUSTDOCFLAGS="-Zsanitizer=address" \
		ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
		$(CARGO) +$(FUZZ_TOOLCHAIN) test --workspace --target $(SANITIZE_TRIPLE) --target-dir $(ROOT)/target/asan

# C: the suite of mk/40-c-go.mk built with ASan and UBSan (any report fails the run), twice: linked statically
# with liberrcat.a built by nightly rustc with -Zsanitizer=address (the Rust side of every call instrumented too;
# gcc's libasan serves both), and against the installed shared library, as a user links it.
SANITIZE_CFLAGS := -std=c11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
SANITIZE_RUN := ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ERRCAT_THREAD_LOOKUPS=200000
ASAN_C_LIB := $(ROOT)/target/asan/$(SANITIZE_TRIPLE)/release/liberrcat.a
sanitize-c: fuzz-nightly c-stage
	mkdir -p $(C_OUT)
	@echo "== C tests under ASan + UBSan, liberrcat.a instrumented too"
	RUSTFLAGS="-Zsanitizer=address" $(CARGO) +$(FUZZ_TOOLCHAIN) build --release -p errcat-c \
		--target $(SANITIZE_TRIPLE) --target-dir $(ROOT)/target/asan
	$(CC) $(SANITIZE_CFLAGS) -o $(C_OUT)/errcat-tests-asan-static $(C_TEST_SRC) $$($(C_PKG) --cflags errcat) \
		$(ASAN_C_LIB) $$($(C_PKG) --static --libs-only-l errcat | sed 's/-lerrcat//') -lcjson -pthread
	$(SANITIZE_RUN) $(C_OUT)/errcat-tests-asan-static $(ROOT)
	@echo "== C tests under ASan + UBSan, the installed shared library"
	$(CC) $(SANITIZE_CFLAGS) -o $(C_OUT)/errcat-tests-asan $(C_TEST_SRC) \
		$$($(C_PKG) --cflags --libs errcat) -lcjson -pthread
	$(SANITIZE_RUN) LD_LIBRARY_PATH=$(C_STAGE)/lib $(C_OUT)/errcat-tests-asan $(ROOT)
	c++ -std=c++17 -Wall -Werror -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $(C_OUT)/cxx-compat-asan $(ROOT)/bindings/c/tests/cxx_compat.cpp $$($(C_PKG) --cflags --libs errcat)
	$(SANITIZE_RUN) LD_LIBRARY_PATH=$(C_STAGE)/lib $(C_OUT)/cxx-compat-asan

sanitize-go: c-lib
	@echo "== Go tests with the race detector"
	cd $(ROOT)/go && $(GO_ENV) go test -race -count=1 ./...
