"""A short tour of errcat from Python (run by `make demo`, type-checked with mypy --strict by `make test`)."""

from __future__ import annotations

import errcat


def main() -> None:
    r = errcat.lookup("Arklet.InstallBizFailed")
    print(f"{r}: {r.entry.meaning.en} / {r.entry.meaning.zh} (retryable: {r.entry.retryable})")

    alias = errcat.lookup("ModuleController.ResourceConstrained")
    print(f"{alias.alias} is an alias of {alias.entry.error_type} in the {alias.reporter.value} table")

    for version in ("v3.5.0", "master"):
        m = errcat.status(552, version)
        e = m.entry
        state = "valid" if m.valid else f"not valid (defined in {e.versions[0]}..{e.versions[-1]}, now {e.renumbered_to})"
        print(f"552 at {version}: {e.message!r} from {e.service.value}, {state}")

    print(f"640 belongs to {errcat.service_of(640).value} by its range")

    try:
        errcat.lookup("Arklet.InstallBizFailes")
    except errcat.NotFoundError as err:
        print(f"{err.kind.value}: did you mean {', '.join(err.suggestions)}?")

    try:
        errcat.lookup("OtherUpstream.InvalidParameter")
    except errcat.AmbiguousError as err:
        print(f"{err.kind.value}: {err.candidates}")

    failure = errcat.CodedError(
        "Arklet.InstallBizFailed",
        "install biz demo:1.0.0 failed",
        cause=errcat.CodedError("User.MetaspaceFull", "Metaspace 512m used"),
    )
    print("problem+json:", failure.to_problem_json())
    print("Arklet envelope:", failure.to_arklet_json())

    shardnode = errcat.entries(service=errcat.Service.ShardNode, version="master")
    print(f"{len(shardnode)} ShardNode codes on master, first {shardnode[0].key}")

    # Which code a real Arklet answer means (bytes as received, or str).
    body = (b'{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: demo:1.0.0 has been installed or '
            b'registered."},"message":"install biz not success!"}')
    c = errcat.classify(body, command="installBiz")
    assert c.code is errcat.lookup("Arklet.InstallationRequirementNotMet")  # the answer table's own object
    print(f"{c.outcome} {c.code} ({c.rule}): {c.code.entry.meaning.zh}; biz {c.evidence.placeholders['bizName']} "
          f"{c.evidence.placeholders['bizVersion']}; retryable: {c.retryable}")
    print(errcat.enrich(body, command="installBiz").decode())
    try:
        errcat.classify('{"code":"FAILED","message":"install biz failed!"}')
    except errcat.NotFoundError as err:  # never a guess
        print(f"{err.kind.value}: {err.message}")


if __name__ == "__main__":
    main()
