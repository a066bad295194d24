"""errcat.dask on a local two-process Dask cluster: each worker analyses its own directory of audit logs, only the
partial reports travel, and the merged report equals one local pass over both directories.

    pip install 'errcat[dask]'
    python dask_cluster.py [LOG]        LOG: an audit log to split between the two "nodes" (default: a generated one)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from distributed import Client, LocalCluster

import errcat
import errcat.dask

SAMPLE = (
    "REQ\tBLOBNODE\t17580772000000000\tGET\t/shard/get/diskid/17/vuid/283501395969/bid/9\t{}\t\t613\t{}\t\t0\t68\n"
    "REQ\tBLOBNODE\t17580772010000000\tGET\t/shard/get/diskid/2/vuid/283501395970/bid/7\t{}\t\t200\t{}\t\t9\t40\n"
    "REQ\tACCESS\t17580772020000000\tPUT\t/put\t{}\t\t200\t{}\t\t1\t3\n"
)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lines = (Path(sys.argv[1]).read_text() if len(sys.argv) > 1 else SAMPLE * 500).splitlines(keepends=True)
        node_a, node_b = Path(tmp) / "node-a", Path(tmp) / "node-b"
        for d, part in ((node_a, lines[: len(lines) // 2]), (node_b, lines[len(lines) // 2 :])):
            d.mkdir()
            (d / "0-0.log").write_text("".join(part))
        with LocalCluster(n_workers=2, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
            a, b = sorted(client.scheduler_info()["workers"])
            report = errcat.dask.analyze_audit_on(client, {a: [str(node_a)], b: [str(node_b)]})
        local = errcat.analyze_audit([node_a, node_b])
        assert report.to_json() == local.to_json(), "the merged report equals one local pass"
        print(f"{report.lines} lines from {len(report.inputs)} inputs on 2 workers; totals {report.totals}")
        for s in report.services:
            print(f"  {s['service']}: {s['requests']} requests, {s['errors']} errors")


if __name__ == "__main__":
    main()
