"""errcat.classify against Rust's errcat::classify of the same bodies; prints the times and the ratios.

The two answers of bench/rust/benches/classify.rs, byte for byte: a typical failure (FAILED / REPEAT_BIZ, 231 bytes)
and an install failure with an 80-frame JDK 17 trace (9,729 bytes), classified with ``command="installBiz"`` as
there, each as ``bytes`` (what an HTTP client hands over) and as ``str``. The Rust side is the mean of the criterion
estimate of ``errcat::classify`` that ``make bench-python`` takes just before (``target/criterion/classify``).
Target: at most 3x Rust.

Each row is the best of ERRCAT_BENCH_ROUNDS (default 15) interleaved rounds of ERRCAT_BENCH_SECONDS (default 0.2)
each, timed in wall time like criterion (ERRCAT_BENCH_TIMER=cpu: this thread's CPU time).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import errcat

TARGET = 3.0
SECONDS = float(os.environ.get("ERRCAT_BENCH_SECONDS", "0.2"))
ROUNDS = int(os.environ.get("ERRCAT_BENCH_ROUNDS", "15"))
# Wall time, as criterion measures the Rust side (ERRCAT_BENCH_TIMER=cpu: this thread's CPU time, which a loaded
# machine disturbs less, but then the two sides are not measured alike).
TIMER = time.thread_time if os.environ.get("ERRCAT_BENCH_TIMER") == "cpu" else time.perf_counter
CRITERION = Path(os.environ.get("ERRCAT_CRITERION", Path(__file__).resolve().parents[2] / "target" / "criterion"))


def dump(value: Any) -> bytes:
    """As serde_json writes bench/rust's value (its maps keep keys sorted; compact)."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


def typical() -> bytes:
    return dump({
        "baseIdentity": "f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55",
        "code": "FAILED",
        "data": {
            "code": "REPEAT_BIZ",
            "elapsedSpace": 1284,
            "message": "Biz: dynamic-provider:1.0.0 has been installed or registered.",
        },
        "message": "install biz not success!",
    })


def eighty_frames() -> bytes:
    t = ("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: "
         "java.lang.reflect.InvocationTargetException\n")
    t += "".join(f"\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.step{i}"
                 f"(UnifiedOperationServiceImpl.java:{60 + i})\n" for i in range(20))
    t += "Caused by: java.lang.reflect.InvocationTargetException\n"
    t += "".join(f"\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke{i}"
                 f"(DirectMethodHandleAccessor.java:{100 + i})\n" for i in range(10))
    t += ("\t... 20 more\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating bean "
          "with name 'orderService': Invocation of init method failed\n")
    t += "".join(f"\tat app//org.springframework.beans.factory.support.AbstractBeanFactory.doGetBean{i}"
                 f"(AbstractBeanFactory.java:{300 + i})\n" for i in range(50))
    t += "\t... 30 more\n"
    return dump({
        "code": "CMD_PROCESS_INTERNAL_ERROR",
        "errorStackTrace": t,
        "message": "Internal Error: java.lang.reflect.InvocationTargetException",
    })


def rust_mean_us(name: str) -> Optional[float]:
    """The mean of bench/rust's criterion benchmark ``classify/<name>/errcat``, in microseconds."""
    try:
        estimates = json.loads((CRITERION / "classify" / f"{name}_errcat" / "new" / "estimates.json").read_text())
    except (OSError, ValueError):
        return None
    mean: float = estimates["mean"]["point_estimate"]
    return mean / 1000


def per_call_us(f: Callable[[], Any]) -> Tuple[Callable[[], float], int]:
    """A timed loop over ``f`` sized to about SECONDS, returning microseconds per call."""
    start, n = TIMER(), 0
    while TIMER() - start < SECONDS / 10:
        f()
        n += 1
    calls = max(n * 10, 10)

    def run() -> float:
        t = TIMER()
        for _ in range(calls):
            f()
        return (TIMER() - t) / calls * 1e6

    return run, calls


def main() -> None:
    bodies = {"typical": typical(), "80-frames": eighty_frames()}
    assert [len(b) for b in bodies.values()] == [231, 9729], "the bodies of bench/rust/benches/classify.rs"
    c = errcat.classify(bodies["typical"], "installBiz")
    assert str(c.code) == "Arklet.InstallationRequirementNotMet", c
    c = errcat.classify(bodies["80-frames"], "installBiz")
    assert str(c.code) == "User.InstallBizUserError" and c.evidence.frames == 80, c
    rows: Dict[str, Callable[[], Any]] = {}
    for name, body in bodies.items():
        text = body.decode()
        rows[f"{name}, bytes"] = functools.partial(errcat.classify, body, "installBiz")
        rows[f"{name}, str"] = functools.partial(errcat.classify, text, "installBiz")
    loops = {label: per_call_us(f)[0] for label, f in rows.items()}
    best: Dict[str, List[float]] = {label: [] for label in rows}
    for _ in range(ROUNDS):  # interleaved: a burst of load hits every row alike
        for label, run in loops.items():
            best[label].append(run())
    timer = "thread CPU time" if TIMER is time.thread_time else "wall time"
    print(f"python {sys.version.split()[0]}: errcat.classify(body, 'installBiz') vs Rust errcat::classify of the "
          f"same body (criterion mean from {CRITERION}); best and median of {ROUNDS} rounds, {timer}")
    ok = True
    for label, times in best.items():
        name = label.split(",")[0]
        times.sort()
        ours, median = times[0], times[len(times) // 2]
        rust = rust_mean_us(name)
        if rust is None:
            print(f"  {label:<17} {ours:8.2f} us (median {median:8.2f})  no Rust estimate: "
                  "run make bench-python-classify")
            continue
        ratio = ours / rust
        ok &= ratio <= TARGET
        print(f"  {label:<17} {ours:8.2f} us (median {median:8.2f})  Rust {rust:8.2f} us  ratio {ratio:6.2f}x "
              f"(median {median / rust:6.2f}x)  target <= {TARGET:.0f}x: {'ok' if ratio <= TARGET else 'MISSED'}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("python classify: within the target" if ok else "python classify: OVER the target")


if __name__ == "__main__":
    main()
