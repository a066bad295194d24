# Java: the io.errcat:errcat JAR (java/), with the JNI library of bindings/jni packed inside; JMH in bench/java.
# Needs a JDK (17 tested) and Maven 3.8; Maven works offline once the first run has filled ~/.m2.

TEST_TARGETS += test-java
DEMO_TARGETS += demo-java
BENCH_TARGETS += bench-java

# Every Maven build here runs its JVM with .mvn/jvm.config (found from the pom upwards): -XX:TieredStopAtLevel=1, C1
# only. javac and kotlinc run in Maven's JVM for a minute at most, where C2 compiling their hot code costs more than it
# gains: Kotlin's compile took 30 CPU-s instead of 60. Tests and benchmarks run in forked JVMs (surefire, JMH) with
# the JVM's defaults.
JAVA_MVN := $(ROOT)/java/mvn-offline-first.sh
JAVA_JAR = $(ROOT)/java/target/errcat-$(VERSION).jar

.PHONY: test-java demo-java bench-java bench-java-classify bench-classify-rust java-jar

# `package` runs cargo (bindings/jni), packs the JAR and then runs the JUnit suite against that JAR.
test-java:
	$(JAVA_MVN) -f java/pom.xml package

java-jar:
	$(JAVA_MVN) -q -f java/pom.xml package -DskipTests

# The README's promise: the JAR and a program using only the public API, in an empty directory, no setup.
demo-java: java-jar
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	cp $(JAVA_JAR) java/examples/Example.java "$$dir" && cd "$$dir" && \
	echo "== java: javac --release 8 -cp errcat-$(VERSION).jar Example.java && java -cp errcat-$(VERSION).jar:. Example" && \
	javac -nowarn --release 8 -Xlint:-options -cp errcat-$(VERSION).jar Example.java && \
	java -cp errcat-$(VERSION).jar:. Example

# JMH: Errcat.lookup / Errcat.status against a HashMap with the same answers (warm and first call), same run;
# prints the ratios and the answer table load time in fresh JVMs; then Errcat.classifyArklet against Rust's
# errcat::classify of the same bodies, measured just before by bench-classify-rust.
bench-java: bench-classify-rust
	$(JAVA_MVN) -q -f java/pom.xml install -DskipTests
	$(JAVA_MVN) -q -f bench/java/pom.xml package exec:exec

# Only the classify part (the Rust baseline, then JMH).
bench-java-classify: bench-classify-rust
	$(JAVA_MVN) -q -f java/pom.xml install -DskipTests
	$(JAVA_MVN) -q -f bench/java/pom.xml package exec:exec -Derrcat.bench.part=classify

# The Rust side of the Java and Python classify benchmarks: bench/rust's criterion bench of errcat::classify
# (briefly), whose estimates (target/criterion/classify/*_errcat) the host benchmarks read in the same make run.
# CLASSIFY_RUST_FILTER: a criterion filter (bench-classify-rounds takes only the errcat rows, errcat$).
CLASSIFY_RUST_FILTER ?=
bench-classify-rust: $(ZIG_TOOLS)
	$(CARGO_ZIG) bench -q -p errcat-bench --bench classify -- $(CLASSIFY_RUST_FILTER) --warm-up-time 1 --measurement-time 3

# Classify through every binding against Rust, in interleaved rounds (bench/classify_rounds.sh): the medians.
CLASSIFY_ROUNDS ?= 3
.PHONY: bench-classify-rounds
bench-classify-rounds:
	$(ROOT)/bench/classify_rounds.sh $(CLASSIFY_ROUNDS)
