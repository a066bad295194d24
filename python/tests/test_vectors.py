"""Every case of every testdata/vectors*.json (schema 2, testdata/README.md), through the public API, with each
result's view built as core/tests/vectors.rs builds it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import errcat

REPO = Path(__file__).resolve().parents[2]
FILES = sorted((REPO / "testdata").glob("vectors*.json"))


def load(path: Path) -> List[Dict[str, Any]]:
    doc = json.loads(path.read_text("utf-8"))
    assert doc["schema"] == 2, f"{path.name}: schema {doc['schema']}"
    cases: List[Dict[str, Any]] = doc["cases"]
    return cases


CASES = [case for path in FILES for case in load(path)]


def expand(value: Any) -> Any:
    """The long-string objects ``{"repeat", "count", "prefix", "suffix"}`` as their strings."""
    if isinstance(value, dict) and "repeat" in value:
        return value.get("prefix", "") + value["repeat"] * value["count"] + value.get("suffix", "")
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def error_value(chain: List[Dict[str, Any]]) -> errcat.CodedError:
    """The error value of a chain (outermost first), built link by link through the API: each code is resolved
    when its value is made, outermost first (as the reference runner does), then each cause is attached."""
    links = [
        errcat.CodedError(link["code"], link["detail"], reporter=link.get("reporter"), version=link.get("version"))
        for link in chain
    ]
    for outer, inner in zip(links, links[1:]):
        outer.cause = inner
    return links[0]


def keys(entries: List[errcat.Entry]) -> List[str]:
    return [e.key for e in entries]


def view(op: str, a: Dict[str, Any]) -> Dict[str, Any]:
    """The view of a call's result, as testdata/README.md defines it."""
    if op == "lookup":
        r = errcat.lookup(a["code"], a.get("reporter"))
        e = r.entry
        return {
            "code": str(r), "source": r.source.value, "type": e.error_type, "reporter": e.reporter.value,
            "dynamic": r.dynamic, "alias": r.alias, "retryable": e.retryable,
            "meaning_en": e.meaning.en, "meaning_zh": e.meaning.zh,
            "solution_en": e.solution.en, "solution_zh": e.solution.zh,
        }
    if op in ("find", "search"):
        found = keys(errcat.find(a["code"]) if op == "find" else errcat.search(a["words"]))
        return {"count": len(found), "keys": found}
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
    if op in ("parse", "compose"):
        c = errcat.parse(a["text"]) if op == "parse" else errcat.compose(a["source"], a["type"])
        return {"source": c.source.value, "type": c.error_type, "code": str(c)}
    if op == "entries":
        found = keys(errcat.entries(a.get("system"), a.get("reporter"), a.get("service"), a.get("version")))
        return {"count": len(found), "first": found[0] if found else None, "last": found[-1] if found else None}
    if op == "problem":
        return {"json": error_value(a["chain"]).to_problem_json()}
    if op == "arklet":
        return {"json": error_value(a["chain"]).to_arklet_json()}
    if op == "export":
        return {"text": errcat.export(a.get("format"), a.get("lang"))}
    raise AssertionError(f"operation {op!r} has no view in this runner (add it, and the operation to errcat)")


def satisfies(got: Dict[str, Any], key: str, want: Any) -> bool:
    if key == "contains":
        return all(part in got["text"] for part in want)
    if key == "equals_file":
        return bool(got["text"] == (REPO / want).read_text("utf-8"))
    if key == "keys_include":
        return all(k in got["keys"] for k in want)
    return bool(got[key] == want)


def test_every_file_is_read() -> None:
    assert {p.name for p in FILES} >= {"vectors.json", "vectors-boundary.json"}
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case: Dict[str, Any]) -> None:
    case = expand(case)
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
        assert satisfies(got, key, want), f"{key}: want {want!r}, got {got.get(key)!r}"
