# Reads `go test -bench -count N` output and prints, per operation, the median time per op of errcat's successful
# calls (Lookup, Status: answered from the answer table, first calls included), of a call that crosses into C
# (LookupCrossing, StatusCrossing) and of the Go map baseline (LookupMap, StatusMap), with the spread (min-max)
# over the runs, and both ratios to the map; then the answer table's load time.
/^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
    for (i = 2; i <= NF; i++) if ($(i + 1) == "ns/op") { n[name]++; v[name, n[name]] = $i + 0 }
}
function median(name,    i, j, t, k, s) {
    k = n[name]
    for (i = 1; i <= k; i++) s[i] = v[name, i]
    for (i = 2; i <= k; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
    lo[name] = s[1]; hi[name] = s[k]
    return (k % 2) ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
}
function show(label, name, base) {
    printf "  %-9s %7.1f ns/op  (%.1f-%.1f)   ratio %5.1fx\n", label, m[name], lo[name], hi[name], m[name] / m[base]
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
    }
    if ("AnswerTableLoad" in m) printf "Answer table load, once per process: %.2f ms (median of %d runs)\n", m["AnswerTableLoad"] / 1e6, n["AnswerTableLoad"]
}
