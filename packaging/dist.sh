#!/usr/bin/env bash
# Assembles dist/ from the release builds (mk/90-dist.mk calls it with the paths below; it builds nothing with
# cargo): every distributable, then SHA256SUMS over all of them.
#
#   errcat-$V.jar, -sources.jar, -javadoc.jar, .pom       Maven: io.errcat:errcat
#   errcat-kotlin-$V.jar, .pom                            Maven: io.errcat:errcat-kotlin
#   errcat-$V-cp39-abi3-manylinux...whl, errcat-$V.tar.gz the wheel and the sdist
#   errcat-$V.tgz                                         npm
#   errcat-c-$V-linux-x86_64.tar.gz                       header, liberrcat.so (+ soname links), liberrcat.a, errcat.pc
#   errcat-cli-$V-x86_64-unknown-linux-gnu.tar.gz         bin/errcat, man page, bash/zsh/fish completions
#   goproxy/errcat.dev/errcat/@v/v$V.{zip,mod,info},list  the Go module as a module proxy serves it
set -euo pipefail
: "${ROOT:?}" "${VERSION:?}" "${NATIVE_DIR:?}" "${DIST:?}" "${ERRCAT:?}" "${JAVA_TARGET:?}" "${KOTLIN_TARGET:?}"
: "${PY_WHEEL:?}" "${PY_SDIST:?}" "${NODE_TGZ:?}"
V=$VERSION
PY_WHEEL=$(compgen -G "$PY_WHEEL" | head -1) || { echo "dist: no wheel $PY_WHEEL" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf "$DIST"
mkdir -p "$DIST"

# Maven artefacts, each with its POM (as a repository holds them).
for f in errcat-$V.jar errcat-$V-sources.jar errcat-$V-javadoc.jar; do
    install -m 644 "$JAVA_TARGET/$f" "$DIST/$f"
done
install -m 644 "$ROOT/java/pom.xml" "$DIST/errcat-$V.pom"
install -m 644 "$KOTLIN_TARGET/errcat-kotlin-$V.jar" "$DIST/errcat-kotlin-$V.jar"
install -m 644 "$ROOT/kotlin/pom.xml" "$DIST/errcat-kotlin-$V.pom"

# Python and npm come packed by their own tools.
install -m 644 "$PY_WHEEL" "$PY_SDIST" "$NODE_TGZ" "$DIST/"

# C: a relocatable prefix (errcat.pc finds itself through ${pcfiledir}).
c=$work/errcat-c-$V-linux-x86_64
install -d "$c/include" "$c/lib/pkgconfig"
install -m 644 "$ROOT/include/errcat.h" "$c/include/"
# The static library without the Rust standard library's debug info (as the Go module carries it).
strip --strip-debug --enable-deterministic-archives -o "$c/lib/liberrcat.a" "$NATIVE_DIR/liberrcat.a"
install -m 755 "$NATIVE_DIR/liberrcat.so" "$c/lib/liberrcat.so.$V"
ln -s "liberrcat.so.$V" "$c/lib/liberrcat.so.0"
ln -s liberrcat.so.0 "$c/lib/liberrcat.so"
sed -e 's|^prefix=@PREFIX@|prefix=${pcfiledir}/../..|' -e "s|@VERSION@|$V|" "$ROOT/errcat.pc.in" > "$c/lib/pkgconfig/errcat.pc"
install -m 644 "$ROOT/LICENSE" "$c/"
cat > "$c/README" <<EOF
errcat $V: the C library for linux-x86_64 (glibc 2.17 or newer).

  include/errcat.h        the API
  lib/liberrcat.so.$V     shared library, soname liberrcat.so.0 (with the liberrcat.so.0 and liberrcat.so links)
  lib/liberrcat.a         static library (the Rust standard library inside)
  lib/pkgconfig/errcat.pc relocatable: it finds this directory wherever it is unpacked

  export PKG_CONFIG_PATH=\$PWD/lib/pkgconfig
  cc app.c \$(pkg-config --cflags --libs errcat) -Wl,-rpath,\$PWD/lib
  cc app.c \$(pkg-config --cflags errcat) lib/liberrcat.a \$(pkg-config --static --libs-only-l errcat | sed 's/-lerrcat//')
EOF

# The CLI with its man page and shell completions.
cli=$work/errcat-cli-$V-x86_64-unknown-linux-gnu
install -d "$cli/bin" "$cli/share/man/man1" "$cli/share/bash-completion/completions" \
    "$cli/share/zsh/site-functions" "$cli/share/fish/vendor_completions.d"
install -m 755 "$ERRCAT" "$cli/bin/errcat"
"$ERRCAT" manpage > "$cli/share/man/man1/errcat.1"
"$ERRCAT" completions bash > "$cli/share/bash-completion/completions/errcat"
"$ERRCAT" completions zsh > "$cli/share/zsh/site-functions/_errcat"
"$ERRCAT" completions fish > "$cli/share/fish/vendor_completions.d/errcat.fish"
install -m 644 "$ROOT/LICENSE" "$cli/"

# Reproducible tarballs: sorted, fixed owner and time.
for d in "$c" "$cli"; do
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -czf "$DIST/$(basename "$d").tar.gz" "$(basename "$d")"
done

# Go: the module directory as committed (tracked and new files, nothing ignored), zipped by golang.org/x/mod/zip.
g=$work/go
mkdir -p "$g"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard -- go | xargs -0 -I{} sh -c 'test -f "{}" && cp --parents "{}" "'"$work"'"')
(cd "$ROOT/packaging/gomodzip" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go run . -dir "$g" -version "v$V" -out "$DIST/goproxy")

(cd "$DIST" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "dist: $(wc -l < "$DIST/SHA256SUMS") files in $DIST"
(cd "$DIST" && ls -l --time-style=+ . goproxy/*/*/@v | sed 's/^/  /')
