"""Property-based fuzzing of the public API with Hypothesis: invariants over generated input, not only "no crash".

In `make test` each property runs a bounded number of examples (a few seconds in all). `make fuzz` runs this file
with ERRCAT_FUZZ_SECONDS set: each property is then searched again and again, fresh random examples every round,
until that many seconds have passed, and the examples tried are added to ERRCAT_FUZZ_STATS.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import errcat  # noqa: E402

FUZZ_SECONDS = float(os.environ.get("ERRCAT_FUZZ_SECONDS", "0") or 0)
EXAMPLES = 150
TYPED_ERRORS = (
    errcat.NotFoundError,
    errcat.AmbiguousError,
    errcat.InvalidCodeError,
    errcat.InvalidArgumentError,
)

SOURCES = [s.value for s in errcat.Source]
REPORTERS = [r.value for r in errcat.Reporter]
VERSIONS = ["v3.2.0", "v3.5.0", "3.5.1", "master", "v9.9.9", ""]
TYPES = ["InstallBizFailed", "ResourceConstrained", "UnknownError", "PullBizError", "DiskFull", "X"]

# Codes that are often well-formed (and sometimes catalogued), and any text at all.
codes = st.one_of(
    st.builds(lambda s, t: f"{s}.{t}", st.sampled_from(SOURCES), st.sampled_from(TYPES)),
    st.builds(
        lambda s, t: f"{s}.{t}",
        st.sampled_from(SOURCES),
        st.from_regex(r"[A-Z][A-Za-z0-9]{0,20}", fullmatch=True),
    ),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
)
reporters = st.one_of(st.none(), st.sampled_from(REPORTERS), st.sampled_from([r.lower() for r in REPORTERS]))
numbers = st.one_of(st.integers(-60, 1060), st.integers(-(2**63), 2**63 - 1), st.integers(-(2**80), 2**80))
versions = st.one_of(st.none(), st.sampled_from(VERSIONS))


def check_error(e: BaseException) -> None:
    assert isinstance(e, TYPED_ERRORS), repr(e)
    assert not isinstance(e, errcat.InternalError), repr(e)
    assert str(e)


def lookup_property(code: str, reporter: Optional[str]) -> None:
    try:
        r = errcat.lookup(code, reporter)
    except errcat.Error as e:
        check_error(e)
        if isinstance(e, errcat.InvalidCodeError):
            with pytest.raises(errcat.Error):
                errcat.parse(code)
        return
    parsed = errcat.parse(code)  # what lookup resolves, parse accepts
    assert r.source == parsed.source
    assert r.code == str(r) == f"{parsed.source.value}.{r.entry.error_type}"
    if r.alias is None:
        assert r.entry.error_type == parsed.error_type
    else:
        assert r.alias == parsed.error_type and r.alias in r.entry.aliases
    assert r.dynamic == (r.source not in r.entry.sources)
    if reporter is not None:
        assert r.reporter.value.lower() == reporter.lower()
    assert errcat.lookup(code, reporter) == r  # the second answer comes from the host's table
    assert r.entry in errcat.find(code)


def parse_property(text: str) -> None:
    try:
        c = errcat.parse(text)
    except errcat.Error as e:
        check_error(e)
        with pytest.raises(errcat.Error):
            errcat.lookup(text)
        return
    assert str(c) == c.text == text
    assert f"{c.source.value}.{c.error_type}" == text
    assert errcat.compose(c.source, c.error_type) == c


def status_property(n: int, version: Optional[str]) -> None:
    try:
        m = errcat.status(n, version)
    except errcat.Error as e:
        check_error(e)
        if not 0 <= n <= 999 and version in (None, "master", "v3.2.0", "v3.5.0", "3.5.1"):
            assert isinstance(e, errcat.InvalidCodeError), repr(e)
            assert str(n) in str(e)
        return
    assert 0 <= n <= 999
    assert m.entry.code == n
    assert m.valid == (m.version in m.entry.versions)
    if m.valid:
        assert errcat.service_of(n, version) == m.entry.service
    assert errcat.status(n, version) == m


def lines_of(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def audit_property(tmp: Path, data: bytes, level: int) -> None:
    path = tmp / "0-0.log"
    path.write_bytes(data)
    try:
        report = errcat.analyze_audit([str(path)], max_api_level=level)
    except errcat.Error as e:
        assert isinstance(e, errcat.IoError) and data.startswith(b"\x1f\x8b"), repr(e)
        return
    d = report.to_dict()
    assert report.lines == d["lines"] == d["counted"] + d["malformed"]
    assert report.malformed == d["malformed"]
    if not d["inputs"][0]["gzip"]:
        assert report.lines == lines_of(data)


LINE = b"REQ\tBLOBNODE\t16793641137770897\tGET\t/shard/get/diskid/1\t\t\t651\t{}\t\t0\t68"
logs = st.one_of(
    st.binary(max_size=2000),
    st.lists(
        st.one_of(
            st.just(LINE),
            st.builds(lambda b: LINE[: len(b)] + b, st.binary(max_size=80)),
            st.builds(lambda t: LINE.replace(b"651", t), st.sampled_from([b"", b"1000", b"-1", b"200", b"x"])),
            st.text(max_size=60).map(lambda t: t.encode()),
        ),
        max_size=12,
    ).map(lambda ls: b"\n".join(ls)),
)


def run_property(name: str, fn: Callable[..., None], *strategies: Any) -> None:
    """Runs `fn` over examples drawn from `strategies`: EXAMPLES once, or rounds of them for FUZZ_SECONDS."""
    tried = 0

    def body(args: Any) -> None:
        nonlocal tried
        tried += 1
        fn(*args)

    test = settings(
        max_examples=EXAMPLES if not FUZZ_SECONDS else 300,
        deadline=None,
        database=None,
        derandomize=not FUZZ_SECONDS,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )(given(st.tuples(*strategies))(body))
    start = time.monotonic()
    rounds = 0
    while True:
        test()
        rounds += 1
        if time.monotonic() - start >= FUZZ_SECONDS:
            break
    stats = os.environ.get("ERRCAT_FUZZ_STATS")
    if FUZZ_SECONDS and stats:
        elapsed = time.monotonic() - start
        with open(stats, "a", encoding="utf-8") as f:
            f.write(f"python:{name:<7} {elapsed:6.0f}s {tried:12d} examples ({tried / elapsed:.0f}/s), exit 0\n")


def test_lookup_and_find_agree_with_parse() -> None:
    run_property("lookup", lookup_property, codes, reporters)


def test_parse_round_trips() -> None:
    run_property("parse", parse_property, codes)


def test_status_of_any_integer() -> None:
    run_property("status", status_property, numbers, versions)


def test_analyze_audit_counts_every_line(tmp_path: Path) -> None:
    run_property("audit", lambda data, level: audit_property(tmp_path, data, level), logs, st.integers(0, 5))
