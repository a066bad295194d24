"""Every case of testdata/vectors.json, with the views of testdata/README.md (as core/tests/vectors.rs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

import errcat

REPO = Path(__file__).resolve().parents[2]
CASES = json.loads((REPO / "testdata" / "vectors.json").read_text("utf-8"))["cases"]


def coded(args: Dict[str, Any]) -> errcat.CodedError:
    cause: Optional[errcat.CodedError] = coded(args["cause"]) if args.get("cause") else None
    return errcat.CodedError(args["code"], args["detail"], cause=cause)


def view(op: str, a: Dict[str, Any]) -> Dict[str, Any]:
    """The view of a call's result, as defined in testdata/README.md."""
    if op == "lookup":
        r = errcat.lookup(a["code"], a.get("reporter"))
        e = r.entry
        return {
            "code": str(r), "source": r.source.value, "type": e.error_type, "reporter": e.reporter.value,
            "dynamic": r.dynamic, "alias": r.alias, "retryable": e.retryable,
            "meaning_en": e.meaning.en, "meaning_zh": e.meaning.zh,
            "solution_en": e.solution.en, "solution_zh": e.solution.zh,
        }
    if op == "find":
        keys = [e.key for e in errcat.find(a["code"])]
        return {"count": len(keys), "keys": keys}
    if op == "status":
        m = errcat.status(a["code"], a.get("version"))
        s = m.entry
        return {
            "code": s.code, "service": s.service.value, "message": s.message, "valid": m.valid,
            "versions": list(s.versions), "retry": s.retry.value, "renumbered_to": s.renumbered_to,
            "renumbered_from": s.renumbered_from, "go_const": s.go_const, "go_err": s.go_err,
        }
    if op == "service_of":
        return {"service": errcat.service_of(a["code"], a.get("version")).value}
    if op == "parse":
        c = errcat.parse(a["text"])
        return {"source": c.source.value, "type": c.error_type, "code": str(c)}
    if op == "compose":
        return {"code": str(errcat.compose(a["source"], a["type"]))}
    if op == "entries":
        keys = [
            e.key
            for e in errcat.entries(
                system=a.get("system"), reporter=a.get("reporter"), service=a.get("service"), version=a.get("version")
            )
        ]
        return {"count": len(keys), "first": keys[0] if keys else None, "last": keys[-1] if keys else None}
    if op == "problem":
        return {"json": coded(a).to_problem_json()}
    if op == "arklet":
        return {"json": coded(a).to_arklet_json()}
    if op == "export":
        return {"text": errcat.export(a["format"], a["lang"])}
    raise AssertionError(f"unknown op {op}")


def test_there_are_vectors() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case: Dict[str, Any]) -> None:
    if "error" in case:
        want = case["error"]
        with pytest.raises(errcat.Error) as caught:
            view(case["op"], case["args"])
        err = caught.value
        assert err.kind == want["kind"], f"{err.kind}: {err}"
        assert type(err).__name__ == f"{want['kind']}Error"
        for field in ("suggestions", "candidates"):
            if field in want:
                assert getattr(err, field) == want[field]
        return
    got = view(case["op"], case["args"])
    for key, want in case["expect"].items():
        if key == "contains":
            for part in want:
                assert part in got["text"]
        elif key == "equals_file":
            assert got["text"] == (REPO / want).read_text("utf-8")
        else:
            assert got[key] == want, key
