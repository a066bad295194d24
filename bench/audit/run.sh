#!/usr/bin/env bash
# errcat audit against the native baselines on the same generated audit log, in the same run:
#   wc -l                                 (the floor: just find the newlines)
#   awk -F'\t' '{c[$2" "$8]++}'           (what operators do today: count per (service, code))
#   python3 (split on TAB, Counter)       (the obvious script)
#   errcat audit --format json            (the full report: codes, apis, latency percentiles, unknown codes, the
#                                          timeline, the entities, the Trace-Log stages)
#   errcat audit --code 999               (the same read and parse of every line, with a code filter that no
#                                          generated line passes: what is left of 2x wc -l for the analysis)
#   errcat-base audit --format json       (optional: the report as it was before, built from AUDIT_BENCH_BASE)
#   grep -F ID > file                     (the floor of finding one trace id)
#   errcat audit trace ID                 (every line of that id, parsed, in time order)
# The log is made by the seeded generator testdata/audit/gen_audit_log.py (every service, request trees with shared
# trace ids, Trace-Log items, skewed entities and a failing disk; seed 7) in a temporary directory; ID is the trace
# id of an Access request that hit the failing disk. The page cache is warmed before every timed run; the tools run
# in interleaved rounds (wc, awk, python, errcat, ...) so that a load spike hurts them alike, and each keeps its best
# wall time of RUNS. errcat's (service, code) counts are checked against awk's, the trace's lines against grep's.
# Not part of `make test`.
#
#   bench/audit/run.sh [SIZE] [RUNS]     SIZE default 512M (generator syntax: 64M, 1G), RUNS default 5
#   make bench-audit AUDIT_BENCH_SIZE=64M AUDIT_BENCH_RUNS=3      the same through make (quick run)
#   AUDIT_BENCH_DIR=/somewhere bench/audit/run.sh   keep the log (and the base build) there and reuse them
#   AUDIT_BENCH_BASE=dfa0fc3 bench/audit/run.sh     also time the report of that commit (git archive + cargo build
#                                         --release into $AUDIT_BENCH_DIR/base-REV; or ERRCAT_BASE=/path/to/errcat)
#   AWK=nawk bench/audit/run.sh           time another awk (default: the system awk; mawk is the fastest common one)
set -euo pipefail

SIZE="${1:-512M}"
RUNS="${2:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"
ID="$(cat "$LOG.trace")"

BASE="${ERRCAT_BASE:-}"
if [[ -z "$BASE" && -n "${AUDIT_BENCH_BASE:-}" ]]; then
  REV="$(cd "$ROOT" && git rev-parse --short "$AUDIT_BENCH_BASE")"
  SRC="$DIR/base-$REV"
  BASE="$SRC/target/release/errcat"
  if [[ ! -x "$BASE" ]]; then
    echo "building errcat at $REV into $SRC (a few minutes) ..." >&2
    mkdir -p "$SRC"
    (cd "$ROOT" && git archive "$REV") | tar -x -C "$SRC"
    (cd "$SRC" && CARGO_TARGET_DIR="$SRC/target" cargo build --release -q -p errcat-cli)
  fi
fi

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
    parse) "$ERRCAT" audit --format json --code 999 "$LOG" ;;
    base) "$BASE" audit --format json "$LOG" ;;
    # To a file: GNU grep stops at the first match when its output is /dev/null.
    grep) grep -F "$ID" "$LOG" > "$DIR/grep.out" ;;
    trace) "$ERRCAT" audit trace "$ID" "$LOG" ;;
  esac
}
TOOLS=(wc awk python errcat parse grep trace)
[[ -n "$BASE" ]] && TOOLS+=(base)
interleaved_rounds

# Sanity: errcat's (service, code) counts equal awk's; the trace has every line grep finds.
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
HOPS=$("$ERRCAT" audit trace --format json "$ID" "$LOG" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["hops"]))')
GREP=$(grep -cF "$ID" "$LOG")
if [[ "$HOPS" != "$GREP" ]]; then
  echo "trace $ID: errcat found $HOPS lines, grep -F $GREP" >&2
  exit 1
fi
CHECK="$CHECK; trace $ID: $HOPS lines = grep -F's"
MATCHED=$("$ERRCAT" audit --format json --code 999 "$LOG" | python3 -c 'import json, sys; print(json.load(sys.stdin)["matched"])')
if [[ "$MATCHED" != 0 ]]; then
  echo "--code 999 matched $MATCHED lines: the parse-only row would include analysis" >&2
  exit 1
fi

echo "input: $LOG, $BYTES bytes, $LINES lines; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS interleaved runs, page cache warm"
echo "$CHECK"
row() { # name tool
  awk -v name="$1" -v s="${BEST[$2]}" -v c="${CPU[$2]}" -v bytes="$BYTES" -v e="${BEST[errcat]}" 'BEGIN {
    printf "%-40s %8.3f %9.0f %8s %10.2fx\n", name, s, bytes / s / 1e6, c, s / e }'
}
printf "%-40s %8s %9s %8s %11s\n" "tool" "seconds" "MB/s" "CPU s*" "vs errcat"
row "wc -l" wc
row "$AWK_NAME -F\\t {c[\$2\" \"\$8]++}" awk
row "python3 split + Counter" python
[[ -n "$BASE" ]] && row "errcat audit (before: ${AUDIT_BENCH_BASE:-$BASE})" base
row "errcat audit --format json" errcat
row "errcat audit --code 999 (parse only)" parse
row "grep -F ID" grep
row "errcat audit trace ID" trace
echo "* user + sys seconds of the best run (errcat uses all cores: CPU can exceed wall time)"
awk -v wc="${BEST[wc]}" -v awk_="${BEST[awk]}" -v py="${BEST[python]}" -v e="${BEST[errcat]}" \
    -v g="${BEST[grep]}" -v t="${BEST[trace]}" -v b="${BEST[base]:-0}" -v p="${BEST[parse]}" \
    -v ce="${CPU[errcat]}" -v cb="${CPU[base]:-0}" 'BEGIN {
  printf "errcat / wc -l = %.2f (target <= 2)   awk / errcat = %.1f   python / errcat = %.1f\n", e / wc, awk_ / e, py / e
  printf "the analysis (errcat - parse only) = %.3f s; what 2x wc -l leaves it (2 wc - parse) = %.3f s\n", e - p, 2 * wc - p
  if (b > 0) printf "errcat / before = %.2f wall, %.2f CPU (target <= 1.3)\n", e / b, (cb > 0 ? ce / cb : 0)
  printf "trace / grep -F = %.2f (target <= 1.5)\n", t / g
}'
