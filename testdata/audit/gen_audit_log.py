#!/usr/bin/env python3
"""Deterministic generator of realistic CubeFS blobstore audit logs (TAB format, some JSON lines).

Every service (ACCESS, BLOBNODE, CLUSTERMGR, PROXY, SCHEDULER, SHARDNODE) with its real APIs, headers shaped like
the upstream samples, and a code mix with the blobstore's special codes (552, 613, 651, 700, 825, 499, 597, ...),
their `{"error":"<message>"}` bodies taken from testdata/catalog.json. Requests come as a cluster makes them: an
Access put or get calls Proxy (which may call Clustermgr) and BlobNodes with the same trace id
(`Blobstore-Tracer-Traceid`), each line with its Trace-Log (`BLOBNODE:7/disk is broken`, nested `CLUSTERMGR:1;PROXY:2`,
Access's `a_<alloc>_r_<read>_w_<write>`, BlobNode's stages, ShardNode's rpc2 `|` strings in microseconds with
lower-case header keys). Entities are skewed like a real cluster's: a few disks, volumes and clients take most of
the traffic; serving hosts per service; one disk (`--failing-disk`, default 17) starts failing (613 disk is broken,
slow) at `--fail-at` of the span (default 0.6).

    gen_audit_log.py --demo --out testdata/audit/demo.log    # the committed demo log (see README in this folder)
    gen_audit_log.py --bytes 512M --seed 7 --out /tmp/big.log # benchmark input (bench/audit/run.sh)
    gen_audit_log.py --lines 3000 --split-dir /tmp/cluster    # one directory per service and host (0-0.log each)

`--demo` adds the reference sample lines (../shared/reference/blobstore-auditlog-samples.log), the odd-but-valid
shapes (grep -n prefix, CRLF, MODULE@host:port with microsecond start times, a TAB in the path, a TAB in an XML
body, 14 fields, JSON lines) and one malformed line of every kind. `--trace-out FILE` writes the trace id of an
Access request that hit the failing disk after it failed. Same arguments, same bytes.
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


# (method, path template, weight) of the requests a service gets on its own (not as part of an Access request).
APIS = {
    "ACCESS": [
        ("POST", "/delete", 8), ("POST", "/alloc", 10), ("POST", "/sign", 5), ("PUT", "/putat", 4), ("GET", "/v1/stat", 3),
    ],
    "BLOBNODE": [
        ("POST", "/shard/markdelete/diskid/{d}/vuid/{v}/bid/{b}", 8), ("POST", "/shard/delete/diskid/{d}/vuid/{v}/bid/{b}", 8),
        ("GET", "/chunk/list/diskid/{d}", 3), ("GET", "/disk/stat/diskid/{d}", 5),
        ("GET", "/shard/list/diskid/{d}/vuid/{v}/startbid/0/status/1/count/100", 2), ("POST", "/admin/chunk/compact", 1),
        ("GET", "/shard/get/diskid/{d}/vuid/{v}/bid/{b}", 10),
    ],
    "CLUSTERMGR": [
        ("POST", "/volume/alloc", 10), ("GET", "/volume/get", 20), ("POST", "/disk/heartbeat", 30), ("GET", "/service/get", 15),
        ("GET", "/config/get", 8), ("POST", "/diskid/alloc", 2), ("POST", "/volume/unit/alloc", 5), ("GET", "/stat", 5),
        ("GET", "/disk/info", 10),
    ],
    "PROXY": [
        ("GET", "/cacher/volume/{vid}", 25), ("POST", "/repairmsg", 10), ("POST", "/deletemsg", 15),
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

# What happens at the top: an Access put or get (with its downstream requests), or a service's own request.
TOP = [("put", 18), ("get", 24), ("ACCESS", 6), ("BLOBNODE", 10), ("CLUSTERMGR", 10), ("PROXY", 5), ("SCHEDULER", 10), ("SHARDNODE", 9)]

PORTS = {"ACCESS": 9500, "BLOBNODE": 8889, "CLUSTERMGR": 9998, "PROXY": 9600, "SCHEDULER": 9800, "SHARDNODE": 9100}
HOSTS = {
    "ACCESS": ["10.0.0.{}".format(i) for i in (2, 3, 4)],
    "BLOBNODE": ["10.0.1.{}".format(10 + i) for i in range(12)],
    "CLUSTERMGR": ["10.0.3.{}".format(i) for i in (2, 3, 4)],
    "PROXY": ["10.0.2.{}".format(i) for i in (2, 3)],
    "SCHEDULER": ["10.0.4.2"],
    "SHARDNODE": ["10.0.5.{}".format(i) for i in (2, 3, 4)],
}
CALLER = {"BLOBNODE": "access", "CLUSTERMGR": "blobnode", "PROXY": "access", "SCHEDULER": "blobnode", "SHARDNODE": "access", "ACCESS": "sdk"}
GO_UA = "{}/cmain/7e119b9f9fece040659fc95a8b4ebb8d33a44b3d (linux/amd64; go1.21.13) node-{}/{}"
DISKS = 120
VOLUMES = 3000
CLIENTS = ["10.1.{}.{}".format(i // 50, 2 + i % 50) for i in range(60)]


def pick(rng, items):
    total = sum(w for *_, w in items)
    x = rng.random() * total
    for item in items:
        x -= item[-1]
        if x < 0:
            return item
    return items[-1]


def zipf_table(n, s, rng):
    """Cumulative weights of a Zipf(s) law over n ids, the ids shuffled (so the hottest is not id 1)."""
    ids = list(range(1, n + 1))
    rng.shuffle(ids)
    cum, total = [], 0.0
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        cum.append(total)
    return ids, cum


def zipf_pick(rng, table):
    ids, cum = table
    x = rng.random() * cum[-1]
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return ids[lo]


def compact(obj):
    """Go's json.Marshal of a map: sorted keys, no spaces, & < > escaped."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class Gen:
    def __init__(self, seed, span_s=None, lines_hint=600, failing_disk=17, fail_at=0.6):
        self.rng = random.Random(seed)
        self.msg = messages()
        self.t = T0
        # Mean gap between top-level requests so that `lines_hint` lines cover `span_s` (2.2 lines per top request).
        self.gap = int(span_s * 10_000_000 * 2.2 / lines_hint) if span_s else 40_000
        self.fail_from = T0 + int((span_s or lines_hint * 0.002) * 10_000_000 * fail_at) if failing_disk else None
        self.failing_disk = failing_disk
        self.disks = zipf_table(DISKS, 0.9, self.rng)
        if failing_disk in self.disks[0]:
            # The failing disk is a busy one (the second busiest), as the disk an operator is paged for is.
            ids = self.disks[0]
            at = ids.index(failing_disk)
            ids[1], ids[at] = ids[at], ids[1]
        self.volumes = zipf_table(VOLUMES, 1.1, self.rng)
        self.clients = zipf_table(len(CLIENTS), 1.2, self.rng)
        self.interesting = None
        self.seq = 0

    # -- pieces ---------------------------------------------------------------------------------------------------
    def trace_id(self):
        return "{:016x}".format(self.rng.getrandbits(64))

    def message(self, code):
        m = self.msg.get(code, "")
        if not m and code >= 400:
            m = {500: "internal server error", 504: "gateway timeout", 597: "panic", 596: "task interrupted",
                 499: "context canceled"}.get(code, "status {}".format(code))
        return m

    def vuid(self):
        vid = zipf_pick(self.rng, self.volumes)
        return vid << 32 | self.rng.randint(0, 11) << 24 | self.rng.randint(1, 3), vid

    def host_of(self, service, disk=None):
        hosts = HOSTS[service]
        if disk is not None:
            return hosts[disk % len(hosts)]
        return self.rng.choice(hosts)

    def failing(self, disk, start):
        return self.fail_from is not None and disk == self.failing_disk and start >= self.fail_from

    def latency(self, service):
        rng = self.rng
        return int(rng.lognormvariate(7.0 if service != "BLOBNODE" else 8.5, 1.1))

    def req_header(self, service, method, client, size=0, query=None, rpc2=False):
        rng = self.rng
        h = {
            "Accept-Encoding": "gzip",
            "BodySize": size,
            "Content-Length": str(size),
            "Host": "{}:{}".format(self.host_of(service), PORTS[service]),
            "IP": client,
            "User-Agent": GO_UA.format(CALLER[service], rng.randint(1, 64), rng.randint(100000, 999999)),
        }
        if query:
            h["RawQuery"] = query
        if rng.random() < 0.3:
            h["X-Crc-Encoded"] = "1"
        if rpc2:
            h = {"IP": "{}:{}".format(client, rng.randint(30000, 60000)), "Host": h["Host"]}
        return h

    def rec(self, service, method, path, start, code, latency, client, trace, trace_log, query=None, host=None, size=None):
        """One request line's fields."""
        rng = self.rng
        if size is None:
            size = rng.choice([0, 0, 1024, 4096, 65536, 307200]) if method in ("PUT", "POST", "PSH") else 0
        rpc2 = service == "SHARDNODE"
        req_header = self.req_header(service, method, client, size, query, rpc2)
        if host:
            req_header["Host"] = host
        params = ""
        if method == "POST" and service in ("CLUSTERMGR", "SCHEDULER", "PROXY"):
            params = compact({"task_id": "task-{}-{:x}".format(rng.randint(1, 99999), rng.getrandbits(48)), "code_mode": rng.choice([1, 2, 11])})
        message = self.message(code)
        if rpc2:
            resp_header = {"blobstore-tracer-traceid": trace, "trace-log": "|".join(trace_log), "trace-tags": "span.kind:server"}
        else:
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
            "service": service, "start": start, "method": method, "path": path, "req_header": req_header, "params": params,
            "code": code, "resp_header": resp_header, "body": body, "length": length, "latency": latency,
        }

    def tail_item(self, service, latency, code, unit_us=False):
        d = latency if unit_us else latency // 1000
        item = "{}:{}".format(service, d) if d else service
        if code >= 400 and code not in (404, 206):
            m = self.message(code)
            if m:
                item += "/" + m[:32]
        return item

    # -- requests -------------------------------------------------------------------------------------------------
    def blobnode_shard(self, op, start, client, trace):
        """A BlobNode put or get of one shard: (record, failed, ms)."""
        rng = self.rng
        disk = zipf_pick(rng, self.disks)
        vuid, _ = self.vuid()
        bid = rng.randint(1, 10_000_000)
        if op == "put":
            size = rng.choice([4096, 65536, 307200, 1048576])
            path = "/shard/put/diskid/{}/vuid/{}/bid/{}/size/{}".format(disk, vuid, bid, size)
            method = "POST"
        else:
            size = 0
            path = "/shard/get/diskid/{}/vuid/{}/bid/{}".format(disk, vuid, bid)
            method = "GET"
        latency = self.latency("BLOBNODE")
        if self.failing(disk, start):
            code = pick(rng, [(613, 75), (602, 10), (200, 15)])[0]
            latency = latency * 8 + rng.randint(50_000, 400_000)
        else:
            code = pick(rng, CODES["BLOBNODE"])[0]
        if code == 499:
            latency = rng.randint(1_000_000, 30_000_000)
        ms = latency // 1000
        if op == "put":
            stages = ["net.r", "dat.w", "dat.wai:{}".format(max(ms - 1, 0)) if ms > 1 else "dat.wai", "md.w", "disk.put:{}".format(ms) if ms else "disk.put", "sync"]
        else:
            stages = ["net.w", "dat.r:{}".format(ms) if ms else "dat.r", "disk.get:{}".format(ms) if ms else "disk.get"]
        trace_log = stages + [self.tail_item("BLOBNODE", latency, code)]
        host = "{}:{}".format(self.host_of("BLOBNODE", disk), PORTS["BLOBNODE"])
        r = self.rec("BLOBNODE", method, path, start, code, latency, client, trace, trace_log, query="iotype=0", host=host, size=size)
        failed = code >= 500
        return r, failed, ms, disk

    def proxy_alloc(self, start, client, trace):
        """Proxy /volume/alloc, sometimes calling Clustermgr: (records, item for the caller's Trace-Log, ms)."""
        rng = self.rng
        out = []
        inner = []
        t = start + rng.randint(100, 3000)
        if rng.random() < 0.3:
            cm_lat = self.latency("CLUSTERMGR")
            cm_code = pick(rng, CODES["CLUSTERMGR"])[0]
            cm = self.rec("CLUSTERMGR", "POST", "/volume/alloc", t + rng.randint(100, 2000), cm_code, cm_lat,
                          self.host_of("PROXY"), trace, [self.tail_item("CLUSTERMGR", cm_lat, cm_code)])
            out.append(cm)
            inner.append(self.tail_item("CLUSTERMGR", cm_lat, cm_code))
        latency = self.latency("PROXY") + sum(r["latency"] for r in out)
        code = pick(rng, CODES["PROXY"])[0]
        own = self.tail_item("PROXY", latency, code)
        out.append(self.rec("PROXY", "POST", "/volume/alloc", t, code, latency, self.host_of("ACCESS"), trace, inner + [own]))
        return out, ";".join(inner + [own]), latency // 1000

    def access_op(self, op):
        """An Access put or get and everything it calls, children first (they finish first)."""
        rng = self.rng
        start = self.t
        trace = self.trace_id()
        client = CLIENTS[zipf_pick(rng, self.clients) - 1]
        access_host = self.host_of("ACCESS")
        lines = []
        items = []
        alloc = 0
        t = start + rng.randint(500, 20_000)
        if op == "put":
            recs, item, alloc = self.proxy_alloc(t, access_host, trace)
            lines += recs
            items.append(item)
            shards = rng.choice([3, 3, 4, 6])
        else:
            shards = 1
        worst = 0
        failed_disk = None
        total_fail = 0
        for _ in range(shards):
            t += rng.randint(200, 5_000)
            r, failed, ms, disk = self.blobnode_shard(op, t, access_host, trace)
            lines.append(r)
            items.append(self.tail_item("BLOBNODE", r["latency"], r["code"]))
            worst = max(worst, r["latency"])
            if failed:
                total_fail += 1
                if self.failing(disk, t):
                    failed_disk = disk
            if failed and op == "get":
                # Read another copy.
                t += rng.randint(200, 5_000)
                r2, failed2, _, _ = self.blobnode_shard(op, t, access_host, trace)
                lines.append(r2)
                items.append(self.tail_item("BLOBNODE", r2["latency"], r2["code"]))
                worst = max(worst, r2["latency"])
        latency = self.latency("ACCESS") + worst + alloc * 1000
        code = pick(rng, CODES["ACCESS"])[0]
        if total_fail > 1 and op == "put":
            code = 500
        if code == 499:
            latency = rng.randint(1_000_000, 30_000_000)
        ms = latency // 1000
        read, write = (ms, 0) if op == "get" else (0, max(ms - alloc, 0))
        items.append("a_{}_r_{}_w_{}".format(alloc, read, write))
        items.append(self.tail_item("ACCESS", latency, code))
        if op == "put":
            path, method, query = "/put", "PUT", "size={}&hashes=4".format(rng.choice([4096, 65536, 1048576]))
        else:
            path, method, query = "/get", "GET", "offset=0&read_size={}".format(rng.choice([4096, 65536, 1048576]))
        top = self.rec("ACCESS", method, path, start, code, latency, client, trace, items, query=query,
                       host="{}:{}".format(access_host, PORTS["ACCESS"]))
        lines.append(top)
        if failed_disk == self.failing_disk and self.interesting is None and any(r["service"] == "PROXY" for r in lines):
            self.interesting = trace
        return lines

    def record(self, service=None):
        """A service's own request (no downstream calls)."""
        rng = self.rng
        service = service or pick(rng, [t for t in TOP if t[0].isupper()])[0]
        method, template, _ = pick(rng, APIS[service])
        disk = zipf_pick(rng, self.disks)
        vuid, vid = self.vuid()
        path = template.format(d=disk, v=vuid, b=rng.randint(1, 10_000_000), vid=vid)
        start = self.t
        latency = self.latency(service)
        if service == "BLOBNODE" and "diskid" in path and self.failing(disk, start):
            code = pick(rng, [(613, 80), (200, 20)])[0]
            latency = latency * 8
        else:
            code = pick(rng, CODES[service])[0]
        if code == 499:
            latency = rng.randint(1_000_000, 30_000_000)
        query = None
        if service == "CLUSTERMGR" and path == "/volume/get":
            query = "vid={}".format(vid)
        elif service == "CLUSTERMGR" and path == "/disk/info":
            query = "disk_id={}".format(disk)
        caller = {"ACCESS": CLIENTS[zipf_pick(rng, self.clients) - 1]}.get(service) or self.host_of(
            {"BLOBNODE": "ACCESS", "CLUSTERMGR": "BLOBNODE", "PROXY": "ACCESS", "SCHEDULER": "BLOBNODE", "SHARDNODE": "ACCESS"}[service])
        if service == "SHARDNODE":
            us = latency
            trace_log = ["rpc.r:{}".format(rng.randint(1, 40)), "kv.get:{}".format(us // 2), self.tail_item("SHARDNODE", us, code, unit_us=True)]
        elif service == "BLOBNODE":
            ms = latency // 1000
            trace_log = ["md.r", "md.w" if method == "POST" else "net.w", self.tail_item("BLOBNODE", latency, code)]
            del ms
        else:
            trace_log = [self.tail_item(service, latency, code)]
        host = "{}:{}".format(self.host_of(service, disk if service == "BLOBNODE" else None), PORTS[service])
        return self.rec(service, method, path, start, code, latency, caller, self.trace_id(), trace_log, query=query, host=host)

    def next_lines(self):
        """The lines of the next top-level request, in the order they are written."""
        self.t += self.rng.randint(0, 2 * self.gap)
        kind = pick(self.rng, TOP)[0]
        if kind in ("put", "get"):
            return self.access_op(kind)
        return [self.record(kind)]

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
    """Valid but unusual shapes (kind in the comment)."""
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
    for service, code in (("BLOBNODE", 640), ("ACCESS", 597), ("ACCESS", 552), ("SCHEDULER", 700), ("BLOBNODE", 651)):
        r = g.record(service)
        if service == "BLOBNODE":
            r["method"] = "GET"
            r["path"] = "/shard/get/diskid/{}/vuid/{}/bid/{}".format(zipf_pick(rng, g.disks), g.vuid()[0], rng.randint(1, 10_000_000))
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


class SplitWriter:
    """One file per (service, host): DIR/<service>/<host>/0-0.log, as a cluster's nodes keep them."""

    def __init__(self, root):
        self.root = root
        self.files = {}

    def write(self, r, line):
        host = r["req_header"].get("Host", "unknown").split(":")[0]
        key = (r["service"].lower(), host)
        f = self.files.get(key)
        if f is None:
            d = os.path.join(self.root, key[0], key[1])
            os.makedirs(d, exist_ok=True)
            f = self.files[key] = open(os.path.join(d, "0-0.log"), "w", encoding="utf-8", newline="")
        f.write(line)

    def close(self):
        for f in self.files.values():
            f.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--lines", type=int, default=1500, help="generated request lines, about (default 1500)")
    ap.add_argument("--bytes", type=parse_size, help="generate until this size instead (e.g. 200M)")
    ap.add_argument("--span", type=float, help="seconds the requests cover (default: 1 h for --demo and --lines, "
                                               "about 4 ms per request for --bytes)")
    ap.add_argument("--failing-disk", type=int, default=17, help="the disk that starts failing (0: none)")
    ap.add_argument("--fail-at", type=float, default=0.6, help="when it starts, as a share of the span")
    ap.add_argument("--start", type=float, default=0.0, help="seconds after 2025-09-17T02:00:00Z the log starts")
    ap.add_argument("--json-share", type=float, default=0.0, help="share of lines written as JSON")
    ap.add_argument("--demo", action="store_true", help="add reference samples, odd shapes and malformed lines")
    ap.add_argument("--samples", default=SAMPLES, help="the reference sample log (for --demo)")
    ap.add_argument("--out", help="output file (default stdout)")
    ap.add_argument("--split-dir", help="write one file per service and host under this directory instead")
    ap.add_argument("--trace-out", help="write the trace id of an Access request that hit the failing disk here")
    args = ap.parse_args()

    span = args.span if args.span is not None else (None if args.bytes else 3600.0)
    g = Gen(args.seed, span_s=span, lines_hint=args.lines, failing_disk=args.failing_disk or None, fail_at=args.fail_at)
    g.t += int(args.start * 10_000_000)
    if g.fail_from is not None:
        g.fail_from += int(args.start * 10_000_000)
    split = SplitWriter(args.split_dir) if args.split_dir else None
    out = None if split else (open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout)

    def emit(r, line):
        if split:
            split.write(r, line)
        else:
            out.write(line)

    if args.demo:
        with open(args.samples, encoding="utf-8") as f:
            samples = [line.rstrip("\n") for line in f if line.strip()]
        extras = [line for _, line in odd_lines(g)] + [line for _, line in malformed_lines(g)]
        g.t = T0 + int(args.start * 10_000_000)
        # Spread the extras through the file at fixed positions.
        step = max(1, args.lines // (len(extras) + 1))
        if not split:
            for s in samples:
                out.write(s + "\n")
        n = 0
        i = 0
        while i < args.lines:
            for r in g.next_lines():
                if r["service"] == "SHARDNODE" and i % 5 == 0:
                    emit(r, g.json_line(r) + "\n")
                else:
                    emit(r, g.tab(r) + "\n")
                i += 1
                if i % step == 0 and n < len(extras) and not split:
                    out.write(extras[n] + "\n")
                    n += 1
        if not split:
            for line in extras[n:]:
                out.write(line + "\n")
    else:
        written = 0
        i = 0
        while (args.bytes and written < args.bytes) or (not args.bytes and i < args.lines):
            for r in g.next_lines():
                line = (g.json_line(r) if args.json_share and g.rng.random() < args.json_share else g.tab(r)) + "\n"
                emit(r, line)
                written += len(line)
                i += 1
    if split:
        split.close()
    elif args.out:
        out.close()
    if args.trace_out:
        with open(args.trace_out, "w", encoding="utf-8") as f:
            f.write((g.interesting or "") + "\n")


if __name__ == "__main__":
    main()
