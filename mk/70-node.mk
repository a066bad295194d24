# Node: the errcat npm package (node/) over the napi-rs module (bindings/node).
#   make node-build     npm ci (when the lockfile changed) + build the .node into node/
#   make node-generate  regenerate the committed loader and its declarations (node/binding.js, node/binding.d.ts)
#   make test-node      pack the tarball, install it in an empty directory, run node/test against it

TEST_TARGETS += test-node
DEMO_TARGETS += demo-node
BENCH_TARGETS += bench-node

NODE_DIR := $(ROOT)/node
NODE_OUT := $(ROOT)/target/node
NAPI := node $(NODE_DIR)/node_modules/@napi-rs/cli/dist/cli.js
# On linux-x86_64 the addon is linked by zig for glibc 2.17 (ZIG_ENV: mk/zig-cc, tools of mk/05-native.mk), in
# the native build's target directory and profile (NATIVE_PROFILE_ENV): the shared crates it needs are that build's.
NAPI_ZIG_ARGS := $(if $(NATIVE_ZIG),--target $(NATIVE_TARGET))
NAPI_BUILD := $(ZIG_ENV) $(NATIVE_PROFILE_ENV) $(NAPI) build --platform --release $(NAPI_ZIG_ARGS) --manifest-path ../bindings/node/Cargo.toml --package-json-path package.json --js binding.js --dts binding.d.ts

.PHONY: node-deps node-build node-generate node-pack test-node demo-node bench-node bench-node-classify

node-deps: $(NODE_DIR)/node_modules/.installed
$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package-lock.json $(NODE_DIR)/package.json
	cd $(NODE_DIR) && npm ci --no-audit --no-fund
	touch $@

# Builds into target/node and copies only the .node: the committed binding.js/binding.d.ts stay as they are, so the
# drift test compares them with a fresh generation.
node-build: node-deps $(if $(NATIVE_ZIG),tools)
	cd $(NODE_DIR) && $(NAPI_BUILD) --output-dir $(NODE_OUT)/build
	$(call strip_debug,$(NODE_OUT)/build/errcat.*.node)
	cp $(NODE_OUT)/build/errcat.*.node $(NODE_DIR)/

node-generate: node-deps $(if $(NATIVE_ZIG),tools)
	cd $(NODE_DIR) && $(NAPI_BUILD) --output-dir .

# The tarball a user gets, installed in an empty directory.
node-pack: node-build
	rm -rf $(NODE_OUT)/pack && mkdir -p $(NODE_OUT)/pack/app
	cd $(NODE_DIR) && npm pack --silent --pack-destination $(NODE_OUT)/pack
	cd $(NODE_OUT)/pack/app && echo '{"name":"app","version":"1.0.0","private":true}' > package.json \
		&& npm install --silent --no-audit --no-fund ../errcat-*.tgz

# The drift test (test/generated.test.js) compares the binding.js and binding.d.ts that node-build generated into
# $(NODE_OUT)/build with the committed ones.
test-node: node-pack cli
	cd $(NODE_DIR) && ERRCAT_NAPI_OUT=$(NODE_OUT)/build ERRCAT_CLI=$(ERRCAT) \
		ERRCAT_PACKAGE_DIR=$(NODE_OUT)/pack/app/node_modules/errcat node --test test/*.test.js

demo-node: node-pack
	cp $(NODE_DIR)/demo.js $(NODE_OUT)/pack/app/demo.js
	mkdir -p $(NODE_OUT)/pack/app/test/fixtures && cp $(NODE_DIR)/test/fixtures/audit-sample.log $(NODE_OUT)/pack/app/test/fixtures/
	cd $(NODE_OUT)/pack/app && node demo.js

# lookup/status against Map; then classify against Rust's errcat::classify of the same bodies (bench-classify-rust,
# in mk/50-java.mk, takes the Rust estimates just before).
bench-node: node-build bench-classify-rust
	node bench/node/lookup.bench.mjs
	node bench/node/classify.bench.mjs

bench-node-classify: node-build bench-classify-rust
	node bench/node/classify.bench.mjs
