"""errcat.classify and errcat.enrich through the installed package: the objects, the errors, the README example.
(Every classify vector runs in test_vectors.py.)"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Dict

import pytest

import errcat

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "testdata" / "classify"
REPEAT_BIZ = (SAMPLES / "repeat-biz.json").read_bytes()
BATCH = b"""{"code":"FAILED","data":{"bizUrlToResponse":{"a.jar":{"code":"FAILED","message":"internal exception: null"},
"b.jar":{"code":"WEIRD"}},"code":"FAILED"},"message":"install biz not success!"}"""


def test_the_readme_example() -> None:
    c = errcat.classify(REPEAT_BIZ, command="installBiz")
    assert c.outcome == "error" and not c.is_success
    assert c.code is errcat.lookup("Arklet.InstallationRequirementNotMet")
    assert str(c.code) == "Arklet.InstallationRequirementNotMet"
    assert c.entry is c.code.entry and c.reporter is errcat.Reporter.Arklet
    assert c.rule == "biz.repeat" and c.why
    assert c.retryable is False
    assert dict(c.evidence.placeholders) == {"bizName": "dynamic-provider", "bizVersion": "1.0.0"}
    assert c.evidence.envelope == "FAILED" and c.evidence.data_code == "REPEAT_BIZ"
    assert c.evidence.command == "installBiz" and c.evidence.tunnel == "http" and c.evidence.shape == "envelope"
    assert c.results == ()
    assert str(c) == "Arklet.InstallationRequirementNotMet (biz.repeat)"


def test_str_and_bytes_bodies_classify_alike() -> None:
    as_bytes = errcat.classify(REPEAT_BIZ, "installBiz")
    as_text = errcat.classify(REPEAT_BIZ.decode(), "installBiz")
    assert as_bytes == as_text and hash(as_bytes) == hash(as_text)
    assert errcat.classify(bytearray(REPEAT_BIZ), "installBiz") == as_bytes


def test_a_success_has_no_code() -> None:
    c = errcat.classify('{"code":"SUCCESS","data":{"code":"SUCCESS"}}', command="installBiz")
    assert c.outcome == "success" and c.is_success
    assert c.code is None and c.entry is None and c.reporter is None and c.retryable is None
    assert str(c).startswith("success (")


def test_the_objects_hold_exactly_their_fields() -> None:
    """The core's members become the fields (the fast construction): nothing missing, nothing extra."""
    bodies = [REPEAT_BIZ, BATCH, (SAMPLES / "install-user-error.json").read_bytes(), b'{"code":"SUCCESS"}']
    for body in bodies:
        c = errcat.classify(body, "batchInstallBiz" if body is BATCH else "installBiz")
        for obj in [c, c.evidence] + [i.classification for i in c.results if i.classification is not None] + [
            i.classification.evidence for i in c.results if i.classification is not None
        ]:
            assert set(vars(obj)) == {f.name for f in dataclasses.fields(obj)}, type(obj)
            assert repr(obj).startswith(type(obj).__name__ + "(")


def test_everything_is_frozen() -> None:
    c = errcat.classify(REPEAT_BIZ)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.rule = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.evidence.message = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        c.evidence.placeholders["bizName"] = "other"  # type: ignore[index]
    assert isinstance(c.results, tuple)
    assert c == errcat.classify(REPEAT_BIZ) and c is not errcat.classify(REPEAT_BIZ)


def test_a_batch_has_one_result_per_entry_and_an_unclassified_entry_carries_its_error() -> None:
    c = errcat.classify(BATCH, command="batchInstallBiz")
    assert [i.key for i in c.results] == ["a.jar", "b.jar"]
    first, second = c.results
    assert first.error is None and first.classification is not None
    assert first.classification.code is errcat.lookup("User.InstallBizUserError")
    assert first.classification.evidence.key == "a.jar" and first.classification.results == ()
    assert c.code is first.classification.code and c.rule == first.classification.rule == "batch.user-error"
    assert second.classification is None
    assert isinstance(second.error, errcat.NotFoundError) and isinstance(second.error, LookupError)
    assert second.error.kind is errcat.ErrorKind.NotFound and "WEIRD" in second.error.message
    with pytest.raises(errcat.NotFoundError):
        raise second.error
    again = errcat.classify(BATCH, command="batchInstallBiz")
    assert again == c and hash(again) == hash(c) and again.results[1].error is not second.error


def test_the_trace_evidence() -> None:
    c = errcat.classify((SAMPLES / "install-user-error.json").read_text("utf-8"), command="installBiz")
    e = c.evidence
    assert str(c.code) == "User.InstallBizUserError" and c.rule == "install.user-error"
    assert e.exception == "java.lang.reflect.InvocationTargetException"
    assert e.cause == "java.lang.IllegalStateException" and e.cause_message == "order table is missing"
    assert e.cause_origin == "user" and e.cause_frame == "com.example.demo.OrderService.afterPropertiesSet"
    assert (e.causes, e.frames) == (3, 17)


def test_the_context_is_read_by_the_core() -> None:
    refused = 'Post "http://10.0.0.3:1238/installBiz": dial tcp 10.0.0.3:1238: connect: connection refused'
    c = errcat.classify(refused, tunnel="client")
    assert str(c.code) == "Arklet.ArkletServiceNotFound" and c.reporter is errcat.Reporter.ModuleController
    assert errcat.classify(refused, tunnel=" CLIENT ".strip().lower()) == c
    assert errcat.classify(REPEAT_BIZ, command="/INSTALLBIZ").evidence.command == "installBiz"
    assert errcat.classify(REPEAT_BIZ, command="", http_status=0, tunnel="").evidence.command is None
    assert errcat.classify(REPEAT_BIZ, http_status=200).evidence.http_status == 200


@pytest.mark.parametrize(
    "args,kind",
    [
        ((b"not json",), errcat.InvalidArgumentError),
        ((b"\xff\xfe",), errcat.InvalidArgumentError),
        ((None,), errcat.InvalidArgumentError),
        ((42,), errcat.InvalidArgumentError),
        ((REPEAT_BIZ, "install"), errcat.InvalidArgumentError),
        ((REPEAT_BIZ, None, 99), errcat.InvalidArgumentError),
        ((REPEAT_BIZ, None, "200"), errcat.InvalidArgumentError),
        ((REPEAT_BIZ, None, None, "smtp"), errcat.InvalidArgumentError),
        ((REPEAT_BIZ, 5), errcat.InvalidArgumentError),
        (('{"code":"CMD_PROCESS_INTERNAL_ERROR","message":"Internal Error: java.lang.IllegalStateException: x"}',),
         errcat.NotFoundError),
    ],
)
def test_unclassified_input_raises_the_core_kind(args: Any, kind: type) -> None:
    with pytest.raises(kind) as caught:
        errcat.classify(*args)
    assert caught.value.kind.value == kind.__name__[: -len("Error")]
    with pytest.raises(kind):
        errcat.enrich(*args)


def test_the_message_says_which_command_would_decide() -> None:
    body = '{"code":"CMD_PROCESS_INTERNAL_ERROR","message":"Internal Error: java.lang.IllegalStateException: x"}'
    with pytest.raises(errcat.NotFoundError) as caught:
        errcat.classify(body)
    assert "installBiz → Arklet.InstallBizFailed" in caught.value.message
    assert str(errcat.classify(body, command="installBiz").code) == "Arklet.InstallBizFailed"


def test_a_body_over_16_mib_is_refused() -> None:
    body = b'{"code":"FAILED","message":"' + b"x" * (16 << 20) + b'"}'
    with pytest.raises(errcat.InvalidArgumentError, match="body"):
        errcat.classify(body)


def test_enrich_returns_the_type_it_was_given() -> None:
    text = errcat.enrich(REPEAT_BIZ.decode(), "installBiz")
    data = errcat.enrich(REPEAT_BIZ, "installBiz")
    assert isinstance(text, str) and isinstance(data, bytes) and data == text.encode()
    enriched: Dict[str, Any] = json.loads(text)
    assert enriched["errorCode"] == "Arklet.InstallationRequirementNotMet"
    body = REPEAT_BIZ.decode()
    assert body.endswith("}\n"), "the sample ends with a newline, which enrich keeps"
    assert text == body[:-2] + ',"errorCode":"Arklet.InstallationRequirementNotMet"}\n'  # every other byte kept


def test_eight_threads_classify_alike() -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(_: int) -> list[errcat.Classification]:
        return [errcat.classify(BATCH, "batchInstallBiz") for _ in range(200)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(r == results[0] for r in results) and results[0][0].results[1].error is not None


def test_the_docstring_example_runs() -> None:
    import doctest

    import errcat._classify as module

    failed, tried = doctest.testmod(module, extraglobs={"classify": errcat.classify}, verbose=False)
    assert tried > 0 and failed == 0


def test_the_names_are_exported() -> None:
    for name in ("classify", "enrich", "Classification", "ClassifiedItem", "Evidence"):
        assert name in errcat.__all__ and getattr(errcat, name).__doc__
    for cls in (errcat.Classification, errcat.ClassifiedItem, errcat.Evidence):
        assert cls.__module__ == "errcat"
