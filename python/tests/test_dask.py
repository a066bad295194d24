"""errcat.dask against a real distributed.LocalCluster of two worker processes, each given its own directory: the
merged report equals a single-process analyze_audit over both directories; a worker that dies mid-run makes the
call raise IncompleteAnalysis naming the paths that were not analysed. Partials merge without Dask too."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

import errcat
import errcat.dask

distributed = pytest.importorskip("distributed")


def _split(repo: Path, tmp: Path) -> Tuple[Path, Path]:
    """The demo log cut in two, one half per directory (a and b: the order the merge puts them in)."""
    lines = (repo / "testdata" / "audit" / "demo.log").read_bytes().splitlines(keepends=True)
    a, b = tmp / "node-a", tmp / "node-b"
    for d, part in ((a, lines[:900]), (b, lines[900:])):
        d.mkdir()
        (d / "0-0.log").write_bytes(b"".join(part[: len(part) // 2]))
        (d / "0-1.log").write_bytes(b"".join(part[len(part) // 2 :]))
    return a, b


@pytest.fixture(scope="module")
def cluster() -> Iterator[Tuple[Any, List[str]]]:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as c, distributed.Client(c) as client:
        client.wait_for_workers(2)
        yield client, sorted(client.scheduler_info()["workers"])


def test_partials_merge_without_dask(repo: Path, tmp_path: Path) -> None:
    a, b = _split(repo, tmp_path)
    parts = [errcat.dask.write_partial(b), errcat.dask.write_partial(a)]
    assert all(p.startswith(b"errcat.audit.partial/1\n") for p in parts)
    merged = errcat.dask.merge_partials(parts)
    one = errcat.analyze_audit([a, b])
    assert merged.to_json() == one.to_json()
    assert merged.lines == merged.counted + merged.malformed
    with pytest.raises(errcat.InvalidArgumentError, match=r"partials\[1\]"):
        errcat.dask.merge_partials([parts[0], b"not a partial"])
    other = errcat.dask.write_partial(a, errors="http")
    with pytest.raises(errcat.InvalidArgumentError, match="another setup"):
        errcat.dask.merge_partials([parts[0], other])


def test_cluster_report_equals_one_local_pass(cluster: Tuple[Any, List[str]], repo: Path, tmp_path: Path) -> None:
    client, (w1, w2) = cluster
    a, b = _split(repo, tmp_path)
    report, ran_on = errcat.dask._run(client, {w1: [str(a)], w2: [str(b)]}, None, None, None, None, 120, 0.5)
    one = errcat.analyze_audit([a, b])
    assert report.to_json() == one.to_json()
    assert report.lines == 1526 and report.lines == report.counted + report.malformed
    # Pinned: each directory was read by the worker it was given to, in its own process.
    assert ran_on == {w1: w1, w2: w2}
    pids: Dict[str, int] = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_a_worker_that_dies_mid_run_names_the_paths_not_analysed(
    cluster: Tuple[Any, List[str]], repo: Path, tmp_path: Path
) -> None:
    client, (w1, w2) = cluster
    a, b = _split(repo, tmp_path)
    # Worker 2's last path is a FIFO nobody writes: its analysis blocks there until the worker is killed.
    fifo = b / "stuck.fifo"
    os.mkfifo(fifo)
    pids: Dict[str, int] = client.run(os.getpid)

    def kill_when_busy() -> None:
        for _ in range(600):
            if client.processing().get(w2):
                time.sleep(0.3)
                os.kill(pids[w2], signal.SIGKILL)
                return
            time.sleep(0.1)

    killer = threading.Thread(target=kill_when_busy, daemon=True)
    killer.start()
    with pytest.raises(errcat.dask.IncompleteAnalysis) as caught:
        errcat.dask.analyze_audit_on(client, {w1: [str(a)], w2: [str(b), str(fifo)]}, timeout=120)
    killer.join()
    e = caught.value
    assert list(e.missing) == [w2]
    assert e.missing[w2] == [str(b), str(fifo)]
    message = str(e)
    assert str(b) in message and str(fifo) in message and str(a) not in message.split("—")[0]
    assert "died or left" in e.reasons[w2] or "KilledWorker" in e.reasons[w2]
    # What was analysed is still there, and it is exactly worker 1's directory.
    assert e.report is not None
    assert e.report.to_json() == errcat.analyze_audit([a]).to_json()


def test_an_unknown_worker_is_refused(cluster: Tuple[Any, List[str]], tmp_path: Path) -> None:
    client, _ = cluster
    with pytest.raises(errcat.dask.IncompleteAnalysis, match="no such worker"):
        errcat.dask.analyze_audit_on(client, {"tcp://nowhere:1": [str(tmp_path)]})
