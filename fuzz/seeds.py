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
import sys
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
    write_dict("terminal_safe", "escapes and control characters", [
        b"\x1b[", b"\x1b]0;", b"\x07", b"\x9b", "\u009b".encode(), "\u202e".encode(), "\u2066".encode(),
        "\u200f".encode(), b"\\x1b", b"\\u{", b"\xff", b"\xed\xa0\x80", b"\t", b"\n", b"\r", b"\x7f",
    ])


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

    # api_label: level byte, then module NUL method NUL path, from the demo log's TAB lines.
    for l in lines:
        f = l.split(b"\t")
        if len(f) >= 5 and f[0].endswith(b"REQ"):
            for level in (2, 3):
                write(out, "api_label", bytes([level]) + b"\0".join([f[1], f[3], f[4]]))


if __name__ == "__main__":
    main()
