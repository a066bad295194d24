package io.errcat.smoke;

import io.errcat.AuditOptions;
import io.errcat.Code;
import io.errcat.CodedError;
import io.errcat.Entry;
import io.errcat.EntryFilter;
import io.errcat.Errcat;
import io.errcat.ErrcatException;
import io.errcat.Lang;
import io.errcat.Reporter;
import io.errcat.Service;
import io.errcat.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Every operation through the public API only, run in a separate JVM by ProcessTest: once plainly (the JAR works on
 * its own) and once under -Xcheck:jni (the native side follows the JNI rules). Prints "smoke: ok" at the end.
 */
public final class Smoke {
    private Smoke() {}

    public static void main(String[] args) throws Exception {
        check(Errcat.lookup("Arklet.InstallBizFailed").entry().meaning(Lang.ZH).equals("模块安装时，新模块安装失败"));
        check(Errcat.lookup("User.DiskFull", Reporter.MODULE_CONTROLLER).reporter() == Reporter.MODULE_CONTROLLER);
        check(Errcat.find("935").size() == 2);
        check(!Errcat.status(552).isValid() && Errcat.status(552, "v3.5.0").isValid());
        check(Errcat.serviceOf(640) == Service.BLOB_NODE);
        check(Errcat.entries(EntryFilter.all().withService(Service.SHARD_NODE).withVersion("master")).size() == 20);
        int json = 0;
        for (Entry e : Errcat.entries()) {
            json += e.toJson().length();
        }
        check(json > 0);
        check(Code.parse("Arklet.InstallBizFailed").equals(Code.of(Source.ARKLET, "InstallBizFailed")));
        check(Errcat.exportCatalog("json", "en").startsWith("{"));
        check(Errcat.exportCatalog("md", "zh").contains("通用"));
        check(Errcat.exportCatalog("csv", "en").length() > 0);
        CodedError err = CodedError.of("Arklet.InstallBizFailed", "failed \uD83D\uDCBE")
                .withCause(CodedError.of("552", "limited"));
        check(err.toProblemJson().contains("\"cause\""));
        check(err.toArkletJson().contains("Caused by: 552: limited"));
        Path log = Files.createTempFile("errcat-smoke", ".log");
        try {
            Files.write(log, Collections.singletonList("not an audit line"));
            check(Errcat.analyzeAudit(Collections.singletonList(log), AuditOptions.defaults()).toJson().startsWith("{"));
        } finally {
            Files.delete(log);
        }
        // Failures: each one crosses JNI and comes back as an exception built in native code.
        String[] bad = {"Arklet.InstallBizFailes", "OtherUpstream.InvalidParameter", "arklet.x", "User.\uD800", "", null};
        for (int round = 0; round < 200; round++) {
            for (String code : bad) {
                try {
                    Errcat.lookup(code);
                    check(false);
                } catch (ErrcatException expected) {
                    check(expected.getMessage() != null);
                }
            }
            try {
                Errcat.status(-1);
                check(false);
            } catch (ErrcatException expected) {
                check(expected.kind().catalogName().equals("InvalidCode"));
            }
        }
        // Issue #14: a chain of 100,000 causes is a clear error, not a crash (here under -Xcheck:jni too).
        CodedError deep = CodedError.of("613", "deep");
        for (int i = 0; i < 100000; i++) {
            deep = CodedError.of("613", "deep").withCause(deep);
        }
        try {
            deep.toArkletJson();
            check(false);
        } catch (ErrcatException expected) {
            check(expected.kind().catalogName().equals("InvalidArgument"));
        }
        check(Errcat.lookup("User.DiskFull", " modulecontroller").reporter() == Reporter.MODULE_CONTROLLER);
        check(Errcat.status(552, " 3.5.0 ").isValid());
        check(Errcat.entries(EntryFilter.all().withService("BLOBNODE")).size() > 0);
        System.out.println("smoke: ok");
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("smoke check failed");
        }
    }
}
