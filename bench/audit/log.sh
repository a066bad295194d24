# Sourced by the audit benchmarks (run.sh, follow.sh, cluster.sh): the errcat to time and the seeded log to time it
# on. Reads SIZE; sets ROOT, ERRCAT, DIR, LOG (with LOG.trace, a trace id in it), BYTES, LINES and now().
#   AUDIT_BENCH_DIR=/somewhere   keep (and reuse) the log there; default: a temporary directory, removed on exit
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Default: the shipped CLI of `make cli` (the zig-linked release build).
ERRCAT="${ERRCAT:-$(make -s -C "$ROOT" print-errcat)}"
DIR="${AUDIT_BENCH_DIR:-$(mktemp -d)}"
[[ -n "${AUDIT_BENCH_DIR:-}" ]] || trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR"
LOG="$DIR/audit-$SIZE-seed7.log"
[[ -x "$ERRCAT" ]] || make -s -C "$ROOT" cli >&2
if [[ ! -s "$LOG" || ! -s "$LOG.trace" ]]; then
  echo "generating $SIZE of audit log (seed 7) into $LOG (about 15 s per 100 MB) ..." >&2
  python3 "$ROOT/testdata/audit/gen_audit_log.py" --bytes "$SIZE" --seed 7 --out "$LOG.tmp" --trace-out "$LOG.trace"
  mv "$LOG.tmp" "$LOG"
fi
BYTES=$(stat -c %s "$LOG")
LINES=$(wc -l < "$LOG")
now() { date +%s.%N; }

# RUNS rounds of every tool in TOOLS, in turn (so that a load spike hurts them alike), each through the caller's
# `run TOOL` with the page cache warmed first; BEST[tool] is its best wall time, CPU[tool] that run's user + sys
# seconds (the machine may be shared, so wall time alone can mislead).
declare -A BEST CPU
interleaved_rounds() {
  local TIMEFORMAT='%R %U %S' t wall user sys
  for _ in $(seq "$RUNS"); do
    for t in "${TOOLS[@]}"; do
      cat "$LOG" > /dev/null
      read -r wall user sys < <({ time run "$t" > /dev/null; } 2>&1)
      if [[ -z "${BEST[$t]:-}" ]] || awk -v a="$wall" -v b="${BEST[$t]}" 'BEGIN { exit !(a < b) }'; then
        BEST[$t]=$wall
        CPU[$t]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      fi
    done
  done
}
