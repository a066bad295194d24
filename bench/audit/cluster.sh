#!/usr/bin/env bash
# Partial reports and the HTML report (issue 17), in one run on the same generated 512 MiB log (seed 7, as run.sh):
#   errcat audit --format json     against   errcat audit --format partial      (writing a partial: <= 1.1x)
#   errcat audit merge of 100 partials (the log cut into 100 files, one partial each; < 1 s), and the merged
#                                  report checked equal to one pass over the 100 files (but for entity summaries
#                                  that dropped entities: exact only while nothing is dropped)
#   errcat audit --format html     its size (< 2 MB) and the time headless Chromium takes to load and paint it
#                                  (< 2 s), with the page's own checks (audit/browser/check_report.mjs)
# Best wall time of RUNS each, interleaved, page cache warm. Not part of `make test`.
#
#   bench/audit/cluster.sh [SIZE] [RUNS]      SIZE default 512M, RUNS default 5
#   AUDIT_BENCH_DIR=/somewhere bench/audit/cluster.sh    keep (and reuse) the log and the partials there
set -euo pipefail

SIZE="${1:-512M}"
RUNS="${2:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/log.sh"

best() { # best NAME CMD...: the best wall time of RUNS, into BEST[NAME]
  local name=$1; shift
  local t0 t1 d
  t0=$(now); "$@" >/dev/null; t1=$(now)
  d=$(echo "$t1 - $t0" | bc)
  if [[ -z "${BEST[$name]:-}" ]] || (( $(echo "$d < ${BEST[$name]}" | bc) )); then BEST[$name]=$d; fi
}
declare -A BEST
cat "$LOG" > /dev/null

# 100 pieces of the log, one partial each (made once).
PIECES="$DIR/pieces-$SIZE"
if [[ ! -s "$PIECES/done" ]]; then
  rm -rf "$PIECES" && mkdir -p "$PIECES/logs" "$PIECES/partials"
  split -n l/100 -d -a 3 --additional-suffix=.log "$LOG" "$PIECES/logs/p"
  for f in "$PIECES"/logs/*.log; do
    "$ERRCAT" audit --format partial -o "$PIECES/partials/$(basename "$f" .log).partial" "$f"
  done
  echo ok > "$PIECES/done"
fi
"$ERRCAT" audit merge --format json "$PIECES"/partials/*.partial > "$DIR/merged.json"
"$ERRCAT" audit --format json "$PIECES"/logs/*.log > "$DIR/one.json"
# Equal but for the entity summaries that dropped entities (their merge is exact only while nothing was dropped).
python3 - "$DIR/merged.json" "$DIR/one.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
differ = [k for k in a if a[k] != b[k] and k != "entities"]
bounds = a["entities"]["summary"]["bounds"]
inexact = {(x["service"], x["kind"]) for x in bounds if not x["exact"]}
same = all(
    [e for e in a["entities"][kind] if (e["service"], kind) not in inexact]
    == [e for e in b["entities"][kind] if (e["service"], kind) not in inexact]
    for kind in ("disk", "vuid", "bid", "volume", "host", "client")
)
print(f"merged report of 100 partials vs one pass over the 100 files: {'equal' if not differ and same else 'DIFFERENT: ' + ', '.join(differ)}"
      f" (not compared: the entity summaries that dropped entities, exact only while nothing is dropped: {sorted(inexact)})")
sys.exit(1 if differ or not same else 0)
PY

for ((r = 0; r < RUNS; r++)); do
  best json "$ERRCAT" audit --format json -o "$DIR/r.json" "$LOG"
  best partial "$ERRCAT" audit --format partial -o "$DIR/r.partial" "$LOG"
  best html "$ERRCAT" audit --format html -o "$DIR/r.html" "$LOG"
  best merge "$ERRCAT" audit merge --format json -o "$DIR/m.json" "$PIECES"/partials/*.partial
done
PSIZE=$(stat -c %s "$DIR/r.partial")
PSUM=$(cat "$PIECES"/partials/*.partial | wc -c)
HSIZE=$(stat -c %s "$DIR/r.html")
"$ERRCAT" audit --format json -o "$DIR/r.json" "$LOG"
echo
echo "log: $BYTES bytes; best of $RUNS"
printf '  %-44s %8.3f s\n' "errcat audit --format json" "${BEST[json]}"
printf '  %-44s %8.3f s   %.3fx the JSON report (target <= 1.1x); %d bytes\n' "errcat audit --format partial" \
  "${BEST[partial]}" "$(echo "${BEST[partial]} / ${BEST[json]}" | bc -l)" "$PSIZE"
printf '  %-44s %8.3f s   (target < 1 s); %d bytes of partials\n' "errcat audit merge (100 partials)" "${BEST[merge]}" "$PSUM"
printf '  %-44s %8.3f s   %d bytes (target < 2 MB)\n' "errcat audit --format html" "${BEST[html]}" "$HSIZE"
echo "Chromium (headless, Debian's), the 512 MiB log's HTML report:"
BROWSER_DEPS="${BROWSER_DEPS:-$ROOT/build/browser}" node "$ROOT/audit/browser/check_report.mjs" "$DIR/r.html" "$DIR/r.json" --timing
