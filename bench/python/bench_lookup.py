"""errcat.lookup / errcat.status against a dict holding the same answers, in the same run; prints the ratios.

Three measurements, each against its native baseline:

* warm: every successful code (each source with each catalogued type, no reporter) and every status number, called
  in a loop; beside ``d[k]`` and ``d.get(k)`` on a dict mapping the same keys to the same answer objects. As in a
  real program, the keys looked up are other objects than the dict's own keys (equal, not identical: a dict finding
  the very key object it holds skips the comparison, which neither side can count on with input from outside);
* first call: in fresh interpreters, after ``import errcat`` (which loads the answer table) and before anything
  else, one call for each answer, beside the first ``d[k]`` and ``d.get(k)`` on dicts built in that process (fresh
  key objects for each side, so no side finds a hash already computed or its own key object);
* import: ``import errcat`` in fresh interpreters (``-X importtime``): the answer table's load (``errcat._answers``:
  the crossing, the parse and the answer objects; target at most 20 ms), errcat's own import (after the
  standard-library modules it uses) and the cold import with those modules.

Run by ``make bench`` (bench-python). ERRCAT_BENCH_SECONDS lengthens each warm run, ERRCAT_BENCH_ROUNDS takes the
best of more rounds, ERRCAT_BENCH_FRESH sets how many fresh interpreters the first-call and import rows start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import timeit
from typing import Any, Callable, Dict, List, Tuple

import errcat

TARGET = 1.5
IMPORT_TARGET_MS = 20.0
SECONDS = float(os.environ.get("ERRCAT_BENCH_SECONDS", "0.1"))
ROUNDS = int(os.environ.get("ERRCAT_BENCH_ROUNDS", "15"))
FRESH = int(os.environ.get("ERRCAT_BENCH_FRESH", "15"))
# CPU time of this thread, not wall time: on a loaded machine the time the thread spends preempted would otherwise
# land on whichever row happened to be running. ERRCAT_BENCH_TIMER=wall measures wall time (time.perf_counter).
TIMER = time.perf_counter if os.environ.get("ERRCAT_BENCH_TIMER") == "wall" else time.thread_time


def two_level_codes() -> List[str]:
    """Every code (each source with each catalogued type) that resolves without a reporter."""
    codes = []
    for e in errcat.entries(system="koupleless"):
        for source in errcat.Source:
            code = f"{source.value}.{e.error_type}"
            try:
                errcat.lookup(code)
            except errcat.Error:
                continue
            codes.append(code)
    return sorted(set(codes))


def numbers() -> List[int]:
    return sorted({e.code for e in errcat.entries(system="blobstore")})


def fresh(keys: List[Any]) -> List[Any]:
    """Equal keys that are other objects (ints beyond the small-int cache and strs alike)."""
    return [int(str(k)) if isinstance(k, int) else "".join([k[:1], k[1:]]) for k in keys]


def make_loop(call: Any, keys: List[Any]) -> Callable[[], None]:
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


def compare(name: str, calls: Dict[str, Any], keys: List[Any]) -> List[Tuple[str, float]]:
    """Best per-call time of each implementation. The runs are interleaved (one run of every implementation per
    round, ROUNDS rounds), so a burst of load on a busy machine hits all of them alike instead of one row."""
    loops = {label: make_loop(call, keys) for label, call in calls.items()}
    timers = {label: timeit.Timer(loop, timer=TIMER) for label, loop in loops.items()}
    counts = {label: max(1, int(SECONDS / max(t.timeit(number=1), 1e-9))) for label, t in timers.items()}
    best = {label: float("inf") for label in loops}
    for _ in range(ROUNDS):
        for label, t in timers.items():
            best[label] = min(best[label], t.timeit(number=counts[label]) / counts[label])
    return [(f"{name}: {label}", best[label] / len(keys) * 1e9) for label in loops]


# Run in a fresh interpreter: import errcat (the table loads), then the first call of every answer, and the first
# d[k] on a dict of the same answers; fresh key objects for each side; which side goes first alternates.
FIRST_CALL = r"""
import sys, time
import errcat
codes, numbers, errcat_first = eval(sys.argv[1]), eval(sys.argv[2]), sys.argv[3] == "1"
fresh = lambda keys: [int(str(k)) if isinstance(k, int) else "".join([k[:1], k[1:]]) for k in keys]
d_codes = {c: errcat.lookup(c) for c in fresh(codes)}
d_numbers = {n: errcat.status(n) for n in fresh(numbers)}
d_codes_get, d_numbers_get = dict(zip(fresh(codes), d_codes.values())), dict(zip(fresh(numbers), d_numbers.values()))
def timed(keys, table=None, call=None):  # one pass over fresh copies of keys: table[k] (no call) or call(k)
    keys = fresh(keys)
    t0 = time.perf_counter_ns()
    if table is not None:
        for k in keys:
            table[k]
    else:
        for k in keys:
            call(k)
    return time.perf_counter_ns() - t0
sides = {
    "e": lambda: (timed(codes, call=errcat.lookup), timed(numbers, call=errcat.status)),
    "d": lambda: (timed(codes, table=d_codes), timed(numbers, table=d_numbers)),
    "g": lambda: (timed(codes, call=d_codes_get.get), timed(numbers, call=d_numbers_get.get)),
}
times = {side: sides[side]() for side in ("edg" if errcat_first else "gde")}
e, d, g = times["e"], times["d"], times["g"]
print(*e, *d, *g)
"""


def first_calls(codes: List[str], nums: List[int]) -> List[Tuple[str, float]]:
    """Per-call time of the first call of every answer, best of FRESH interpreters."""
    runs = []
    for i in range(FRESH):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_CALL, repr(codes), repr(nums), str(i % 2)],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        runs.append([int(x) for x in out])
    best = [min(r[i] for r in runs) for i in range(6)]
    return [
        ("first lookup: errcat.lookup(code)", best[0] / len(codes)),
        ("first lookup: dict[code]", best[2] / len(codes)),
        ("first lookup: dict.get(code)", best[4] / len(codes)),
        ("first status: errcat.status(n)", best[1] / len(nums)),
        ("first status: dict[n]", best[3] / len(nums)),
        ("first status: dict.get(n)", best[5] / len(nums)),
    ]


# The standard-library modules errcat imports; most programs have them loaded before they import errcat.
STDLIB = "import dataclasses, enum, typing, os, warnings"


def import_cost() -> Dict[str, List[float]]:
    """`import errcat` in FRESH interpreters, by -X importtime (cumulative milliseconds per module): cold, and
    after the standard-library modules it uses (errcat's own cost)."""
    found: Dict[str, List[float]] = {"errcat": [], "errcat (own)": [], "errcat._answers": []}
    for i in range(2 * FRESH):
        own = i % 2 == 1
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"{STDLIB}; import errcat" if own else "import errcat"],
            capture_output=True, text=True, check=True,
        ).stderr
        for line in err.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] in ("errcat", "errcat._answers"):
                name = "errcat (own)" if own and parts[2] == "errcat" else parts[2]
                found[name].append(int(parts[1]) / 1000)
    return found


def main() -> None:
    codes, nums = two_level_codes(), numbers()
    lookups = {code: errcat.lookup(code) for code in fresh(codes)}
    statuses = {n: errcat.status(n) for n in fresh(nums)}
    loop_codes, loop_numbers = fresh(codes) * 10, fresh(nums) * 10

    rows = compare(
        "lookup",
        {"dict[code]": lookups, "dict.get(code)": lookups.get, "errcat.lookup(code)": errcat.lookup},
        loop_codes,
    )
    rows += compare(
        "status",
        {"dict[n]": statuses, "dict.get(n)": statuses.get, "errcat.status(n)": errcat.status},
        loop_numbers,
    )
    rows += first_calls(codes, nums)
    times = dict(rows)
    timer = "wall time" if TIMER is time.perf_counter else "thread CPU time"
    print(
        f"errcat {errcat.__version__}, Python {sys.version.split()[0]}: {len(codes)} two-level codes, "
        f"{len(nums)} status numbers; warm: best of {ROUNDS} interleaved rounds, {timer}; first call and import: "
        f"best of {FRESH} fresh interpreters, wall time"
    )
    for label, ns in rows:
        print(f"  {label:<40} {ns:8.1f} ns/call")
    ratios = [
        ("lookup", "errcat.lookup(code)", ["dict[code]", "dict.get(code)"]),
        ("status", "errcat.status(n)", ["dict[n]", "dict.get(n)"]),
        ("first lookup", "errcat.lookup(code)", ["dict[code]", "dict.get(code)"]),
        ("first status", "errcat.status(n)", ["dict[n]", "dict.get(n)"]),
    ]
    failed = False
    for op, ours, baselines in ratios:
        for baseline in baselines:
            ratio = times[f"{op}: {ours}"] / times[f"{op}: {baseline}"]
            verdict = "meets" if ratio <= TARGET else "misses"
            failed |= ratio > TARGET
            print(f"ratio {op}: {ours} / {baseline}: {ratio:.2f}x ({verdict} the {TARGET}x target)")
    costs = import_cost()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for module, label in (
        ("errcat._answers", "answer table load (crossing, parse, answer objects)"),
        ("errcat (own)", f"import errcat after `{STDLIB}`"),
        ("errcat", "import errcat, cold (with those modules)"),
    ):
        ms = costs[module]
        best, median = min(ms), statistics.median(ms)
        verdict = "meets" if best <= IMPORT_TARGET_MS else "misses"
        if module == "errcat._answers":
            failed |= best > IMPORT_TARGET_MS
        print(f"{label}: {best:.1f} ms best, {median:.1f} ms median ({verdict} the {IMPORT_TARGET_MS:.0f} ms target)")
    if failed and os.environ.get("ERRCAT_BENCH_STRICT"):
        sys.exit(1)


if __name__ == "__main__":
    main()
