"""Lookups from 8 threads give identical results (the host cache is filled concurrently)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, List, Tuple

import errcat

CODES = [e.code for e in errcat.entries(system="blobstore")]
TWO_LEVEL = [f"{e.sources[0].value}.{e.error_type}" for e in errcat.entries(system="koupleless")]


def work(_: int) -> List[Tuple[Any, ...]]:
    out: List[Tuple[Any, ...]] = []
    for _round in range(20):
        for code in TWO_LEVEL:
            try:
                r = errcat.lookup(code)
                out.append((code, id(r), r.entry.key))
            except errcat.AmbiguousError as e:
                out.append((code, "ambiguous", tuple(e.candidates)))
        for n in CODES:
            for v in errcat.VERSIONS:
                m = errcat.status(n, v)
                out.append((n, v, id(m), m.entry.key, m.valid))
    return out


def test_eight_threads_agree() -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(r == results[0] for r in results)
    assert len(results[0]) > 1000
