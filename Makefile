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
test: $(TEST_TARGETS)
	@echo "make test: all suites passed ($(TEST_TARGETS))"
bench: $(BENCH_TARGETS)
