"""analyze_audit: the same report as the CLI's JSON, on the test logs, with the same options; paths of every shape;
the GIL is released while Rust works."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path
from typing import List

import pytest

import errcat

HERE = Path(__file__).resolve().parent


def logs(repo: Path) -> List[Path]:
    """The audit-log fixtures: this suite's sample and those of testdata/audit (when the analyser's issue has
    committed them)."""
    found = [HERE / "data" / "audit-sample.log"]
    fixtures = repo / "testdata" / "audit"
    if fixtures.is_dir():
        found += sorted(p for p in fixtures.iterdir() if p.is_file() and p.suffix in {".log", ".gz"})
    return found


def cli(repo: Path) -> Path:
    path = Path(os.environ.get("ERRCAT_CLI", repo / "target" / "release" / "errcat"))
    if not path.exists():
        pytest.fail(f"the errcat CLI is not built at {path} (make cli, or set ERRCAT_CLI)")
    return path


def cli_report(repo: Path, path: Path, *options: str) -> "dict[str, object]":
    run = subprocess.run(
        [str(cli(repo)), "audit", "--format", "json", *options, str(path)], capture_output=True, text=True, check=False
    )
    if run.returncode != 0 and "unexpected argument" in run.stderr:
        pytest.skip("the CLI's `errcat audit --format json` is not implemented yet")
    assert run.returncode == 0, run.stderr
    report: "dict[str, object]" = json.loads(run.stdout)
    return report


def test_same_report_as_the_cli(repo: Path) -> None:
    for path in logs(repo):
        report = errcat.analyze_audit(path)
        want = cli_report(repo, path)
        assert report.to_dict() == want, path
        assert report.lines == want["lines"] and report.malformed == want["malformed"]


def test_options_as_the_cli(repo: Path) -> None:
    for path in logs(repo):
        report = errcat.analyze_audit(path, version="3.5.0", max_api_level=3, errors="http,!404")
        want = cli_report(repo, path, "--version", "v3.5.0", "--max-api-level", "3", "--errors", "http,!404")
        assert report.to_dict() == want, path
    with pytest.raises(errcat.InvalidArgumentError):
        errcat.analyze_audit(HERE / "data" / "audit-sample.log", errors="7xx-")


def test_paths_of_every_shape(tmp_path: Path) -> None:
    sample = HERE / "data" / "audit-sample.log"
    one = errcat.analyze_audit(sample).to_dict()
    for shape in (str(sample), os.fsencode(sample), [sample], (str(sample),), iter([sample]), (p for p in [sample])):
        assert errcat.analyze_audit(shape).to_dict() == one, shape  # type: ignore[arg-type]
    assert errcat.analyze_audit([]).lines == 0


def test_report_object(repo: Path) -> None:
    path = HERE / "data" / "audit-sample.log"
    report = errcat.analyze_audit(str(path), version="v3.5.0", max_api_level=3)
    assert report.to_dict() == json.loads(report.to_json())
    assert report.to_dict() is not report.to_dict()
    for key, value in report.to_dict().items():
        assert getattr(report, key) == value
    with pytest.raises(AttributeError):
        report.no_such_member
    assert repr(report).startswith("AuditReport(lines=")
    both = errcat.analyze_audit([path, str(path)])
    assert both.lines == 2 * report.lines


def test_gil_is_released(tmp_path: Path) -> None:
    # The analysis reads a FIFO that only a Python thread feeds: with the GIL held while Rust reads, that thread
    # could never write and the analysis would never end. Nothing in Python can time out without the GIL, so a
    # watchdog process ends the test run after 60 s with a message instead of letting it hang.
    sample = (HERE / "data" / "audit-sample.log").read_bytes()
    fifo = tmp_path / "audit.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as out:
            for _ in range(100):
                out.write(sample)

    watchdog = subprocess.Popen(
        ["sh", "-c", 'sleep 60; echo "analyze_audit held the GIL: the FIFO writer never ran" >&2; kill -9 "$0"',
         str(os.getpid())]
    )
    try:
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        report = errcat.analyze_audit(fifo)
    finally:
        watchdog.kill()
        watchdog.wait()
    assert report.lines == 100 * sample.count(b"\n")
