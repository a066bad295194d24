#!/usr/bin/env python3
"""Checks that the separately built bindings reuse `make native`'s crates (bindings/feature-union/Cargo.toml says why).

For each binding built by its own tool (errcat-node by napi, errcat-python by maturin), every crate it shares with the
native build must resolve to the same features as in the native build; otherwise cargo compiles that crate, and every
crate above it, a second time. `cargo tree` resolves the features of a package selection without building anything.

    packaging/feature_union.py TARGET NATIVE_CRATE... -- BINDING_CRATE...
"""
import subprocess
import sys
from collections import defaultdict


def resolved(target: str, packages: list[str]) -> dict[str, set[str]]:
    """Package name and version -> the feature lists it is built with (host and target builds may differ)."""
    args = ["cargo", "tree", "--locked", "--target", target, "-e", "normal,build", "--prefix", "none",
            "-f", "{p}|{f}"]
    for package in packages:
        args += ["-p", package]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{run.stderr}")
    out = run.stdout
    features: dict[str, set[str]] = defaultdict(set)
    for line in out.splitlines():
        package, _, feature_list = line.removesuffix(" (*)").partition("|")
        # "name vX (path)" for workspace members, "name vX (proc-macro)" for proc macros: the name and version decide.
        features[" ".join(package.split()[:2])].add(feature_list.removesuffix(" (*)"))
    return features


def main() -> int:
    target, rest = sys.argv[1], sys.argv[2:]
    split = rest.index("--")
    native_crates, bindings = rest[:split], rest[split + 1:]
    native = resolved(target, native_crates)
    failures = []
    for binding in bindings:
        for package, feature_sets in sorted(resolved(target, [binding]).items()):
            extra = feature_sets - native.get(package, feature_sets)
            if package in native and extra:
                failures.append(f"{binding}: {package} gets features {sorted(extra)}; make native builds it with "
                                f"{sorted(native[package])}")
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        print("add the native features to bindings/feature-union/Cargo.toml", file=sys.stderr)
        return 1
    print(f"feature union: {', '.join(bindings)} share every crate of the native build with its features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
