"""errcat.lookup / errcat.status against a dict holding the same entries, in the same run; prints the ratios.

Both sides answer the same question (code → the entry object) for every catalogued code, in the same loop shape.
Run by `make bench` (bench-python); set ERRCAT_BENCH_SECONDS to lengthen each measurement.
"""

from __future__ import annotations

import os
import timeit
from typing import Any, Callable, Dict, List, Tuple

import errcat

TARGET = 1.5
SECONDS = float(os.environ.get("ERRCAT_BENCH_SECONDS", "0.2"))


def two_level_codes() -> List[str]:
    """Every Koupleless entry's code with its default source, when that resolves without a reporter."""
    codes = []
    for e in errcat.entries(system="koupleless"):
        code = f"{e.sources[0].value}.{e.error_type}"
        try:
            errcat.lookup(code)
        except errcat.AmbiguousError:
            continue
        codes.append(code)
    return codes


def per_call_ns(call: Callable[[Any], object], keys: List[Any]) -> float:
    """Best per-call time over several runs of a loop calling `call` on every key (a dict is indexed instead)."""
    if isinstance(call, dict):
        table = call

        def loop() -> None:
            for k in keys:
                table[k]

    else:

        def loop() -> None:
            for k in keys:
                call(k)

    number = max(1, int(SECONDS / max(timeit.timeit(loop, number=1), 1e-9)))
    best = min(timeit.repeat(loop, number=number, repeat=7))
    return best / number / len(keys) * 1e9


def compare(name: str, calls: Dict[str, Callable[[Any], object]], keys: List[Any]) -> List[Tuple[str, float]]:
    return [(f"{name}: {label}", per_call_ns(call, keys)) for label, call in calls.items()]


def main() -> None:
    codes = two_level_codes() * 10
    lookups = {code: errcat.lookup(code) for code in codes}
    numbers = [e.code for e in errcat.entries(system="blobstore")] * 10
    statuses = {n: errcat.status(n) for n in numbers}

    rows = compare(
        "lookup",
        {
            "dict[code]": lookups,  # type: ignore[dict-item]
            "dict.get(code)": lookups.get,
            "errcat.lookup(code)": errcat.lookup,
        },
        codes,
    )
    rows += compare(
        "status",
        {
            "dict[n]": statuses,  # type: ignore[dict-item]
            "dict.get(n)": statuses.get,
            "errcat.status(n)": errcat.status,
        },
        numbers,
    )
    times = dict(rows)
    print(f"errcat {errcat.__version__}, {len(set(codes))} two-level codes, {len(set(numbers))} status numbers")
    for label, ns in rows:
        print(f"  {label:<40} {ns:8.1f} ns/call")
    for op, arg in (("lookup", "code"), ("status", "n")):
        ours = times[f"{op}: errcat.{op}({arg})"]
        for baseline in (f"dict[{arg}]", f"dict.get({arg})"):
            ratio = ours / times[f"{op}: {baseline}"]
            verdict = "meets" if ratio <= TARGET else "misses"
            print(f"ratio errcat.{op} / {baseline}: {ratio:.2f}x ({verdict} the {TARGET}x target)")


if __name__ == "__main__":
    main()
