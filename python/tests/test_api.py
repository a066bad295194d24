"""The Python shape of the API: values, enums, exceptions, caching, error values."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

import errcat


def test_lookup_returns_cached_frozen_values() -> None:
    r = errcat.lookup("Arklet.InstallBizFailed")
    assert r is errcat.lookup("Arklet.InstallBizFailed")
    assert r.entry is errcat.find("Arklet.InstallBizFailed")[0]
    assert r.reporter is errcat.Reporter.Arklet
    assert str(r) == "Arklet.InstallBizFailed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.entry.retryable = True  # type: ignore[misc]
    assert repr(r.entry) == "KouplelessEntry('Arklet/InstallBizFailed')"
    assert repr(r).startswith("Resolved('Arklet.InstallBizFailed'")


def test_entries_are_hashable_and_equal_by_value() -> None:
    everything = errcat.entries()
    assert len(set(everything)) == len(everything)
    assert {e: e.key for e in everything}[everything[0]] == everything[0].key
    first = everything[0]
    assert first == dataclasses.replace(first) and first is not dataclasses.replace(first)
    assert first != everything[1]
    assert hash(first) == hash(dataclasses.replace(first))


def test_alias_and_dynamic_source() -> None:
    r = errcat.lookup("ModuleController.ResourceConstrained")
    assert r.alias == "ResourceConstrained"
    assert r.entry.error_type == "ResourceConstraned"
    assert r is not errcat.lookup("ModuleController.ResourceConstraned")
    d = errcat.lookup("User.PullBizError")
    assert d.dynamic and d.source is errcat.Source.User


def test_reporter_as_member_or_name() -> None:
    by_member = errcat.lookup("OtherUpstream.InvalidParameter", errcat.Reporter.KouplelessBoard)
    assert by_member is errcat.lookup("OtherUpstream.InvalidParameter", reporter="KouplelessBoard")


def test_status_and_versions() -> None:
    old = errcat.status(552, "v3.5.0")
    assert old.valid and old.entry.message == "access limited"
    now = errcat.status(552)
    assert now.version == errcat.VERSIONS[-1] == "master"
    assert not now.valid and now.entry.renumbered_to == 429
    assert now.entry is old.entry
    assert errcat.status(552, "3.5.0") is old
    assert errcat.service_of(640) is errcat.Service.BlobNode
    assert isinstance(now.entry.retry, errcat.RetryClass)


def test_enums() -> None:
    assert errcat.Source.Arklet == "Arklet" and str(errcat.Source.Arklet) == "Arklet"
    assert errcat.Source("Arklet") is errcat.Source.Arklet
    assert pickle.loads(pickle.dumps(errcat.Service.Proxy)) is errcat.Service.Proxy
    assert [s.value for s in errcat.System] == ["koupleless", "blobstore"]
    assert [k.value for k in errcat.ErrorKind] == [
        "NotFound", "Ambiguous", "InvalidCode", "InvalidArgument", "Io", "Internal",
    ]
    entry = errcat.lookup("Arklet.InstallBizFailed").entry
    assert all(isinstance(s, errcat.Source) for s in entry.sources)


def test_entries_filter() -> None:
    assert len(errcat.entries(reporter=errcat.Reporter.Arklet)) == 18
    shardnode = errcat.entries(service="ShardNode", version="master")
    assert len(shardnode) == 20
    assert all(isinstance(e, errcat.StatusEntry) for e in shardnode)
    assert len(errcat.entries()) == len(errcat.entries("koupleless")) + len(errcat.entries("blobstore"))


def test_parse_and_compose() -> None:
    c = errcat.parse("Arklet.InstallBizFailed")
    assert c.source is errcat.Source.Arklet and c.error_type == "InstallBizFailed"
    assert c == errcat.compose(errcat.Source.Arklet, "InstallBizFailed")
    with pytest.raises(errcat.InvalidArgumentError):
        errcat.compose("Nobody", "DiskFull")


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errcat.NotFoundError, LookupError),
        (errcat.AmbiguousError, LookupError),
        (errcat.InvalidCodeError, ValueError),
        (errcat.InvalidArgumentError, ValueError),
        (errcat.IoError, OSError),
        (errcat.InternalError, RuntimeError),
    ],
)
def test_exception_hierarchy(cls: type, builtin: type) -> None:
    assert issubclass(cls, errcat.Error) and issubclass(cls, builtin)
    err = cls("message", ["a"], ["b"])
    assert str(err) == "message" and err.suggestions == ["a"] and err.candidates == ["b"]
    assert err.kind.value + "Error" == cls.__name__


def test_not_found_carries_suggestions() -> None:
    with pytest.raises(LookupError) as caught:
        errcat.lookup("Arklet.InstallBizFailes")
    assert isinstance(caught.value, errcat.NotFoundError)
    assert caught.value.suggestions == ["Arklet.InstallBizFailed", "Arklet.UninstallBizFailed"]


def test_io_error() -> None:
    with pytest.raises(errcat.IoError) as caught:
        errcat.analyze_audit("/nonexistent/errcat/audit.log")
    assert isinstance(caught.value, OSError) and caught.value.kind == errcat.ErrorKind.Io
    assert "/nonexistent/errcat/audit.log" in str(caught.value)


def test_search_and_lang() -> None:
    keys = [e.key for e in errcat.search("disk full")]
    assert "Arklet/DiskFull" in keys
    assert errcat.search("磁盘") and all(isinstance(e, (errcat.KouplelessEntry, errcat.StatusEntry)) for e in errcat.search("磁盘"))
    assert [lang.value for lang in errcat.Lang] == ["en", "zh"]
    assert errcat.export("md", errcat.Lang.zh) == errcat.export("md", "zh-CN")


def test_entry_records() -> None:
    e = errcat.lookup("Arklet.InstallBizFailed").entry
    assert e.system is errcat.System.koupleless and e.default_code == "Arklet.InstallBizFailed"
    s = errcat.status(552).entry
    assert s.system is errcat.System.blobstore and s.key == "552/CodeAccessLimited"
    assert {f.name for f in dataclasses.fields(s)} >= {"code", "service", "versions", "renumbered_from", "retry"}
    assert "system" not in {f.name for f in dataclasses.fields(e)}  # a class attribute, not a field


def test_coded_error() -> None:
    cause = errcat.CodedError("User.MetaspaceFull", "Metaspace 512m used")
    err = errcat.CodedError("Arklet.InstallBizFailed", "install biz demo:1.0.0 failed", cause=cause)
    problem = json.loads(err.to_problem_json())
    assert problem["type"] == "urn:errcat:koupleless:Arklet.InstallBizFailed"
    assert problem["cause"]["code"] == "User.MetaspaceFull"
    arklet = json.loads(err.to_arklet_json())
    assert arklet["code"] == "FAILED" and arklet["errorCode"] == "Arklet.InstallBizFailed"
    with pytest.raises(errcat.CodedError) as caught:
        raise err
    assert caught.value.cause is cause and caught.value.code == "Arklet.InstallBizFailed"
    assert err.answer is errcat.lookup("Arklet.InstallBizFailed") and str(err).startswith("Arklet.InstallBizFailed: ")
    blob = errcat.CodedError(552, "limited")
    assert blob.code == "552" and json.loads(blob.to_problem_json())["status"] == 552
    assert blob.answer is errcat.status(552)
    with pytest.raises(errcat.AmbiguousError):
        errcat.CodedError("User.UnknownError", "which table?")


def test_coded_error_options() -> None:
    chosen = errcat.CodedError("OtherUpstream.InvalidParameter", "bad", reporter="arklet")
    assert chosen.answer is errcat.lookup("OtherUpstream.InvalidParameter", "Arklet")
    old = errcat.CodedError("552", "limited", version="3.5.0")
    assert old.answer is errcat.status(552, "v3.5.0") and json.loads(old.to_problem_json())["version"] == "v3.5.0"
    with pytest.raises(errcat.InvalidArgumentError):
        errcat.CodedError("552", "x", version="v9")
    with pytest.raises(errcat.InvalidArgumentError):
        errcat.CodedError("Arklet.InstallBizFailed", "x", reporter="Arkle")  # checked whatever the code is


def test_positional_cause_is_deprecated() -> None:
    cause = errcat.CodedError("User.MetaspaceFull", "full")
    with pytest.warns(DeprecationWarning, match="cause="):
        err = errcat.CodedError("Arklet.InstallBizFailed", "x", cause)  # type: ignore[arg-type]
    assert err.cause is cause and json.loads(err.to_problem_json())["cause"]["code"] == "User.MetaspaceFull"


def test_cause_chain_limits() -> None:
    def chain(causes: int) -> errcat.CodedError:
        e = errcat.CodedError("613", "deep")
        for _ in range(causes):
            e = errcat.CodedError("613", "deep", cause=e)
        return e

    assert json.loads(chain(64).to_arklet_json())["errorCode"] == "613"
    for causes in (65, 100):
        with pytest.raises(errcat.InvalidArgumentError, match="deeper than 64 causes"):
            chain(causes).to_problem_json()
    loop = errcat.CodedError("User.MetaspaceFull", "a")
    loop.cause = loop  # a chain that loops back on itself is too deep, not an endless walk
    with pytest.raises(errcat.InvalidArgumentError, match="deeper than"):
        loop.to_arklet_json()
    with pytest.raises(TypeError):
        loop.cause = "User.DiskFull"  # type: ignore[assignment]
