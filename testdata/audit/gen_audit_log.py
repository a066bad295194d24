#!/usr/bin/env python3
"""Deterministic generator of realistic CubeFS blobstore audit logs (TAB format, some JSON lines).

Every service (ACCESS, BLOBNODE, CLUSTERMGR, PROXY, SCHEDULER, SHARDNODE) with its real APIs, headers shaped like
the upstream samples, and a code mix with the blobstore's special codes (552, 613, 651, 700, 825, 499, 597, ...),
their `{"error":"<message>"}` bodies taken from testdata/catalog.json.

    gen_audit_log.py --demo > testdata/audit/demo.log        # the committed demo log (see README in this folder)
    gen_audit_log.py --bytes 512M --seed 7 > /tmp/big.log    # benchmark input (bench/audit/run.sh): just volume

`--demo` adds the reference sample lines (../shared/reference/blobstore-auditlog-samples.log), the odd-but-valid
shapes (grep -n prefix, CRLF, MODULE@host:port with microsecond start times, a TAB in the path, a TAB in an XML
body, 14 fields, JSON lines) and one malformed line of every kind. Same arguments, same bytes.
"""

import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CATALOG = os.path.join(ROOT, "testdata", "catalog.json")
SAMPLES = os.path.join(ROOT, "..", "shared", "reference", "blobstore-auditlog-samples.log")

# 2025-09-17T02:00:00Z in 100-ns ticks.
T0 = 1758074400 * 10_000_000


def messages():
    """code -> Go message, newest definition first (master wins), from the committed catalog export."""
    with open(CATALOG, encoding="utf-8") as f:
        entries = json.load(f)["blobstore"]["entries"]
    out = {}
    for e in entries:
        if e["message"] and (e["code"] not in out or "master" in e["versions"]):
            out[e["code"]] = e["message"]
    # Codes whose only definition is in older versions keep their old message (552 "access limited").
    return out


# (method, path template, weight); {n} = a number, {h} = hex id.
APIS = {
    "ACCESS": [
        ("PUT", "/put", 30), ("GET", "/get", 40), ("POST", "/delete", 8), ("POST", "/alloc", 10),
        ("POST", "/sign", 5), ("PUT", "/putat", 4), ("GET", "/v1/stat", 3),
    ],
    "BLOBNODE": [
        ("GET", "/shard/get/diskid/{d}/vuid/{v}/bid/{b}", 40), ("POST", "/shard/put/diskid/{d}/vuid/{v}/bid/{b}/size/{s}", 30),
        ("POST", "/shard/markdelete/diskid/{d}/vuid/{v}/bid/{b}", 8), ("POST", "/shard/delete/diskid/{d}/vuid/{v}/bid/{b}", 8),
        ("GET", "/chunk/list/diskid/{d}", 3), ("GET", "/disk/stat/diskid/{d}", 5), ("GET", "/shard/list/diskid/{d}/vuid/{v}/startbid/0/status/1/count/100", 2),
        ("POST", "/admin/chunk/compact", 1),
    ],
    "CLUSTERMGR": [
        ("POST", "/volume/alloc", 15), ("GET", "/volume/get", 20), ("POST", "/disk/heartbeat", 30), ("GET", "/service/get", 15),
        ("GET", "/config/get", 8), ("POST", "/diskid/alloc", 2), ("POST", "/volume/unit/alloc", 5), ("GET", "/stat", 5),
    ],
    "PROXY": [
        ("POST", "/volume/alloc", 50), ("GET", "/cacher/volume/{v}", 25), ("POST", "/repairmsg", 10), ("POST", "/deletemsg", 15),
    ],
    "SCHEDULER": [
        ("GET", "/inspect/acquire", 25), ("POST", "/inspect/complete", 10), ("POST", "/task/acquire", 30), ("POST", "/task/report", 15),
        ("POST", "/task/renewal", 15), ("GET", "/stats", 5),
    ],
    "SHARDNODE": [
        ("PSH", "/blob/create", 25), ("NOT", "/blob/get", 45), ("PSH", "/blob/delete", 10), ("SYN", "/item/list", 10),
        ("FIN", "/shard/stats", 10),
    ],
}

# (code, weight) per service.
CODES = {
    "ACCESS": [(200, 880), (206, 30), (400, 8), (404, 10), (429, 12), (499, 20), (551, 4), (552, 8), (466, 3), (500, 3), (597, 2)],
    "BLOBNODE": [(200, 850), (651, 50), (613, 8), (625, 6), (653, 10), (602, 10), (596, 6), (499, 8), (640, 2), (500, 2)],
    "CLUSTERMGR": [(200, 900), (404, 10), (902, 8), (908, 6), (914, 12), (923, 3), (909, 2), (500, 2)],
    "PROXY": [(200, 920), (801, 15), (802, 10), (499, 5), (504, 3)],
    "SCHEDULER": [(200, 600), (700, 350), (701, 8), (704, 2), (499, 3)],
    "SHARDNODE": [(200, 900), (825, 30), (820, 10), (821, 5), (830, 5), (499, 3), (597, 1)],
}

SERVICE_WEIGHT = [("ACCESS", 30), ("BLOBNODE", 35), ("CLUSTERMGR", 10), ("PROXY", 8), ("SCHEDULER", 10), ("SHARDNODE", 7)]

PORTS = {"ACCESS": 9500, "BLOBNODE": 8889, "CLUSTERMGR": 9998, "PROXY": 9600, "SCHEDULER": 9800, "SHARDNODE": 9100}
CLIENTS = {"ACCESS": "sdk", "BLOBNODE": "access", "CLUSTERMGR": "blobnode", "PROXY": "access", "SCHEDULER": "blobnode", "SHARDNODE": "access"}
GO_UA = "{}/cmain/7e119b9f9fece040659fc95a8b4ebb8d33a44b3d (linux/amd64; go1.21.13) node-{}/{}"


def pick(rng, items):
    total = sum(w for *_, w in items)
    x = rng.random() * total
    for item in items:
        x -= item[-1]
        if x < 0:
            return item
    return items[-1]


def compact(obj):
    """Go's json.Marshal of a map: sorted keys, no spaces, & < > escaped."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.msg = messages()
        self.t = T0

    def record(self, service=None):
        rng = self.rng
        service = service or pick(rng, SERVICE_WEIGHT)[0]
        method, template, _ = pick(rng, APIS[service])
        path = template.format(
            d=rng.randint(1, 400), v=rng.randint(1 << 32, 1 << 40), b=rng.randint(1, 10_000_000), s=rng.choice([4096, 65536, 307200, 1048576])
        )
        code = pick(rng, CODES[service])[0]
        self.t += rng.randint(0, 40_000)  # up to 4 ms between requests
        host = "10.0.{}.{}".format(rng.randint(0, 3), rng.randint(2, 250))
        size = rng.choice([0, 0, 1024, 4096, 65536, 307200]) if method in ("PUT", "POST", "PSH") else 0
        req_header = {
            "Accept-Encoding": "gzip",
            "BodySize": size,
            "Content-Length": str(size),
            "Host": "{}:{}".format(host, PORTS[service]),
            "IP": "10.1.{}.{}".format(rng.randint(0, 9), rng.randint(2, 250)),
            "User-Agent": GO_UA.format(CLIENTS[service], rng.randint(1, 64), rng.randint(100000, 999999)),
        }
        if service == "ACCESS" and method == "GET":
            req_header["RawQuery"] = "offset=0&read_size={}".format(rng.choice([4096, 65536, 1048576]))
        if rng.random() < 0.3:
            req_header["X-Crc-Encoded"] = "1"
        params = ""
        if method == "POST" and service in ("CLUSTERMGR", "SCHEDULER", "PROXY"):
            params = compact({"task_id": "task-{}-{:x}".format(rng.randint(1, 99999), rng.getrandbits(48)), "code_mode": rng.choice([1, 2, 11])})
        trace = "{:016x}".format(rng.getrandbits(64))
        latency = int(rng.lognormvariate(7.0 if service != "BLOBNODE" else 8.5, 1.1))
        if code == 499:
            latency = rng.randint(1_000_000, 30_000_000)
        err = code >= 400 and code not in (404, 206)
        message = self.msg.get(code, "")
        if not message and code >= 400:
            message = {500: "internal server error", 504: "gateway timeout", 597: "panic", 596: "task interrupted", 499: "context canceled"}.get(code, "status {}".format(code))
        trace_log = [service]
        if service == "BLOBNODE":
            trace_log = ["net.r", "dat.w", "disk.{}:{}".format("put" if method == "POST" else "get", latency // 1000), "{}:{}".format(service, latency // 1000)]
        elif latency >= 1000:
            trace_log = ["{}:{}".format(service, latency // 1000)]
        if err and message:
            trace_log[-1] += "/" + message.replace(" ", "_")[:24]
        resp_header = {"Blobstore-Tracer-Traceid": trace, "Trace-Log": trace_log, "Trace-Tags": ["span.kind:server"]}
        body = ""
        length = 0
        if code in (200, 206):
            if service == "ACCESS" and method == "GET":
                resp_header["Content-Length"] = str(rng.choice([4096, 65536, 1048576]))
                resp_header["Content-Type"] = "application/octet-stream"
                length = int(resp_header["Content-Length"])
            elif rng.random() < 0.6:
                body = compact({"crc": rng.getrandbits(32)}) if service == "BLOBNODE" else compact({"vid": rng.randint(1, 99999)})
                resp_header["Content-Length"] = str(len(body))
                resp_header["Content-Type"] = "application/json"
                length = len(body)
            else:
                resp_header["Content-Length"] = "0"
        else:
            body = compact({"error": message}) if message else ""
            resp_header["Content-Length"] = str(len(body))
            resp_header["Content-Type"] = "application/json"
            length = len(body)
        return {
            "service": service, "start": self.t, "method": method, "path": path, "req_header": req_header, "params": params,
            "code": code, "resp_header": resp_header, "body": body, "length": length, "latency": latency,
        }

    @staticmethod
    def tab(r, module=None, start=None):
        fields = [
            "REQ", module or r["service"], str(start if start is not None else r["start"]), r["method"], r["path"], compact(r["req_header"]),
            r["params"], str(r["code"]), compact(r["resp_header"]), r["body"], str(r["length"]), str(r["latency"]),
        ]
        return "\t".join(fields)

    @staticmethod
    def json_line(r):
        obj = {
            "req_type": "REQ", "module": r["service"], "start_time": r["start"], "method": r["method"], "path": r["path"],
            "req_header": r["req_header"], "req_params": r["params"], "status_code": r["code"], "resp_header": r["resp_header"],
            "resp_body": r["body"], "resp_length": r["length"], "duration": r["latency"],
        }
        return json.dumps(obj, separators=(",", ":")).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def odd_lines(g):
    """Valid but unusual shapes, and one malformed line of every kind (kind in the comment)."""
    rng = g.rng
    out = []
    r = g.record("SCHEDULER")
    out.append(("grep -n prefix", "{}:{}".format(rng.randint(100, 999), g.tab(r))))
    out.append(("CRLF", g.tab(g.record("CLUSTERMGR")) + "\r"))
    r = g.record("ACCESS")
    out.append(("module@host, microseconds", g.tab(r, module="ACCESS@127.0.0.2:9500", start=r["start"] // 10)))
    r = g.record("BLOBNODE")
    r["path"] = "/shard/get/diskid/7/vuid/4294967297/bid/12\tx"
    out.append(("TAB in the path (13 fields)", g.tab(r)))
    r = g.record("ACCESS")
    r["code"] = 400
    r["resp_header"]["Content-Type"] = "application/xml"
    r["body"] = "<Error>\t<Code>InvalidArgument</Code></Error>"
    out.append(("TAB in an XML body (13 fields)", g.tab(r)))
    out.append(("14 fields", g.tab(g.record("PROXY")) + "\textra1\textra2"))
    r = g.record("BLOBNODE")
    r["params"] = ""
    r["body"] = ""
    out.append(("empty fields", g.tab(r)))
    for service, code in (("BLOBNODE", 640), ("ACCESS", 597), ("ACCESS", 552), ("SCHEDULER", 700)):
        r = g.record(service)
        r["code"] = code
        out.append(("code {}".format(code), g.tab(r)))
    return out


def malformed_lines(g):
    r = g.record("ACCESS")
    good = g.tab(r).split("\t")
    bad = lambda i, v: "\t".join(good[:i] + [v] + good[i + 1:])  # noqa: E731
    return [
        ("empty", ""),
        ("no_req", "panic: runtime error: index out of range [3] with length 3"),
        ("field_count", "\t".join(good[:9])),
        ("empty_module", bad(1, "")),
        ("bad_start_time", bad(2, "2025-09-17T02:00:00Z")),
        ("bad_status", bad(7, "OK")),
        ("bad_length", bad(10, "12kB")),
        ("bad_duration", bad(11, "-5")),
        ("bad_json", g.json_line(g.record("SHARDNODE"))[:90]),
    ]


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().rstrip("B").rstrip("I")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--lines", type=int, default=600, help="generated request lines (default 600)")
    ap.add_argument("--bytes", type=parse_size, help="generate until this size instead (e.g. 200M)")
    ap.add_argument("--json-share", type=float, default=0.0, help="share of lines written as JSON")
    ap.add_argument("--demo", action="store_true", help="add reference samples, odd shapes and malformed lines")
    ap.add_argument("--samples", default=SAMPLES, help="the reference sample log (for --demo)")
    ap.add_argument("--out", help="output file (default stdout)")
    args = ap.parse_args()

    g = Gen(args.seed)
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    write = out.write
    if args.demo:
        with open(args.samples, encoding="utf-8") as f:
            samples = [line.rstrip("\n") for line in f if line.strip()]
        extras = [line for _, line in odd_lines(g)] + [line for _, line in malformed_lines(g)]
        # Spread the extras through the file at fixed positions.
        step = max(1, args.lines // (len(extras) + 1))
        for s in samples:
            write(s + "\n")
        n = 0
        for i in range(args.lines):
            r = g.record()
            if r["service"] == "SHARDNODE" and i % 5 == 0:
                write(g.json_line(r) + "\n")
            else:
                write(g.tab(r) + "\n")
            if (i + 1) % step == 0 and n < len(extras):
                write(extras[n] + "\n")
                n += 1
        for line in extras[n:]:
            write(line + "\n")
    else:
        written = 0
        i = 0
        while (args.bytes and written < args.bytes) or (not args.bytes and i < args.lines):
            r = g.record()
            line = (g.json_line(r) if args.json_share and g.rng.random() < args.json_share else g.tab(r)) + "\n"
            write(line)
            written += len(line.encode("utf-8"))
            i += 1
    if args.out:
        out.close()


if __name__ == "__main__":
    main()
