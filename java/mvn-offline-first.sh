#!/usr/bin/env bash
# Runs Maven offline, so that once a first run has filled ~/.m2 the build needs no network; when an artifact is
# missing (a fresh machine, a new plugin version) it says so and runs the same command online.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Debian's Maven writes bare colour resets even in batch mode; drop them so logs stay plain text.
plain() { sed -u 's/\x1b\[0m//g'; }
mvn -B -ntp -o "$@" 2>&1 | plain | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ] && grep -q "in offline mode" "$log"; then
    echo "== maven: artifacts missing from ~/.m2, retrying online"
    mvn -B -ntp "$@" 2>&1 | plain
    status=${PIPESTATUS[0]}
fi
exit "$status"
