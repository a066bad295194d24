"""Not a test: a program over the whole public API that `make test` type-checks with mypy --strict."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import errcat


def describe(entry: errcat.Entry) -> str:
    system: errcat.System = entry.system
    if isinstance(entry, errcat.KouplelessEntry):
        sources: List[errcat.Source] = list(entry.sources)
        default: str = entry.default_code
        print(system.value, default)
        return f"{entry.reporter.value}/{entry.error_type} from {sources[0].value}: {entry.meaning.en}"
    retry: errcat.RetryClass = entry.retry
    renumbered: Optional[int] = entry.renumbered_to
    return f"{entry.code} {entry.service.value} {entry.message} {retry.value} {renumbered}"


def main() -> None:
    r: errcat.Resolved = errcat.lookup("Arklet.InstallBizFailed", reporter=errcat.Reporter.Arklet)
    alias: Optional[str] = r.alias
    print(r.code, r.source.value, r.dynamic, alias, r.reporter.value, describe(r.entry))
    m: errcat.StatusMatch = errcat.status(552, version="v3.5.0")
    print(m.valid, m.version, describe(m.entry))
    service: errcat.Service = errcat.service_of(640)
    code: errcat.Code = errcat.parse("User.DiskFull")
    also: errcat.Code = errcat.compose("User", "DiskFull")
    print(service.value, code.source, code.error_type, str(also))
    for e in errcat.entries(system=errcat.System.blobstore, version=errcat.VERSIONS[-1]) + errcat.find("552"):
        print(describe(e))
    text: str = errcat.export(format="md", lang=errcat.Lang.zh)
    found: List[errcat.Entry] = errcat.search("disk full")
    print(len(text), [e.key for e in found])
    try:
        errcat.lookup("Arklet.Nope")
    except errcat.NotFoundError as err:
        kind: errcat.ErrorKind = err.kind
        suggestions: List[str] = err.suggestions
        print(kind.value, suggestions, err.candidates, err.message)
    except errcat.Error as err:
        print(err)
    error = errcat.CodedError(552, "limited", version="v3.5.0", cause=errcat.CodedError("User.MetaspaceFull", "full"))
    cause: Optional[errcat.CodedError] = error.cause
    answer: "errcat.Resolved | errcat.StatusMatch" = error.answer
    chosen = errcat.CodedError("OtherUpstream.InvalidParameter", "bad", reporter=errcat.Reporter.Arklet)
    print(error.code, error.detail, cause, answer, chosen, error.to_problem_json(), error.to_arklet_json())
    report: errcat.AuditReport = errcat.analyze_audit(
        [Path("a.log"), "b.log", b"c.log"], version="master", max_api_level=2, errors="5xx,!596"
    )
    lines: int = report.lines
    print(lines, report.malformed, report.to_json(), report.to_dict())


if __name__ == "__main__":
    main()
