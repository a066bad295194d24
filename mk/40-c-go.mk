# C library (bindings/c → liberrcat.so, liberrcat.a, include/errcat.h, errcat.pc) and the Go module on top of it.
#
#   make c-lib             build $(NATIVE_DIR)/liberrcat.{so,a} (the zig-linked release build, mk/05-native.mk)
#   make c-header          regenerate include/errcat.h with cbindgen (the Rust tests fail when it drifts)
#   make install PREFIX=/usr/local [DESTDIR=]   install the header, both libraries and errcat.pc
#   make test-c test-go    C tests (against the installed library, under valgrind), Go tests (-race)
#   make demo-c-go         a C and a Go program answering the questions of `make demo-cli`
#   make bench-c bench-go  lookup through the C API / the Go module against a plain C / Go baseline, then classify
#                          against Rust's errcat::classify of the same bodies (bench-c-classify, bench-go-classify)
#   make go-prebuilt       regenerate the Go module's committed library and header (go/internal/prebuilt) from the
#                          release build; commit them when they changed (the packaging tests fail while they are stale)

TEST_TARGETS += test-c test-go
DEMO_TARGETS += demo-c-go
BENCH_TARGETS += bench-c bench-go

.PHONY: c-lib c-header c-deps c-stage install test-c test-go demo-c-go bench-c bench-go go-prebuilt \
	bench-c-classify bench-go-classify

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
C_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' $(ROOT)/Cargo.toml | head -1)
C_LIB_DIR = $(NATIVE_DIR)
C_OUT := $(ROOT)/target/c
# `make test` installs into this prefix and tests what a user gets from `make install`.
C_STAGE := $(C_OUT)/stage
C_PKG := PKG_CONFIG_PATH=$(C_STAGE)/lib/pkgconfig pkg-config
C_TEST_SRC := $(wildcard $(ROOT)/bindings/c/tests/*.c)
VALGRIND := valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
	--suppressions=$(ROOT)/bindings/c/tests/valgrind.supp
# Lookups per thread in the 8-thread test: natively, and under valgrind, which serialises the threads (1,000,000
# there took about 12 s; memcheck checks each kind of access once as well as a million times).
C_THREAD_LOOKUPS ?= 1000000
C_VALGRIND_THREAD_LOOKUPS ?= 200000
GO_ENV := GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=1
# Inside the repository the Go module links the library just built (go/cgo_dev.go); the default build links the
# prebuilt one committed in go/internal/prebuilt (go/cgo_prebuilt.go), checked by the packaging tests.
GO_DEV_TAGS := -tags errcat_dev
GO_PREBUILT := $(ROOT)/go/internal/prebuilt

c-lib: native

c-header: $(ZIG_TOOLS)
	ERRCAT_BLESS_HEADER=1 $(CARGO_ZIG) test -p errcat-c header_has_not_drifted

# cJSON (reads the vectors in the C tests), pkg-config and valgrind come from Debian when missing.
c-deps:
	@missing=""; \
	[ -f /usr/include/cjson/cJSON.h ] || missing="$$missing libcjson-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

install: c-lib
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(ROOT)/include/errcat.h $(DESTDIR)$(PREFIX)/include/errcat.h
	install -m 644 $(C_LIB_DIR)/liberrcat.a $(DESTDIR)$(PREFIX)/lib/liberrcat.a
	install -m 755 $(C_LIB_DIR)/liberrcat.so $(DESTDIR)$(PREFIX)/lib/liberrcat.so.$(C_VERSION)
	ln -sf liberrcat.so.$(C_VERSION) $(DESTDIR)$(PREFIX)/lib/liberrcat.so.0
	ln -sf liberrcat.so.0 $(DESTDIR)$(PREFIX)/lib/liberrcat.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(C_VERSION)|' $(ROOT)/errcat.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/errcat.pc

c-stage: c-deps
	$(MAKE) --no-print-directory install PREFIX=$(C_STAGE) DESTDIR=

test-c: c-stage
	mkdir -p $(C_OUT)
	@echo "== C tests: cc ... \$$(pkg-config --cflags --libs errcat), the installed shared library"
	$(CC) -std=c11 -Wall -Wextra -Werror -g -O1 -o $(C_OUT)/errcat-tests $(C_TEST_SRC) \
		$$($(C_PKG) --cflags --libs errcat) -lcjson -pthread
	@echo "== under valgrind memcheck ($(C_VALGRIND_THREAD_LOOKUPS) lookups per thread)"
	ERRCAT_THREAD_LOOKUPS=$(C_VALGRIND_THREAD_LOOKUPS) LD_LIBRARY_PATH=$(C_STAGE)/lib \
		$(VALGRIND) $(C_OUT)/errcat-tests $(ROOT)
	@echo "== the same tests linked statically (liberrcat.a), natively ($(C_THREAD_LOOKUPS) lookups per thread)"
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -o $(C_OUT)/errcat-tests-static $(C_TEST_SRC) \
		$$($(C_PKG) --cflags errcat) $(C_STAGE)/lib/liberrcat.a $$($(C_PKG) --static --libs-only-l errcat | sed 's/-lerrcat//') \
		-lcjson -pthread
	ERRCAT_THREAD_LOOKUPS=$(C_THREAD_LOOKUPS) $(C_OUT)/errcat-tests-static $(ROOT)
	@echo "== errcat.h from C++"
	c++ -std=c++17 -Wall -Werror -o $(C_OUT)/cxx-compat $(ROOT)/bindings/c/tests/cxx_compat.cpp \
		$$($(C_PKG) --cflags --libs errcat)
	LD_LIBRARY_PATH=$(C_STAGE)/lib $(C_OUT)/cxx-compat

# Go: with -tags errcat_dev cgo links $(NATIVE_DIR)/liberrcat.a (go/cgo_dev.go), so the library is built first.
test-go: c-lib
	@echo "== Go tests (-race, -tags errcat_dev): every vector, export byte-equality, 16 goroutines, examples"
	cd $(ROOT)/go && $(GO_ENV) go vet $(GO_DEV_TAGS) ./... && $(GO_ENV) go test -race -count=1 $(GO_DEV_TAGS) ./...

# The library and header the Go module carries (a few MB: debug info stripped, deterministic archive).
go-prebuilt: c-lib
	strip --strip-debug --enable-deterministic-archives -o $(GO_PREBUILT)/liberrcat_linux_amd64.a $(C_LIB_DIR)/liberrcat.a
	install -m 644 $(ROOT)/include/errcat.h $(GO_PREBUILT)/errcat.h
	@ls -l $(GO_PREBUILT)/liberrcat_linux_amd64.a
	@git -C $(ROOT) status --short -- $(GO_PREBUILT)

# One question for both programs (Go's flag package accepts the same --flags); exit 1 = "not found" is part of
# the demo.
define c_go_explain
	@echo "== C:  explain $(1)"; LD_LIBRARY_PATH=$(C_STAGE)/lib $(C_OUT)/explain $(1) || true
	@echo "== Go: errcat-explain $(1)"; $(C_OUT)/errcat-explain-go $(1) || true
endef

demo-c-go: c-stage
	$(CC) -std=c11 -Wall -Wextra -O2 -o $(C_OUT)/explain $(ROOT)/bindings/c/demo/explain.c \
		$$($(C_PKG) --cflags --libs errcat)
	cd $(ROOT)/go && $(GO_ENV) go build $(GO_DEV_TAGS) -o $(C_OUT)/errcat-explain-go ./cmd/errcat-explain
	$(call c_go_explain,Arklet.InstallBizFailed)
	$(call c_go_explain,--version v3.5.0 552)
	$(call c_go_explain,--version master 552)
	$(call c_go_explain,--lang zh ModuleController.ResourceConstrained)
	$(call c_go_explain,Arklet.InstallBizFailes 640)

bench-c: c-lib
	mkdir -p $(C_OUT)
	$(CC) -std=c11 -O2 -o $(C_OUT)/lookup-bench $(ROOT)/bench/c/lookup_bench.c -I$(ROOT)/include \
		$(C_LIB_DIR)/liberrcat.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
	$(C_OUT)/lookup-bench
	$(MAKE) --no-print-directory bench-c-classify

# The bodies and the Rust means come from bench-classify-rust (target/criterion/classify), run just before.
CLASSIFY_BODIES := $(ROOT)/target/criterion/classify
criterion_mean = $$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["mean"]["point_estimate"])' \
	$(CLASSIFY_BODIES)/$(1)_errcat/new/estimates.json)
bench-c-classify: c-lib bench-classify-rust
	mkdir -p $(C_OUT)
	$(CC) -std=c11 -O2 -o $(C_OUT)/classify-bench $(ROOT)/bench/c/classify_bench.c -I$(ROOT)/include \
		$(C_LIB_DIR)/liberrcat.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
	$(C_OUT)/classify-bench $(CLASSIFY_BODIES) $(call criterion_mean,typical) $(call criterion_mean,80-frames)

# Medians over GO_BENCH_COUNT runs (the build VM is shared: single runs vary by 20 % and more). The once-per-process
# costs (the table load, the first call of every key after it: go/answers_bench_test.go) run a fixed 40 times each.
GO_BENCH_COUNT ?= 6
bench-go: c-lib
	mkdir -p $(C_OUT)
	cd $(ROOT)/bench/go && $(GO_ENV) go test $(GO_DEV_TAGS) -run '^$$' -bench . -benchmem -benchtime=300ms -count=$(GO_BENCH_COUNT) . \
		| tee $(C_OUT)/go-bench.txt
	cd $(ROOT)/go && $(GO_ENV) go test $(GO_DEV_TAGS) -run '^$$' -bench 'AnswerTableLoad|First' -benchtime=40x -count=$(GO_BENCH_COUNT) . \
		| tee -a $(C_OUT)/go-bench.txt
	awk -f $(ROOT)/bench/go/median.awk -f $(ROOT)/bench/go/ratio.awk $(C_OUT)/go-bench.txt
	$(MAKE) --no-print-directory bench-go-classify
bench-go-classify: c-lib bench-classify-rust
	mkdir -p $(C_OUT)
	cd $(ROOT)/bench/go && ERRCAT_CLASSIFY_BODIES=$(CLASSIFY_BODIES) $(GO_ENV) go test $(GO_DEV_TAGS) -run '^$$' \
		-bench Classify -benchmem -benchtime=300ms -count=$(GO_BENCH_COUNT) . | tee $(C_OUT)/go-classify-bench.txt
	awk -v typical_ns=$(call criterion_mean,typical) -v eighty_ns=$(call criterion_mean,80-frames) \
		-f $(ROOT)/bench/go/median.awk -f $(ROOT)/bench/go/classify_ratio.awk $(C_OUT)/go-classify-bench.txt
