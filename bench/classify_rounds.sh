#!/usr/bin/env bash
# Classify through every binding against Rust, in ROUNDS interleaved rounds: each round, per language, Rust's
# criterion estimate of errcat::classify (the two bodies of bench/rust/benches/classify.rs) is taken again and that
# language's classify benchmark runs right after it, so the two sides of each ratio are seconds apart, not minutes.
# On this shared 2-core VM the speed of the machine moves by a third within minutes (Rust's typical body has measured
# 0.9 to 2.7 us), which one pass of `make bench-<lang>-classify` per language cannot tell from a binding's cost.
# Prints each round's lines, then per language and row the median over the rounds of the binding's time (and the
# slowest round's) and of its ratio.
# Not part of `make test`.
#
#   bench/classify_rounds.sh [ROUNDS] [LANG...]     ROUNDS default 3; LANG of c go java python node kotlin (all)
#   make bench-classify-rounds CLASSIFY_ROUNDS=5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
shift || true
LANGS=("$@")
[[ ${#LANGS[@]} -gt 0 ]] || LANGS=(c go java python node kotlin)
OUT="$(mktemp)"
RUN="$(mktemp)"
trap 'rm -f "$OUT" "$RUN"' EXIT
# Runs make with these arguments, its output in $RUN; on failure prints that output and stops.
run_make() {
  make -s -C "$ROOT" --no-print-directory "$@" > "$RUN" 2>&1 || { cat "$RUN"; echo "failed: make $*" >&2; exit 1; }
}

# Build what the benchmarks load (and run each once), so that no round pays a build.
echo "building and warming: rust ${LANGS[*]} ..." >&2
run_make bench-classify-rust
for lang in "${LANGS[@]}"; do
  run_make -o bench-classify-rust "bench-$lang-classify"
done

for round in $(seq "$ROUNDS"); do
  for lang in "${LANGS[@]}"; do
    # Only the errcat::classify functions: the other rows of the criterion group are not what the bindings read.
    run_make bench-classify-rust CLASSIFY_RUST_FILTER='errcat$$'
    run_make -o bench-classify-rust "bench-$lang-classify"
    grep -E ' us .*ratio +[0-9.]+x' "$RUN" | sed "s/^/$lang $round /" | tee -a "$OUT"
  done
done

echo
echo "median over $ROUNDS rounds (each ratio against the Rust estimate taken just before it; target <= 3x):"
# A row: language, round, then the benchmark's label (the text before its first run of two spaces and a number),
# the binding's time (the number before the first " us") and the ratio (the number after "ratio").
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    lang = $1
    line = $0
    sub(/^[^ ]+ [^ ]+ +/, "", line)
    label = line
    sub(/  +.*/, "", label)
    us = line
    sub(/ us.*/, "", us)
    sub(/.* /, "", us)
    ratio = line
    sub(/.*ratio +/, "", ratio)
    sub(/x.*/, "", ratio)
    key = lang SUBSEP label
    if (!(key in times)) order[++rows] = key
    times[key] = times[key] " " us
    if (us + 0 > slowest[key] + 0) slowest[key] = us
    ratios[key] = ratios[key] " " ratio
  }
  END {
    for (r = 1; r <= rows; r++) {
      key = order[r]
      split(key, part, SUBSEP)
      m = median(ratios[key])
      printf "  %-7s %-20s %8.2f us (slowest %6.2f)  ratio %5.2fx  (rounds:%s)  %s\n", part[1], part[2],
        median(times[key]), slowest[key], m, ratios[key], m <= 3 ? "ok" : "OVER"
    }
  }' "$OUT"
