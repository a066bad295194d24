"""The fast path of errcat.lookup / errcat.status (bindings/python/src/fast.rs): a cache of answers in front of the
pyo3 functions, used only for one positional argument of exactly str / int. It must never change an answer."""

from __future__ import annotations

import inspect
import threading
from decimal import Decimal
from fractions import Fraction
from typing import Any, Dict, Iterator, List, Tuple

import pytest

import errcat
from errcat import _native

CODE = "Arklet.InstallBizFailed"
OTHER = "ModuleController.ResourceConstrained"


def resolvable() -> List[str]:
    """Every Koupleless entry's code with its default source, when that resolves without a reporter."""
    codes = []
    for e in errcat.entries(system="koupleless"):
        code = f"{e.sources[0].value}.{e.error_type}"
        try:
            errcat.lookup(code=code)  # the keyword form: never remembered
        except errcat.AmbiguousError:
            continue
        codes.append(code)
    return codes


CODES = resolvable()
NUMBERS = [e.code for e in errcat.entries(system="blobstore")]


def stats() -> Dict[str, int]:
    return _native._fast_path()


@pytest.fixture
def fresh() -> Iterator[None]:
    """Empty caches at the default cap, restored afterwards."""
    default = stats()["cap"]
    _native._fast_path(default)
    assert stats()["lookup"] == stats()["status"] == 0
    yield
    _native._fast_path(default)


def test_hit_is_the_slow_paths_object(fresh: None) -> None:
    slow = errcat.lookup(code=CODE)
    assert stats()["lookup"] == 0  # keywords: the pyo3 function, nothing remembered
    first = errcat.lookup(CODE)  # a miss: answered by the pyo3 function, then remembered
    assert first is slow and stats()["lookup"] == 1
    again = errcat.lookup("".join(["Arklet.", "InstallBizFailed"]))  # another str object, same value: a hit
    assert again is first and stats()["lookup"] == 1
    assert again.entry is errcat.find(CODE)[0]

    slow_m = errcat.status(code=552)
    assert stats()["status"] == 0
    m = errcat.status(552)
    assert m is slow_m and stats()["status"] == 1
    assert errcat.status(int("552")) is m and errcat.status(552 + 0) is m and stats()["status"] == 1
    assert errcat.status(552, errcat.VERSIONS[-1]) is m  # the default version is the newest
    assert errcat.status(552, "v3.5.0") is not m  # another version: the slow path, its own object


def test_every_form_agrees(fresh: None) -> None:
    for _ in range(2):  # the first round fills the cache, the second answers from it
        for code in CODES:
            r = errcat.lookup(code)
            assert r is errcat.lookup(code, None) is errcat.lookup(code=code) is errcat.lookup(code, reporter=None)
            assert r is errcat.lookup(code, r.entry.reporter) is errcat.lookup(code, reporter=r.entry.reporter)
            assert r is errcat.lookup(reporter=r.entry.reporter, code=code) is errcat.lookup(reporter=None, code=code)
            assert str(r) == code
        for n in NUMBERS:
            m = errcat.status(n)
            assert m is errcat.status(n, None) is errcat.status(code=n) is errcat.status(n, version=None)
            assert m is errcat.status(version=None, code=n) is errcat.status(code=n, version=errcat.VERSIONS[-1])
            old = errcat.status(n, "v3.5.0")
            assert old is errcat.status(n, version="v3.5.0") is errcat.status(version="3.5.0", code=n)
            assert m.entry.code == n
    assert stats()["lookup"] == len(set(CODES))
    assert stats()["status"] == len(set(NUMBERS))


def test_errors_are_never_cached(fresh: None) -> None:
    for _ in range(3):
        with pytest.raises(errcat.NotFoundError) as not_found:
            errcat.lookup("Arklet.InstallBizFailes")
        assert "Arklet.InstallBizFailed" in not_found.value.suggestions
        with pytest.raises(errcat.AmbiguousError) as ambiguous:
            errcat.lookup("User.UnknownError")
        assert len(ambiguous.value.candidates) == 3
        with pytest.raises(errcat.InvalidCodeError):
            errcat.lookup("\ud800")
        with pytest.raises(errcat.NotFoundError):
            errcat.status(401)
        with pytest.raises(errcat.InvalidCodeError):
            errcat.status(1000)
    assert stats()["lookup"] == stats()["status"] == 0


def test_wrong_types_never_reach_the_cache(fresh: None) -> None:
    m = errcat.status(552)
    r = errcat.lookup(CODE)
    # Each of these hashes and compares equal to a remembered key; the exact-type check keeps them off the dict.
    for equal_but_not_int in (552.0, Decimal(552), Fraction(552)):
        assert equal_but_not_int == 552 and hash(equal_but_not_int) == hash(552)
        with pytest.raises(TypeError):
            errcat.status(equal_but_not_int)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        errcat.status(True)
    with pytest.raises(TypeError):
        errcat.lookup(CODE.encode())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        errcat.lookup(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        errcat.status(None)  # type: ignore[arg-type]
    assert errcat.status(552) is m and errcat.lookup(CODE) is r
    assert stats()["lookup"] == stats()["status"] == 1


class ClaimsToBe552(int):
    """An int subclass that hashes and compares like 552 whatever its value."""

    def __hash__(self) -> int:
        return hash(552)

    def __eq__(self, other: object) -> bool:
        return True


class ClaimsToBeCode(str):
    """A str subclass that hashes and compares like CODE whatever its value."""

    def __hash__(self) -> int:
        return hash(CODE)

    def __eq__(self, other: object) -> bool:
        return True


def test_subclasses_take_the_slow_path(fresh: None) -> None:
    m = errcat.status(552)
    r = errcat.lookup(CODE)
    other_n = next(n for n in NUMBERS if n != 552)
    assert errcat.status(ClaimsToBe552(other_n)) is errcat.status(other_n)  # the value counts, not the hash
    assert errcat.status(ClaimsToBe552(552)) is m
    assert errcat.lookup(ClaimsToBeCode(OTHER)) is errcat.lookup(OTHER)
    assert errcat.lookup(ClaimsToBeCode(CODE)) is r
    assert errcat.lookup(errcat.Source.Arklet + ".InstallBizFailed") is r  # (str + str is a plain str)
    before = stats()
    errcat.status(ClaimsToBe552(other_n))
    errcat.lookup(ClaimsToBeCode(OTHER))
    assert stats() == before  # subclass arguments are not remembered


def test_argument_errors_are_the_pyo3_ones() -> None:
    calls: List[Tuple[Any, Tuple[Any, ...], Dict[str, Any]]] = [
        (errcat.lookup, (), {}),
        (errcat.lookup, (CODE, None, None), {}),
        (errcat.lookup, (CODE,), {"code": CODE}),
        (errcat.lookup, (), {"code": CODE, "nope": 1}),
        (errcat.lookup, (), {"reporter": None}),
        (errcat.lookup, (CODE, None), {"reporter": None}),
        (errcat.lookup, (), {"code": CODE, "version": None}),
        (errcat.lookup, (CODE,), {"Code": CODE}),
        (errcat.status, (), {}),
        (errcat.status, (552, None, None), {}),
        (errcat.status, (552,), {"code": 552}),
        (errcat.status, (), {"code": 552, "nope": 1}),
        (errcat.status, (), {"version": None}),
        (errcat.status, (552, None), {"version": None}),
        (errcat.status, (552,), {"reporter": None}),
    ]
    for function, args, kwargs in calls:
        with pytest.raises(TypeError, match=function.__name__):
            function(*args, **kwargs)


def test_introspection() -> None:
    assert str(inspect.signature(errcat.lookup)) == "(code, reporter=None)"
    assert str(inspect.signature(errcat.status)) == "(code, version=None)"
    for function in (errcat.lookup, errcat.status):
        assert function.__module__ == "errcat._native"
        assert function is getattr(_native, function.__name__)
        assert function.__doc__ and "--" not in function.__doc__


def test_the_cache_is_bounded(fresh: None) -> None:
    for i in range(5000):  # a flood of distinct bad inputs, short and long
        with pytest.raises(errcat.Error):
            errcat.lookup(f"Arklet.NoSuchType{i}")
        with pytest.raises(errcat.Error):  # not catalogued (0..=999) or not a status code at all
            errcat.status(i if i < 1000 and i not in NUMBERS else 10**6 + i)
    with pytest.raises(errcat.Error):
        errcat.lookup("Arklet." + "A" * 10_000)
    assert stats()["lookup"] == stats()["status"] == 0

    _native._fast_path(3)  # a tiny cap: every answer stays right, only three are remembered per function
    for _ in range(2):
        assert all(errcat.lookup(c) is errcat.lookup(code=c) for c in CODES)
        assert all(errcat.status(n) is errcat.status(code=n) for n in NUMBERS)
    assert stats()["lookup"] == stats()["status"] == 3

    _native._fast_path(0)  # no cache at all: the pyo3 functions answer every call
    assert errcat.lookup(CODE) is errcat.lookup(code=CODE) and errcat.status(552) is errcat.status(code=552)
    assert stats()["lookup"] == stats()["status"] == 0


def test_eight_threads_fill_the_cache_together(fresh: None) -> None:
    barrier = threading.Barrier(8)
    results: List[List[int]] = [[] for _ in range(8)]

    def work(slot: int) -> None:
        barrier.wait()
        for _ in range(20):
            results[slot].extend(id(errcat.lookup(c)) for c in CODES)
            results[slot].extend(id(errcat.status(n)) for n in NUMBERS)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results) and len(results[0]) == 20 * (len(CODES) + len(NUMBERS))
    assert results[0][: len(CODES)] == [id(errcat.lookup(code=c)) for c in CODES]
    assert stats()["lookup"] == len(set(CODES)) and stats()["status"] == len(set(NUMBERS))
