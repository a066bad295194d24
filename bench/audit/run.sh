#!/usr/bin/env bash
# errcat audit against the native baselines on the same generated audit log, in the same run:
#   wc -l                                 (the floor: just find the newlines)
#   awk -F'\t' '{c[$2" "$8]++}'           (what operators do today: count per (service, code))
#   python3 (split on TAB, Counter)       (the obvious script)
#   errcat audit --format json            (the full report: codes, apis, latency percentiles, unknown codes, ...)
# The log is made by the seeded generator testdata/audit/gen_audit_log.py (every service, realistic headers and
# code mix, seed 7) in a temporary directory. The page cache is warmed before every timed run; the tools run in
# interleaved rounds (wc, awk, python, errcat, wc, ...) so that a load spike hurts them alike, and each keeps its
# best wall time of RUNS. errcat's (service, code) counts are checked against awk's. Not part of `make test`.
#
#   bench/audit/run.sh [SIZE] [RUNS]     SIZE default 512M (generator syntax: 64M, 1G), RUNS default 5
#   make bench-audit AUDIT_BENCH_SIZE=64M AUDIT_BENCH_RUNS=3      the same through make (quick run)
#   AUDIT_BENCH_DIR=/somewhere bench/audit/run.sh   keep the log there and reuse it (default: a temp dir, removed)
#   AWK=nawk bench/audit/run.sh           time another awk (default: the system awk; mawk is the fastest common one)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZE="${1:-512M}"
RUNS="${2:-5}"
ERRCAT="${ERRCAT:-$ROOT/target/release/errcat}"
DIR="${AUDIT_BENCH_DIR:-$(mktemp -d)}"
[[ -n "${AUDIT_BENCH_DIR:-}" ]] || trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR"
LOG="$DIR/audit-$SIZE-seed7.log"

if [[ ! -x "$ERRCAT" ]]; then
  (cd "$ROOT" && cargo build --release -q -p errcat-cli)
fi
if [[ ! -s "$LOG" ]]; then
  echo "generating $SIZE of audit log (seed 7) into $LOG (about 10 s per 100 MB) ..." >&2
  python3 "$ROOT/testdata/audit/gen_audit_log.py" --bytes "$SIZE" --seed 7 --out "$LOG.tmp"
  mv "$LOG.tmp" "$LOG"
fi
BYTES=$(stat -c %s "$LOG")
LINES=$(wc -l < "$LOG")

PY='import sys, collections
c = collections.Counter()
with open(sys.argv[1], "rb") as f:
    for line in f:
        p = line.split(b"\t")
        if len(p) > 7:
            c[(p[1], p[7])] += 1
print(len(c))'

AWK="$(command -v "${AWK:-awk}")" # AWK=gawk/nawk to time another awk
AWK_NAME="$(basename "$(readlink -f "$AWK")")"
run() {
  case "$1" in
    wc) wc -l "$LOG" ;;
    awk) "$AWK" -F'\t' '{c[$2" "$8]++}' "$LOG" ;;
    python) python3 -c "$PY" "$LOG" ;;
    errcat) "$ERRCAT" audit --format json "$LOG" ;;
  esac
}
TOOLS=(wc awk python errcat)
declare -A BEST CPU
TIMEFORMAT='%R %U %S'
for _ in $(seq "$RUNS"); do
  for t in "${TOOLS[@]}"; do
    cat "$LOG" > /dev/null # page cache warm for every run
    read -r wall user sys < <({ time run "$t" > /dev/null; } 2>&1)
    if [[ -z "${BEST[$t]:-}" ]] || awk -v a="$wall" -v b="${BEST[$t]}" 'BEGIN { exit !(a < b) }'; then
      BEST[$t]=$wall
      # CPU seconds (user + sys) of that run: the machine may be shared, so wall time alone can mislead.
      CPU[$t]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    fi
  done
done

# Sanity: errcat's (service, code) counts equal awk's.
SUM='import json, sys, collections
c = collections.Counter()
for s in json.load(sys.stdin)["series"]:
    c[(s["service"], s["code"])] += s["count"]
for (svc, code), n in c.items():
    print(svc, code, n)'
if diff <("$AWK" -F'\t' '{c[$2" "$8]++} END {for (k in c) print k, c[k]}' "$LOG" | sort) \
        <("$ERRCAT" audit --format json "$LOG" | python3 -c "$SUM" | sort) > /dev/null; then
  CHECK="counts per (service, code): errcat = awk"
else
  echo "counts per (service, code) DIFFER between errcat and awk" >&2
  exit 1
fi

echo "input: $LOG, $BYTES bytes, $LINES lines; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS interleaved runs, page cache warm"
echo "$CHECK"
awk -v wc="${BEST[wc]}" -v awk_="${BEST[awk]}" -v py="${BEST[python]}" -v e="${BEST[errcat]}" -v bytes="$BYTES" \
    -v cwc="${CPU[wc]}" -v cawk="${CPU[awk]}" -v cpy="${CPU[python]}" -v ce="${CPU[errcat]}" -v awkname="$AWK_NAME" 'BEGIN {
  printf "%-38s %8s %9s %10s %12s\n", "tool", "seconds", "MB/s", "CPU s*", "vs errcat"
  printf "%-38s %8.3f %9.0f %10s %11.2fx\n", "wc -l", wc, bytes / wc / 1e6, cwc, wc / e
  printf "%-38s %8.3f %9.0f %10s %11.2fx\n", awkname " -F\\t {c[$2\" \"$8]++}", awk_, bytes / awk_ / 1e6, cawk, awk_ / e
  printf "%-38s %8.3f %9.0f %10s %11.2fx\n", "python3 split + Counter", py, bytes / py / 1e6, cpy, py / e
  printf "%-38s %8.3f %9.0f %10s %11.2fx\n", "errcat audit --format json", e, bytes / e / 1e6, ce, 1
  printf "* user + sys seconds of the best run (errcat uses all cores: CPU can exceed wall time)\n"
  printf "errcat / wc -l = %.2f (target <= 2)   awk / errcat = %.1f (target >= 5)   python / errcat = %.1f\n", e / wc, awk_ / e, py / e
}'
