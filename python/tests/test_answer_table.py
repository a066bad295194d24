"""The answer table (python/errcat/_answers.py, bindings/python/src/fast.rs): loaded once at import, every successful
lookup/status whose arguments are in it served from it without crossing, every other call crossing every time, and
every answer id giving the one frozen object. No cache: nothing grows, whatever the calls."""

from __future__ import annotations

import inspect
import threading
from typing import Any, Callable, Iterator, List

import pytest

import errcat
from errcat import _answers, _api, _native
from errcat._generated import FINGERPRINT

CODE = "Arklet.InstallBizFailed"


@pytest.fixture
def crossings(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[Any]]:
    """Every crossing the package's operations make, recorded."""
    seen: List[Any] = []
    real = _native.call

    def spy(op: str, *args: Any) -> Any:
        seen.append((op, *args))
        return real(op, *args)

    monkeypatch.setattr(_api, "_call", spy)
    yield seen


def sizes() -> List[int]:
    return [len(d) for d in (_answers.ANSWERS, _answers.LOOKUP, _answers.STATUS)] + [
        sum(map(len, d.values())) for d in (_answers.LOOKUP_BY, _answers.STATUS_BY)
    ]


def test_the_table_is_the_cores() -> None:
    rows = _native.call("answers").split("\n")
    assert rows[0] == f"errcat-answers\t1\t{FINGERPRINT}"
    count = {tag: sum(1 for r in rows if r.startswith(tag + "\t")) for tag in "RSLN"}
    assert len(_answers.ANSWERS) == count["R"] + count["S"]
    assert len(_answers.LOOKUP) + sum(map(len, _answers.LOOKUP_BY.values())) == count["L"]
    assert len(_answers.STATUS) + sum(map(len, _answers.STATUS_BY.values())) == count["N"]


def test_every_listed_call_is_served_without_crossing(crossings: List[Any]) -> None:
    for code, r in _answers.LOOKUP.items():
        assert errcat.lookup(code) is r and errcat.lookup(code, None) is r
        assert errcat.lookup(code=code) is r and errcat.lookup(code, reporter=None) is r
    for reporter, table in _answers.LOOKUP_BY.items():
        for code, r in table.items():
            assert errcat.lookup(code, reporter) is r and errcat.lookup(reporter=reporter, code=code) is r
    for n, m in _answers.STATUS.items():
        assert errcat.status(n) is m and errcat.status(code=n) is m
    for version, numbers in _answers.STATUS_BY.items():
        for n, m in numbers.items():
            assert errcat.status(n, version) is m and errcat.status(n, version=version) is m
    assert crossings == []


def test_other_spellings_cross_and_give_the_same_object(crossings: List[Any]) -> None:
    r = errcat.lookup("OtherUpstream.InvalidParameter", "Arklet")
    assert errcat.lookup("OtherUpstream.InvalidParameter", " ARKLET ") is r
    assert errcat.lookup("OtherUpstream.InvalidParameter", errcat.Reporter.Arklet) is r
    assert errcat.lookup(CODE.encode()) is errcat.lookup(CODE)  # type: ignore[arg-type]
    m = errcat.status(552, "v3.5.0")
    assert errcat.status(552, "V3.5.0") is m and errcat.status(552.0, " 3.5.0") is m  # type: ignore[arg-type]
    assert errcat.status(552, "") is errcat.status(552)  # empty: not given
    assert len(crossings) == 6 and {c[0] for c in crossings} == {"lookup", "status"}


def test_errors_cross_every_time(crossings: List[Any]) -> None:
    before = sizes()
    for _ in range(3):
        with pytest.raises(errcat.NotFoundError):
            errcat.lookup("Arklet.InstallBizFailes")
        with pytest.raises(errcat.InvalidCodeError):
            errcat.status(1000)
        with pytest.raises(errcat.AmbiguousError):
            errcat.lookup("OtherUpstream.InvalidParameter")
    assert len(crossings) == 9 and sizes() == before


def test_a_flood_of_misses_grows_nothing() -> None:
    before = sizes()
    for i in range(5000):
        with pytest.raises(errcat.Error):
            errcat.lookup(f"Arklet.NoSuchType{i}")
        with pytest.raises(errcat.Error):
            errcat.status(10**6 + i)
    assert sizes() == before


def test_answer_objects_are_frozen_and_shared() -> None:
    r = errcat.lookup(CODE)
    assert r.entry is errcat.find(CODE)[0]
    assert errcat.CodedError(CODE).answer is r
    with pytest.raises(AttributeError):
        r.code = "x"  # type: ignore[misc]


def test_arguments_are_bound_like_a_python_function() -> None:
    calls: List[Callable[[], object]] = [
        lambda: errcat.lookup(),  # type: ignore[call-arg]
        lambda: errcat.lookup(CODE, None, None),  # type: ignore[call-arg]
        lambda: errcat.lookup(CODE, code=CODE),  # type: ignore[misc]
        lambda: errcat.lookup(CODE, nope=1),  # type: ignore[call-arg]
        lambda: errcat.status(),  # type: ignore[call-arg]
        lambda: errcat.status(552, version=None, reporter=None),  # type: ignore[call-arg]
    ]
    for call in calls:
        with pytest.raises(TypeError):
            call()


def test_introspection() -> None:
    assert str(inspect.signature(errcat.lookup)) == "(code, reporter=None)"
    assert str(inspect.signature(errcat.status)) == "(code, version=None)"
    for function in (errcat.lookup, errcat.status):
        assert function.__module__ == "errcat"
        assert function.__doc__ and "--" not in function.__doc__


def test_eight_threads_agree() -> None:
    codes = list(_answers.LOOKUP)
    numbers = list(_answers.STATUS)
    crossing = list(_answers.LOOKUP_BY["Arklet"])[:5]  # " arklet " is a spelling the table does not list
    barrier = threading.Barrier(8)
    results: List[List[int]] = [[] for _ in range(8)]

    def work(slot: int) -> None:
        barrier.wait()
        for _ in range(20):
            results[slot].extend(id(errcat.lookup(c)) for c in codes)
            results[slot].extend(id(errcat.status(n, "v3.5.0")) for n in numbers)
            results[slot].extend(id(errcat.lookup(c, " arklet ")) for c in crossing)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results) and len(results[0]) == 20 * (len(codes) + len(numbers) + 5)
