"""Bad input gives a typed error, never a crash: None, bytes, lone surrogates, NUL, 1 MB strings, huge ints."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import errcat

MB = "A" * (1 << 20)

TEXT_CALLS: "dict[str, Callable[[Any], object]]" = {
    "lookup": lambda v: errcat.lookup(v),
    "lookup.reporter": lambda v: errcat.lookup("Arklet.InstallBizFailed", v),
    "find": lambda v: errcat.find(v),
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
    "CodedError.detail": lambda v: errcat.CodedError("Arklet.InstallBizFailed", v).to_problem_json(),
    "analyze_audit.version": lambda v: errcat.analyze_audit(__file__, v),
}
OPTIONAL = {k for k in TEXT_CALLS if k.split(".")[-1] in {"reporter", "version", "system", "service"}}


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
@pytest.mark.parametrize("value", [b"Arklet.InstallBizFailed", 42, 1.5, ["x"], object()], ids=repr)
def test_wrong_type_is_type_error(call: str, value: object) -> None:
    if call == "CodedError.code" and isinstance(value, int):
        with pytest.raises(errcat.NotFoundError):  # an int is a status number there: 42 is not in the catalog
            TEXT_CALLS[call](value)
        return
    with pytest.raises(TypeError):
        TEXT_CALLS[call](value)


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
def test_none(call: str) -> None:
    if call in OPTIONAL:
        TEXT_CALLS[call](None)  # None means "not given"
    elif call.startswith("export."):
        assert TEXT_CALLS[call](None)  # the default format / language
    else:
        with pytest.raises(TypeError):
            TEXT_CALLS[call](None)


@pytest.mark.parametrize("call", sorted(TEXT_CALLS))
@pytest.mark.parametrize(
    "value",
    ["\ud800", "Arklet.Install\udfffBiz", "Arklet.InstallBizFailed\0", "\0", MB, "Arklet." + MB, "", "Ärklet.ß"],
    ids=["lone-high", "lone-low", "nul-suffix", "nul", "1MB", "1MB-type", "empty", "non-ascii"],
)
def test_bad_text_is_errcat_error(call: str, value: str) -> None:
    if call == "CodedError.detail":
        if "\ud800" in value or "\udfff" in value:
            with pytest.raises(errcat.InvalidArgumentError):
                TEXT_CALLS[call](value)
        else:
            TEXT_CALLS[call](value)  # any text is a valid detail
        return
    with pytest.raises(errcat.Error):
        TEXT_CALLS[call](value)


INT_CALLS: "dict[str, Callable[[Any], object]]" = {
    "status": lambda v: errcat.status(v),
    "service_of": lambda v: errcat.service_of(v),
    "CodedError": lambda v: errcat.CodedError(v, "detail"),
}


@pytest.mark.parametrize("call", sorted(INT_CALLS))
@pytest.mark.parametrize("value", [-1, 1000, 2**31, 2**32, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**200])
def test_out_of_range_int(call: str, value: int) -> None:
    with pytest.raises(errcat.Error) as caught:
        INT_CALLS[call](value)
    assert isinstance(caught.value, (errcat.InvalidCodeError, errcat.NotFoundError))


@pytest.mark.parametrize("call", ["status", "service_of"])
@pytest.mark.parametrize("value", [None, "552", b"552", 552.0, True, [552]], ids=repr)
def test_int_argument_of_wrong_type(call: str, value: object) -> None:
    with pytest.raises(TypeError):
        INT_CALLS[call](value)


def test_status_number_out_of_the_catalog() -> None:
    with pytest.raises(errcat.InvalidCodeError):
        errcat.status(2**64)


def test_max_api_level() -> None:
    for bad in (-1, 2**70):
        with pytest.raises(errcat.InvalidArgumentError):
            errcat.analyze_audit(__file__, max_api_level=bad)
    for wrong in ("2", 2.0):
        with pytest.raises(TypeError):
            errcat.analyze_audit(__file__, max_api_level=wrong)  # type: ignore[arg-type]


def test_audit_paths() -> None:
    with pytest.raises(TypeError):
        errcat.analyze_audit(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        errcat.analyze_audit([__file__, None])  # type: ignore[list-item]
    with pytest.raises(errcat.InvalidArgumentError):
        errcat.analyze_audit([])


def test_coded_error_cause_type() -> None:
    with pytest.raises(TypeError):
        errcat.CodedError("Arklet.InstallBizFailed", "x", cause="User.DiskFull")  # type: ignore[arg-type]


def test_panic_guard() -> None:
    with pytest.raises(errcat.InternalError) as caught:
        errcat._native._panic_for_test()
    assert isinstance(caught.value, RuntimeError)
    assert caught.value.kind == errcat.ErrorKind.Internal
    assert "panicked" in str(caught.value)
    # The module still works after a caught panic.
    assert errcat.lookup("Arklet.InstallBizFailed").entry.reporter is errcat.Reporter.Arklet
