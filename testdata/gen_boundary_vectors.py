#!/usr/bin/env python3
"""Writes testdata/vectors-boundary.json: the conformance vectors of the boundary's policies, case by case.

Every spelling variant of every name argument, every limit at and past its value, a NUL in every string argument,
empty filter values and every option of every operation. The expectations are the policies of the README's
"The boundary" table written down here, not answers read from an implementation: each family below states its rule.

    python3 testdata/gen_boundary_vectors.py           # rewrite the file
    python3 testdata/gen_boundary_vectors.py --check   # exit 1 when the committed file differs (make test)
"""

import json
import sys
from pathlib import Path

OUT = Path(__file__).with_name("vectors-boundary.json")
MAX_STRING_LEN = 65536
MAX_CAUSE_DEPTH = 64
cases = []


def case(name, op, args, expect=None, error=None):
    c = {"name": name, "op": op, "args": args}
    if error is not None:
        c["error"] = {"kind": error} if isinstance(error, str) else error
    else:
        c["expect"] = expect
    cases.append(c)


def long(prefix, count, fill="A", suffix=""):
    """A string of `prefix`, `count` copies of `fill`, `suffix` (runners expand it, in args and expectations)."""
    return {"repeat": fill, "count": count, "prefix": prefix, "suffix": suffix}


def spellings(name):
    """Case and surrounding whitespace never matter in a name."""
    return [name, name.lower(), name.upper(), f"  {name}  ", f"\t{name.lower()}\n"]


# Rule: a reporter is a name argument. `OtherUpstream.InvalidParameter` is in two tables, so only the reporter
# chooses; every spelling of KouplelessBoard picks the same entry.
for r in spellings("KouplelessBoard"):
    case(f"lookup with reporter {r!r}", "lookup", {"code": "OtherUpstream.InvalidParameter", "reporter": r},
         {"code": "OtherUpstream.InvalidParameter", "reporter": "KouplelessBoard"})
for r in spellings("ModuleController") + ["modulecontroller", "MODULECONTROLLER"]:
    case(f"lookup with reporter {r!r}", "lookup", {"code": "OtherUpstream.InvalidParameter", "reporter": r},
         {"code": "OtherUpstream.InvalidParameter", "reporter": "ModuleController"})
for r in spellings("Arklet"):
    case(f"lookup in the Arklet table with reporter {r!r}", "lookup", {"code": "User.UnknownError", "reporter": r},
         {"code": "User.UnknownError", "reporter": "Arklet"})
# Rule: an empty optional name is not given, so nothing chooses between the two tables.
for r in ["", "   ", "\t"]:
    case(f"lookup with an empty reporter {r!r} is no reporter", "lookup",
         {"code": "OtherUpstream.InvalidParameter", "reporter": r}, error="Ambiguous")
for r in ["Arkle", "Arklet.", "Ark let", "Ark\u0000let", "Arklet\u0000", "Board", "ark-let"]:
    case(f"lookup with unknown reporter {r!r}", "lookup", {"code": "Arklet.InstallBizFailed", "reporter": r},
         error="InvalidArgument")

# Rule: a code is strict: case, whitespace and a NUL are part of it.
for code, kind in [
    ("arklet.InstallBizFailed", "InvalidCode"),
    ("Arklet.installBizFailed", "InvalidCode"),
    (" Arklet.InstallBizFailed", "InvalidCode"),
    ("Arklet.InstallBizFailed ", "InvalidCode"),
    ("Arklet.Install\u0000BizFailed", "InvalidCode"),
    ("Arklet.InstallBizFailed\u0000", "InvalidCode"),
    ("\u0000", "InvalidCode"),
    ("", "InvalidCode"),
]:
    case(f"lookup {code!r}", "lookup", {"code": code, "reporter": None}, error=kind)
# Rule: every text argument is at most 65536 bytes: past it InvalidArgument, at it the operation judges the value.
case("lookup of a code of exactly the string limit is judged as a code", "lookup",
     {"code": long("Arklet.", MAX_STRING_LEN - 7), "reporter": None}, error="InvalidCode")
case("lookup of a code one byte past the string limit", "lookup",
     {"code": long("Arklet.", MAX_STRING_LEN - 6), "reporter": None}, error="InvalidArgument")
case("lookup with a reporter past the string limit", "lookup",
     {"code": "Arklet.InstallBizFailed", "reporter": long("", MAX_STRING_LEN + 1)}, error="InvalidArgument")
case("lookup of a type at the part limit", "lookup", {"code": long("Arklet.", 128), "reporter": None},
     error="NotFound")
case("lookup of a type past the part limit", "lookup", {"code": long("Arklet.", 129), "reporter": None},
     error="InvalidCode")

# Rule: a service is a name, and the audit log's module name is one of its spellings.
# BlobNode at master: the 39 TSV rows of module blobnode whose versions include master.
blobnode_master = {"count": 39, "first": "600/CodeInvalidParam", "last": "677/CodeBidNotMatch"}
for s in spellings("BlobNode") + ["BLOBNODE", "blobNode", " BLOBNODE "]:
    case(f"entries of service {s!r}", "entries",
         {"system": None, "reporter": None, "service": s, "version": "master"}, blobnode_master)
for s in spellings("ShardNode") + ["SHARDNODE", "shardNode"]:
    case(f"entries of service {s!r}", "entries", {"system": None, "reporter": None, "service": s, "version": None},
         {"count": 20, "first": "820/CodeShardNodeNotLeader", "last": "839/CodeIllegalLocationSize"})
for s in ["Blob Node", "BLOB_NODE", "blobnodes", "Blob\u0000Node", "x"]:
    case(f"entries of unknown service {s!r}", "entries",
         {"system": None, "reporter": None, "service": s, "version": None}, error="InvalidArgument")
# Rule: a system is a name.
for s in spellings("koupleless") + ["Koupleless"]:
    case(f"entries of system {s!r}", "entries", {"system": s, "reporter": None, "service": None, "version": None},
         {"count": 56, "first": "Arklet/UnknownError", "last": "KouplelessBoard/NetworkError"})
for s in spellings("blobstore") + ["BLOBSTORE", "BlobStore"]:
    case(f"entries of system {s!r}", "entries", {"system": s, "reporter": None, "service": None, "version": None},
         {"count": 133, "first": "400/CodeAccessExceedSize", "last": "598/"})
for s in ["kouple", "blob store", "ark\u0000", "all"]:
    case(f"entries of unknown system {s!r}", "entries",
         {"system": s, "reporter": None, "service": None, "version": None}, error="InvalidArgument")
for r in spellings("Arklet"):
    case(f"entries of reporter {r!r}", "entries", {"system": None, "reporter": r, "service": None, "version": None},
         {"count": 18, "first": "Arklet/UnknownError", "last": "Arklet/UnInstallationRequirementNotMet"})
# Rule: an empty filter value is not given.
everything = {"count": 189, "first": "Arklet/UnknownError", "last": "598/"}
for field in ["system", "reporter", "service", "version"]:
    for empty in ["", "  "]:
        args = {"system": None, "reporter": None, "service": None, "version": None}
        args[field] = empty
        case(f"entries with an empty {field} {empty!r} is no filter", "entries", args, everything)

# Rule: a version is a name: case, surrounding whitespace and the `v` are optional.
v350 = {"code": 552, "valid": True, "message": "access limited", "service": "Access", "renumbered_to": 429}
for v in ["v3.5.0", "3.5.0", "V3.5.0", " v3.5.0 ", "\t3.5.0\n"]:
    case(f"status 552 at version {v!r}", "status", {"code": 552, "version": v}, v350)
master552 = {"code": 552, "valid": False, "renumbered_to": 429}
for v in ["master", "MASTER", "Master", " master ", None, "", "  "]:
    case(f"status 552 at version {v!r} (newest)", "status", {"code": 552, "version": v}, master552)
for v in ["v9.9.9", "3.5", "v3.5", "latest", "vv3.5.0", "v3.5.0\u0000", "3.5.0.0", "v 3.5.0"]:
    case(f"status 552 at unknown version {v!r}", "status", {"code": 552, "version": v}, error="InvalidArgument")
for v in ["v3.2.0", "3.2.0", "V3.2.0"]:
    case(f"service_of 825 at version {v!r}", "service_of", {"code": 825, "version": v}, {"service": "Proxy"})
case("service_of 825 at an empty version is the newest", "service_of", {"code": 825, "version": ""},
     {"service": "ShardNode"})
case("service_of 825 at an unknown version", "service_of", {"code": 825, "version": "v0"}, error="InvalidArgument")
for v in ["v3.2.0", "3.2.0", " V3.2.0 "]:
    case(f"entries of Scheduler at version {v!r}", "entries",
         {"system": None, "reporter": None, "service": "Scheduler", "version": v},
         {"count": 7, "first": "700/CodeNotingTodo", "last": "707/CodeRequestLimited"})

# Rule: a status number is an integer in 0..=999; every other number is InvalidCode.
for n in [-1, 1000, 9999, -9223372036854775808, 9223372036854775807]:
    case(f"status {n}", "status", {"code": n, "version": None}, error="InvalidCode")
    case(f"service_of {n}", "service_of", {"code": n, "version": None}, error="InvalidCode")
case("status 0 is in range and unknown", "status", {"code": 0, "version": None}, error="NotFound")
case("status 999 is in range and unknown", "status", {"code": 999, "version": None}, error="NotFound")
# Rule: a code written as a number is a status number, judged the same way.
for text, expect in [("552", {"count": 1}), ("0552", {"count": 1}), ("935", {"count": 2})]:
    case(f"find {text!r}", "find", {"code": text}, expect)
for text in ["-1", "1000", "+1000", "99999999999999999999"]:
    case(f"find {text!r} is not a status code", "find", {"code": text}, error="InvalidCode")
case("find '999' is in range and unknown", "find", {"code": "999"}, error="NotFound")
# Rule: find takes a bare type too: every table's entry of that type.
case("find the bare type UnknownError", "find", {"code": "UnknownError"},
     {"count": 3, "keys": ["Arklet/UnknownError", "ModuleController/UnknownError", "KouplelessBoard/UnknownError"]})
case("find the bare alias ResourceConstrained", "find", {"code": "ResourceConstrained"},
     {"count": 1, "keys": ["ModuleController/ResourceConstraned"]})
case("find a bare unknown type", "find", {"code": "NoSuchTypeAnywhere"}, error="InvalidCode")
for code in ["Arklet.Install\u0000BizFailed", "55\u00002", "\u0000"]:
    case(f"find {code!r} with a NUL", "find", {"code": code}, error="InvalidCode")

# Rule: parse and compose are strict on the code; compose's source is a name.
for s in spellings("User"):
    case(f"compose with source {s!r}", "compose", {"source": s, "type": "DiskFull"}, {"code": "User.DiskFull"})
for s in ["", "  "]:
    case(f"compose with an empty source {s!r} (required)", "compose", {"source": s, "type": "DiskFull"},
         error="InvalidArgument")
for s in ["Us\u0000er", "Users", "U"]:
    case(f"compose with unknown source {s!r}", "compose", {"source": s, "type": "DiskFull"}, error="InvalidArgument")
for t in ["Disk\u0000Full", "diskFull", " DiskFull", "Disk.Full", ""]:
    case(f"compose with type {t!r}", "compose", {"source": "User", "type": t}, error="InvalidCode")
case("compose with a type at the part limit", "compose", {"source": "User", "type": long("", 128)},
     {"code": long("User.", 128)})
case("compose with a type past the part limit", "compose", {"source": "User", "type": long("", 129)},
     error="InvalidCode")
case("compose with a type past the string limit", "compose", {"source": "User", "type": long("", MAX_STRING_LEN + 1)},
     error="InvalidArgument")
for t in ["User.Disk\u0000Full", "User.DiskFull\u0000", "User .DiskFull", "user.DiskFull"]:
    case(f"parse {t!r}", "parse", {"text": t}, error="InvalidCode")
case("parse a code at the part limits", "parse", {"text": long("User.", 128)},
     {"source": "User", "code": long("User.", 128)})
case("parse a code past the string limit", "parse", {"text": long("User.", MAX_STRING_LEN)}, error="InvalidArgument")

# Rule: format and language are names; a language may be a locale tag; both are optional.
for f in ["md", "MD", "Md", "markdown", "Markdown", " md "]:
    case(f"export format {f!r}", "export", {"format": f, "lang": "zh"},
         {"contains": ["| 通用 | Arklet | UnknownError | 未知错误（默认） | 请排查 |"]})
for lang in ["zh", "ZH", "zh-CN", "zh_CN", "zh-Hans", " zh "]:
    case(f"export md in lang {lang!r}", "export", {"format": "md", "lang": lang},
         {"contains": ["| 通用 | Arklet | UnknownError | 未知错误（默认） | 请排查 |"]})
for lang in ["en", "EN", "en-US", "en_GB", None, ""]:
    case(f"export md in lang {lang!r}", "export", {"format": "md", "lang": lang},
         {"contains": ["| General | Arklet | UnknownError |"]})
for f in ["json", "JSON", None, ""]:
    case(f"export format {f!r} is the JSON export", "export", {"format": f, "lang": None},
         {"equals_file": "testdata/catalog.json"})
for f in ["CSV", " csv"]:
    case(f"export format {f!r}", "export", {"format": f, "lang": "en"},
         {"contains": ["system,reporter_or_service,code,sources,type,message"]})
for f in ["xml", "js", "mdx", "json\u0000"]:
    case(f"export unknown format {f!r}", "export", {"format": f, "lang": None}, error="InvalidArgument")
for lang in ["fr", "zhx", "en\u0000", "c"]:
    case(f"export unknown lang {lang!r}", "export", {"format": "md", "lang": lang}, error="InvalidArgument")

# Rule: error values take a reporter and a version; digits are a status at that version.
v350_problem = ('{"type":"urn:errcat:blobstore:552","title":"The service interface has reached the connection limit.",'
                '"status":552,"detail":"busy","code":"552","service":"Access","retryable":true,"retry":"overload",'
                '"version":"v3.5.0"}')
for v in ["v3.5.0", "3.5.0", "V3.5.0"]:
    case(f"problem json for 552 at version {v!r}", "problem",
         {"chain": [{"code": "552", "detail": "busy", "reporter": None, "version": v}]}, {"json": v350_problem})
case("problem json for an unknown version", "problem",
     {"chain": [{"code": "552", "detail": "busy", "reporter": None, "version": "v1"}]}, error="InvalidArgument")
kb_problem = ('{"type":"urn:errcat:koupleless:OtherUpstream.InvalidParameter","title":"Parameter validation failed",'
              '"detail":"bad","code":"OtherUpstream.InvalidParameter","reporter":"KouplelessBoard",'
              '"retryable":false,"solution":"Please check the parameters"}')
for r in ["KouplelessBoard", "kouplelessboard", " KOUPLELESSBOARD "]:
    case(f"problem json with reporter {r!r}", "problem",
         {"chain": [{"code": "OtherUpstream.InvalidParameter", "detail": "bad", "reporter": r, "version": None}]},
         {"json": kb_problem})
case("problem json without a reporter for a code in two tables", "problem",
     {"chain": [{"code": "OtherUpstream.InvalidParameter", "detail": "bad", "reporter": None, "version": None}]},
     error="Ambiguous")
case("arklet envelope with an unknown reporter", "arklet",
     {"chain": [{"code": "Arklet.InstallBizFailed", "detail": "x", "reporter": "Arkle", "version": None}]},
     error="InvalidArgument")
# Rule: a detail is any text: a NUL is data, escaped by JSON.
case("arklet envelope with a NUL in the detail", "arklet",
     {"chain": [{"code": "Arklet.InstallBizFailed", "detail": "a\u0000b", "reporter": None, "version": None}]},
     {"json": '{"code":"FAILED","message":"a\\u0000b","errorCode":"Arklet.InstallBizFailed"}'})
case("arklet envelope with a code holding a NUL", "arklet",
     {"chain": [{"code": "Arklet.Install\u0000BizFailed", "detail": "x", "reporter": None, "version": None}]},
     error="InvalidCode")
case("arklet envelope with a detail at the string limit", "arklet",
     {"chain": [{"code": "Arklet.InstallBizFailed", "detail": long("", MAX_STRING_LEN), "reporter": None,
                 "version": None}]},
     {"json": long('{"code":"FAILED","message":"', MAX_STRING_LEN, suffix='","errorCode":"Arklet.InstallBizFailed"}')})
case("arklet envelope with a detail past the string limit", "arklet",
     {"chain": [{"code": "Arklet.InstallBizFailed", "detail": long("", MAX_STRING_LEN + 1), "reporter": None,
                 "version": None}]}, error="InvalidArgument")
# Rule: at most 64 causes below an error value.
link = {"code": "613", "detail": "deep", "reporter": None, "version": None}
for depth in [63, 64]:
    trace = "\\n".join(["Caused by: 613: deep"] * depth)
    case(f"arklet envelope with a cause chain {depth} deep", "arklet",
         {"chain": [link] * (depth + 1)},
         {"json": '{"code":"FAILED","message":"deep","errorStackTrace":"' + trace + '","errorCode":"613"}'})
for depth in [65, 100]:
    case(f"problem json with a cause chain {depth} deep", "problem", {"chain": [link] * (depth + 1)},
         error="InvalidArgument")
    case(f"arklet envelope with a cause chain {depth} deep", "arklet", {"chain": [link] * (depth + 1)},
         error="InvalidArgument")

# Rule: search finds codes by the words of their meaning, solution or message, in English and Chinese.
case("search 'disk full'", "search", {"words": "disk full"}, {"keys_include": ["Arklet/DiskFull"]})
case("search is case-insensitive", "search", {"words": "DISK FULL"}, {"keys_include": ["Arklet/DiskFull"]})
case("search in Chinese", "search", {"words": "磁盘"}, {"keys_include": ["Arklet/DiskFull"]})
case("search a Go message", "search", {"words": "bid not found"}, {"keys_include": ["651/CodeBidNotFound"]})
case("search with no words finds nothing", "search", {"words": "  "}, {"count": 0})
case("search with a NUL finds nothing", "search", {"words": "disk\u0000full"}, {"count": 0})
case("search past the string limit", "search", {"words": long("", MAX_STRING_LEN + 1)}, error="InvalidArgument")


def main():
    doc = {
        "schema": 2,
        "about": "Generated by testdata/gen_boundary_vectors.py (the boundary's policies, case by case); see "
                 "testdata/README.md for the format. Do not edit: change the script and rerun it.",
        "cases": cases,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is stale: run python3 testdata/gen_boundary_vectors.py and commit it")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
