# Reads `go test -bench -count N` output and prints, per operation, the median time per op of errcat's successful
# calls (Lookup, Status: answered from the answer table, first calls included), of a call that crosses into C
# (LookupCrossing, StatusCrossing) and of the Go map baseline (LookupMap, StatusMap), with the spread (min-max)
# over the runs, and both ratios to the map, and the ratio of the Paired benchmarks (errcat and the map timed in
# alternating blocks, so that both see the same machine load: the median of the runs' ratios); then the first call of every key (one pass over a freshly loaded table
# with the CPU caches evicted, against a fresh map: go/answers_bench_test.go) and the answer table's load time.
/^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
    for (i = 2; i <= NF; i++) if ($(i + 1) == "ns/op") { n[name]++; v[name, n[name]] = $i + 0 }
    # The Paired benchmarks also report errcat-ns/call, map-ns/call and ratio: each its own series.
    for (i = 2; i <= NF; i++) if ($(i + 1) == "errcat-ns/call" || $(i + 1) == "map-ns/call" || $(i + 1) == "ratio") {
        metric = name " " $(i + 1); n[metric]++; v[metric, n[metric]] = $i + 0
    }
}
function show(label, name, base) {
    printf "  %-9s %7.1f ns/op  (%.1f-%.1f)   ratio %5.2fx\n", label, m[name], lo[name], hi[name], m[name] / m[base]
}
END {
    for (name in n) m[name] = median(name)
    split("Lookup Status", ops, " ")
    for (j = 1; j <= 2; j++) {
        op = ops[j]
        if (!((op "Map") in m)) continue
        printf "%s (median of %d runs, min-max in parentheses)\n", op, n[op "Map"]
        printf "  %-9s %7.1f ns/op  (%.1f-%.1f)\n", "Go map", m[op "Map"], lo[op "Map"], hi[op "Map"]
        if (op in m) show("table", op, op "Map")
        if ((op "Crossing") in m) show("crossing", op "Crossing", op "Map")
        p = op "Paired"
        if ((p " ratio") in m)
            printf "  %-9s %7.1f ns/op vs map %.1f, interleaved in blocks of 512 calls   ratio %5.2fx  (%.2f-%.2f)\n", "paired",
                m[p " errcat-ns/call"], m[p " map-ns/call"], m[p " ratio"], lo[p " ratio"], hi[p " ratio"]
    }
    split("Lookups Statuses", firsts, " "); split("Lookup,Status", what, ",")
    for (j = 1; j <= 2; j++) {
        op = "First" firsts[j]
        if (!(op in m) || !((op "Map") in m)) continue
        printf "First %s of every key, one pass after a fresh load, caches evicted (median of %d runs)\n", what[j], n[op]
        printf "  %-9s %7.1f us/pass (%.1f-%.1f)\n", "Go map", m[op "Map"] / 1e3, lo[op "Map"] / 1e3, hi[op "Map"] / 1e3
        printf "  %-9s %7.1f us/pass (%.1f-%.1f)   ratio %5.2fx\n", "table", m[op] / 1e3, lo[op] / 1e3, hi[op] / 1e3, m[op] / m[op "Map"]
    }
    if ("AnswerTableLoad" in m) printf "Answer table load, once per process: %.2f ms (median of %d runs)\n", m["AnswerTableLoad"] / 1e6, n["AnswerTableLoad"]
}
