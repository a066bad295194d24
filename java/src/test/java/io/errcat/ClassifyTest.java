package io.errcat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Errcat.classifyArklet and enrichArklet through the packed JAR: the objects, the errors, the README example. (Every
 * classify vector runs in VectorsTest.)
 */
class ClassifyTest {
    static final String REPEAT_BIZ = "{\"baseIdentity\":\"f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55\",\"code\":\"FAILED\","
            + "\"data\":{\"code\":\"REPEAT_BIZ\",\"elapsedSpace\":1284,\"message\":\"Biz: dynamic-provider:1.0.0 has "
            + "been installed or registered.\"},\"message\":\"install biz not success!\"}";
    static final String BATCH = "{\"code\":\"FAILED\",\"data\":{\"bizUrlToResponse\":{\"a.jar\":{\"code\":\"FAILED\","
            + "\"message\":\"internal exception: null\"},\"b.jar\":{\"code\":\"WEIRD\"}},\"code\":\"FAILED\"},"
            + "\"message\":\"install biz not success!\"}";

    @Test
    void theReadmeExample() {
        ArkletClassification c = Errcat.classifyArklet(REPEAT_BIZ, ArkletCall.http("installBiz"));
        assertEquals(ArkletClassification.Outcome.ERROR, c.outcome());
        assertFalse(c.isSuccess());
        Resolved code = c.code().get();
        assertSame(Errcat.lookup("Arklet.InstallationRequirementNotMet"), code, "the answer table's object");
        assertEquals(Optional.of(Reporter.ARKLET), c.reporter());
        assertEquals("biz.repeat", c.rule());
        assertTrue(c.why().length() > 10, c.why());
        assertEquals(Optional.of(false), c.retryable());
        ArkletClassification.Evidence e = c.evidence();
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("bizName", "dynamic-provider");
        placeholders.put("bizVersion", "1.0.0");
        assertEquals(placeholders, e.placeholders());
        assertEquals(Arrays.asList("bizName", "bizVersion"), Arrays.asList(e.placeholders().keySet().toArray()));
        assertEquals(Optional.of("dynamic-provider"), e.placeholder("bizName"));
        assertEquals(Optional.empty(), e.placeholder("nope"));
        assertEquals(Optional.of("FAILED"), e.envelope());
        assertEquals(Optional.of("REPEAT_BIZ"), e.dataCode());
        assertEquals(Optional.of("install biz not success!"), e.message());
        assertEquals(Optional.of("installBiz"), e.command());
        assertEquals("http", e.tunnel());
        assertEquals("envelope", e.shape());
        assertEquals(Optional.empty(), e.key());
        assertEquals(OptionalInt.empty(), e.httpStatus());
        assertEquals(0, e.frames());
        assertTrue(c.results().isEmpty());
        assertEquals("error Arklet.InstallationRequirementNotMet (biz.repeat)", c.toString());
    }

    @Test
    void bytesAndStringsClassifyAlike() {
        ArkletClassification s = Errcat.classifyArklet(REPEAT_BIZ, ArkletCall.http("installBiz"));
        ArkletClassification b = Errcat.classifyArklet(REPEAT_BIZ.getBytes(StandardCharsets.UTF_8),
                ArkletCall.http("installBiz"));
        assertEquals(s, b);
        assertEquals(s.hashCode(), b.hashCode());
        assertNotSame(s, b);
        assertEquals(s.evidence(), b.evidence());
        assertFalse(s.equals(Errcat.classifyArklet(REPEAT_BIZ, ArkletCall.http())), "the command is evidence");
    }

    @Test
    void aSuccessHasNoCode() {
        ArkletClassification c = Errcat.classifyArklet("{\"code\":\"SUCCESS\",\"data\":{\"code\":\"SUCCESS\"}}",
                ArkletCall.http("installBiz"));
        assertTrue(c.isSuccess());
        assertEquals(ArkletClassification.Outcome.SUCCESS, c.outcome());
        assertEquals(Optional.empty(), c.code());
        assertEquals(Optional.empty(), c.reporter());
        assertEquals(Optional.empty(), c.retryable());
        assertTrue(c.toString().startsWith("success ("), c.toString());
    }

    @Test
    void aBatchHasOneItemPerEntryAndAnUnclassifiedEntryCarriesItsError() {
        ArkletClassification c = Errcat.classifyArklet(BATCH, ArkletCall.http("batchInstallBiz"));
        assertEquals(2, c.results().size());
        ArkletClassification.Item first = c.results().get(0);
        ArkletClassification.Item second = c.results().get(1);
        assertEquals("a.jar", first.key());
        assertEquals("b.jar", second.key());
        ArkletClassification inner = first.classification().get();
        assertFalse(first.error().isPresent());
        assertSame(Errcat.lookup("User.InstallBizUserError"), inner.code().get());
        assertEquals(Optional.of("a.jar"), inner.evidence().key());
        assertEquals("batch-entry", inner.evidence().shape());
        assertTrue(inner.results().isEmpty());
        assertSame(inner.code().get(), c.code().get(), "the answer's code is its first failing entry's");
        assertEquals(inner.rule(), c.rule());
        assertFalse(second.classification().isPresent());
        ErrcatException error = second.error().get();
        assertEquals(ErrorKind.NOT_FOUND, error.kind());
        assertTrue(error.getMessage().contains("WEIRD"), error.getMessage());
        assertNotSame(error, second.error().get(), "a fresh exception each time, to throw");
        assertThrows(UnsupportedOperationException.class, () -> c.results().clear());
        assertTrue(second.toString().contains("unclassified"), second.toString());
    }

    @Test
    void theTraceEvidence() throws Exception {
        ArkletClassification c = Errcat.classifyArklet(Repo.read("testdata/classify/install-user-error.json"),
                ArkletCall.http("installBiz"));
        ArkletClassification.Evidence e = c.evidence();
        assertEquals("User.InstallBizUserError", c.code().get().code());
        assertEquals("install.user-error", c.rule());
        assertEquals(Optional.of("java.lang.reflect.InvocationTargetException"), e.exception());
        assertEquals(Optional.of("java.lang.IllegalStateException"), e.cause());
        assertEquals(Optional.of("order table is missing"), e.causeMessage());
        assertEquals(Optional.of("user"), e.causeOrigin());
        assertEquals(Optional.of("com.example.demo.OrderService.afterPropertiesSet"), e.causeFrame());
        assertEquals(3, e.causes());
        assertEquals(17, e.frames());
        assertThrows(UnsupportedOperationException.class, () -> e.placeholders().put("x", "y"));
    }

    @Test
    void theCallIsReadByTheCore() {
        String refused = "Post \"http://10.0.0.3:1238/installBiz\": dial tcp 10.0.0.3:1238: connect: connection refused";
        ArkletClassification c = Errcat.classifyArklet(refused, ArkletCall.client());
        assertEquals("Arklet.ArkletServiceNotFound", c.code().get().code());
        assertEquals(Optional.of(Reporter.MODULE_CONTROLLER), c.reporter());
        assertEquals("client", c.evidence().tunnel());
        assertEquals(c, Errcat.classifyArklet(refused, ArkletCall.unknown().withTunnel("CLIENT")));
        assertEquals(Optional.of("installBiz"),
                Errcat.classifyArklet(REPEAT_BIZ, ArkletCall.http("/INSTALLBIZ")).evidence().command());
        ArkletCall notGiven = ArkletCall.http("").withHttpStatus(0).withTunnel("");
        assertEquals(Optional.empty(), Errcat.classifyArklet(REPEAT_BIZ, notGiven).evidence().command());
        assertEquals(OptionalInt.of(200),
                Errcat.classifyArklet(REPEAT_BIZ, ArkletCall.http().withHttpStatus(200)).evidence().httpStatus());
        assertEquals(Errcat.classifyArklet(REPEAT_BIZ, null), Errcat.classifyArklet(REPEAT_BIZ, ArkletCall.unknown()));
        String mqtt = "{\"publishTimestamp\":1,\"data\":{\"command\":\"installBiz\",\"bizName\":\"demo\","
                + "\"bizVersion\":\"1.0.0\",\"response\":" + REPEAT_BIZ + "}}";
        assertEquals("mqtt", Errcat.classifyArklet(mqtt, ArkletCall.mqtt()).evidence().tunnel());
    }

    @Test
    void arkletCallIsAnImmutableValue() {
        ArkletCall a = ArkletCall.http("installBiz");
        ArkletCall b = a.withHttpStatus(500);
        assertEquals(OptionalInt.empty(), a.httpStatus());
        assertEquals(OptionalInt.of(500), b.httpStatus());
        assertEquals(Optional.of("installBiz"), b.command());
        assertEquals(Optional.of("http"), b.tunnel());
        assertEquals(ArkletCall.http("installBiz"), a);
        assertEquals(a.hashCode(), ArkletCall.http("installBiz").hashCode());
        assertFalse(a.equals(b));
        assertEquals(Optional.of("mqtt"), ArkletCall.mqtt().tunnel());
        assertEquals(Optional.of("client"), ArkletCall.client().tunnel());
        assertEquals(Optional.empty(), ArkletCall.unknown().tunnel());
        assertEquals(Optional.of("uninstallBiz"), ArkletCall.mqtt().withCommand("uninstallBiz").command());
    }

    @Test
    void unclassifiedInputThrowsTheCoreKind() {
        String unknown = "{\"code\":\"CMD_PROCESS_INTERNAL_ERROR\",\"message\":\"Internal Error: "
                + "java.lang.IllegalStateException: x\"}";
        ErrcatException e = assertThrows(ErrcatException.class, () -> Errcat.classifyArklet(unknown, null));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("installBiz → Arklet.InstallBizFailed"), e.getMessage());
        assertEquals("Arklet.InstallBizFailed",
                Errcat.classifyArklet(unknown, ArkletCall.http("installBiz")).code().get().code());
        Object[][] invalid = {
            {"not json", ArkletCall.unknown()},
            {new byte[] {(byte) 0xff, (byte) 0xfe}, ArkletCall.unknown()},
            {null, ArkletCall.unknown()},
            {REPEAT_BIZ, ArkletCall.http("install")},
            {REPEAT_BIZ, ArkletCall.http().withHttpStatus(99)},
            {REPEAT_BIZ, ArkletCall.unknown().withTunnel("smtp")},
            {"ok \uD800", ArkletCall.unknown()},
        };
        for (Object[] c : invalid) {
            ArkletCall call = (ArkletCall) c[1];
            for (Runnable r : Arrays.<Runnable>asList(
                    () -> classify(c[0], call), () -> enrich(c[0], call))) {
                ErrcatException x = assertThrows(ErrcatException.class, r::run, Arrays.toString(c));
                assertEquals(ErrorKind.INVALID_ARGUMENT, x.kind(), x.getMessage());
            }
        }
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        ErrcatException x = assertThrows(ErrcatException.class, () -> Errcat.classifyArklet(huge, null));
        assertEquals(ErrorKind.INVALID_ARGUMENT, x.kind());
        assertTrue(x.getMessage().contains("body"), x.getMessage());
    }

    private static ArkletClassification classify(Object body, ArkletCall call) {
        return body instanceof byte[] ? Errcat.classifyArklet((byte[]) body, call)
                : Errcat.classifyArklet((String) body, call);
    }

    private static Object enrich(Object body, ArkletCall call) {
        return body instanceof byte[] ? Errcat.enrichArklet((byte[]) body, call)
                : Errcat.enrichArklet((String) body, call);
    }

    @Test
    void enrichKeepsEveryOtherByte() {
        String enriched = Errcat.enrichArklet(REPEAT_BIZ, ArkletCall.http("installBiz"));
        assertEquals(REPEAT_BIZ.substring(0, REPEAT_BIZ.length() - 1)
                + ",\"errorCode\":\"Arklet.InstallationRequirementNotMet\"}", enriched);
        assertArrayEquals(enriched.getBytes(StandardCharsets.UTF_8),
                Errcat.enrichArklet(REPEAT_BIZ.getBytes(StandardCharsets.UTF_8), ArkletCall.http("installBiz")));
    }
}
