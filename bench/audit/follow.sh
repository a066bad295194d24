#!/usr/bin/env bash
# Follow-mode ingest rate: how fast `errcat audit --follow` reads a log appended to a followed directory, against
# the native baseline in the same run: `cat` of the same bytes to /dev/null (a `tail -f` reads at best that fast).
# The log is the seeded generator's (testdata/audit/gen_audit_log.py, seed 7). errcat follows an empty service
# directory with --listen on a free loopback port; the whole log is appended to the active file at once (cp, page
# cache warm) and /metrics is polled until errcat_audit_lines_read_total equals the log's line count; the time from
# the append to that moment is the ingest time (it includes the append, up to one poll gap of errcat, 0.25 s at most, and up to one of the script, 0.1 s).
# Best of RUNS. Not part of `make test`.
#
#   bench/audit/follow.sh [SIZE] [RUNS]      SIZE default 512M, RUNS default 3
#   AUDIT_BENCH_DIR=/somewhere               keep and reuse the generated log (default: a temporary directory)
set -euo pipefail

SIZE="${1:-512M}"
RUNS="${2:-3}"
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

best_cat=""
best_follow=""
for _ in $(seq "$RUNS"); do
  cat "$LOG" > /dev/null
  t0=$(now); cat "$LOG" > /dev/null; t1=$(now)
  c=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  [[ -z "$best_cat" ]] || awk -v a="$c" -v b="$best_cat" 'BEGIN { exit !(a < b) }' && best_cat=$c

  svc="$DIR/follow/blobnode"; rm -rf "$DIR/follow"; mkdir -p "$svc"; : > "$svc/0-0"
  "$ERRCAT" audit --follow --interval 10 --listen 127.0.0.1:0 "$svc" > /dev/null 2> "$DIR/follow.err" &
  pid=$!
  for _ in $(seq 100); do grep -q 'http://' "$DIR/follow.err" && break; sleep 0.05; done
  base=$(grep -o 'http://[^ ]*/metrics' "$DIR/follow.err" | head -1)
  t0=$(now)
  cat "$LOG" >> "$svc/0-0"
  until [[ "$(curl -s "$base" | awk '$1 == "errcat_audit_lines_read_total" { print $2 }')" == "$LINES" ]]; do
    sleep 0.1 # a scrape copies the counts under the follower's lock: scraping much more often slows the reading
  done
  t1=$(now)
  kill -TERM "$pid"; wait "$pid" || true
  f=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  [[ -z "$best_follow" ]] || awk -v a="$f" -v b="$best_follow" 'BEGIN { exit !(a < b) }' && best_follow=$f
done
rm -rf "$DIR/follow" "$DIR/follow.err"

echo "input: $LOG, $BYTES bytes, $LINES lines; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS"
awk -v c="$best_cat" -v f="$best_follow" -v bytes="$BYTES" 'BEGIN {
  printf "%-44s %8s %9s\n", "reader", "seconds", "MB/s"
  printf "%-44s %8.3f %9.0f\n", "cat (the same bytes, to /dev/null)", c, bytes / c / 1e6
  printf "%-44s %8.3f %9.0f\n", "errcat audit --follow (append to counted)", f, bytes / f / 1e6
  printf "errcat --follow / cat = %.2f   ingest %.0f MB/s (target >= 500)\n", f / c, bytes / f / 1e6
}'
