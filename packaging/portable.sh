#!/usr/bin/env bash
# `make test-portable`: the packages on an older system. Builds (once, then reused) a Debian 11 "bullseye" root with
# debootstrap from Debian's packages in $PORTABLE_ROOT (glibc 2.31, OpenJDK 17, Python 3.9, gcc 10), and inside it:
#   - runs java/examples/Example.java against dist/errcat-$V.jar with that root's java;
#   - installs the dist/ wheel into a fresh venv of that root's Python 3.9 and runs python/examples/demo.py;
#   - installs the C tarball into /usr/local, compiles bindings/c/demo/explain.c there with that root's gcc and
#     pkg-config, and runs it against the installed liberrcat.so;
#   - runs the CLI from its tarball.
# Needs root (debootstrap, chroot, mounting /proc). Ends with "portable: N passed, N failed".
set -uo pipefail
: "${ROOT:?}" "${VERSION:?}" "${DIST:?}" "${PORTABLE_ROOT:?}"
V=$VERSION
R=$PORTABLE_ROOT
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=openjdk-17-jre-headless,python3,python3-venv,gcc,libc6-dev,pkg-config
STAMP=$R/.errcat-root-$(echo "$MIRROR $PACKAGES" | sha256sum | cut -c1-12)

if [ "$(id -u)" != 0 ]; then
    echo "test-portable: needs root (debootstrap, chroot)" >&2
    exit 1
fi
command -v debootstrap > /dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap > /dev/null
}

start=$(date +%s)
if [ ! -e "$STAMP" ]; then
    echo "== portable: debootstrap bullseye into $R ($PACKAGES)"
    rm -rf "$R" && mkdir -p "$R"
    debootstrap --variant=minbase --include="$PACKAGES" bullseye "$R" "$MIRROR" > "$R.log" 2>&1 || {
        tail -30 "$R.log"
        exit 1
    }
    touch "$STAMP"
    echo "   root built in $(($(date +%s) - start)) s"
else
    echo "== portable: reusing the Debian 11 root in $R"
fi

mounted=""
cleanup() {
    [ -n "$mounted" ] && umount "$R/proc" 2> /dev/null
    rm -rf "$R/work"
}
trap cleanup EXIT
mount -t proc proc "$R/proc" && mounted=1
rm -rf "$R/work" && mkdir -p "$R/work"
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 /bin/sh -ec "$1"; }

echo "== portable: $(in_root 'ldd --version | head -1'); $(in_root 'java -version 2>&1 | head -1'); $(in_root 'python3 --version')"

passed=0
failed=0
check() {
    echo "== portable: $1"
    if in_root "$2" > "$R/work/out" 2>&1; then
        sed 's/^/   /' "$R/work/out"
        passed=$((passed + 1))
    else
        sed 's/^/   /' "$R/work/out"
        echo "   FAILED: $1"
        failed=$((failed + 1))
    fi
}

# The example compiles here (javac --release 8); the JAR and the class run on the root's JDK 17.
mkdir -p "$R/work/java" && cp "$DIST/errcat-$V.jar" "$ROOT/java/examples/Example.java" "$R/work/java/"
javac -nowarn --release 8 -Xlint:-options -cp "$R/work/java/errcat-$V.jar" -d "$R/work/java" "$R/work/java/Example.java"
check "JAR: java/examples/Example.java on OpenJDK 17, glibc 2.31" \
    "cd /work/java && java -cp errcat-$V.jar:. Example"

cp "$DIST"/errcat-"$V"-*.whl "$ROOT/python/examples/demo.py" "$R/work/"
check "wheel: a fresh venv of Python 3.9, python/examples/demo.py" \
    "python3 -m venv /work/venv && /work/venv/bin/pip install -q --disable-pip-version-check --no-index /work/errcat-$V-*.whl \
     && cd /work && /work/venv/bin/python demo.py"

mkdir -p "$R/work/c" && tar -xzf "$DIST/errcat-c-$V-linux-x86_64.tar.gz" -C "$R/work/c"
cp "$ROOT/bindings/c/demo/explain.c" "$R/work/c/"
check "C: the tarball installed in /usr/local, explain.c with gcc + pkg-config against liberrcat.so" \
    "cd /work/c/errcat-c-$V-linux-x86_64 && cp -a include/. /usr/local/include/ && cp -a lib/. /usr/local/lib/ \
     && sed -i 's|^prefix=.*|prefix=/usr/local|' /usr/local/lib/pkgconfig/errcat.pc && ldconfig \
     && cd /work/c && gcc -std=c11 -O2 -o explain explain.c \$(pkg-config --cflags --libs errcat) \
     && ldd ./explain | grep liberrcat && ./explain Arklet.InstallBizFailed && ./explain --version v3.5.0 552"

mkdir -p "$R/work/cli" && tar -xzf "$DIST/errcat-cli-$V-x86_64-unknown-linux-gnu.tar.gz" -C "$R/work/cli"
check "CLI: the tarball's errcat" "/work/cli/errcat-cli-$V-x86_64-unknown-linux-gnu/bin/errcat explain --version v3.5.0 552"

echo "portable: $passed passed, $failed failed (in $(($(date +%s) - start)) s)"
[ "$failed" -eq 0 ]
