# The release build of every native artefact, once, linked by zig for glibc 2.17 (manylinux2014), and the tools it
# needs, installed by this file (pinned) into target/tools (kept between runs; a changed pin reinstalls).
#
#   make tools     ziglang, maturin (whose `zig cc` mk/zig-cc runs), auditwheel, twine (PyPI, one venv)
#   make native    cargo build --release --target x86_64-unknown-linux-gnu, linked by zig for glibc 2.17, of the
#                  CLI, the C library, the JNI and the uniffi libraries, into $(NATIVE_DIR); Maven calls this too
#   make native-env  print the environment (PATH, linker) the zig builds run in, for use by hand
#
# NATIVE_DIR is where every per-language build picks up its release library (and $(ERRCAT), the CLI). The Node addon
# (`napi build`, mk/70-node.mk) and the Python module (`maturin build`, mk/60-python.mk) are built by their
# own tools with the same linker, target and directory. On a host other than linux-x86_64 the build is a plain
# `cargo build --release` into target/release (no glibc floor: nothing is shipped from there).
#
# Every cargo command make runs that links anything ($(CARGO_ZIG): the tests, clippy's proc macros, the benchmarks,
# the generator) links with mk/zig-cc, host units included, so that no ELF the build makes needs a glibc newer than
# $(GLIBC_FLOOR). Only the sanitizer and fuzz builds (mk/95-fuzz.mk) link with the host's cc: their runtimes need it.

TOOLS := $(ROOT)/target/tools
ZIGLANG_VERSION := 0.17.0
MATURIN_VERSION := 1.16.0
AUDITWHEEL_VERSION := 6.8.2
TWINE_VERSION := 7.0.0
TOOLS_PY_PINS := ziglang==$(ZIGLANG_VERSION) maturin==$(MATURIN_VERSION) auditwheel==$(AUDITWHEEL_VERSION) \
	twine==$(TWINE_VERSION)
TOOLS_VENV := $(TOOLS)/venv
TOOLS_PY_STAMP := $(TOOLS)/stamps/py-$(subst ==,-,$(subst $() ,_,$(TOOLS_PY_PINS)))
MATURIN := $(TOOLS_VENV)/bin/maturin
AUDITWHEEL := $(TOOLS_VENV)/bin/auditwheel
TWINE := $(TOOLS_VENV)/bin/twine

# The workspace version: every package's version must equal it (checked by `make test-packaging`).
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' $(ROOT)/Cargo.toml | head -1)
GLIBC_FLOOR := 2.17
PLATFORMS_LINE := linux-x86_64 with glibc $(GLIBC_FLOOR) or newer
HOST_PLATFORM := $(shell uname -s)-$(shell uname -m)
ifeq ($(HOST_PLATFORM),Linux-x86_64)
NATIVE_TARGET := x86_64-unknown-linux-gnu
NATIVE_DIR := $(ROOT)/target/$(NATIVE_TARGET)/release
NATIVE_ZIG := 1
else
NATIVE_TARGET :=
NATIVE_DIR := $(ROOT)/target/release
NATIVE_ZIG :=
endif
# Every cargo build that links runs with mk/zig-cc as the linker.
ifeq ($(NATIVE_ZIG),1)
ZIG_ENV := CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=$(ROOT)/mk/zig-cc ERRCAT_GLIBC_FLOOR=$(GLIBC_FLOOR)
ZIG_TOOLS := tools
else
ZIG_ENV :=
ZIG_TOOLS :=
endif
CARGO_ZIG := $(ZIG_ENV) $(CARGO)
NATIVE_CRATES := errcat-cli errcat-c errcat-jni errcat-feature-union
# Built alone, as a cdylib only (`cargo rustc --crate-type cdylib`): its rlib, there for its tests, would otherwise
# make cargo build every shared crate in a second LTO mode (object code too), which maturin's and napi's cdylib-only
# builds could not reuse. The crates that cargo builds alone (this, errcat-node, errcat-python) depend on
# errcat-feature-union, so they resolve the shared crates' features as the build of NATIVE_CRATES does.
NATIVE_ALONE := errcat-uniffi
SEPARATE_CRATES := $(NATIVE_ALONE) errcat-node errcat-python

.PHONY: tools native native-env

tools: $(TOOLS_PY_STAMP)

# One venv for the Python-distributed tools; zig is linked into target/tools/bin for mk/zig-cc and the packaging tests.
$(TOOLS_PY_STAMP):
	rm -rf $(TOOLS_VENV) $(TOOLS)/stamps/py-*
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install -q --disable-pip-version-check $(TOOLS_PY_PINS)
	mkdir -p $(TOOLS)/bin $(dir $@)
	ln -sf "$$($(TOOLS_VENV)/bin/python -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))')/zig" \
		$(TOOLS)/bin/zig
	$(TOOLS)/bin/zig version
	touch $@

# zig knows one strip, everything: the release profile's default `strip = "debuginfo"` would drop the symbol table
# too (no names in backtraces, profiles or valgrind reports, whose suppressions match by function name). So cargo
# links unstripped and binutils' strip removes only the debug info afterwards, as cargo does without zig.
# The addon's build (mk/70-node.mk) uses the same profile, so that it shares this build's crates.
NATIVE_LINKED := liberrcat.so liberrcat_jni.so liberrcat_uniffi.so errcat
NATIVE_PROFILE_ENV := $(if $(NATIVE_ZIG),CARGO_PROFILE_RELEASE_STRIP=none)
strip_debug = for f in $(1); do if readelf -S $$f | grep -q '\.debug_'; then strip --strip-debug $$f; fi; done
ifeq ($(NATIVE_ZIG),1)
# One `make native` at a time, cargo and strip together (flock): `make test`'s two lanes and the Maven builds each ask
# for it, and the later ones find it fresh.
native: tools
	mkdir -p $(ROOT)/target && exec 9> $(ROOT)/target/.native.lock && flock 9 && \
	$(NATIVE_PROFILE_ENV) $(CARGO_ZIG) build --release --target $(NATIVE_TARGET) $(addprefix -p ,$(NATIVE_CRATES)) && \
	$(NATIVE_PROFILE_ENV) $(CARGO_ZIG) rustc --release --target $(NATIVE_TARGET) -p $(NATIVE_ALONE) --lib \
		--crate-type cdylib && \
	$(call strip_debug,$(addprefix $(NATIVE_DIR)/,$(NATIVE_LINKED)))
else
native:
	$(CARGO) build --release $(addprefix -p ,$(NATIVE_CRATES))
	$(CARGO) rustc --release -p $(NATIVE_ALONE) --lib --crate-type cdylib
endif

native-env:
	@echo "$(ZIG_ENV)"
