#!/usr/bin/env bash
# The packaging tests (`make test-packaging`, part of `make test`), against what dist/ holds:
#   1. glibc floor: no shipped ELF (JNI, uniffi, pyo3, napi libraries, liberrcat.so, the CLI) needs a GLIBC symbol
#      version above $GLIBC_FLOOR (packaging/elf_glibc.py), `auditwheel show` agrees for the wheel, and both static
#      libraries (C tarball, Go module) link with zig against glibc $GLIBC_FLOOR itself, and no ELF the build linked
#      (test binaries, build scripts, proc macros included) needs more either;
#   2. metadata an index checks: twine check (wheel, sdist), npm pack --dry-run, the POM fields Maven Central
#      requires, and every version equal to the workspace version (packaging/check_metadata.py);
#   3. installs without Rust (cargo and rustc off the PATH): the wheel in a fresh venv, the npm tarball in an empty
#      directory, the JAR and the Kotlin JAR with javac/java, the C tarball with cc + pkg-config, the Go module from a
#      bare copy of go/ (GOPROXY=off) and from dist/goproxy as a module proxy; each runs a program against it;
#   4. the Go module's committed library is current: same version, same catalog export and same header as the
#      Rust build of these sources.
# Ends with the line "packaging: N passed, N failed".
set -uo pipefail
: "${ROOT:?}" "${VERSION:?}" "${DIST:?}" "${ERRCAT:?}" "${AUDITWHEEL:?}" "${TWINE:?}" "${ZIG:?}" "${GLIBC_FLOOR:?}"
PYTHON=${PYTHON:-python3}
V=$VERSION
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
failures=()

# check NAME COMMAND...: runs one check, its output indented, and counts it.
check() {
    local name=$1
    shift
    echo "== packaging: $name"
    if ( set -euo pipefail; "$@" ) > "$work/out" 2>&1; then
        sed 's/^/   /' "$work/out"
        passed=$((passed + 1))
    else
        sed 's/^/   /' "$work/out"
        echo "   FAILED: $name"
        failed=$((failed + 1))
        failures+=("$name")
    fi
}

wheel=$(ls "$DIST"/errcat-"$V"-*.whl)
sdist=$DIST/errcat-$V.tar.gz
ctar=$DIST/errcat-c-$V-linux-x86_64.tar.gz
clitar=$DIST/errcat-cli-$V-x86_64-unknown-linux-gnu.tar.gz

# The environment of a user without Rust: no directory on PATH that holds cargo or rustc, no rustup or cargo home.
norust_path=""
IFS=: read -r -a dirs <<< "$PATH"
for d in "${dirs[@]}"; do
    [ -n "$d" ] && [ ! -e "$d/cargo" ] && [ ! -e "$d/rustc" ] && norust_path="${norust_path:+$norust_path:}$d"
done
norust() { env PATH="$norust_path" CARGO_HOME=/nonexistent RUSTUP_HOME=/nonexistent RUSTC=/nonexistent "$@"; }
# first N COMMAND...: runs the command to its end (no SIGPIPE), shows its first N lines.
first() { local n=$1; shift; "$@" > "$work/first.txt"; head -"$n" "$work/first.txt"; }

glibc_floor() {
    "$PYTHON" "$ROOT/packaging/elf_glibc.py" --floor "$GLIBC_FLOOR" --expect 6 \
        "$DIST/errcat-$V.jar" "$DIST/errcat-kotlin-$V.jar" "$wheel" "$DIST/errcat-$V.tgz" "$ctar" "$clitar"
    echo "-- objdump -T agrees:"
    mkdir -p "$work/elf" && tar -xzf "$clitar" -C "$work/elf"
    "$PYTHON" -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith("native/")])' \
        "$DIST/errcat-$V.jar" "$work/elf"
    for f in "$work"/elf/errcat-cli-*/bin/errcat "$work"/elf/native/*/*.so; do
        top=$(objdump -T "$f" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
        echo "   $top $(basename "$f")"
        [ "$(printf '%s\n' "GLIBC_$GLIBC_FLOOR" "$top" | sort -V | tail -1)" = "GLIBC_$GLIBC_FLOOR" ]
    done
}

# Every ELF the build linked, not only the shipped ones: test binaries, build scripts, proc macros, the debug
# cdylibs (mk/zig-cc links all of them). Left out: the tools PyPI and crates.io gave us (target/tools, fuzz-tools),
# the C programs that the system cc links as a user would (target/c), and the sanitizer and fuzz builds.
built_floor() {
    local built
    mapfile -d '' built < <(find "$ROOT/target" "$ROOT/node" "$ROOT/java/target" "$ROOT/kotlin/target" \
        \( -path "$ROOT/target/tools" -o -path "$ROOT/target/fuzz-tools" -o -path "$ROOT/target/fuzz" \
        -o -path "$ROOT/target/asan" -o -path "$ROOT/target/c" -o -name node_modules \) -prune \
        -o -type f \( -name '*.so' -o -name '*.node' -o -perm -u+x \) -print0 2>/dev/null)
    if ! "$PYTHON" "$ROOT/packaging/elf_glibc.py" --floor "$GLIBC_FLOOR" --at-least 50 "${built[@]}" \
        > "$work/built.txt"; then
        grep 'ABOVE THE FLOOR' "$work/built.txt"
        return 1
    fi
    tail -1 "$work/built.txt"
}

auditwheel_agrees() {
    "$AUDITWHEEL" show "$wheel" | tee "$work/auditwheel.txt"
    tr -s ' \n' ' ' < "$work/auditwheel.txt" | grep -q 'consistent with the following platform tag: "manylinux_2_17_x86_64"'
}

# A static library carries unversioned references: they are checked by linking a program against glibc $GLIBC_FLOOR
# (zig ships the symbol lists of every glibc) and running it.
static_floor() {
    local lib=$1 inc=$2
    # Its own `local`: the words of one `local` are expanded before any of them is assigned.
    local out=$work/static-$(basename "$lib" .a)
    "$ZIG" cc -target "x86_64-linux-gnu.$GLIBC_FLOOR" -O1 -I"$inc" -o "$out" "$ROOT/bindings/c/demo/explain.c" "$lib" \
        -lunwind -lpthread -ldl -lm -lrt -lutil
    "$PYTHON" "$ROOT/packaging/elf_glibc.py" --floor "$GLIBC_FLOOR" --expect 1 "$out"
    first 2 "$out" Arklet.InstallBizFailed
}

static_floor_c() {
    mkdir -p "$work/c-static" && tar -xzf "$ctar" -C "$work/c-static"
    local p=$work/c-static/errcat-c-$V-linux-x86_64
    static_floor "$p/lib/liberrcat.a" "$p/include"
}

metadata() {
    "$TWINE" check --strict "$wheel" "$sdist"
    (cd "$ROOT/node" && npm pack --dry-run --json --ignore-scripts 2> /dev/null) > "$work/npm-pack.json"
    "$PYTHON" "$ROOT/packaging/check_metadata.py" --root "$ROOT" --dist "$DIST" --version "$V" --npm-pack "$work/npm-pack.json"
}

install_wheel() {
    norust "$PYTHON" -m venv "$work/venv"
    norust "$work/venv/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps "$wheel"
    mkdir -p "$work/py" && cd "$work/py"
    first 4 norust "$work/venv/bin/python" "$ROOT/python/examples/demo.py"
    norust "$work/venv/bin/python" -c 'import errcat, sys; assert errcat.__version__ == sys.argv[1], errcat.__version__' "$V"
}

install_npm() {
    mkdir -p "$work/npm/app/test/fixtures" && cd "$work/npm/app"
    echo '{"name":"app","version":"1.0.0","private":true}' > package.json
    norust npm install --offline --silent --no-audit --no-fund "$DIST/errcat-$V.tgz"
    [ ! -e node_modules/errcat/target ]
    cp "$ROOT/node/demo.js" . && cp "$ROOT/node/test/fixtures/audit-sample.log" test/fixtures/
    first 4 norust node demo.js
}

install_jar() {
    mkdir -p "$work/java" && cd "$work/java"
    cp "$DIST/errcat-$V.jar" "$ROOT/java/examples/Example.java" .
    norust javac -nowarn --release 8 -Xlint:-options -cp "errcat-$V.jar" Example.java
    first 4 norust java -cp "errcat-$V.jar:." Example
}

# The Kotlin JAR's Maven dependencies (kotlin-stdlib, JNA) from the local repository the build filled.
install_kotlin_jar() {
    local m2=${MAVEN_REPO:-$HOME/.m2/repository} kv jv
    kv=$(sed -n 's|.*<kotlin.version>\(.*\)</kotlin.version>.*|\1|p' "$ROOT/kotlin/pom.xml")
    jv=$(sed -n 's|.*<jna.version>\(.*\)</jna.version>.*|\1|p' "$ROOT/kotlin/pom.xml")
    local cp="$DIST/errcat-kotlin-$V.jar:$m2/org/jetbrains/kotlin/kotlin-stdlib/$kv/kotlin-stdlib-$kv.jar:$m2/net/java/dev/jna/jna/$jv/jna-$jv.jar"
    mkdir -p "$work/kotlin" && cd "$work/kotlin"
    cp "$ROOT/packaging/examples/KotlinExample.java" .
    norust javac -nowarn -cp "$cp" KotlinExample.java
    norust java -cp "$cp:." KotlinExample
}

install_c() {
    mkdir -p "$work/c" && tar -xzf "$ctar" -C "$work/c"
    local p=$work/c/errcat-c-$V-linux-x86_64
    export PKG_CONFIG_PATH=$p/lib/pkgconfig
    [ "$(pkg-config --modversion errcat)" = "$V" ]
    [ "$(readlink "$p/lib/liberrcat.so")" = liberrcat.so.0 ] && [ "$(readlink "$p/lib/liberrcat.so.0")" = "liberrcat.so.$V" ]
    objdump -p "$p/lib/liberrcat.so.$V" | grep -q 'SONAME *liberrcat.so.0'
    cd "$work/c"
    norust cc -std=c11 -Wall -O2 -o explain "$ROOT/bindings/c/demo/explain.c" $(pkg-config --cflags --libs errcat) -Wl,-rpath,"$p/lib"
    readelf -d explain | grep -q 'NEEDED.*liberrcat.so.0'
    first 3 norust ./explain --version v3.5.0 552
    norust cc -std=c11 -O2 -o explain-static "$ROOT/bindings/c/demo/explain.c" $(pkg-config --cflags errcat) \
        "$p/lib/liberrcat.a" $(pkg-config --static --libs-only-l errcat | sed 's/-lerrcat//')
    first 1 norust ./explain-static Arklet.InstallBizFailed
}

go_app() {
    local dir=$1
    mkdir -p "$dir" && cp "$ROOT/packaging/examples/go/main.go" "$dir/"
}

# go/ alone, copied to an empty directory (the files git knows, nothing built), used through a replace.
install_go_bare() {
    mkdir -p "$work/gobare/errcat-src"
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard -- go | xargs -0 -I{} sh -c 'test -f "{}" && cp --parents "{}" "'"$work/gobare/errcat-src"'"')
    go_app "$work/gobare/app"
    cd "$work/gobare/app"
    printf 'module example.com/app\n\ngo 1.22\n\nrequire errcat.dev/errcat v0.0.0\n\nreplace errcat.dev/errcat => ../errcat-src/go\n' > go.mod
    norust env GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOMODCACHE="$work/gomodcache" CGO_ENABLED=1 go build -o app .
    norust ./app "$work/go-export.json"
}

# The Go module's library and header match these sources (behaviour, not bytes).
go_prebuilt_current() {
    local stale="go/internal/prebuilt is stale: run \`make go-prebuilt\` and commit go/internal/prebuilt"
    local cli
    cli=$("$ERRCAT" --version | awk '{print $2}')
    grep -qx "version $cli" <(norust "$work/gobare/app/app") || { echo "$stale (its version differs from errcat $cli)"; return 1; }
    "$ERRCAT" export --format json > "$work/rust-export.json"
    cmp -s "$work/rust-export.json" "$work/go-export.json" || { echo "$stale (its catalog export differs)"; return 1; }
    cmp -s "$ROOT/include/errcat.h" "$ROOT/go/internal/prebuilt/errcat.h" || { echo "$stale (errcat.h differs)"; return 1; }
    echo "version $cli, catalog export ($(wc -c < "$work/go-export.json") bytes) and errcat.h equal the Rust build"
}

# The module as a proxy serves it: `go` fetches dist/goproxy's zip, verifies its layout and builds against it.
install_go_proxy() {
    go_app "$work/goproxy/app"
    cd "$work/goproxy/app"
    printf 'module example.com/app\n\ngo 1.22\n\nrequire errcat.dev/errcat v%s\n' "$V" > go.mod
    norust env GOFLAGS=-mod=mod GOPROXY="file://$DIST/goproxy" GOSUMDB=off GOTOOLCHAIN=local \
        GOMODCACHE="$work/gomodcache-proxy" CGO_ENABLED=1 go build -o app .
    norust ./app
    grep "errcat.dev/errcat v$V" go.sum
}

echo "== packaging: without Rust, PATH=$norust_path"
if env PATH="$norust_path" sh -c 'command -v cargo || command -v rustc'; then
    echo "cargo or rustc is still on the PATH without Rust" >&2
    exit 1
fi

check "glibc floor $GLIBC_FLOOR: every shipped ELF" glibc_floor
check "glibc floor $GLIBC_FLOOR: every ELF the build linked" built_floor
check "auditwheel show: manylinux_2_17_x86_64" auditwheel_agrees
check "static liberrcat.a (C tarball) links against glibc $GLIBC_FLOOR" static_floor_c
check "static liberrcat.a (Go module) links against glibc $GLIBC_FLOOR" static_floor \
    "$ROOT/go/internal/prebuilt/liberrcat_linux_amd64.a" "$ROOT/go/internal/prebuilt"
check "metadata: twine check, npm pack --dry-run, POM fields, versions = $V" metadata
check "wheel: fresh venv, no Rust, python/examples/demo.py" install_wheel
check "npm tarball: empty directory, no Rust, node/demo.js" install_npm
check "JAR: javac/java, no Rust, java/examples/Example.java" install_jar
check "Kotlin JAR: javac/java, no Rust, packaging/examples/KotlinExample.java" install_kotlin_jar
check "C tarball: cc + pkg-config, no Rust, shared and static" install_c
check "Go module: bare copy of go/, GOPROXY=off, no Rust" install_go_bare
check "Go module: committed library is current" go_prebuilt_current
check "Go module: from dist/goproxy as a module proxy, no Rust" install_go_proxy

for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
