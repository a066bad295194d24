"""Audit-log analysis across a Dask cluster: each worker analyses the logs it holds, only partial reports travel,
and the client merges them into the report one pass over all the logs gives.

``pip install errcat[dask]`` brings ``dask`` and ``distributed``; :func:`write_partial` and
:func:`merge_partials` need neither. ::

    from distributed import Client
    import errcat.dask

    client = Client("tcp://scheduler:8786")
    report = errcat.dask.analyze_audit_on(client, {
        "tcp://10.0.1.18:40001": ["/var/log/blobstore/blobnode/audit"],
        "tcp://10.0.1.19:40001": ["/var/log/blobstore/blobnode/audit"],
    })
    print(report.totals)

Each key of the placement names a worker (its address or its name); its paths are read on that worker only
(``workers=[address]``, ``allow_other_workers=False``), or on a worker with the given ``resources``. A worker that
dies (or leaves) before its partial is back, or whose analysis fails, makes the call raise
:class:`IncompleteAnalysis` naming every path that was not analysed; nothing is silently missing.
"""

from __future__ import annotations

import base64
import os
import time
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._audit import AuditReport

__all__ = ["write_partial", "merge_partials", "analyze_audit_on", "IncompleteAnalysis"]

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


class IncompleteAnalysis(RuntimeError):
    """Some paths were not analysed: ``missing`` maps each placement key to its paths, ``reasons`` says why, and
    ``report`` is the merged report of the paths that were (``None`` when none were)."""

    def __init__(self, missing: Dict[str, List[str]], reasons: Dict[str, str], report: Optional[AuditReport]) -> None:
        self.missing = missing
        self.reasons = reasons
        self.report = report
        lost = [p for paths in missing.values() for p in paths]
        detail = "; ".join(f"{key}: {reasons[key]} (paths {', '.join(missing[key])})" for key in missing)
        super().__init__(f"errcat.dask: {len(lost)} path(s) not analysed: {', '.join(lost)} — {detail}")


def _paths(paths: Union[PathArg, Iterable[PathArg]]) -> List[Any]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        items: List[Any] = [paths]
    else:
        items = list(paths)
    return [os.fsencode(p) if isinstance(p, (str, os.PathLike)) else p for p in items]


def _options(version: Optional[str], max_api_level: Optional[int], errors: Optional[str]) -> List[List[Any]]:
    return [["version", version], ["max_api_level", max_api_level], ["errors", errors]]


def write_partial(
    paths: Union[PathArg, Iterable[PathArg]],
    version: Optional[str] = None,
    max_api_level: Optional[int] = None,
    errors: Optional[str] = None,
) -> bytes:
    """The partial report (``errcat audit --format partial``) of ``paths``, as bytes: what the analysis counted,
    ready to be merged with others. The options are those of :func:`errcat.analyze_audit`."""
    _lines, _malformed, text = _native.call("audit_partial", _paths(paths), _options(version, max_api_level, errors))
    return base64.b64decode(text)


def merge_partials(partials: Iterable[bytes], format: str = "json") -> AuditReport:
    """Merges partial reports into the report one pass over all their inputs gives (``format="json"``). A partial
    of another schema, catalog or setup raises :class:`errcat.InvalidArgumentError` naming it (``partials[i]``)."""
    lines, malformed, text = _native.call("audit_merge", [bytes(p) for p in partials], [["format", format]])
    return AuditReport(lines, malformed, text)


def _partial_task(paths: List[Any], options: List[List[Any]]) -> Tuple[str, bytes]:
    """Runs on a worker: reads the paths there; only the partial (and the worker's address) goes back."""
    from distributed import get_worker

    _lines, _malformed, text = _native.call("audit_partial", paths, options)
    return get_worker().address, base64.b64decode(text)


def _workers(client: Any) -> Dict[str, str]:
    """Worker address → name, from the scheduler."""
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:
        info = client.scheduler_info()
    return {addr: str(w.get("name", addr)) for addr, w in info.get("workers", {}).items()}


def analyze_audit_on(
    client: Any,
    placement: Mapping[str, Union[PathArg, Sequence[PathArg]]],
    version: Optional[str] = None,
    max_api_level: Optional[int] = None,
    errors: Optional[str] = None,
    resources: Optional[Mapping[str, Mapping[str, float]]] = None,
    timeout: Optional[float] = None,
    poll: float = 0.5,
) -> AuditReport:
    """Analyses each placement's paths on its worker with a ``distributed.Client`` and merges the partials.

    ``placement`` maps a worker address or name (or, with ``resources``, any label) to the paths that worker
    holds. ``resources`` maps a label to the resources its task needs (``{"host-a": {"logs-a": 1}}``) instead of a
    worker. ``timeout`` (seconds) bounds the whole run. Raises :class:`IncompleteAnalysis` when any path was not
    analysed (a worker died or left, an analysis failed, the timeout passed)."""
    return _run(client, placement, version, max_api_level, errors, resources, timeout, poll)[0]


def _run(
    client: Any,
    placement: Mapping[str, Union[PathArg, Sequence[PathArg]]],
    version: Optional[str],
    max_api_level: Optional[int],
    errors: Optional[str],
    resources: Optional[Mapping[str, Mapping[str, float]]],
    timeout: Optional[float],
    poll: float,
) -> Tuple[AuditReport, Dict[str, str]]:
    """:func:`analyze_audit_on`, and which worker read each placement's paths."""
    try:
        import distributed  # noqa: F401 - the client is distributed's; say what to install when it is missing
    except ImportError as e:  # pragma: no cover - the extra is not installed
        raise ImportError("errcat.dask needs dask and distributed: pip install 'errcat[dask]'") from e
    resources = resources or {}
    options = _options(version, max_api_level, errors)
    workers = _workers(client)
    by_name = {name: addr for addr, name in workers.items()}
    tasks: Dict[Any, Tuple[str, Optional[str], List[str]]] = {}
    for key, paths in placement.items():
        items = _paths(paths)
        shown = [os.fsdecode(p) for p in items]
        if key in resources:
            addr: Optional[str] = None
            fut = client.submit(_partial_task, items, options, resources=dict(resources[key]), pure=False)
        else:
            addr = key if key in workers else by_name.get(key)
            if addr is None:
                raise IncompleteAnalysis({key: shown}, {key: "no such worker"}, None)
            fut = client.submit(
                _partial_task, items, options, workers=[addr], allow_other_workers=False, pure=False, retries=0
            )
        tasks[fut] = (key, addr, shown)

    partials: List[bytes] = []
    ran_on: Dict[str, str] = {}
    missing: Dict[str, List[str]] = {}
    reasons: Dict[str, str] = {}
    deadline = None if timeout is None else time.monotonic() + timeout
    pending = dict(tasks)
    while pending:
        done = [f for f in pending if f.done()]
        if not done:
            time.sleep(poll)
        for fut in done:
            key, addr, shown = pending.pop(fut)
            if fut.status == "finished":
                worker, partial = fut.result()
                if addr is not None and worker != addr:  # the pinning failed: say so, do not count it silently
                    missing[key] = shown
                    reasons[key] = f"read by {worker}, not by the worker that holds the paths ({addr})"
                    continue
                ran_on[key] = worker
                partials.append(partial)
                continue
            missing[key] = shown
            exc = fut.exception() if fut.status == "error" else None
            reasons[key] = f"{type(exc).__name__}: {exc}" if exc is not None else f"task {fut.status}"
        if not pending:
            break
        alive = _workers(client)
        expired = deadline is not None and time.monotonic() > deadline
        for fut, (key, addr, shown) in list(pending.items()):
            gone = addr is not None and addr not in alive
            if gone or expired:
                fut.cancel()
                del pending[fut]
                missing[key] = shown
                reasons[key] = (
                    f"worker {addr} died or left before its analysis finished"
                    if gone
                    else f"not finished within {timeout} s"
                )
    if missing:
        report = merge_partials(partials) if partials else None
        raise IncompleteAnalysis(missing, reasons, report)
    if not partials:
        lines, malformed, text = _native.call("audit", [], options)
        return AuditReport(lines, malformed, text), ran_on
    return merge_partials(partials), ran_on
