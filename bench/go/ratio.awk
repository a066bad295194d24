# Reads `go test -bench` output and prints errcat's time per op against the Go map baseline of the same name.
/^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
    for (i = 2; i <= NF; i++) if ($(i + 1) == "ns/op") ns[name] = $i
}
END {
    split("Lookup Status", ops, " ")
    for (j = 1; j <= 2; j++) {
        op = ops[j]
        if ((op in ns) && ((op "Map") in ns))
            printf "%-7s errcat %7.1f ns/op   Go map %6.1f ns/op   ratio %.1fx\n", op, ns[op], ns[op "Map"], ns[op] / ns[op "Map"]
    }
}
