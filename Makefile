# errcat: the entry points. `make demo` shows errcat at work, `make test` builds every package and runs every
# test suite, `make bench` runs the benchmarks. Each language adds its own targets in mk/<lang>.mk:
#   TEST_TARGETS += test-<lang>   DEMO_TARGETS += demo-<lang>   BENCH_TARGETS += bench-<lang>

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
CARGO ?= cargo
ROOT := $(abspath .)
# The release CLI, from the one zig-linked release build (mk/05-native.mk sets NATIVE_DIR).
ERRCAT = $(NATIVE_DIR)/errcat
export CARGO_TERM_COLOR ?= never

TEST_TARGETS :=
DEMO_TARGETS :=
BENCH_TARGETS :=
include $(sort $(wildcard mk/*.mk))

.PHONY: help demo test bench
help:
	@echo "make demo   # build errcat and show it at work"
	@echo "make test   # build every package and run every test suite"
	@echo "make bench  # run the benchmarks (ratios against each language's native baseline)"
	@echo "make dist   # every distributable in dist/ (JARs, wheel + sdist, npm, C and CLI tarballs, Go module zip)"
	@echo "make test-portable  # the JAR, the wheel and the C library inside a Debian 11 root (glibc 2.31)"

demo: $(DEMO_TARGETS)

# `make test` runs the suites in two lanes, for two cores: most suites run one process at a time, so each lane uses
# the core the other leaves idle. One lane: the Rust checks, then the soak, Python and Node suites; the other: the
# release build, then the browser, C, Go, Java and Kotlin suites. test-packaging runs last, on what they built. Each
# lane's output is printed whole when the lane ends (-Orecurse). TEST_LANES=1 runs the lanes one after the other.
TEST_LANES ?= 2
TEST_LANE_RUST := test-rust test-audit-soak test-python test-node
# What both lanes need is set up first, once: the tool venv and Debian's packages. Two lanes building the same venv,
# or running apt-get, at once collide (one removes the venv the other is creating; apt's lock refuses the second).
TEST_SETUP := tools promtool chromium c-deps
.PHONY: test-lane-rust test-lane-native
test:
	$(MAKE) --no-print-directory $(TEST_SETUP)
	$(MAKE) --no-print-directory -j$(TEST_LANES) -Orecurse test-lane-rust test-lane-native
	$(MAKE) --no-print-directory test-packaging
	@echo "make test: all suites passed ($(TEST_TARGETS))"
test-lane-rust:
	$(MAKE) --no-print-directory -j1 $(filter $(TEST_LANE_RUST),$(TEST_TARGETS))
test-lane-native:
	$(MAKE) --no-print-directory -j1 native $(filter-out $(TEST_LANE_RUST) test-packaging,$(TEST_TARGETS))
bench: $(BENCH_TARGETS)
