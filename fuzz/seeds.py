#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target from testdata/ (the conformance vectors and the demo audit log) into
a directory, one file per input named by its SHA-1 as libFuzzer names them, and the dictionaries fuzz/dict/*.dict
(from the catalog export). `make fuzz-seeds` runs this into target/fuzz/seeds/ and minimises the result into
fuzz/corpus/ with `cargo fuzz cmin`.

    python3 fuzz/seeds.py OUT_DIR
"""

import gzip
import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTERS = ["Arklet", "ModuleController", "KouplelessBoard"]  # Reporter::ALL, in catalog order


def write(out: Path, target: str, data: bytes) -> None:
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def dict_entry(token: bytes) -> str:
    """A libFuzzer dictionary line: the token quoted, with \\, \" and non-printable bytes as \\xNN."""
    shown = "".join(
        chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\x{b:02X}" for b in token
    )
    return f'"{shown}"'


def write_dict(name: str, about: str, tokens: list) -> None:
    seen = []
    for t in tokens:
        t = t.encode() if isinstance(t, str) else t
        if t and t not in seen:
            seen.append(t)
    lines = [f"# {about} (written by fuzz/seeds.py)"] + [dict_entry(t) for t in seen]
    (ROOT / "fuzz/dict" / f"{name}.dict").write_text("\n".join(lines) + "\n")


def dictionaries(catalog: dict) -> None:
    k, b = catalog["koupleless"], catalog["blobstore"]
    sources = [s["name"] for s in k["sources"]]
    types = [e["type"] for e in k["entries"]] + [a for e in k["entries"] for a in e["aliases"]]
    write_dict("code", "Level-1 sources and Level-2 types of the catalog", sources + ["."] + types)
    modules = [s["module"] for s in b["services"] if s["module"]]
    methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "NOT", "SYN", "PSH", "FIN"]
    paths = ["/", "/v2/", "/v2/tune/", "/admin/", "/v1/", "/shard/get/", "/inspect/", "/put", "/get"]
    write_dict("api_label", "modules, methods and path segments", modules + methods + paths + [b"\0"])
    tab = ["REQ\t", "\t", "\r", "@", "@127.0.0.1:9500", "{}", "16793641137770897", "1679364113777089", "200"]
    write_dict("audit_line", "TAB-format audit-log fields", tab + modules + methods + paths)
    keys = ["req_type", "module", "start_time", "method", "path", "req_header", "req_params",
            "status_code", "resp_header", "resp_body", "resp_length", "duration"]
    json_tokens = [f'"{key}":' for key in keys] + ['"REQ"', "null", "1.0e3", '"\\u0041"', "[", "]", "{", "}"]
    write_dict("audit_json", "JSON-format audit-log members", json_tokens + modules)
    write_dict("audit_stream", "audit-log lines", tab + json_tokens[:12] + ["\n", "\r\n"] + modules)
    write_dict("trace_log", "Trace-Log keys, modules, stages and separators", [
        '"Trace-Log":', '"trace-log":', '"Trace-Log":[', '"trace-log":"', '"TRACE-LOG":', '"Trace-Tags":',
        '","', "|", ";", ":", "/", "@", "@127.0.0.2:9500", "a_", "_r_", "_w_", "a_0_r_19_w_2", "\\\"", "]", "[",
        "9999999999999999999", "18446744073709551", ">",
    ] + modules + ["shardnode", "net.r", "net.w", "dat.r", "dat.w", "dat.wai", "hdr.r", "md.r", "md.w", "md.d",
                   "dat.d", "disk.put", "disk.get", "sync", "sync.1", "sync.2", "rpc.r", "kv.get", "alloc"])
    write_dict("classify", "Arklet envelopes, members, rule texts and exception classes", classify_tokens())
    write_dict("terminal_safe", "escapes and control characters", [
        b"\x1b[", b"\x1b]0;", b"\x07", b"\x9b", "\u009b".encode(), "\u202e".encode(), "\u2066".encode(),
        "\u200f".encode(), b"\\x1b", b"\\u{", b"\xff", b"\xed\xa0\x80", b"\t", b"\n", b"\r", b"\x7f",
    ])


def classify_tokens() -> list:
    """Members and codes of Arklet's answers, and every literal of the rules of catalog/koupleless-wire.toml
    (class names, codes, the literal runs of message patterns)."""
    rules = tomllib.loads((ROOT / "catalog/koupleless-wire.toml").read_text())
    tokens = [f'"{k}":' for k in [
        "code", "message", "data", "errorStackTrace", "baseIdentity", "bizUrlToResponse", "bizName", "bizVersion",
        "bizState", "bizStateRecords", "state", "reason", "status", "requestId", "arkBizMeta", "throwable",
        "stackTrace", "className", "methodName", "cause", "@type", "response", "command", "publishTimestamp",
        "errorCode", "elapsedSpace",
    ]]
    tokens += ["Internal Error: ", "internal exception: ", "Caused by: ", "\\n\\tat ", "\\tat ", "Suppressed: ",
               "\\t... 3 more", "\n\tat ", "(Native Method)", "(Main.java:9)", "java.base/", "app//", ": ", "null",
               "SUCCESS", "FAILED", "CMD_PROCESS_INTERNAL_ERROR", "CMD_NOT_FOUND", "BROKEN", "ACTIVATED"]
    for rule in rules["rule"]:
        for key, value in rule.items():
            if key in ("id", "why", "rows", "outcome", "reporter"):
                continue
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str):
                    tokens += [t for t in re.split(r"<[A-Za-z*][A-Za-z0-9_]*>", v.replace("*", "")) if len(t) > 1]
    for f in rules["frames"].values():
        tokens += [p.replace("*", "") for p in f]
    return tokens


# The classify target's selector bytes (fuzz/src/classify.rs): tunnel, HTTP status, command.
TUNNELS = [None, "http", "mqtt", "client"]
STATUSES = [None, 200, 500, 404, 405, 400, 502, 0]
COMMANDS = ["installBiz", "help", "queryAllBiz", "uninstallBiz", "switchBiz", "health", "queryBizOps",
            "batchInstallBiz"]  # ArkletCommand::ALL


def classify_seed(body: bytes, tunnel=None, status=None, command=None) -> bytes:
    t = (tunnel or "").lower()
    t = TUNNELS.index(t) if t in TUNNELS else 0
    s = STATUSES.index(status) if status in STATUSES else 0
    c = (command or "").lstrip("/").lower()
    c = 1 + [x.lower() for x in COMMANDS].index(c) if c in [x.lower() for x in COMMANDS] else 0
    return bytes([t | s << 2, c]) + body


def trace_log_seeds(out: Path, lines: list) -> None:
    """Selector (fuzz/src/trace_log.rs): bit 0 microseconds, bits 1-2 the mode, bit 3 also as audit lines."""
    headers = []
    for l in lines:
        f = l.split(b"\t")
        if len(f) == 12 and f[0] == b"REQ":
            headers.append((f[1] == b"SHARDNODE", f[8]))
        elif l.lstrip().startswith(b"{"):
            try:
                rec = json.loads(l)
            except ValueError:
                continue
            if isinstance(rec.get("resp_header"), dict):
                headers.append((rec.get("module") == "SHARDNODE", json.dumps(rec["resp_header"]).encode()))
    facts = [
        (False, b'{"Trace-Log":["net.r","dat.w","dat.wai:23","md.w","disk.put:24","sync","BLOBNODE:24"],'
                b'"Trace-Tags":["span.kind:server","limited:3"]}'),
        (False, b'{"Trace-Log":["PROXY","a_0_r_19_w_2","ACCESS:22"]}'),
        (False, b'{"Trace-Log":["ACCESS@127.0.0.2:9500:22/access limited"]}'),
        (False, b'{"Trace-Log":["CLUSTERMGR:1;PROXY:3","BLOBNODE:7/disk is broken","a_1_r_0_w_9","ACCESS:12"]}'),
        (True, b'{"blobstore-tracer-traceid":"x","trace-log":"rpc.r:3|kv.get:88|SHARDNODE:120"}'),
        (False, b'{"Trace-Log":["kv.get:88;SHARDNODE:120","ACCESS:1"]}'),
        (False, b'{"Trace-Log":["a\\"b:1"]}'),
    ]
    seen = set()
    for micro, h in facts + headers:
        if h in seen:
            continue
        seen.add(h)
        write(out, "trace_log", bytes([int(micro)]) + h)
        write(out, "trace_log", bytes([int(micro) | 8]) + h)
        m = re.search(rb'"[Tt]race-[Ll]og":(\[[^]]*\]|"[^"]*")', h)
        if m:
            value = m.group(1)
            if value.startswith(b"["):
                write(out, "trace_log", bytes([int(micro) | 2]) + value)
            else:
                write(out, "trace_log", bytes([int(micro) | 4]) + value[1:-1])
    # Built lists (mode 3): plain, Access, nested items; an array and an rpc2 string; a long duration.
    for sel, spec in [
        (6, bytes([0, 0, 0, 5, 0, 1, 0, 4, 9, 1, 2, 5, 9, 13, 3, 1, 0, 17, 0, 0, 7, 3, 0, 1, 0, 5, 0])),
        (7 | 16, bytes([0, 10, 0, 13, 0, 0, 9, 0, 9, 0, 3, 4, 0, 3, 9, 3, 4, 3])),
        (6 | 32 | 64, bytes([3, 0, 1, 3, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0])),
        (6 | 8, bytes([0, 0, 1, 6, 7, 0, 0, 3, 8, 0, 17, 0, 4, 0, 3, 17, 1, 11, 0, 4, 0, 0, 9, 0])),
    ]:
        write(out, "trace_log", bytes([sel]) + spec)


def classify_seeds(out: Path) -> None:
    cases = json.loads((ROOT / "testdata/vectors-classify.json").read_text())["cases"]
    for c in cases:
        a = c["args"]
        if "body_hex" in a:
            body = bytes.fromhex(a["body_hex"])
        elif isinstance(a.get("body"), str):
            body = a["body"].encode()
        elif isinstance(a.get("body"), dict):
            b = a["body"]
            text = b["prefix"] + b["repeat"] * b["count"] + b["suffix"]
            if len(text) > 4000:
                continue
            body = text.encode()
        else:
            body = b""
        write(out, "classify", classify_seed(body, a.get("tunnel"), a.get("http_status"), a.get("command")))
    for name, tunnel, command in [("batch.json", None, None), ("install-user-error.json", None, "installBiz"),
                                  ("mqtt-failure.json", "mqtt", None), ("repeat-biz.json", None, None)]:
        body = (ROOT / "testdata/classify" / name).read_bytes()
        if len(body) <= 4000:
            write(out, "classify", classify_seed(body, tunnel, None, command))
    # The padded form (16 MiB and one byte more) of two answers.
    write(out, "classify", bytes([0xC0, 0xC0]) + b'{"code":"FAILED","message":"can not find biz"}')
    write(out, "classify", bytes([0xC3, 0xC0]) + b"network info not found")


def main() -> None:
    out = Path(sys.argv[1])
    cases = json.loads((ROOT / "testdata/vectors.json").read_text())["cases"]
    catalog = json.loads((ROOT / "testdata/catalog.json").read_text())
    versions = catalog["blobstore"]["versions"]
    dictionaries(catalog)

    # code: selector byte (0 = no reporter, 1.. = Reporter::ALL[n-1]), then the code text.
    for c in cases:
        args = c["args"]
        text = args.get("code") if c["op"] in ("lookup", "find") else args.get("text")
        if c["op"] == "compose":
            text = args.get("type")
        if not isinstance(text, str):
            continue
        rep = args.get("reporter")
        sel = 1 + REPORTERS.index(rep) if rep in REPORTERS else 0
        write(out, "code", bytes([sel]) + text.encode())

    # status: selector (bit 7 clear = the number is n + 50 mod 1100 - 50; low bits = version index + 1), number.
    for c in cases:
        if c["op"] not in ("status", "service_of"):
            continue
        n, v = c["args"]["code"], c["args"].get("version")
        vi = versions.index(v) + 1 if v in versions else 0
        if 0 <= n + 50 < 1100:
            write(out, "status", bytes([vi]) + (n + 50).to_bytes(8, "little", signed=True))
        else:
            write(out, "status", bytes([0x80 | vi]) + n.to_bytes(8, "little", signed=True))
    for c in cases:
        if c["op"] == "find" and c["args"]["code"].isdigit():
            write(out, "status", c["args"]["code"].encode())

    # terminal_safe: the reproduction of the issue and the kinds of text the printers see.
    for text in [
        b"REQ\tACCESS\t\x1b]0;pwned\x07\x1b[2J\tGET",
        b"Arklet.InstallBizFailed \xe6\xa8\xa1\xe5\x9d\x97",
        "\u202eevil\u2066x\u2069\u200f".encode(),
        b"ok\xff\x1b\x9b\xc2\x9b\x7f\r\n\t",
    ]:
        write(out, "terminal_safe", text)

    lines = (ROOT / "testdata/audit/demo.log").read_bytes().split(b"\n")
    lines = [l for l in lines if l]

    # audit_line / audit_json: every line of the demo log (cmin keeps the ones that add coverage).
    for l in lines:
        write(out, "audit_json" if l.lstrip().startswith(b"{") else "audit_line", l)
    write(out, "audit_line", b"")
    write(out, "audit_line", b" \r")

    # audit_stream / audit_gzip: a few windows of consecutive lines, and the odd lines together.
    windows = [lines[i : i + 6] for i in range(0, 48, 6)]
    odd = [l for l in lines if not l.startswith(b"REQ\t") or l.count(b"\t") != 11]
    for w in windows + [odd]:
        log = b"\n".join(w) + b"\n"
        if len(log) > 16384:
            continue
        write(out, "audit_stream", log)
        write(out, "audit_gzip", bytes([len(log) % 4, len(w) * 40 % 256]) + log)
    write(out, "audit_stream", b"")
    write(out, "audit_stream", b"\n\n")
    write(out, "audit_gzip", bytes([3, 0]) + gzip.compress(b"REQ\n"))

    trace_log_seeds(out, lines)
    classify_seeds(out)

    # api_label: level byte, then module NUL method NUL path, from the demo log's TAB lines.
    for l in lines:
        f = l.split(b"\t")
        if len(f) >= 5 and f[0].endswith(b"REQ"):
            for level in (2, 3):
                write(out, "api_label", bytes([level]) + b"\0".join([f[1], f[3], f[4]]))


if __name__ == "__main__":
    main()
