# Kotlin and Swift through uniffi: bindings/uniffi (crate errcat-uniffi → liberrcat_uniffi.so), kotlin/ (the Maven
# JAR with the generated Kotlin and the native library), swift/ (the generated Swift, header and module map).
#
#   make kotlin-jar        build kotlin/target/errcat-kotlin-0.1.0.jar and install it in the local Maven repository
#   make test-kotlin       build the JAR and run the JUnit 5 suite against it
#   make demo-kotlin       a Kotlin program (kotlin/demo) using the installed JAR
#   make bench-kotlin      JMH (bench/kotlin): Errcat.lookup/status from the answer table and crossing, against a
#                          HashMap with the same answers in the same run; the table's load time; Errcat.classify
#                          against Rust's errcat::classify (bench-kotlin-classify: only that)
#   make uniffi-bindings   `make generate` (bindings/uniffi/src/generated.rs from catalog/fields.toml), then the
#                          committed Kotlin and Swift sources and the record of what they were generated from,
#                          bindings/uniffi/generated.lock (`cargo test -p errcat-uniffi` fails while they drift)

TEST_TARGETS += test-kotlin
DEMO_TARGETS += demo-kotlin
BENCH_TARGETS += bench-kotlin

.PHONY: test-kotlin demo-kotlin bench-kotlin bench-kotlin-classify kotlin-jar uniffi-bindings

MVN ?= mvn -B --no-transfer-progress -Dstyle.color=never
UNIFFI_GEN := $(ROOT)/target/uniffi-gen
UNIFFI_LIB := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)/debug/liberrcat_uniffi.so

# `mvn package` runs cargo, packs the JAR and then runs the tests against the packed JAR.
test-kotlin:
	$(MVN) -f kotlin/pom.xml package

kotlin-jar:
	$(MVN) -q -f kotlin/pom.xml install -DskipTests

demo-kotlin: kotlin-jar
	$(MVN) -q -f kotlin/demo/pom.xml compile exec:java

# JMH against the installed JAR; prints each call's ratio to a HashMap with the same answers, measured in the same run,
# and the once-per-process costs (library load, answer table load, first call of every key); then Errcat.classify
# against Rust's errcat::classify of the same bodies, measured just before by bench-classify-rust (mk/50-java.mk).
bench-kotlin: kotlin-jar bench-classify-rust
	$(MVN) -q -f bench/kotlin/pom.xml clean package exec:exec

# Only the classify part (the Rust baseline, then JMH).
bench-kotlin-classify: kotlin-jar bench-classify-rust
	$(MVN) -q -f bench/kotlin/pom.xml clean package exec:exec -Derrcat.bench.part=classify

# uniffi-bindgen in library mode reads the interface from the built library, after codegen rewrote generated.rs.
uniffi-bindings: generate
	$(CARGO_ZIG) build -p errcat-uniffi
	$(CARGO_ZIG) run -q -p errcat-uniffi --features cli --bin uniffi-bindgen -- generate \
		--library $(UNIFFI_LIB) --language kotlin --language swift \
		--config bindings/uniffi/bindgen.toml --no-format --out-dir $(UNIFFI_GEN)
	install -D -m 644 $(UNIFFI_GEN)/io/errcat/kotlin/errcat.kt kotlin/src/generated/kotlin/io/errcat/kotlin/errcat.kt
	install -m 644 $(UNIFFI_GEN)/Errcat.swift $(UNIFFI_GEN)/ErrcatFFI.h $(UNIFFI_GEN)/ErrcatFFI.modulemap swift/
	ERRCAT_BLESS_BINDINGS=1 $(CARGO_ZIG) test -q -p errcat-uniffi --test generated
