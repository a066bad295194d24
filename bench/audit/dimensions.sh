#!/usr/bin/env bash
# What each incident dimension of the one-shot report costs, against wc -l, in the same run: the report of a build
# with skip-dimensions.patch applied (ERRCAT_BENCH_SKIP bits: 1 entities, 2 Trace-Log, 4 timeline), with nothing,
# each dimension, and all three skipped; the shipped report; and `--code 999` (every line read and parsed, none
# counted: what 2x wc -l leaves the analysis). The patched build is a throwaway (git archive of HEAD + the patch,
# cargo build --release into the bench directory, reused per commit); it is never shipped. Not part of `make test`.
#
#   bench/audit/dimensions.sh [SIZE] [RUNS]    SIZE default 512M, RUNS default 7
#   AUDIT_BENCH_DIR=/somewhere bench/audit/dimensions.sh   keep the log and the build there and reuse them
set -euo pipefail

SIZE="${1:-512M}"
RUNS="${2:-7}"
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

REV="$(cd "$ROOT" && git rev-parse --short HEAD)"
SRC="$DIR/dimensions-$REV"
SKIPPING="$SRC/target/release/errcat"
if [[ ! -x "$SKIPPING" ]]; then
  echo "building errcat at $REV with skip-dimensions.patch into $SRC (a few minutes) ..." >&2
  rm -rf "$SRC" && mkdir -p "$SRC"
  (cd "$ROOT" && git archive "$REV") | tar -x -C "$SRC"
  (cd "$SRC" && git apply bench/audit/skip-dimensions.patch) ||
    { echo "skip-dimensions.patch no longer applies to audit/src/stats/request.rs: update it" >&2; exit 1; }
  (cd "$SRC" && CARGO_TARGET_DIR="$SRC/target" cargo build --release -q -p errcat-cli)
fi

run() {
  case "$1" in
    wc) wc -l "$LOG" ;;
    shipped) "$ERRCAT" audit --format json "$LOG" ;;
    parse) "$ERRCAT" audit --format json --code 999 "$LOG" ;;
    skip*) ERRCAT_BENCH_SKIP="${1#skip}" "$SKIPPING" audit --format json "$LOG" ;;
  esac
}
TOOLS=(wc shipped parse skip0 skip1 skip2 skip4 skip7)
interleaved_rounds

echo "input: $LOG, $BYTES bytes, $LINES lines; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS interleaved runs, page cache warm"
printf "%-46s %8s %8s %9s\n" "report" "seconds" "CPU s" "vs wc -l"
row() { # name tool
  awk -v name="$1" -v s="${BEST[$2]}" -v c="${CPU[$2]}" -v wc="${BEST[wc]}" 'BEGIN {
    printf "%-46s %8.3f %8s %8.2fx\n", name, s, c, s / wc }'
}
row "wc -l" wc
row "errcat audit --format json (shipped)" shipped
row "errcat audit --code 999 (read and parse only)" parse
row "patched, nothing skipped" skip0
row "patched, entities skipped" skip1
row "patched, Trace-Log skipped" skip2
row "patched, timeline skipped" skip4
row "patched, all three skipped" skip7
awk -v wc="${BEST[wc]}" -v p="${BEST[parse]}" -v s0="${BEST[skip0]}" -v s1="${BEST[skip1]}" \
    -v s2="${BEST[skip2]}" -v s4="${BEST[skip4]}" -v s7="${BEST[skip7]}" 'BEGIN {
  printf "what each costs (s): entities %.3f, Trace-Log %.3f, timeline %.3f, all three %.3f\n", s0 - s1, s0 - s2, s0 - s4, s0 - s7
  printf "2x wc -l leaves the analysis %.3f s; the report without the three dimensions analyses for %.3f s\n", 2 * wc - p, s7 - p
}'
