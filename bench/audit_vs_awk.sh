#!/usr/bin/env bash
# errcat audit against the native baselines on the same generated audit log, in the same run:
#   wc -l                                 (the floor: just find the newlines)
#   awk -F'\t' '{c[$2" "$8]++}'           (what operators do today: count per (service, code))
#   python3 (split on TAB, Counter)       (the obvious script)
#   errcat audit --format json            (the full report: codes, apis, latency percentiles, unknown codes, ...)
# Each is timed best-of-N on a warm page cache; ratios are printed. Not part of `make test`.
#
#   bench/audit_vs_awk.sh [SIZE] [RUNS]     SIZE default 200M (generator syntax: 512M, 1G), RUNS default 3
#   AUDIT_BENCH_DIR=/somewhere bench/audit_vs_awk.sh   where the log goes (default: a temp dir, removed after)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE="${1:-200M}"
RUNS="${2:-3}"
ERRCAT="${ERRCAT:-$ROOT/target/release/errcat}"
DIR="${AUDIT_BENCH_DIR:-$(mktemp -d)}"
[[ -n "${AUDIT_BENCH_DIR:-}" ]] || trap 'rm -rf "$DIR"' EXIT
LOG="$DIR/audit-$SIZE.log"

if [[ ! -x "$ERRCAT" ]]; then
  (cd "$ROOT" && cargo build --release -q -p errcat-cli)
fi
if [[ ! -s "$LOG" ]]; then
  echo "generating $SIZE of audit log (seed 7) into $LOG ..." >&2
  python3 "$ROOT/testdata/audit/gen_audit_log.py" --bytes "$SIZE" --seed 7 --out "$LOG"
fi
BYTES=$(stat -c %s "$LOG")
LINES=$(wc -l < "$LOG")
cat "$LOG" > /dev/null # warm the page cache

PY='import sys, collections
c = collections.Counter()
with open(sys.argv[1], "rb") as f:
    for line in f:
        p = line.split(b"\t")
        if len(p) > 7:
            c[(p[1], p[7])] += 1
print(len(c))'

# best-of-RUNS wall time in seconds of "$@" (output discarded)
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.3f", best }')
  done
  echo "$best"
}

echo "input: $LOG, $BYTES bytes, $LINES lines; $(nproc) cores; best of $RUNS runs"
T_WC=$(best wc -l "$LOG")
T_AWK=$(best awk -F'\t' '{c[$2" "$8]++} END {for (k in c) print k, c[k]}' "$LOG")
T_PY=$(best python3 -c "$PY" "$LOG")
T_ERRCAT=$(best "$ERRCAT" audit --format json "$LOG")

# Sanity: errcat's (service, code) counts equal awk's.
SUM='import json, sys, collections
c = collections.Counter()
for s in json.load(sys.stdin)["series"]:
    c[(s["service"], s["code"])] += s["count"]
for (svc, code), n in c.items():
    print(svc, code, n)'
if diff <(awk -F'\t' '{c[$2" "$8]++} END {for (k in c) print k, c[k]}' "$LOG" | sort) \
        <("$ERRCAT" audit --format json "$LOG" | python3 -c "$SUM" | sort) > /dev/null; then
  echo "counts per (service, code): errcat = awk"
else
  echo "counts per (service, code) DIFFER between errcat and awk" >&2
  exit 1
fi
# CPU seconds (user + sys) of one run each: the machine may be shared, so wall time alone can mislead.
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f", $1 + $2}'; }
echo "CPU seconds (user+sys): wc $(cpu wc -l "$LOG"), awk $(cpu awk -F'\t' '{c[$2" "$8]++}' "$LOG"), python $(cpu python3 -c "$PY" "$LOG"), errcat $(cpu "$ERRCAT" audit --format json "$LOG")"

awk -v wc="$T_WC" -v awk_="$T_AWK" -v py="$T_PY" -v e="$T_ERRCAT" -v bytes="$BYTES" 'BEGIN {
  printf "%-34s %8s %10s %12s\n", "tool", "seconds", "MB/s", "vs errcat"
  printf "%-34s %8.3f %10.0f %11.2fx\n", "wc -l", wc, bytes / wc / 1e6, wc / e
  printf "%-34s %8.3f %10.0f %11.2fx\n", "awk -F\\t {c[$2\" \"$8]++}", awk_, bytes / awk_ / 1e6, awk_ / e
  printf "%-34s %8.3f %10.0f %11.2fx\n", "python3 split + Counter", py, bytes / py / 1e6, py / e
  printf "%-34s %8.3f %10.0f %11.2fx\n", "errcat audit --format json", e, bytes / e / 1e6, 1
  printf "errcat / wc -l = %.2f (target <= 2)   awk / errcat = %.1f (target >= 5)   python / errcat = %.1f\n", e / wc, awk_ / e, py / e
}'
