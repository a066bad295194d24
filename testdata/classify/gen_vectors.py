#!/usr/bin/env python3
"""Writes testdata/vectors-classify.json: the conformance vectors of the `classify` operation.

Every case's expected code comes from ../shared/reference/koupleless-arklet-responses.tsv (the row's
`proposed_code`, or `mc_table_code` for ModuleController's own client errors), never from the rule file: the
vectors check the rules against the reference. Bodies are built the way Arklet writes them (fastjson: members in
alphabetical order, null members omitted), with the TSV row's placeholders filled two different ways, and stack
traces in JDK 8 and JDK 17 wording.

Run from the repository root: python3 testdata/classify/gen_vectors.py
"""

import csv
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TSV = os.path.join(ROOT, "..", "shared", "reference", "koupleless-arklet-responses.tsv")
OUT = os.path.join(ROOT, "testdata", "vectors-classify.json")
MAX_BODY = 16 << 20

with open(TSV, newline="") as f:
    reader = list(csv.reader(f, delimiter="\t"))
HEADER, ROWS = reader[0], [dict(zip(reader[0], r)) for r in reader[1:]]
CODE = re.compile(r"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+\b")


def tsv_codes(row, column="proposed_code"):
    return CODE.findall(ROWS[row - 1][column])


# ------------------------------------------------------------------------------------------------- body builders
def fastjson(obj):
    """Compact JSON with members in alphabetical order, as fastjson writes a bean."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


BASE = "f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55"


def envelope(code, message=None, data=None, trace=None, base=False):
    obj = {"code": code}
    if message is not None:
        obj["message"] = message
    if data is not None:
        obj["data"] = data
    if trace is not None:
        obj["errorStackTrace"] = trace
    if base:
        obj["baseIdentity"] = BASE
    return fastjson(obj)


JDK_PACKAGES = ("java.", "javax.", "jdk.", "sun.")


def frame(spec, jdk):
    """`Class.method(Source:line)` in the wording of `jdk` (8 or 17)."""
    if jdk >= 9:
        spec = spec.replace("sun.reflect.", "jdk.internal.reflect.")
        if spec.startswith(JDK_PACKAGES):
            return "java.base/" + spec
        if spec.startswith("com.example."):
            return "app//" + spec
    return spec


ARKLET_INSTALL = [
    "com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.install(UnifiedOperationServiceImpl.java:62)",
    "com.alipay.sofa.koupleless.arklet.core.command.builtin.handler.InstallBizHandler.handle(InstallBizHandler.java:66)",
    "com.alipay.sofa.koupleless.arklet.core.command.CommandServiceImpl.process(CommandServiceImpl.java:177)",
    "com.alipay.sofa.koupleless.arklet.core.api.tunnel.http.netty.NettyHttpServer$NettyHttpHandler.channelRead0(NettyHttpServer.java:172)",
    "io.netty.channel.SimpleChannelInboundHandler.channelRead(SimpleChannelInboundHandler.java:99)",
    "java.lang.Thread.run(Thread.java:750)",
]
ARKLET_UNINSTALL = [
    "com.alipay.sofa.ark.container.model.BizModel.stop(BizModel.java:421)",
    "com.alipay.sofa.ark.api.ArkClient.uninstallBiz(ArkClient.java:272)",
    "com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.uninstall(UnifiedOperationServiceImpl.java:74)",
    "com.alipay.sofa.koupleless.arklet.core.command.builtin.handler.UninstallBizHandler.handle(UninstallBizHandler.java:55)",
    "com.alipay.sofa.koupleless.arklet.core.command.CommandServiceImpl.process(CommandServiceImpl.java:177)",
    "java.lang.Thread.run(Thread.java:750)",
]
VALIDATE = [
    "com.alipay.sofa.koupleless.arklet.core.common.exception.CommandValidationException.validate(CommandValidationException.java:44)",
    "com.alipay.sofa.koupleless.arklet.core.command.meta.AbstractCommandHandler.notBlank(AbstractCommandHandler.java:77)",
    "com.alipay.sofa.koupleless.arklet.core.command.CommandServiceImpl.process(CommandServiceImpl.java:118)",
    "com.alipay.sofa.koupleless.arklet.core.api.tunnel.http.netty.NettyHttpServer$NettyHttpHandler.channelRead0(NettyHttpServer.java:172)",
]
MAIN_RUNNER = [
    "sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
    "sun.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:62)",
    "java.lang.reflect.Method.invoke(Method.java:498)",
    "com.alipay.sofa.ark.bootstrap.MainMethodRunner.run(MainMethodRunner.java:53)",
    "com.alipay.sofa.ark.container.model.BizModel.doStart(BizModel.java:345)",
    "com.alipay.sofa.ark.container.model.BizModel.start(BizModel.java:312)",
    "com.alipay.sofa.ark.api.ArkClient.doInstallOperation(ArkClient.java:203)",
]
USER_START = [
    "com.example.demo.OrderService.afterPropertiesSet(OrderService.java:41)",
    "org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.invokeInitMethods(AbstractAutowireCapableBeanFactory.java:1863)",
    "org.springframework.boot.SpringApplication.run(SpringApplication.java:315)",
    "com.example.demo.DemoApplication.main(DemoApplication.java:12)",
]
DOWNLOAD = [
    "java.net.URL.openStream(URL.java:1093)",
    "com.alipay.sofa.ark.common.util.FileUtils.download(FileUtils.java:98)",
    "com.alipay.sofa.ark.api.ArkClient.doInstallOperation(ArkClient.java:196)",
]


def trace(chain, jdk=8, more=True):
    """A Java stack trace: `chain` = [(class, message or None, [frames])], the top throwable first."""
    lines = []
    for i, (cls, msg, frames) in enumerate(chain):
        head = cls if msg is None else f"{cls}: {msg}"
        lines.append(head if i == 0 else "Caused by: " + head)
        lines.extend("\tat " + frame(f, jdk) for f in frames)
        if i > 0 and more:
            lines.append(f"\t... {len(ARKLET_INSTALL)} more")
    return "\n".join(lines) + "\n"


def wrapped(cause_cls, cause_msg, frames, jdk=8, deeper=()):
    """What Arklet sends for a runtime failure: ArkletRuntimeException(cause), its Caused by chain."""
    text = cause_cls if cause_msg is None else f"{cause_cls}: {cause_msg}"
    chain = [("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException", text, ARKLET_INSTALL)]
    chain.append((cause_cls, cause_msg, frames))
    chain.extend(deeper)
    return "Internal Error: " + text, trace(chain, jdk)


def internal(text, jdk=8, validation=True):
    """A validation failure: `Internal Error: <text>` and a CommandValidationException trace."""
    cls = "com.alipay.sofa.koupleless.arklet.core.common.exception.CommandValidationException"
    return envelope(
        "CMD_PROCESS_INTERNAL_ERROR",
        "Internal Error: " + text,
        trace=trace([(cls, text, VALIDATE)], jdk) if validation else None,
    )


def runtime(cause_cls, cause_msg, frames, jdk=8, deeper=()):
    message, stack = wrapped(cause_cls, cause_msg, frames, jdk, deeper)
    return envelope("CMD_PROCESS_INTERNAL_ERROR", message, trace=stack)


def ite(deepest, jdk=8, origin_frames=None):
    """InvocationTargetException (the module's main() threw) with `deepest` = (class, message)."""
    frames = origin_frames or USER_START
    return runtime(
        "java.lang.reflect.InvocationTargetException",
        None,
        MAIN_RUNNER,
        jdk,
        deeper=[(deepest[0], deepest[1], frames)],
    )


FILLS = [
    {
        "bizName": "dynamic-provider",
        "bizVersion": "1.0.0",
        "url": "http://repo.example.com/biz/dynamic-provider-1.0.0-ark-biz.jar",
        "path": "biz/dynamic-provider-1.0.0-ark-biz.jar",
        "requestId": "c0ffee01",
        "host": "repo.example.com",
        "ip": "10.0.0.3",
        "jdk": 8,
    },
    {
        "bizName": "订单-stock-mng",
        "bizVersion": "0.0.1-SNAPSHOT",
        "url": "https://nexus.internal:8443/repository/biz/stock-mng-0.0.1-SNAPSHOT-ark-biz.jar",
        "path": "/home/admin/biz/stock mng.jar",
        "requestId": "7d1e0b6a-4f55-4e10-9c2a-f3a1c9e25b7d",
        "host": "nexus.internal",
        "ip": "192.168.31.200",
        "jdk": 17,
    },
]

CASES = []


def case(name, body, expect=None, error=None, row=None, as_row=None, code_alt=0, **args):
    """One vector. `expect` gets `code` and `reporter` from the TSV row unless given."""
    a = {"command": None, "http_status": None, "tunnel": None}
    a.update(args)
    if isinstance(body, dict):
        a.update(body)
    else:
        a["body"] = body
    c = {"name": name, "op": "classify", "args": a}
    if row is not None:
        c["row"] = row
    if as_row is not None:
        c["as_row"] = as_row
    if error is not None:
        c["error"] = {"kind": error}
    else:
        expect = dict(expect or {})
        source = as_row or row
        if source is not None and "code" not in expect:
            client = (a.get("tunnel") or "").lower() == "client"
            codes = tsv_codes(source, "mc_table_code" if client else "proposed_code")
            assert codes, f"row {source} has no code"
            expect["code"] = codes[code_alt]
            expect.setdefault("outcome", "error")
            expect.setdefault("reporter", "ModuleController" if client else "Arklet")
        c["expect"] = expect
    CASES.append(c)


def tsv_row(row, rule, build, **kw):
    """Two cases for a TSV row, one per fill; `build(fill, k)` returns (body, extra args, extra expect)."""
    for k, fill in enumerate(FILLS):
        body, args, expect = build(fill, k)
        expect = dict(expect)
        expect.setdefault("rule", rule)
        merged = dict(kw)
        merged.update(args)
        case(f"row {row} ({rule}) fill {k + 1}", body, expect, row=row, **merged)


def same(fn):
    """A build whose args and expectations do not depend on the fill."""
    return lambda f, k: (fn(f, k), {}, {})


# ----------------------------------------------------------------------------------------------------- TSV rows
tsv_row(1, "http.not-post", lambda f, k: (
    "POST http request only supported by arklet" + ("\n" if k else ""),
    {"http_status": 500, "command": ["installBiz", None][k]},
    {"placeholders": {}},
))
tsv_row(2, "cmd.not-found", lambda f, k: (
    envelope("CMD_NOT_FOUND", "please follow the doc"), {"http_status": [None, 200][k]}, {}))
tsv_row(3, "cmd.no-handler", lambda f, k: (
    envelope("CMD_PROCESS_INTERNAL_ERROR", f"Internal Error: {['installModule', 'deploy'][k]} not found handler",
             trace=trace([("java.lang.IllegalArgumentException", f"{['installModule', 'deploy'][k]} not found handler",
                           ["com.alipay.sofa.koupleless.arklet.core.common.util.AssertUtils.isTrue(AssertUtils.java:39)",
                            "com.alipay.sofa.koupleless.arklet.core.command.CommandServiceImpl.getHandler(CommandServiceImpl.java:220)"])],
                         f["jdk"])),
    {}, {"placeholders": {"cmd": ["installModule", "deploy"][k]}}))
tsv_row(4, "http.no-answer", lambda f, k: (["", "  \r\n"][k], {"command": "installBiz"}, {}))
tsv_row(5, "request.unbound", lambda f, k: (
    [envelope("CMD_PROCESS_INTERNAL_ERROR", "Internal Error: null",
              trace=trace([("java.lang.NullPointerException", None,
                            ["com.alipay.sofa.koupleless.arklet.core.command.builtin.handler.InstallBizHandler.validate(InstallBizHandler.java:107)",
                             "com.alipay.sofa.koupleless.arklet.core.command.CommandServiceImpl.process(CommandServiceImpl.java:118)"])], 8)),
     envelope("CMD_PROCESS_INTERNAL_ERROR",
              "Internal Error: Cannot invoke \"com.alipay.sofa.koupleless.arklet.core.command.meta.bizops.ArkBizMeta.getBizName()\" because \"input\" is null",
              trace=trace([("java.lang.NullPointerException",
                            "Cannot invoke \"com.alipay.sofa.koupleless.arklet.core.command.meta.bizops.ArkBizMeta.getBizName()\" because \"input\" is null",
                            ["com.alipay.sofa.koupleless.arklet.core.command.builtin.handler.UninstallBizHandler.validate(UninstallBizHandler.java:81)",
                             "com.alipay.sofa.koupleless.arklet.core.command.CommandServiceImpl.process(CommandServiceImpl.java:118)"])], 17))][k],
    {"command": ["installBiz", "uninstallBiz"][k]},
    {"placeholders": [{}, {"action": "invoke \"com.alipay.sofa.koupleless.arklet.core.command.meta.bizops.ArkBizMeta.getBizName()\"", "expr": "\"input\""}][k]}))


def conflict(f, k):
    name, version, cmd, cur = [(f["bizName"], f["bizVersion"], "installBiz", "installBiz"),
                               ("null", "null", "batchInstallBiz", "batchInstallBiz")][k]
    msg = f"FAILED:{name}:{version} {cmd} conflict, exist unfinished command({cur}) for this biz"
    return envelope("FAILED", msg, base=True), {"command": cmd}, {
        "retryable": True, "placeholders": {"bizName": name, "bizVersion": version, "cmd": cmd}}


tsv_row(6, "sync.conflict", conflict)
tsv_row(8, "request.duplicate-id", lambda f, k: (
    envelope("FAILED", f"The request corresponding to the requestId({f['requestId']}) has been executed.", base=True),
    {"command": ["installBiz", "switchBiz"][k]}, {"placeholders": {"requestId": f["requestId"]}}))
for row, cmd in [(10, "installBiz"), (11, "uninstallBiz"), (12, "switchBiz")]:
    tsv_row(row, "request.invalid-parameter", lambda f, k, cmd=cmd: (
        internal("requestId should not be blank when async is true", f["jdk"], validation=k == 0), {"command": cmd}, {}))


def repeat(f, k):
    data = {"code": "REPEAT_BIZ", "message": f"Biz: {f['bizName']}:{f['bizVersion']} has been installed or registered."}
    if k == 0:
        data["elapsedSpace"] = 1284
    return envelope("FAILED", "install biz not success!", data, base=True), {"command": "installBiz"}, {
        "placeholders": {"bizName": f["bizName"], "bizVersion": f["bizVersion"]}, "retryable": False}


tsv_row(14, "biz.repeat", repeat)
tsv_row(15, "install.client-failed", lambda f, k: (
    envelope("FAILED", "install biz not success!",
             {"code": "FAILED", "message": ["mock install failure", f"Install Biz: {f['bizName']}:{f['bizVersion']} fail"][k],
              "elapsedSpace": -2048}, base=True),
    {"command": "installBiz"}, {}))
tsv_row(16, "request.invalid-parameter", lambda f, k: (internal("bizUrl should not be blank", f["jdk"]), {"command": "installBiz"}, {}))
tsv_row(17, "request.invalid-parameter", lambda f, k: (
    internal("bizName and bizVersion should be both blank or both not blank.", f["jdk"]), {"command": "installBiz"}, {}))
tsv_row(18, "url.no-protocol", lambda f, k: (
    internal(["refresh biz info from jar failed: no protocol: " + f["path"],
              "refresh biz info from jar failed: unknown protocol: oss"][k], f["jdk"]),
    {"command": "installBiz"}, {"placeholders": [{"bizUrl": f["path"]}, {"protocol": "oss"}][k]}))
tsv_row(19, "install.refresh-jar", lambda f, k: (
    internal("refresh biz info from jar failed: " + [f["url"], f["host"]][k], f["jdk"]),
    {"command": "installBiz"}, {"placeholders": {"reason": [f["url"], f["host"]][k]}, "retryable": True}))
tsv_row(20, "install.not-ark-biz", lambda f, k: (internal("Archive must be a ark biz!", f["jdk"], validation=k == 1), {"command": "installBiz"}, {}))
tsv_row(21, "url.malformed", lambda f, k: (
    runtime("java.net.MalformedURLException", "no protocol: " + f["path"],
            ["java.net.URL.<init>(URL.java:611)", "com.alipay.sofa.ark.api.ArkClient.installOperation(ArkClient.java:180)"], f["jdk"]),
    {"command": "installBiz"}, {"exception": "java.net.MalformedURLException", "cause": "java.net.MalformedURLException"}))
tsv_row(22, "install.pull-failed", lambda f, k: (
    runtime("java.io.FileNotFoundException", [f["url"], f["path"] + " (No such file or directory)"][k], DOWNLOAD, f["jdk"]),
    {"command": "installBiz"}, {"exception": "java.io.FileNotFoundException", "retryable": True}))
tsv_row(23, "install.pull-failed", lambda f, k: (
    runtime(*[("java.net.UnknownHostException", f["host"]), ("java.net.ConnectException", "Connection refused (Connection refused)")][k],
            DOWNLOAD, f["jdk"]),
    {"command": "installBiz"}, {}))
tsv_row(24, "install.pull-timeout", lambda f, k: (
    runtime("java.net.SocketTimeoutException", ["connect timed out", "Read timed out"][k], DOWNLOAD, f["jdk"]),
    {"command": "installBiz"}, {"retryable": True}))
tsv_row(25, "resource.disk-full", lambda f, k: (
    runtime("java.io.IOException", "No space left on device",
            ["java.io.FileOutputStream.writeBytes(Native Method)", "com.alipay.sofa.ark.common.util.FileUtils.copyInputStreamToFile(FileUtils.java:120)"],
            f["jdk"]),
    {"command": "installBiz"}, {"cause_message": "No space left on device"}))
tsv_row(26, "install.pull-failed", lambda f, k: (
    runtime("java.util.zip.ZipException", ["zip file is empty", "error in opening zip file"][k],
            ["java.util.zip.ZipFile.open(Native Method)", "com.alipay.sofa.ark.loader.JarBizArchive.<init>(JarBizArchive.java:55)"], f["jdk"]),
    {"command": "installBiz"}, {}))
tsv_row(27, "install.not-ark-biz", lambda f, k: (
    runtime("java.lang.IllegalArgumentException", "Archive must be a ark biz!",
            ["com.alipay.sofa.ark.common.util.AssertUtils.isTrue(AssertUtils.java:38)",
             "com.alipay.sofa.ark.container.service.biz.BizFactoryServiceImpl.createBiz(BizFactoryServiceImpl.java:88)"], f["jdk"]),
    {"command": "installBiz"}, {}))
tsv_row(28, "install.no-main-method", lambda f, k: (
    runtime("com.alipay.sofa.ark.exception.ArkRuntimeException", f"biz: {f['bizName']} has no main method",
            ["com.alipay.sofa.ark.container.service.biz.BizFactoryServiceImpl.createBiz(BizFactoryServiceImpl.java:101)"], f["jdk"]),
    {"command": "installBiz"}, {"placeholders": {"bizName": f["bizName"]}}))
tsv_row(29, "install.state-not-resolved", lambda f, k: (
    runtime("java.lang.IllegalArgumentException", "BizState must be RESOLVED",
            ["com.alipay.sofa.ark.common.util.AssertUtils.isTrue(AssertUtils.java:38)",
             "com.alipay.sofa.ark.container.model.BizModel.start(BizModel.java:298)"], f["jdk"]),
    {"command": "installBiz"}, {}))
tsv_row(30, "install.main-class-missing", lambda f, k: (
    runtime(*[("java.lang.ClassNotFoundException", "com.example.demo.DemoApplication"),
              ("java.lang.NoSuchMethodException", "com.example.demo.DemoApplication.main([Ljava.lang.String;)")][k],
            ["java.net.URLClassLoader.findClass(URLClassLoader.java:387)",
             "com.alipay.sofa.ark.bootstrap.MainMethodRunner.run(MainMethodRunner.java:47)"], f["jdk"]),
    {"command": "installBiz"}, {}))
tsv_row(31, "install.user-error", lambda f, k: (
    ite([("org.springframework.beans.factory.BeanCreationException",
          "Error creating bean with name 'orderService': Invocation of init method failed"),
         ("java.lang.IllegalStateException", "order table is missing")][k], f["jdk"]),
    {"command": "installBiz"},
    {"exception": "java.lang.reflect.InvocationTargetException", "cause_origin": "user",
     "cause": ["org.springframework.beans.factory.BeanCreationException", "java.lang.IllegalStateException"][k]}))
tsv_row(32, "resource.metaspace", lambda f, k: (
    ite(("java.lang.OutOfMemoryError", "Metaspace"), f["jdk"],
        ["java.lang.ClassLoader.defineClass1(Native Method)", "java.lang.ClassLoader.defineClass(ClassLoader.java:756)"]),
    {"command": "installBiz"}, {"cause": "java.lang.OutOfMemoryError", "cause_message": "Metaspace"}))
tsv_row(33, "install.framework-failure", lambda f, k: (
    ite([("java.lang.IllegalStateException", "Unable to instantiate factory class [com.alipay.sofa.ark.springboot.listener.ArkApplicationStartListener]"),
         ("java.lang.NullPointerException", None)][k], f["jdk"],
        ["java.util.Objects.requireNonNull(Objects.java:203)",
         "com.alipay.sofa.koupleless.base.build.plugin.BizRuntimeContextRegistry.register(BizRuntimeContextRegistry.java:40)",
         "com.example.demo.DemoApplication.main(DemoApplication.java:12)"]),
    {"command": "installBiz"},
    {"cause_origin": "framework"}))
tsv_row(34, "resource.metaspace", lambda f, k: (
    runtime("java.lang.OutOfMemoryError", "Metaspace",
            ["java.lang.ClassLoader.defineClass1(Native Method)",
             "com.alipay.sofa.ark.container.service.classloader.BizClassLoader.loadClassInternal(BizClassLoader.java:120)"], f["jdk"]),
    {"command": "installBiz"}, {"exception": "java.lang.OutOfMemoryError"}))


def uninstall_old(f, k):
    cls, msg = [("java.lang.IllegalStateException", "Failed to stop biz"),
                ("com.alipay.sofa.koupleless.common.exception.BizRuntimeException", f"No BizRuntimeContext found for biz: {f['bizName']}")][k]
    frames = ["com.alipay.sofa.ark.container.model.BizModel.stop(BizModel.java:421)",
              "com.alipay.sofa.ark.api.ArkClient.uninstallBiz(ArkClient.java:272)",
              "com.alipay.sofa.koupleless.arklet.core.ops.strategy.UninstallThenInstallStrategy.install(UninstallThenInstallStrategy.java:51)"]
    return runtime(cls, msg, frames, f["jdk"]), {"command": "installBiz"}, {}


tsv_row(35, "install.uninstall-old-failed", uninstall_old)
tsv_row(36, "install.fallback", lambda f, k: (
    runtime(*[("java.lang.IllegalStateException", "BeforeBizStartupEvent handler failed"),
              ("com.alipay.sofa.ark.exception.ArkRuntimeException", "install biz failed for plugin conflict")][k],
            ["com.alipay.sofa.ark.container.service.event.EventAdminServiceImpl.sendEvent(EventAdminServiceImpl.java:61)"], f["jdk"]),
    {"command": "installBiz"}, {}))
tsv_row(38, "biz.not-found", lambda f, k: (
    envelope("FAILED", "uninstall biz not success!",
             {"code": "NOT_FOUND_BIZ", "message": f"Uninstall biz: {f['bizName']}:{f['bizVersion']} not found."}, base=k == 0),
    {"command": "uninstallBiz"}, {"placeholders": {"bizName": f["bizName"], "bizVersion": f["bizVersion"]}}))
tsv_row(39, "uninstall.master-biz", lambda f, k: (
    envelope("FAILED", "uninstall biz not success!", {"code": "FAILED", "message": "Master biz must not be uninstalled."}, base=True),
    {"command": ["uninstallBiz", None][k]}, {}))
tsv_row(40, "request.invalid-parameter", lambda f, k: (internal("bizName should not be blank", f["jdk"]), {"command": "uninstallBiz"}, {}))
tsv_row(41, "request.invalid-parameter", lambda f, k: (internal("bizVersion should not be blank", f["jdk"]), {"command": "uninstallBiz"}, {}))
tsv_row(42, "uninstall.state", lambda f, k: (
    runtime("java.lang.IllegalArgumentException", "BizState must be ACTIVATED, DEACTIVATED or BROKEN.",
            ["com.alipay.sofa.ark.common.util.AssertUtils.isTrue(AssertUtils.java:38)"] + ARKLET_UNINSTALL[:2], f["jdk"]),
    {"command": "uninstallBiz"}, {}))
tsv_row(43, "uninstall.no-runtime-context", lambda f, k: (
    runtime("com.alipay.sofa.koupleless.common.exception.BizRuntimeException", f"No BizRuntimeContext found for biz: {f['bizName']}",
            ["com.alipay.sofa.koupleless.plugin.manager.handler.BizUninstallEventHandler.handleEvent(BizUninstallEventHandler.java:58)"] + ARKLET_UNINSTALL,
            f["jdk"]),
    {"command": "uninstallBiz"}, {"placeholders": {"bizName": f["bizName"]}}))
tsv_row(44, "uninstall.runtime-exception", lambda f, k: (
    runtime("com.alipay.sofa.koupleless.common.exception.BizRuntimeException",
            ["java.lang.IllegalStateException: ApplicationContext has not been refreshed yet",
             "org.springframework.beans.factory.BeanCreationNotAllowedException: Singleton bean creation not allowed while singletons of this factory are in destruction"][k],
            ["com.alipay.sofa.koupleless.plugin.manager.handler.BizUninstallEventHandler.handleEvent(BizUninstallEventHandler.java:64)"] + ARKLET_UNINSTALL,
            f["jdk"]),
    {"command": "uninstallBiz"}, {}))
tsv_row(45, "uninstall.fallback", lambda f, k: (
    runtime(*[("java.lang.RuntimeException", "destroy hook failed"), ("com.example.demo.ShutdownException", "connection pool busy")][k],
            ["com.example.demo.DemoConfig.destroy(DemoConfig.java:30)"] + ARKLET_UNINSTALL, f["jdk"]),
    {"command": "uninstallBiz"}, {}))
tsv_row(47, "biz.not-found", lambda f, k: (
    envelope("FAILED", "switch biz not success!",
             {"code": "NOT_FOUND_BIZ", "message": f"Switch biz: {f['bizName']}:{f['bizVersion']} not found."}, base=True),
    {"command": ["switchBiz", None][k]}, {"placeholders": {"bizName": f["bizName"], "bizVersion": f["bizVersion"]}}))
tsv_row(49, "request.invalid-parameter", lambda f, k: (
    internal(["bizName should not be blank", "bizVersion should not be blank"][k], f["jdk"]), {"command": "switchBiz"}, {}))
tsv_row(50, "switch.fallback", lambda f, k: (
    runtime(*[("java.lang.IllegalStateException", "switch event handler failed"), ("com.example.demo.SwitchVetoException", "traffic not drained")][k],
            ["com.alipay.sofa.ark.container.service.event.EventAdminServiceImpl.sendEvent(EventAdminServiceImpl.java:61)"], f["jdk"]),
    {"command": "switchBiz"}, {}))


def biz(name, version, state, records=None, main="com.example.demo.DemoApplication"):
    obj = {"bizName": name, "bizState": state, "bizVersion": version, "mainClass": main, "webContextPath": "/" + name}
    if records is not None:
        obj["bizStateRecords"] = records
    return obj


def install_failed_trace(jdk, cause=("java.lang.IllegalStateException", "order table is missing"), frames=None):
    return trace([("java.lang.reflect.InvocationTargetException", None, MAIN_RUNNER),
                  (cause[0], cause[1], frames or USER_START)], jdk)


def query_all(f, k):
    modern = k == 0
    records = [
        {"changeTime": 1726567051000, "state": "resolved" if modern else "RESOLVED", "reason": "Biz Created" if modern else "BIZ_CREATED", "message": ""},
        {"changeTime": 1726567052000, "state": "broken" if modern else "BROKEN", "reason": "Install Failed" if modern else "INSTALL_FAILED",
         "message": install_failed_trace(f["jdk"])},
    ]
    data = [biz("healthy-biz", "2.0.0", "activated" if modern else "ACTIVATED"),
            biz(f["bizName"], f["bizVersion"], "broken" if modern else "BROKEN", records)]
    return envelope("SUCCESS", data=data, base=modern), {"command": ["queryAllBiz", None][k]}, {
        "cause_origin": "user",
        "results": [{"key": "healthy-biz:2.0.0", "outcome": "success", "code": None, "rule": "biz.healthy"},
                    {"key": f"{f['bizName']}:{f['bizVersion']}", "outcome": "error", "code": "User.InstallBizUserError", "rule": "biz.install-failed"}]}


tsv_row(52, "biz.install-failed", query_all)
tsv_row(53, "biz.uninstall-failed", lambda f, k: (
    envelope("SUCCESS", data=[biz(f["bizName"], f["bizVersion"], ["broken", "BROKEN"][k],
                                  [{"changeTime": 1726567000000, "state": ["activated", "ACTIVATED"][k], "reason": ["Biz Activated", "BIZ_ACTIVATED"][k], "message": ""},
                                   {"changeTime": 1726567099000, "state": ["broken", "BROKEN"][k], "reason": ["Uninstall Failed", "UN_INSTALL_FAILED"][k], "message": ""}])]),
    {"command": "queryAllBiz"}, {}))
tsv_row(55, "health.not-found", lambda f, k: (envelope("FAILED", f"can not find biz: {f['bizName']}"), {"command": ["health", None][k]},
                                             {"placeholders": {"bizName": f["bizName"]}}))
tsv_row(56, "health.not-found", lambda f, k: (envelope("FAILED", "can not find biz"), {"command": ["health", None][k]}, {}))
tsv_row(57, "health.no-biz-name", lambda f, k: (envelope("FAILED", "Biz name must not be empty."), {"command": ["health", None][k]}, {}))
tsv_row(58, "health.not-found", lambda f, k: (envelope("FAILED", "can not find plugin"), {"command": ["health", None][k]}, {}))
tsv_row(59, "health.bad-indicator", lambda f, k: (envelope("FAILED", "indicator not registered"), {"command": ["health", None][k]}, {}))
tsv_row(60, "request.invalid-parameter", lambda f, k: (
    internal(f"type: {['module', 'JVM'][k]} can not be found", f["jdk"]), {"command": "health"}, {"placeholders": {"type": ["module", "JVM"][k]}}))
tsv_row(61, "health.no-master-biz", lambda f, k: (
    envelope("CMD_PROCESS_INTERNAL_ERROR", "Internal Error: can not find biz",
             trace=trace([("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException", "can not find biz",
                           ["com.alipay.sofa.koupleless.arklet.core.health.HealthServiceImpl.queryMasterBiz(HealthServiceImpl.java:189)"])], f["jdk"])),
    {"command": ["health", None][k]}, {}))


def throwable(chain):
    """A throwable as fastjson serialises it: @type, message, stackTrace, cause."""
    node = None
    for cls, msg, frames in reversed(chain):
        t = {"@type": cls, "localizedMessage": msg, "message": msg,
             "stackTrace": [{"className": fr.rsplit("(", 1)[0].rsplit(".", 1)[0], "fileName": "X.java", "lineNumber": 1,
                             "methodName": fr.rsplit("(", 1)[0].rsplit(".", 1)[1], "nativeMethod": False} for fr in frames],
             "suppressed": []}
        if msg is None:
            del t["localizedMessage"], t["message"]
        if node is not None:
            t["cause"] = node
        node = t
    return node


def ops_record(f, status, message=None, thrown=None, async_accepted=False):
    rec = {"arkBizMeta": {"async": True, "bizName": f["bizName"], "bizVersion": f["bizVersion"], "requestId": f["requestId"]},
           "requestId": f["requestId"], "startTime": "2024-09-17 10:57:31", "startTimestamp": 1726541851000, "status": status}
    if not async_accepted:
        rec.update({"threadName": "arklet-biz-ops-1", "endTime": "2024-09-17 10:57:33", "endTimestamp": 1726541853000, "elapsedTime": 2000})
    if message is not None:
        rec["message"] = message
    if thrown is not None:
        rec["throwable"] = thrown
    return envelope("SUCCESS", data=rec)


def ops_failed(f, k):
    if k == 0:
        chain = [("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException", "java.lang.reflect.InvocationTargetException", ARKLET_INSTALL),
                 ("java.lang.reflect.InvocationTargetException", None, MAIN_RUNNER),
                 ("java.lang.IllegalStateException", "order table is missing", USER_START)]
        return ops_record(f, "FAILED", "java.lang.reflect.InvocationTargetException", throwable(chain)), {"command": "queryBizOps"}, {
            "cause": "java.lang.IllegalStateException", "cause_origin": "user"}
    chain = [("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException", "java.net.MalformedURLException: no protocol: " + f["path"], ARKLET_INSTALL),
             ("java.net.MalformedURLException", "no protocol: " + f["path"], ["java.net.URL.<init>(URL.java:611)"])]
    return ops_record(f, "FAILED", "java.net.MalformedURLException: no protocol: " + f["path"], throwable(chain)), {"command": "queryBizOps"}, {
        "rule": "url.malformed"}


for k, fill in enumerate(FILLS):
    body, args, expect = ops_failed(fill, k)
    expect.setdefault("rule", "install.user-error")
    case(f"row 62 (queryBizOps FAILED record) fill {k + 1}", body, expect, row=62, as_row=[31, 21][k], **args)
tsv_row(63, "ops.conflict", lambda f, k: (
    ops_record(f, "INITIALIZED", "command conflict, exist unfinished command for this biz", async_accepted=k == 1),
    {"command": ["queryBizOps", None][k]}, {"retryable": True}))
tsv_row(65, "request.invalid-parameter", lambda f, k: (internal("requestId is blank", f["jdk"]), {"command": "queryBizOps"}, {}))
tsv_row(66, "request.invalid-parameter", lambda f, k: (internal("request is null", f["jdk"], validation=k == 0), {"command": "queryBizOps"}, {}))


def batch(entries, ok=False):
    data = {"bizUrlToResponse": entries, "code": "SUCCESS" if ok else "FAILED",
            "message": "batch install success" if ok else "batch install failed", "elapsedSpace": 4096}
    return envelope("SUCCESS" if ok else "FAILED", None if ok else "install biz not success!", data, base=True)


def installed(name, version):
    return {"code": "SUCCESS", "message": f"Install Biz: {name}:{version} success, cost: 1092 ms, started at: 16:07:47,769",
            "bizInfos": [{"bizName": name, "bizVersion": version, "bizState": "activated"}]}


def repeated(name, version):
    return {"code": "REPEAT_BIZ", "message": f"Biz: {name}:{version} has been installed or registered."}


def batch_repeat(f, k, row):
    ok_url = "http://repo.example.com/biz/other-2.0.0-ark-biz.jar"
    entries = {ok_url: installed("other", "2.0.0"), f["url"]: repeated(f["bizName"], f["bizVersion"])} if k == 0 else \
        {f["url"]: repeated(f["bizName"], f["bizVersion"]), ok_url: repeated("other", "2.0.0")}
    results = [{"key": u, "outcome": "success" if e["code"] == "SUCCESS" else "error",
                "code": None if e["code"] == "SUCCESS" else "Arklet.InstallationRequirementNotMet",
                "rule": "batch.entry-success" if e["code"] == "SUCCESS" else "biz.repeat"} for u, e in sorted(entries.items())]
    # fastjson writes the map's keys in order, so the first failing entry is the first failing URL.
    first = next(e for u, e in sorted(entries.items()) if e["code"] != "SUCCESS")
    name, version = re.match(r"Biz: (.*):(.*) has been", first["message"]).groups()
    return batch(entries), {"command": ["batchInstallBiz", None][k]}, {
        "results": results, "placeholders": {"bizName": name, "bizVersion": version}}


for k, fill in enumerate(FILLS):
    body, args, expect = batch_repeat(fill, k, 68)
    expect["rule"] = "biz.repeat"
    case(f"row 68 (batch aggregate, first failing entry) fill {k + 1}", body, expect, row=68, as_row=69, **args)
tsv_row(69, "biz.repeat", lambda f, k: batch_repeat(f, k, 69))


def batch_null(f, k):
    entries = {f["url"]: {"code": "FAILED", "message": "internal exception: null"}}
    results = [{"key": f["url"], "outcome": "error", "code": "User.InstallBizUserError", "rule": "batch.user-error"}]
    if k == 1:
        entries["oss://bucket/x.jar"] = {"code": "FAILED", "message": "internal exception: unknown protocol: oss"}
        results.append({"key": "oss://bucket/x.jar", "outcome": "error", "code": "OtherUpstream.DecodeURLFailed", "rule": "batch.malformed-url"})
    return batch(entries), {"command": "batchInstallBiz"}, {"results": results}


tsv_row(70, "batch.user-error", batch_null)
tsv_row(71, "request.invalid-parameter", lambda f, k: (internal("bizList is null", f["jdk"]), {"command": "batchInstallBiz"}, {}))
tsv_row(72, "request.invalid-parameter", lambda f, k: (
    internal(["bizUrl should not be blank", "bizName and bizVersion should be both blank or both not blank."][k], f["jdk"]),
    {"command": "batchInstallBiz"}, {}))
for k, fill in enumerate(FILLS):
    body = [runtime("java.io.FileNotFoundException", fill["url"], DOWNLOAD, fill["jdk"]),
            runtime("java.lang.IllegalStateException", "Manifest file not found in the JAR.",
                    ["com.alipay.sofa.koupleless.arklet.core.ops.BatchInstallHelper.getMainAttributes(BatchInstallHelper.java:95)"], fill["jdk"])][k]
    case(f"row 73 (batch pre-scan) fill {k + 1}", body, {"rule": ["install.pull-failed", "install.no-manifest"][k]},
         row=73, code_alt=k, command="batchInstallBiz")


def mqtt(command, name, version, response):
    return fastjson({"data": {"bizName": name, "bizVersion": version, "command": command, "response": response},
                     "publishTimestamp": 1726541851000})


def mqtt_failure(f, k):
    if k == 0:
        _, stack = wrapped("java.lang.reflect.InvocationTargetException", None, MAIN_RUNNER, f["jdk"],
                           deeper=[("java.lang.IllegalStateException", "order table is missing", USER_START)])
        response = {"code": "FAILED", "message": "java.lang.reflect.InvocationTargetException", "data": {"code": "FAILED", "message": stack}}
    else:
        stack = trace([("com.alipay.sofa.koupleless.arklet.core.common.exception.CommandValidationException", "bizUrl should not be blank", VALIDATE)], f["jdk"])
        response = {"code": "FAILED", "message": "bizUrl should not be blank", "data": {"code": "FAILED", "message": stack}}
    return mqtt("installBiz", f["bizName"], f["bizVersion"], response)


for k, fill in enumerate(FILLS):
    case(f"row 74 (MQTT failure, data.message holds the trace) fill {k + 1}", mqtt_failure(fill, k),
         {"rule": ["install.user-error", "request.invalid-parameter"][k], "command": "installBiz"},
         row=74, as_row=[31, 16][k], tunnel="mqtt")
tsv_row(75, "sync.conflict", lambda f, k: (
    mqtt("installBiz", f["bizName"], f["bizVersion"],
         {"code": "FAILED", "message": f"FAILED:{f['bizName']}:{f['bizVersion']} installBiz conflict, exist unfinished command({['installBiz', 'batchInstallBiz'][k]}) for this biz"}),
    {"tunnel": ["mqtt", "MQTT"][k]}, {"command": "installBiz"}))
for k, fill in enumerate(FILLS):
    body = [envelope("FAILED", "uninstall biz not success!",
                     {"code": "NOT_FOUND_BIZ", "message": f"Uninstall biz: {fill['bizName']}:{fill['bizVersion']} not found."}, base=True),
            envelope("CMD_NOT_FOUND", "please follow the doc")][k]
    case(f"row 76 (ModuleController's HTTP tunnel, classified from the Arklet row) fill {k + 1}", body,
         {"rule": ["biz.not-found", "cmd.not-found"][k]}, row=76, as_row=[38, 2][k],
         command=["uninstallBiz", "installBiz"][k], http_status=200)

# ModuleController's own client errors: proposed `none` (Arklet reports nothing), classified by ModuleController's
# table (`mc_table_code`).
CLIENT = [
    (78, "client.connection-refused", lambda f, k: f'Post "http://{f["ip"]}:1238/{["installBiz", "health"][k]}": dial tcp {f["ip"]}:1238: connect: connection refused'),
    (79, "client.network", lambda f, k: [f'Post "http://{f["ip"]}:1238/installBiz": dial tcp {f["ip"]}:1238: i/o timeout',
                                         f'Post "http://{f["ip"]}:1238/uninstallBiz": read tcp 10.1.0.9:51234->{f["ip"]}:1238: read: connection reset by peer'][k]),
    (80, "client.status", lambda f, k: f"response status: {[500, 404][k]}"),
    (81, "client.nil-response", lambda f, k: "received nil response from the server" + ["", "\n"][k]),
    (82, "client.decode", lambda f, k: ["json: cannot unmarshal number into Go struct field ArkResponse[github.com/koupleless/arkctl/v1/service/ark.ArkResponseData].code of type string",
                                        "invalid character '<' looking for beginning of value"][k]),
    (83, "client.no-network-info", lambda f, k: "network info not found"),
]
for row, rule, text in CLIENT:
    for k, fill in enumerate(FILLS):
        case(f"row {row} ({rule}, ModuleController client) fill {k + 1}", text(fill, k), {"rule": rule},
             row=row, tunnel=["client", "Client"][k], command=["installBiz", None][k])

# ------------------------------------------------------------------------------------------- successes ("none")
DOCS = {row: ROWS[row - 1]["sample_json"].split("  [")[0] for row in (13, 14, 37, 38, 46, 51, 87)}
case("docs sample: installBiz SUCCESS (_index.md)", DOCS[13], {"outcome": "success", "code": None, "rule": "envelope.success", "reporter": None, "retryable": None},
     command="installBiz")
case("docs sample: REPEAT_BIZ (_index.md)", DOCS[14], {"outcome": "error", "code": "Arklet.InstallationRequirementNotMet", "rule": "biz.repeat",
                                                        "placeholders": {"bizName": "dynamic-provider", "bizVersion": "1.0.0"}})
case("docs sample: uninstallBiz SUCCESS", DOCS[37], {"outcome": "success", "code": None})
case("docs sample: NOT_FOUND_BIZ (_index.md)", DOCS[38], {"outcome": "error", "code": "Arklet.NoMatchedBiz", "rule": "biz.not-found",
                                                           "placeholders": {"bizName": "test", "bizVersion": "1.0.0"}}, command="uninstallBiz")
case("docs sample: switchBiz SUCCESS (abbreviated)", DOCS[46], {"outcome": "success", "rule": "envelope.success"}, command="switchBiz")
case("docs sample: queryAllBiz, pre-1.3.0 enum style", DOCS[51], {
    "outcome": "success", "code": None, "rule": "envelope.success",
    "results": [{"key": "dynamic-provider:1.0.0", "outcome": "success", "code": None, "rule": "biz.healthy"},
                {"key": "stock-mng:1.0.0", "outcome": "success", "code": None, "rule": "biz.healthy"}]}, command="queryAllBiz")
case("docs sample: arkctl's mock FAILED has no rule", DOCS[87], error="NotFound", command="installBiz")
case("koupleless-wire.md: uninstall SUCCESS sample", '{"code":"SUCCESS","data":{"code":"SUCCESS","message":"Uninstall biz: dynamic-provider:0.0.1-SNAPSHOT success."}}',
     {"outcome": "success"})
case("row 9: async acceptance is a success", ops_record(FILLS[0], "INITIALIZED", async_accepted=True),
     {"outcome": "success", "rule": "ops.in-progress", "shape": "ops-record"}, command="installBiz")
case("queryBizOps: EXECUTING is not a failure (yet)", ops_record(FILLS[1], "EXECUTING"), {"outcome": "success", "rule": "ops.in-progress"}, command="queryBizOps")
case("queryBizOps: SUCCEEDED", ops_record(FILLS[0], "SUCCEEDED"), {"outcome": "success", "rule": "ops.in-progress"}, command="queryBizOps")
case("row 67: batch success", batch({FILLS[0]["url"]: installed(FILLS[0]["bizName"], "1.0.0")}, ok=True),
     {"outcome": "success", "rule": "envelope.success", "results": [{"key": FILLS[0]["url"], "outcome": "success", "code": None, "rule": "batch.entry-success"}]},
     command="batchInstallBiz")
case("row 54: health SUCCESS", envelope("SUCCESS", data={"healthData": {"jvm": {"freeMemoryM": 512}, "masterBizInfo": {"bizName": "base"}}}),
     {"outcome": "success"}, command="health")
case("MQTT: install SUCCESS payload", mqtt("installBiz", "demo", "1.0.0", {"code": "SUCCESS", "data": {"code": "SUCCESS", "message": "Install Biz: demo:1.0.0 success, cost: 90 ms, started at: 10:00:00,000"}}),
     {"outcome": "success", "command": "installBiz"}, tunnel="mqtt")
case("MQTT: a bare response envelope is read too", '{"code":"FAILED","data":{"code":"NOT_FOUND_BIZ","message":"Uninstall biz: demo:1.0.0 not found."},"message":"uninstall biz not success!"}',
     {"outcome": "error", "code": "Arklet.NoMatchedBiz"}, tunnel="mqtt")
case("MQTT: REPEAT_BIZ", mqtt("installBiz", "demo", "1.0.0", {"code": "FAILED", "message": "install biz not success!", "data": repeated("demo", "1.0.0")}),
     {"code": "Arklet.InstallationRequirementNotMet", "rule": "biz.repeat"}, tunnel="mqtt")
case("MQTT: a null exception message reads null, as over HTTP",
     mqtt("uninstallBiz", "demo", "1.0.0", {"code": "FAILED", "data": {"code": "FAILED", "message": trace(
         [("java.lang.NullPointerException", None, ["com.alipay.sofa.koupleless.arklet.core.command.builtin.handler.UninstallBizHandler.validate(UninstallBizHandler.java:81)"])], 8)}}),
     {"code": "ModuleController.InvalidParameter", "rule": "request.unbound", "command": "uninstallBiz"}, tunnel="mqtt")
case("MQTT: Master biz is not mistaken for a stack trace",
     mqtt("uninstallBiz", "base", "1.0.0", {"code": "FAILED", "message": "uninstall biz not success!", "data": {"code": "FAILED", "message": "Master biz must not be uninstalled."}}),
     {"code": "Arklet.UnInstallationRequirementNotMet", "rule": "uninstall.master-biz", "command": "uninstallBiz"}, tunnel="mqtt")

# -------------------------------------------------------------------------------- rows with no code ("none")
case("row 7: conflict with a running uninstall has no published code",
     envelope("FAILED", "FAILED:demo:1.0.0 installBiz conflict, exist unfinished command(uninstallBiz) for this biz"), error="NotFound", command="installBiz")
case("row 48: ILLEGAL_STATE_BIZ has no published code",
     envelope("FAILED", "switch biz not success!", {"code": "ILLEGAL_STATE_BIZ", "message": "Switch Biz: demo:1.0.0's state must not be resolved."}),
     error="NotFound", command="switchBiz")
case("row 64: a missing ops record has no published code", envelope("FAILED", "Not found the corresponding ops record."), error="NotFound", command="queryBizOps")
case("queryBizOps: a FAILED record whose message lost data.code is not guessed",
     ops_record(FILLS[0], "FAILED", "install biz not success!"), error="NotFound", command="queryBizOps")
case("batch: every failing entry unclassified is an error", batch({FILLS[0]["url"]: {"code": "ILLEGAL_STATE_BIZ", "message": "x"}}),
     error="NotFound", command="batchInstallBiz")
case("client: an unknown error text", "context canceled", error="NotFound", tunnel="client")
case("client: an empty error text", " \n", error="InvalidArgument", tunnel="client")

# ------------------------------------------------------------------------------------ the command decides
UNKNOWN_EXC = runtime("java.lang.IllegalStateException", "handler failed", ["com.example.demo.Listener.on(Listener.java:9)"], 8)
case("an exception on an unknown path needs the command", UNKNOWN_EXC, error="NotFound")
case("... with installBiz it is Arklet.InstallBizFailed", UNKNOWN_EXC, {"code": "Arklet.InstallBizFailed", "rule": "install.fallback"}, command="installBiz")
case("... with uninstallBiz it is Arklet.UninstallBizFailed", UNKNOWN_EXC, {"code": "Arklet.UninstallBizFailed", "rule": "uninstall.fallback"}, command="uninstallBiz")
case("... with switchBiz it is Arklet.UnknownError", UNKNOWN_EXC, {"code": "Arklet.UnknownError", "rule": "switch.fallback"}, command="switchBiz")
case("... with health no rule applies", UNKNOWN_EXC, error="NotFound", command="health")
case("Internal Error: null needs the command", envelope("CMD_PROCESS_INTERNAL_ERROR", "Internal Error: null"), error="NotFound")
case("command spelled in another case, with a slash", envelope("CMD_PROCESS_INTERNAL_ERROR", "Internal Error: null"),
     {"code": "ModuleController.InvalidParameter", "command": "installBiz"}, command="/INSTALLBIZ")

# ------------------------------------------------------------------------------------------- JDK 8 vs JDK 17
for jdk in (8, 17):
    case(f"JDK {jdk}: user exception under InvocationTargetException", ite(("java.lang.IllegalArgumentException", "bad config"), jdk),
         {"code": "User.InstallBizUserError", "cause": "java.lang.IllegalArgumentException", "cause_message": "bad config", "cause_origin": "user", "causes": 3},
         command="installBiz")
    case(f"JDK {jdk}: framework cause under InvocationTargetException", ite(("java.lang.IllegalStateException", "registry closed"), jdk,
                                                                          ["com.alipay.sofa.ark.container.service.biz.BizManagerServiceImpl.registerBiz(BizManagerServiceImpl.java:60)"]),
         {"code": "Arklet.InstallBizFailed", "rule": "install.framework-failure", "cause_origin": "framework"}, command="installBiz")
    case(f"JDK {jdk}: a cause thrown from JDK code is attributed to the first non-JDK frame",
         ite(("java.lang.NullPointerException", None if jdk == 8 else 'Cannot invoke "String.trim()" because "name" is null'), jdk,
             ["java.util.Objects.requireNonNull(Objects.java:203)", "com.example.demo.OrderService.init(OrderService.java:20)"]),
         {"code": "User.InstallBizUserError", "cause_origin": "user", "cause": "java.lang.NullPointerException"}, command="installBiz")
    case(f"JDK {jdk}: Metaspace at the bottom of a long chain", ite(("java.lang.OutOfMemoryError", "Metaspace"), jdk, ["java.lang.ClassLoader.defineClass1(Native Method)"]),
         {"code": "User.MetaspaceFull", "cause_origin": "platform"}, command="installBiz")
SUPPRESSED = ("Internal Error: java.lang.reflect.InvocationTargetException",
              "com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: java.lang.reflect.InvocationTargetException\n"
              "\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.install(UnifiedOperationServiceImpl.java:62)\n"
              "Caused by: java.lang.reflect.InvocationTargetException\n"
              "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:118)\n"
              "Caused by: java.lang.IllegalStateException: Failed to load\n  the order table: it is missing\n"
              "\tat app//com.example.demo.OrderService.start(OrderService.java:41)\n"
              "\tSuppressed: java.lang.OutOfMemoryError: Metaspace\n"
              "\t\tat com.alipay.sofa.ark.container.Cleanup.run(Cleanup.java:1)\n"
              "\t... 9 more\n")
case("a Suppressed block is not the main chain; a message may span lines",
     fastjson({"code": "CMD_PROCESS_INTERNAL_ERROR", "errorStackTrace": SUPPRESSED[1], "message": SUPPRESSED[0]}),
     {"code": "User.InstallBizUserError", "cause": "java.lang.IllegalStateException",
      "cause_message": "Failed to load\n  the order table: it is missing", "cause_origin": "user"}, command="installBiz")
case("CRLF line ends in a trace", fastjson({"code": "CMD_PROCESS_INTERNAL_ERROR", "errorStackTrace": SUPPRESSED[1].replace("\n", "\r\n"), "message": SUPPRESSED[0]}),
     {"code": "User.InstallBizUserError", "cause_message": "Failed to load\r\n  the order table: it is missing"}, command="installBiz")
case("runtime <= 0.8.0: no errorStackTrace", envelope("CMD_PROCESS_INTERNAL_ERROR", "Internal Error: java.lang.reflect.InvocationTargetException"),
     {"code": "User.InstallBizUserError", "cause": "java.lang.reflect.InvocationTargetException", "frames": 0}, command="installBiz")
case("runtime <= 0.8.0: bare Internal Error", envelope("CMD_PROCESS_INTERNAL_ERROR", "Internal Error"), error="NotFound", command="installBiz")
case("IOException: Server returned HTTP response code (row 23)", runtime("java.io.IOException", f"Server returned HTTP response code: 403 for URL: {FILLS[0]['url']}", DOWNLOAD, 8),
     {"code": "Arklet.PullBizError", "rule": "install.pull-http-status", "placeholders": {"status": "403", "url": FILLS[0]["url"]}}, command="installBiz")
case("refresh jar failed: No space left on device is DiskFull (row 19)",
     internal("refresh biz info from jar failed: No space left on device", 8), {"code": "User.DiskFull", "rule": "resource.disk-full"}, command="installBiz")
case("FileNotFoundException (No space left on device) is DiskFull",
     runtime("java.io.FileNotFoundException", "/home/admin/sofa-ark/biz/x.jar (No space left on device)", DOWNLOAD, 17),
     {"code": "User.DiskFull", "rule": "resource.disk-full"}, command="installBiz")
case("batch entry: internal exception: Metaspace", batch({FILLS[0]["url"]: {"code": "FAILED", "message": "internal exception: Metaspace"}}),
     {"code": "User.MetaspaceFull", "rule": "batch.metaspace"}, command="batchInstallBiz")
case("batch entry: other messages fall back to InstallBizFailed", batch({FILLS[0]["url"]: {"code": "FAILED", "message": "internal exception: biz start timeout"}}),
     {"code": "Arklet.InstallBizFailed", "rule": "batch.fallback"}, command="batchInstallBiz")
case("batch entry: Archive must be a ark biz!", batch({FILLS[0]["url"]: {"code": "FAILED", "message": "internal exception: Archive must be a ark biz!"}}),
     {"code": "Arklet.InstallationRequirementNotMet", "rule": "install.not-ark-biz"}, command="batchInstallBiz")
case("queryAllBiz: a broken biz whose start failed in sofa-ark", envelope("SUCCESS", data=[biz("demo", "1.0.0", "broken", [
    {"changeTime": 1, "state": "broken", "reason": "Install Failed",
     "message": install_failed_trace(17, ("java.lang.IllegalStateException", "biz class loader closed"),
                                     ["com.alipay.sofa.ark.container.service.classloader.BizClassLoader.loadClass(BizClassLoader.java:90)"])}])]),
     {"code": "Arklet.InstallBizFailed", "rule": "biz.install-framework"}, command="queryAllBiz")
case("queryAllBiz: a broken biz out of Metaspace", envelope("SUCCESS", data=[biz("demo", "1.0.0", "broken", [
    {"changeTime": 1, "state": "broken", "reason": "Install Failed",
     "message": install_failed_trace(8, ("java.lang.OutOfMemoryError", "Metaspace"), ["java.lang.ClassLoader.defineClass1(Native Method)"])}])]),
     {"code": "User.MetaspaceFull", "rule": "resource.metaspace"}, command="queryAllBiz")
case("queryAllBiz: a broken biz with an unknown reason is not guessed", envelope("SUCCESS", data=[biz("demo", "1.0.0", "broken", [
    {"changeTime": 1, "state": "broken", "reason": "Failed", "message": ""}])]), error="NotFound", command="queryAllBiz")
case("queryAllBiz: empty list", envelope("SUCCESS", data=[]), {"outcome": "success", "results": []}, command="queryAllBiz")

DEEP = ("{\"code\":\"CMD_PROCESS_INTERNAL_ERROR\",\"errorStackTrace\":\"com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: "
        "java.lang.reflect.InvocationTargetException\\nCaused by: java.lang.reflect.InvocationTargetException\\nCaused by: java.lang.StackOverflowError\\n")
case("a 10,000-frame stack trace", {"body": {
    "prefix": DEEP, "repeat": "\\tat com.example.demo.Tree.walk(Tree.java:17)\\n", "count": 10000,
    "suffix": "\",\"message\":\"Internal Error: java.lang.reflect.InvocationTargetException\"}"}},
     {"code": "User.InstallBizUserError", "cause": "java.lang.StackOverflowError", "frames": 10000, "causes": 3, "cause_origin": "user"}, command="installBiz")

# --------------------------------------------------------------------------------------------------- enrich
case("enrich: errorCode after the last member, every other byte kept",
     '{"code":"FAILED","data":{"code":"NOT_FOUND_BIZ","message":"Uninstall biz: test:1.0.0 not found."}}',
     {"code": "Arklet.NoMatchedBiz",
      "enriched": '{"code":"FAILED","data":{"code":"NOT_FOUND_BIZ","message":"Uninstall biz: test:1.0.0 not found."},"errorCode":"Arklet.NoMatchedBiz"}'},
     enrich=True)
case("enrich: pretty-printed body keeps its layout", '{\n  "code": "FAILED",\n  "message": "can not find biz"\n}\n',
     {"enriched": '{\n  "code": "FAILED",\n  "message": "can not find biz","errorCode":"Arklet.NoMatchedBiz"\n}\n'}, enrich=True)
case("enrich: a success is returned as received", '{"code":"SUCCESS"}', {"outcome": "success", "enriched": '{"code":"SUCCESS"}'}, enrich=True)
case("enrich: an existing errorCode is replaced", '{"code":"FAILED","errorCode":"x","message":"can not find plugin"}',
     {"enriched": '{"code":"FAILED","errorCode":"Arklet.NoMatchedBiz","message":"can not find plugin"}'}, enrich=True)
case("enrich: MQTT goes into data.response",
     mqtt("installBiz", "demo", "1.0.0", {"code": "FAILED", "message": "FAILED:demo:1.0.0 installBiz conflict, exist unfinished command(installBiz) for this biz"}),
     {"enriched": '{"data":{"bizName":"demo","bizVersion":"1.0.0","command":"installBiz","response":{"code":"FAILED","message":"FAILED:demo:1.0.0 installBiz conflict, exist unfinished command(installBiz) for this biz","errorCode":"Arklet.InstallBizExecuting"}},"publishTimestamp":1726541851000}'},
     tunnel="mqtt", enrich=True)
case("enrich: an ops record gets ProcessRecord.errorCode",
     '{"code":"SUCCESS","data":{"message":"command conflict, exist unfinished command for this biz","requestId":"r1","status":"INITIALIZED"}}',
     {"enriched": '{"code":"SUCCESS","data":{"message":"command conflict, exist unfinished command for this biz","requestId":"r1","status":"INITIALIZED","errorCode":"Arklet.InstallBizExecuting"}}'},
     enrich=True)
case("enrich: a plain-text answer has no envelope", "POST http request only supported by arklet", error="InvalidArgument", enrich=True, http_status=500)

# ---------------------------------------------------------------------------------------------- malformed input
case("malformed: invalid UTF-8", {"body_hex": "7b22636f6465223a224641494c4544222c226d657373616765223a22ff227d"}, error="InvalidArgument")
case("malformed: invalid UTF-8 in a client error", {"body_hex": "6e6574776f726bc0af"}, error="InvalidArgument", tunnel="client")
case("malformed: plain text over HTTP is not Arklet JSON", "<html><body>404 Not Found</body></html>", error="InvalidArgument", http_status=404)
case("malformed: plain text over MQTT", "hello", error="InvalidArgument", tunnel="mqtt")
case("malformed: empty MQTT payload", "", error="InvalidArgument", tunnel="mqtt")
case("malformed: truncated JSON", '{"code":"FAILED","message":"install biz not', error="InvalidArgument")
case("malformed: trailing garbage", '{"code":"FAILED"} x', error="InvalidArgument")
case("malformed: a JSON array", '[{"code":"FAILED"}]', error="InvalidArgument")
case("malformed: no code member", '{"message":"install biz not success!"}', error="InvalidArgument")
case("malformed: an MQTT payload read as HTTP has no envelope code", mqtt("installBiz", "demo", "1.0.0", {"code": "SUCCESS"}), error="InvalidArgument")
case("malformed: an ordinal code (old fastjson2 compatibility serializer)", '{"code":1,"message":"install biz not success!"}', error="InvalidArgument")
case("malformed: a null code", '{"code":null}', error="InvalidArgument")
case("malformed: nested deeper than 128", {"body": {"prefix": '{"code":"SUCCESS","x":', "repeat": "[", "count": 200, "suffix": ""}}, error="InvalidArgument")
case("nesting within the limit is fine", {"body": {"prefix": '{"code":"SUCCESS","x":', "repeat": "[", "count": 100,
                                                           "suffix": "]" * 100 + "}"}}, {"outcome": "success"})
case("malformed: an unknown envelope code", '{"code":"MAYBE"}', error="NotFound")
case("a body of exactly 16 MiB is classified", {"body": {
    "prefix": '{"code":"FAILED","message":"can not find biz","pad":"', "repeat": "a",
    "count": MAX_BODY - len('{"code":"FAILED","message":"can not find biz","pad":"') - len('"}'), "suffix": '"}'}},
     {"code": "Arklet.NoMatchedBiz"})
case("malformed: a body over 16 MiB", {"body": {
    "prefix": '{"code":"FAILED","message":"', "repeat": "a", "count": MAX_BODY + 1 - len('{"code":"FAILED","message":"') - len('"}'), "suffix": '"}'}},
     error="InvalidArgument")
case("malformed: terminal escapes in a message are data, not a rule", '{"code":"FAILED","message":"\\u001b]0;pwned\\u0007"}', error="NotFound")
case("a NUL inside a pattern's text is no match", '{"code":"FAILED","message":"can not find biz\\u0000"}', error="NotFound")

# ------------------------------------------------------------------------------------------------- arguments
case("argument: unknown command", '{"code":"SUCCESS"}', error="InvalidArgument", command="install")
case("argument: unknown tunnel", '{"code":"SUCCESS"}', error="InvalidArgument", tunnel="grpc")
case("argument: HTTP status out of range", '{"code":"SUCCESS"}', error="InvalidArgument", http_status=42)
case("argument: empty strings mean not given", '{"code":"SUCCESS"}', {"outcome": "success", "command": None}, command="", tunnel="")
case("argument: HTTP status 0 means not given", "POST http request only supported by arklet", {"code": "ModuleController.InvalidRequest"}, http_status=0)
case("argument: a negative HTTP status", '{"code":"SUCCESS"}', error="InvalidArgument", http_status=-200)
case("argument: tunnel and command case is ignored", '{"code":"CMD_PROCESS_INTERNAL_ERROR","message":"Internal Error: null"}',
     {"code": "ModuleController.InvalidParameter", "command": "queryBizOps"}, command="QUERYBIZOPS", tunnel="Http")
case("argument: the HTTP status is checked when a rule names one", "POST http request only supported by arklet", error="InvalidArgument", http_status=200)

# -------------------------------------------------------------------------------------------------------- write
names = [c["name"] for c in CASES]
dups = {n for n in names if names.count(n) > 1}
assert not dups, dups
doc = {
    "schema": 2,
    "about": "classify vectors, generated by testdata/classify/gen_vectors.py from ../shared/reference/koupleless-arklet-responses.tsv; "
             "`row` is the TSV row a case instantiates (1 = first data row), `as_row` the row whose code it takes",
    "cases": CASES,
}
text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
if "--check" in sys.argv:
    with open(OUT, encoding="utf-8") as f:
        if f.read() != text:
            sys.exit(f"{os.path.relpath(OUT, ROOT)} is stale: run python3 testdata/classify/gen_vectors.py and commit it")
    sys.exit(0)
with open(OUT, "w", encoding="utf-8") as f:
    f.write(text)
print(f"{len(CASES)} cases -> {os.path.relpath(OUT, ROOT)}", file=sys.stderr)
