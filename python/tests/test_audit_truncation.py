"""Issue 13: a log truncated while errcat.analyze_audit reads it never kills the interpreter. A separate Python
process (this interpreter, i.e. the environment with the installed wheel, from an empty directory) analyses a
~60 MB audit log while this test truncates the file to 0 after k × 3 ms, k = 0..11, counted from the moment the
child says it starts the analysis. Every attempt must end normally: exit 0 with a report whose lines = counted +
malformed, or a typed errcat error; a signal would be a negative return code. At least one attempt must see the
truncation (a ``shrank`` warning naming the file). Nothing is asserted about timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

CHILD = r"""
import json, sys
import errcat
errcat.lookup("Arklet.InstallBizFailed")  # the library and the answer table are loaded before the analysis
print("start", flush=True)
try:
    r = errcat.analyze_audit(sys.argv[1])
except errcat.Error as e:
    print(json.dumps({"error": e.kind.value, "type": type(e).__name__, "message": e.message}))
else:
    print(json.dumps({"lines": r.lines, "malformed": r.malformed, "report": r.to_dict()}))
"""


def line(i: int) -> str:
    """Line ``i`` of a valid blobstore audit log (the scenario of cli/tests/audit_live_cli.rs)."""
    svc = ("ACCESS", "BLOBNODE", "PROXY", "SCHEDULER", "CLUSTERMGR")[i % 5]
    code = (200, 200, 651, 613, 499, 552, 701, 640)[i % 8]
    return (
        f'REQ\t{svc}\t{17_580_744_000_000_000 + i}\tGET\t/shard/get/diskid/{i % 7}\t{{"Host":"h"}}\t\t{code}\t{{}}'
        f"\t\t9\t{(i * 7919) % 6_000_000}\n"
    )


def test_a_log_truncated_during_the_analysis_never_kills_the_interpreter(tmp_path: Path) -> None:
    log = tmp_path / "big.log"
    text = "".join(line(i) for i in range(700_000)).encode()
    assert len(text) > 60_000_000
    empty = tmp_path / "cwd"
    empty.mkdir()
    outcomes: List[Dict[str, Any]] = []
    for k in range(12):
        log.write_bytes(text)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(log)], cwd=empty, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert child.stdout is not None
        started = child.stdout.readline()
        time.sleep(k * 0.003)
        os.truncate(log, 0)  # what `truncate -s 0` and logrotate's copytruncate do
        out, err = child.communicate(timeout=300)
        assert started == b"start\n", (started, err)
        assert child.returncode == 0, f"attempt {k}: return code {child.returncode} (negative: a signal)\n{err!r}"
        result: Dict[str, Any] = json.loads(out)
        outcomes.append(result)
        if "error" in result:
            # A typed error, never a crash (an analysis that cannot read its input says so as IoError).
            assert result["error"] == "Io" and result["type"] == "IoError", result
            assert str(log) in result["message"], result
            continue
        report = result["report"]
        assert result["lines"] == report["lines"] == report["counted"] + report["malformed"], report["invariant"]
        assert result["malformed"] == report["malformed"]
        for warning in report["warnings"]:
            assert warning["kind"] == "shrank", warning
            assert warning["input"] == str(log) and str(log) in warning["message"], warning
            assert "shrank while it was read" in warning["message"], warning
            assert warning["offset"] < warning["size"] == len(text), warning
    shrank = [r for r in outcomes if "report" in r and r["report"]["warnings"]]
    summary = [r.get("error") or (r["lines"], len(r["report"]["warnings"])) for r in outcomes]
    assert shrank, f"none of the 12 truncations came while the file was read: {summary}"
