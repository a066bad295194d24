"""Bad input gives a typed errcat error, never a crash, and the same kind as in every language (the core judges every
value; the package passes it through): None, wrong types, lone surrogates, NUL, huge strings, big ints, deep chains,
deep nesting, audit paths."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest

import errcat

BIG = "A" * (64 * 1024 + 1)
CODE = "Arklet.InstallBizFailed"

TEXT_CALLS: "dict[str, Callable[[Any], object]]" = {
    "lookup": lambda v: errcat.lookup(v),
    "lookup.reporter": lambda v: errcat.lookup(CODE, v),
    "find": lambda v: errcat.find(v),
    "search": lambda v: errcat.search(v),
    "parse": lambda v: errcat.parse(v),
    "compose.source": lambda v: errcat.compose(v, "DiskFull"),
    "compose.type": lambda v: errcat.compose("User", v),
    "status.version": lambda v: errcat.status(552, v),
    "service_of.version": lambda v: errcat.service_of(552, v),
    "entries.system": lambda v: errcat.entries(system=v),
    "entries.reporter": lambda v: errcat.entries(reporter=v),
    "entries.service": lambda v: errcat.entries(service=v),
    "entries.version": lambda v: errcat.entries(version=v),
    "export.format": lambda v: errcat.export(v),
    "export.lang": lambda v: errcat.export("md", v),
    "CodedError.code": lambda v: errcat.CodedError(v, "detail"),
    "CodedError.reporter": lambda v: errcat.CodedError(CODE, "detail", reporter=v),
    "CodedError.version": lambda v: errcat.CodedError("552", "detail", version=v),
    "CodedError.detail": lambda v: errcat.CodedError(CODE, v).to_problem_json(),
    "analyze_audit.version": lambda v: errcat.analyze_audit(__file__, v),
    "analyze_audit.errors": lambda v: errcat.analyze_audit(__file__, errors=v),
}
OPTIONAL = {k for k in TEXT_CALLS if k.split(".")[-1] in {"reporter", "version", "system", "service", "errors"}}
DEFAULTED = {"export.format", "export.lang"}


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
@pytest.mark.parametrize("value", [42, 1.5, ["x"], object(), {"a": 1}, True], ids=repr)
def test_wrong_type_is_invalid_argument(call: str, value: object) -> None:
    if call == "CodedError.code" and isinstance(value, (int, float)) and not isinstance(value, bool):
        with pytest.raises((errcat.NotFoundError, errcat.InvalidCodeError)):  # a number is a status number there
            TEXT_CALLS[call](value)
        return
    with pytest.raises(errcat.InvalidArgumentError) as caught:
        TEXT_CALLS[call](value)
    assert isinstance(caught.value, TypeError)  # callers that caught TypeError before still do
    assert "must be a string" in str(caught.value)


def test_wrong_type_names_the_type() -> None:
    with pytest.raises(errcat.InvalidArgumentError, match="code must be a string, not a dict"):
        errcat.lookup({})  # type: ignore[arg-type]
    with pytest.raises(errcat.InvalidArgumentError, match="not a object"):
        errcat.lookup(object())  # type: ignore[arg-type]


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
def test_none(call: str) -> None:
    if call in OPTIONAL:
        TEXT_CALLS[call](None)  # None means "not given"
    elif call in DEFAULTED:
        assert TEXT_CALLS[call](None)  # the default format / language
    else:
        with pytest.raises(errcat.InvalidArgumentError, match="is missing"):
            TEXT_CALLS[call](None)


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
@pytest.mark.parametrize("value", ["\ud800", "Arklet.Install\udfffBiz", "x\udcff"], ids=["high", "low", "escaped"])
def test_lone_surrogate_is_invalid_argument(call: str, value: str) -> None:
    with pytest.raises(errcat.InvalidArgumentError, match="lone surrogate"):
        TEXT_CALLS[call](value)


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
def test_too_long_is_invalid_argument(call: str) -> None:
    with pytest.raises(errcat.InvalidArgumentError, match="at most 65536"):
        TEXT_CALLS[call](BIG)


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
def test_nul(call: str) -> None:
    if call == "CodedError.detail":  # any text is a detail; JSON escapes the NUL
        assert json.loads(str(TEXT_CALLS[call]("a\0b")))["detail"] == "a\0b"
        return
    want = errcat.InvalidCodeError if call in {"lookup", "find", "parse", "compose.type", "CodedError.code"} else errcat.InvalidArgumentError
    if call == "search":
        assert TEXT_CALLS[call]("disk\0") == []  # words: nothing holds a NUL
        return
    with pytest.raises(want):
        TEXT_CALLS[call]("Arklet\0")


def test_bytes_are_utf8_text() -> None:
    assert errcat.lookup(CODE.encode()) is errcat.lookup(CODE)  # type: ignore[arg-type]
    assert errcat.lookup(bytearray(CODE.encode())) is errcat.lookup(CODE)  # type: ignore[arg-type]
    with pytest.raises(errcat.InvalidArgumentError, match="not valid UTF-8"):
        errcat.lookup(b"Arklet.\xffBiz")  # type: ignore[arg-type]


NUMBER_CALLS: "dict[str, Callable[[Any], object]]" = {
    "status": lambda v: errcat.status(v),
    "service_of": lambda v: errcat.service_of(v),
    "CodedError": lambda v: errcat.CodedError(v, "detail"),
}


@pytest.mark.parametrize("call", sorted(NUMBER_CALLS))
@pytest.mark.parametrize("value", [-1, 1000, 2**31, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 2**200, 2.5])
def test_out_of_range_number_is_invalid_code(call: str, value: object) -> None:
    with pytest.raises(errcat.InvalidCodeError):
        NUMBER_CALLS[call](value)


def test_big_int_is_named() -> None:
    with pytest.raises(errcat.InvalidCodeError, match="18446744073709551616 is not a status code"):
        errcat.status(2**64)


@pytest.mark.parametrize("call", ["status", "service_of"])
@pytest.mark.parametrize("value", [None, "552", b"552", True, [552], object()], ids=repr)
def test_number_argument_of_wrong_type(call: str, value: object) -> None:
    with pytest.raises(errcat.InvalidArgumentError):
        NUMBER_CALLS[call](value)


def test_integral_float_is_the_number() -> None:
    assert errcat.status(552.0) is errcat.status(552)  # type: ignore[arg-type]
    assert errcat.service_of(640.0) is errcat.service_of(640)  # type: ignore[arg-type]


class Claims552(int):
    """An int subclass that hashes and compares like 552 whatever its value."""

    def __hash__(self) -> int:
        return hash(552)

    def __eq__(self, other: object) -> bool:
        return True

    def __str__(self) -> str:
        return "552"

    __repr__ = __str__


class ClaimsCode(str):
    """A str subclass that hashes and compares like CODE whatever its value."""

    def __hash__(self) -> int:
        return hash(CODE)

    def __eq__(self, other: object) -> bool:
        return True

    def encode(self, *args: Any, **kwargs: Any) -> bytes:  # type: ignore[override]
        return CODE.encode()


def test_subclasses_are_read_by_value() -> None:
    assert errcat.status(Claims552(404)) is errcat.status(404)
    assert errcat.status(Claims552(404), "master") is errcat.status(404)
    with pytest.raises(errcat.InvalidCodeError, match="1000 is not"):
        errcat.status(Claims552(1000))
    other = "ModuleController.ResourceConstrained"
    assert errcat.lookup(ClaimsCode(other)) is errcat.lookup(other)
    assert errcat.lookup(ClaimsCode(other), "ModuleController") is errcat.lookup(other)
    assert errcat.lookup(errcat.Source.Arklet + ".InstallBizFailed") is errcat.lookup(CODE)


def test_deep_chain_is_refused() -> None:
    e = errcat.CodedError("613", "deep")
    for _ in range(100_000):
        e = errcat.CodedError("613", "deep", cause=e)
    for render in (e.to_problem_json, e.to_arklet_json):
        with pytest.raises(errcat.InvalidArgumentError, match="cause chain is deeper than 64 causes"):
            render()
    del e  # 100,000 nested values are freed without recursion trouble


def test_deep_nesting_is_recursion_error() -> None:
    nested: Any = []
    for _ in range(100_000):
        nested = [nested]
    with pytest.raises(RecursionError):
        errcat.analyze_audit(nested)
    assert errcat.lookup(CODE).entry.error_type == "InstallBizFailed"


def test_max_api_level() -> None:
    for bad in (-1, 65, 2**70):
        with pytest.raises(errcat.InvalidArgumentError, match="max_api_level"):
            errcat.analyze_audit(__file__, max_api_level=bad)
    with pytest.raises(errcat.InvalidArgumentError, match="must be a number"):
        errcat.analyze_audit(__file__, max_api_level="2")  # type: ignore[arg-type]
    assert errcat.analyze_audit(__file__, max_api_level=2.0).to_dict() == errcat.analyze_audit(__file__).to_dict()  # type: ignore[arg-type]


def test_audit_paths(tmp_path: Path) -> None:
    with pytest.raises(errcat.InvalidArgumentError, match="paths must be a list"):
        errcat.analyze_audit(42)  # type: ignore[arg-type]
    with pytest.raises(errcat.InvalidArgumentError, match=r"^paths\[1\] is missing$"):
        errcat.analyze_audit([__file__, None])  # type: ignore[list-item]
    with pytest.raises(errcat.InvalidArgumentError, match=r"^paths\[0\] is missing$"):  # issue 14: no word of bytes
        errcat.analyze_audit([None])  # type: ignore[list-item]
    for empty in ("", b""):
        with pytest.raises(errcat.InvalidArgumentError, match="is empty"):
            errcat.analyze_audit([empty])
    with pytest.raises(errcat.InvalidArgumentError, match="NUL"):
        errcat.analyze_audit(["a\0b"])
    with pytest.raises(errcat.InvalidArgumentError, match="at most 4096"):
        errcat.analyze_audit([__file__] * 4097)
    empty_report = errcat.analyze_audit([])
    assert empty_report.lines == 0 and empty_report.malformed == 0  # like every language
    assert errcat.analyze_audit(iter([])).lines == 0


def test_non_utf8_file_names(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/audit-\xff.log"
    with open(raw, "wb") as out:
        out.write(b"not an audit line\n")
    as_str = os.fsdecode(raw)  # what os.listdir gives: the byte escaped as U+DCFF
    for path in (raw, as_str, Path(as_str)):
        report = errcat.analyze_audit(path)
        assert report.lines == 1 and report.malformed == 1, path


def test_panic_guard() -> None:
    with pytest.raises(errcat.InternalError) as caught:
        errcat._native._panic_for_test()
    assert isinstance(caught.value, RuntimeError)
    assert caught.value.kind == errcat.ErrorKind.Internal
    assert "internal error in errcat (a bug, please report it): deliberate panic" in str(caught.value)
    # The module still works after a caught panic.
    assert errcat.lookup(CODE).entry.reporter is errcat.Reporter.Arklet


def test_unknown_operation() -> None:
    with pytest.raises(errcat.InvalidArgumentError, match="not an errcat operation"):
        errcat._native.call("no_such_op")
