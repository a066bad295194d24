# Rust workspace: the core crate, the catalog compiler and the CLI.

TEST_TARGETS += test-rust
DEMO_TARGETS += demo-cli
BENCH_TARGETS += bench-rust

.PHONY: toolchain cli print-errcat test-rust demo-cli bench-rust catalog-json generate

# rustfmt and clippy are rustup components; a fresh rustup may lack them.
toolchain:
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

# The CLI comes out of the one release build of every native artefact (mk/05-native.mk).
cli: native

# Where the CLI is, for scripts (bench/audit/log.sh): make -s print-errcat
print-errcat:
	@echo $(ERRCAT)

# Regenerates the committed export; the tests fail when it drifts from the catalog.
catalog-json: cli
	$(ERRCAT) export --format json > testdata/catalog.json

# Rewrites every committed generated file (each binding's and host package's records, enums and entry data, from
# catalog/fields.toml and the catalog) and the boundary vectors; the tests fail while any of them is stale.
generate: $(ZIG_TOOLS)
	$(CARGO_ZIG) run -q -p errcat-codegen -- write
	python3 testdata/gen_boundary_vectors.py
	python3 testdata/classify/gen_vectors.py

# What `cargo test` builds, here and for the soak test (mk/15-audit.mk): the same selection, so that the second
# reuses the first's build (cargo resolves features per selection). errcat-bench holds no tests, and cargo test
# would build its example, and so criterion, only to check that it compiles, which its clippy run does (below).
CARGO_TESTED := --workspace --exclude errcat-bench
# Clippy lints while cargo test compiles: clippy-driver is rustc with clippy's lints, and cargo runs it for the
# workspace's crates as `cargo clippy` does (RUSTC_WORKSPACE_WRAPPER, the lints' arguments in CLIPPY_ARGS). So the
# dependencies are compiled once, for the tests, instead of checked for clippy first (266 of the run's 1,340
# CPU-seconds). cargo test builds every target clippy --all-targets lints (libraries, binaries, tests, examples)
# but benches, which only errcat-bench has: clippy checks that crate alone. The soak test (mk/15-audit.mk) runs
# the same command, so that it reuses this build (the wrapper is part of cargo's fingerprint).
CLIPPY_WHILE_TESTING := RUSTC_WORKSPACE_WRAPPER="$$(rustup which clippy-driver)" \
	CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
CARGO_TEST := $(CLIPPY_WHILE_TESTING) $(CARGO_ZIG) test $(CARGO_TESTED)
test-rust: toolchain $(ZIG_TOOLS)
	python3 testdata/gen_boundary_vectors.py --check
	python3 testdata/classify/gen_vectors.py --check
	$(CARGO) fmt --all --check
	python3 packaging/feature_union.py $(or $(NATIVE_TARGET),$(shell rustc -vV | sed -n 's/^host: //p')) \
		$(NATIVE_CRATES) -- $(SEPARATE_CRATES)
	$(CARGO_TEST)
	$(CARGO_ZIG) clippy -p errcat-bench --all-targets -- -D warnings

demo-cli: cli
	@echo "== errcat explain: a Koupleless code"
	$(ERRCAT) explain Arklet.InstallBizFailed
	@echo "== a blobstore code at two CubeFS versions"
	$(ERRCAT) explain --version v3.5.0 552
	$(ERRCAT) explain --version master 552
	@echo "== an alias (the published spelling stays canonical), in Chinese"
	$(ERRCAT) explain --lang zh ModuleController.ResourceConstrained
	@echo "== an unknown code: suggestions, and a number by its service range"
	$(ERRCAT) explain Arklet.InstallBizFailes 640 || true

bench-rust: $(ZIG_TOOLS)
	$(CARGO_ZIG) bench -p errcat-bench
