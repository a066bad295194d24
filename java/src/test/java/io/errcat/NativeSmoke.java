package io.errcat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;

/**
 * Every kind of Java value through the one native method, run by ProcessTest in a JVM of its own under -Xcheck:jni:
 * the conversions follow the JNI rules (local references, pending exceptions) whatever they are given. Prints
 * "native smoke: ok" at the end.
 */
public final class NativeSmoke {
    private NativeSmoke() {}

    private static final String BATCH = "{\"code\":\"FAILED\",\"data\":{\"bizUrlToResponse\":{\"a.jar\":{\"code\":"
            + "\"FAILED\",\"message\":\"internal exception: null\"},\"b.jar\":{\"code\":\"WEIRD\"}},\"code\":"
            + "\"FAILED\"},\"message\":\"install biz not success!\"}";
    private static final String REPEAT_BIZ = "{\"code\":\"FAILED\",\"data\":{\"code\":\"REPEAT_BIZ\",\"message\":"
            + "\"Biz: demo:1.0.0 has been installed or registered.\"},\"message\":\"install biz not success!\"}";

    public static void main(String[] args) {
        Object[] loop = new Object[1];
        loop[0] = loop;
        Object[][] calls = {
            {"lookup", "Arklet.InstallBizFailed", null},
            {"lookup", "Arklet.InstallBizFailed".getBytes(), "arklet"},
            {"lookup", "Arklet.\uD800", null},
            {"lookup", new Object(), new int[] {1}},
            {"status", 552L, " 3.5.0"},
            {"status", 552, null},
            {"status", (short) 552, null},
            {"status", 552.0, null},
            {"status", 2.5f, null},
            {"status", BigInteger.ONE.shiftLeft(70), null},
            {"status", true, null},
            {"find", "552"},
            {"entries", null, null, "BLOBNODE", "3.5.0"},
            {"parse", "Arklet.InstallBizFailed"},
            {"render", "arklet", Collections.singletonList(Arrays.asList((long) Errcat.lookup("User.MetaspaceFull").id(),
                    "d"))},
            {"render", "arklet", loop},
            {"render", "problem", new Object[] {new Object[] {-1L, "d"}}},
            {"audit", new Object[] {"/nonexistent/errcat.log"}, new Object[] {new Object[] {"version", "master"}}},
            {"audit", new Object[0], new Object[] {new Object[] {"max_api_level", 3}, new Object[] {"errors", "sla"}}},
            {"export", "md", "zh-CN"},
            // Classifications, as maps (with entries: nested maps, booleans) and as lists, an unclassified entry too.
            {"classify", BATCH, "batchInstallBiz", null, null, true},
            {"classify_flat", BATCH.getBytes(java.nio.charset.StandardCharsets.UTF_8), "batchInstallBiz", 200L, null},
            {"classify_flat", REPEAT_BIZ, "installBiz"},
            {"classify_flat", "{\"code\":\"FAILED\",\"message\":\"\u00e9t\u00e9 " + new String(new char[100]).replace((char) 0, (char) 120) + "\"}"},
            {"no such operation"},
        };
        int answered = 0;
        int refused = 0;
        for (int round = 0; round < 50; round++) {
            for (Object[] call : calls) {
                try {
                    Native.call((String) call[0], Arrays.copyOfRange(call, 1, call.length));
                    answered++;
                } catch (ErrcatException e) {
                    refused++;
                }
            }
        }
        try {
            Native.panicForTest();
        } catch (ErrcatException e) {
            refused++;
        }
        if (answered == 0 || refused == 0) {
            throw new AssertionError(answered + " answered, " + refused + " refused");
        }
        System.out.println("native smoke: ok");
    }
}
