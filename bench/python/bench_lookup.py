"""errcat.lookup / errcat.status against a dict holding the same entries, in the same run; prints the ratios.

Both sides answer the same question (code → the entry object) for every catalogued code, in the same loop shape.
Run by `make bench` (bench-python); set ERRCAT_BENCH_SECONDS to lengthen each run, ERRCAT_BENCH_ROUNDS to take
the best of more rounds.
"""

from __future__ import annotations

import os
import time
import timeit
from typing import Any, Callable, Dict, List, Tuple

import errcat

TARGET = 1.5
SECONDS = float(os.environ.get("ERRCAT_BENCH_SECONDS", "0.1"))
ROUNDS = int(os.environ.get("ERRCAT_BENCH_ROUNDS", "15"))
# CPU time of this thread, not wall time: on a loaded machine the time the thread spends preempted would otherwise
# land on whichever row happened to be running. ERRCAT_BENCH_TIMER=wall measures wall time (time.perf_counter).
TIMER = time.perf_counter if os.environ.get("ERRCAT_BENCH_TIMER") == "wall" else time.thread_time


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


def make_loop(call: Callable[[Any], object], keys: List[Any]) -> Callable[[], None]:
    """A loop calling `call` on every key (a dict is indexed instead: `table[k]`, no call at all)."""
    if isinstance(call, dict):
        table = call

        def loop() -> None:
            for k in keys:
                table[k]

    else:

        def loop() -> None:
            for k in keys:
                call(k)

    return loop


def compare(name: str, calls: Dict[str, Callable[[Any], object]], keys: List[Any]) -> List[Tuple[str, float]]:
    """Best per-call time of each implementation. The runs are interleaved (one run of every implementation per
    round, ROUNDS rounds), so a burst of load on a busy machine hits all of them alike instead of one row."""
    loops = {label: make_loop(call, keys) for label, call in calls.items()}
    timers = {label: timeit.Timer(loop, timer=TIMER) for label, loop in loops.items()}
    numbers = {label: max(1, int(SECONDS / max(t.timeit(number=1), 1e-9))) for label, t in timers.items()}
    best = {label: float("inf") for label in loops}
    for _ in range(ROUNDS):
        for label, t in timers.items():
            best[label] = min(best[label], t.timeit(number=numbers[label]) / numbers[label])
    return [(f"{name}: {label}", best[label] / len(keys) * 1e9) for label in loops]


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
    timer = "wall time" if TIMER is time.perf_counter else "thread CPU time"
    print(
        f"errcat {errcat.__version__}, {len(set(codes))} two-level codes, {len(set(numbers))} status numbers; "
        f"best of {ROUNDS} interleaved rounds, {timer}"
    )
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
