# Reads `go test -bench Classify -count N` output; prints the median ns/op of ClassifyTypical and Classify80Frames
# (min-max over the runs) against the Rust criterion means passed as -v typical_ns=... -v eighty_ns=..., and the
# ratio against the target (at most 3x).
/^BenchmarkClassify/ {
    name = $1; sub(/-[0-9]+$/, "", name); sub(/^BenchmarkClassify/, "", name)
    for (i = 2; i <= NF; i++) if ($(i + 1) == "ns/op") { n[name]++; v[name, n[name]] = $i + 0 }
}
END {
    rust["Typical"] = typical_ns; rust["80Frames"] = eighty_ns
    printf "errcat.ClassifyArklet(body, WithCommand(\"installBiz\")) vs Rust errcat::classify of the same body (criterion mean); median of the runs\n"
    ok = 1
    split("Typical 80Frames", names, " ")
    for (j = 1; j <= 2; j++) {
        name = names[j]
        if (!(name in n)) { print "  " name ": no result"; ok = 0; continue }
        m = median(name); r = m / rust[name]
        if (r > 3) ok = 0
        printf "  %-9s Go %8.2f us (%.2f-%.2f)  Rust %8.2f us  ratio %5.2fx  target <= 3x: %s\n", name, m / 1e3,
            lo[name] / 1e3, hi[name] / 1e3, rust[name] / 1e3, r, (r <= 3) ? "ok" : "MISSED"
    }
    print "go classify: " (ok ? "within the target" : "target missed")
}
