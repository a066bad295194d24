# Distribution: every package in dist/ with SHA-256 sums, and the tests of what a user installs.
#
#   make dist             build what is missing or stale (JARs, wheel, sdist, npm tarball, C library, CLI), then
#                         assemble dist/ (packaging/dist.sh)
#   make test-packaging   part of `make test`, after the language suites: assemble dist/ from their builds, then
#                         check the glibc floor of every shipped ELF, the metadata an index checks, and install every
#                         artefact without Rust and run a program against it (packaging/test-packaging.sh)
#   make test-portable    not part of `make test`: the JAR, the wheel and the C library inside a Debian 11 root
#                         (glibc 2.31, its own OpenJDK 17 and Python 3.9; packaging/portable.sh)

TEST_TARGETS += test-packaging

DIST := $(ROOT)/dist
JAVA_TARGET := $(ROOT)/java/target
KOTLIN_TARGET := $(ROOT)/kotlin/target
NODE_TGZ = $(NODE_OUT)/pack/errcat-$(VERSION).tgz
DIST_ENV = ROOT=$(ROOT) VERSION=$(VERSION) NATIVE_DIR=$(NATIVE_DIR) DIST=$(DIST) ERRCAT=$(ERRCAT) \
	JAVA_TARGET=$(JAVA_TARGET) KOTLIN_TARGET=$(KOTLIN_TARGET) PY_WHEEL=$(PY_WHEEL) PY_SDIST=$(PY_SDIST) \
	NODE_TGZ=$(NODE_TGZ)
# What dist/ is assembled from; `make test` has built all of them by the time test-packaging runs.
DIST_INPUTS = $(JAVA_TARGET)/errcat-$(VERSION).jar $(JAVA_TARGET)/errcat-$(VERSION)-sources.jar \
	$(JAVA_TARGET)/errcat-$(VERSION)-javadoc.jar $(KOTLIN_TARGET)/errcat-kotlin-$(VERSION).jar \
	$(PY_WHEEL_DIR)/.wheel-built $(NODE_TGZ) $(NATIVE_DIR)/liberrcat.so $(NATIVE_DIR)/errcat

.PHONY: dist dist-build dist-assemble test-packaging test-portable

dist: dist-build
	$(MAKE) --no-print-directory dist-assemble

# Rebuild everything a user gets (each step is incremental).
dist-build: native java-jar python-wheel python-sdist node-pack
	$(MVN) -q -f kotlin/pom.xml package -DskipTests

# The sdist is always remade (a few seconds; no language suite builds it).
dist-assemble: $(DIST_INPUTS) python-sdist
	$(DIST_ENV) bash $(ROOT)/packaging/dist.sh

# Only built here when missing (test-packaging run on its own); `make dist` rebuilds them all.
$(JAVA_TARGET)/errcat-$(VERSION).jar $(JAVA_TARGET)/errcat-$(VERSION)-sources.jar $(JAVA_TARGET)/errcat-$(VERSION)-javadoc.jar:
	$(MAKE) --no-print-directory java-jar
$(KOTLIN_TARGET)/errcat-kotlin-$(VERSION).jar:
	$(MVN) -q -f kotlin/pom.xml package -DskipTests
$(PY_WHEEL_DIR)/.wheel-built:
	$(MAKE) --no-print-directory python-wheel
$(NODE_TGZ):
	$(MAKE) --no-print-directory node-pack
$(NATIVE_DIR)/liberrcat.so $(NATIVE_DIR)/errcat:
	$(MAKE) --no-print-directory native

test-packaging: dist-assemble
	$(DIST_ENV) AUDITWHEEL=$(AUDITWHEEL) TWINE=$(TWINE) ZIG=$(TOOLS)/bin/zig GLIBC_FLOOR=$(GLIBC_FLOOR) \
		PYTHON=$(PYTHON) bash $(ROOT)/packaging/test-packaging.sh

PORTABLE_ROOT := $(ROOT)/target/portable/debian11
test-portable: dist-assemble
	$(DIST_ENV) PORTABLE_ROOT=$(PORTABLE_ROOT) bash $(ROOT)/packaging/portable.sh
