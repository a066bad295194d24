package io.errcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input is a typed exception decided by the core, never a crash: nulls, lone surrogates, NULs, strings past the
 * limit, deep cause chains (issue #14's reproduction), values of other types, lists that hold themselves.
 */
class BadInputTest {
    private static final int LIMIT = 64 * 1024;

    private static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    private static ErrcatException fails(ErrorKind kind, Executable call) {
        ErrcatException e = assertThrows(ErrcatException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    private static void missing(String what, Executable call) {
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT, call);
        assertTrue(e.getMessage().contains(what + " is missing"), e.getMessage());
    }

    @Test
    void aNullRequiredArgumentIsTheCoresInvalidArgumentNamingIt() {
        missing("code", () -> Errcat.lookup(null));
        missing("code", () -> Errcat.lookup(null, Reporter.ARKLET));
        missing("code", () -> Errcat.lookup(null, "arklet"));
        missing("code", () -> Errcat.find(null));
        missing("words", () -> Errcat.search(null));
        missing("text", () -> Errcat.parse(null));
        missing("text", () -> Code.parse(null));
        missing("source", () -> Code.of(null, "DiskFull"));
        missing("type", () -> Code.of(Source.USER, null));
        missing("source", () -> Errcat.compose((String) null, "DiskFull"));
        missing("code", () -> CodedError.of(null, "detail"));
        missing("detail", () -> CodedError.of("User.MetaspaceFull", null).toProblemJson());
        missing("paths", () -> Errcat.analyzeAudit(null));
        missing("paths[0]", () -> Errcat.analyzeAudit(Collections.<Path>singletonList(null)));
        missing("name", () -> Source.fromName(null));
        missing("name", () -> Reporter.fromName(null));
    }

    @Test
    void aNullOptionalArgumentIsNotGiven() {
        Resolved r = Errcat.lookup("Arklet.InstallBizFailed");
        assertSame(r, Errcat.lookup("Arklet.InstallBizFailed", (Reporter) null));
        assertSame(r, Errcat.lookup("Arklet.InstallBizFailed", (String) null));
        assertSame(Errcat.status(552), Errcat.status(552, null));
        assertEquals(Errcat.serviceOf(640), Errcat.serviceOf(640, null));
        assertEquals(Errcat.entries(), Errcat.entries(null));
        assertEquals(Errcat.exportCatalog("json", "en"), Errcat.exportCatalog(null, null));
        assertEquals(Errcat.entries().size(), Errcat.entries(EntryFilter.all().withReporter((String) null)).size());
        assertEquals("Package pulling failed", Errcat.lookup("Arklet.PullBizError").entry().meaning((Lang) null));
        assertEquals(Lang.EN, Lang.of(null));
        assertEquals(Lang.ZH, Lang.of(Locale.SIMPLIFIED_CHINESE));
        CodedError e = CodedError.of("User.MetaspaceFull", "d");
        assertEquals(e, e.withCause(null));
        assertEquals(CodedError.of("552", "d", (String) null, null), CodedError.of("552", "d"));
        // An empty optional name is "not given" too (the reading Go's zero values force), the same in every language.
        assertSame(r, Errcat.lookup("Arklet.InstallBizFailed", ""));
        assertSame(Errcat.status(552), Errcat.status(552, ""));
    }

    @Test
    void namesAreReadByTheCoresRule() {
        assertSame(Reporter.ARKLET, Reporter.fromName(" arklet "));
        assertSame(Service.BLOB_NODE, Service.fromName("BLOBNODE"));
        assertSame(CodeSystem.BLOBSTORE, CodeSystem.fromName("Blobstore"));
        assertSame(Lang.ZH, Lang.fromName("zh-CN"));
        assertSame(RetryClass.OVERLOAD, RetryClass.fromName("OVERLOAD"));
        assertSame(ErrorKind.NOT_FOUND, ErrorKind.fromName("notfound"));
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT, () -> Reporter.fromName("Dashboard"));
        assertTrue(e.getMessage().contains("Arklet, ModuleController, KouplelessBoard"), e.getMessage());
        fails(ErrorKind.INVALID_ARGUMENT, () -> Reporter.fromName(""));
        assertSame(Errcat.lookup("OtherUpstream.InvalidParameter", Reporter.KOUPLELESS_BOARD),
                Errcat.lookup("OtherUpstream.InvalidParameter", "KOUPLELESSBOARD "));
        assertEquals(Errcat.entries(EntryFilter.all().withService(Service.BLOB_NODE)),
                Errcat.entries(EntryFilter.all().withService("blobnode")));
        assertSame(Service.SHARD_NODE, EntryFilter.all().withService("shardNode").service());
    }

    @Test
    void loneSurrogatesReachTheCoreAndAreInvalidArguments() {
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup("Arklet.Install\uD800"));
        assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup("\uDC00Arklet.InstallBizFailed"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.parse("User.Disk\uDBFFFull"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.status(552, "v3.5.0\uD800"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("json\uDFFF", "en"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Reporter.fromName("Ark\uD800let"));
        CodedError bad = CodedError.of("User.MetaspaceFull", "detail \uD83D");
        fails(ErrorKind.INVALID_ARGUMENT, bad::toProblemJson);
        fails(ErrorKind.INVALID_ARGUMENT, bad::toArkletJson);
    }

    @Test
    void wellFormedUnicodeAndNulInADetailRoundTrip() {
        String detail = "磁盘已满 \uD83D\uDCBE \u0000 end"; // CJK, a surrogate pair (emoji), an embedded NUL
        String json = CodedError.of("User.MetaspaceFull", detail).toArkletJson();
        assertTrue(json.contains("磁盘已满 \uD83D\uDCBE \\u0000 end"), json);
    }

    @Test
    void aNulInACodeOrNameIsRefused() {
        fails(ErrorKind.INVALID_CODE, () -> Errcat.lookup("Arklet.Install\u0000BizFailed"));
        fails(ErrorKind.INVALID_CODE, () -> Errcat.parse("User\u0000.DiskFull"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("json\u0000", "en"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup("Arklet.InstallBizFailed", "Ark\u0000let"));
    }

    @Test
    void stringsPastTheLimitAreInvalidArguments() {
        String atLimit = "Arklet." + repeat('A', LIMIT - 7);
        fails(ErrorKind.INVALID_CODE, () -> Errcat.lookup(atLimit)); // judged as a code: far too long a part
        for (String huge : new String[] {repeat('A', LIMIT + 1), repeat('A', 1 << 20), repeat('A', 40 << 20)}) {
            fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup(huge));
            fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.find(huge));
            fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.parse(huge));
            fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.status(552, huge));
            fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog(huge, "en"));
            fails(ErrorKind.INVALID_ARGUMENT, () -> CodedError.of("User.MetaspaceFull", huge).toProblemJson());
            fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("lookup", huge.getBytes()));
        }
        String detail = repeat('d', LIMIT);
        assertTrue(CodedError.of("User.MetaspaceFull", detail).toProblemJson().contains(detail));
    }

    @Test
    void outOfRangeNumbersAreInvalidCodes() {
        for (long code : new long[] {-1, 1000, Integer.MAX_VALUE, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            fails(ErrorKind.INVALID_CODE, () -> Errcat.status(code));
            fails(ErrorKind.INVALID_CODE, () -> Errcat.status(code, "v3.5.0"));
            fails(ErrorKind.INVALID_CODE, () -> Errcat.serviceOf(code));
        }
        ErrcatException e = fails(ErrorKind.INVALID_CODE,
                () -> Native.call("status", BigInteger.ONE.shiftLeft(64), null));
        assertTrue(e.getMessage().contains("18446744073709551616 is not a status code"), e.getMessage());
        fails(ErrorKind.INVALID_CODE, () -> Native.call("status", 2.5, null));
        assertSame(Errcat.status(552), Answers.answer(Native.call("status", 552.0, null)));
        assertSame(Errcat.status(552), Answers.answer(Native.call("status", (short) 552, null)));
    }

    @Test
    void unknownNamesAreInvalidArguments() {
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup("Arklet.InstallBizFailed", "Dashboard"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.status(552, "v9.9.9"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.entries(EntryFilter.all().withVersion("v1")));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.entries(EntryFilter.all().withService("Blob")));
        fails(ErrorKind.INVALID_ARGUMENT, () -> EntryFilter.all().withService("Blob").service());
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("xml", "en"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("md", "fr"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.compose("Nobody", "DiskFull"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> CodedError.of("552", "d", "Arklet", "v9"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> CodedError.of("Arklet.InstallBizFailed", "d", "Nobody", null));
        AuditOptions badLevel = AuditOptions.defaults().withMaxApiLevel(-1);
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.analyzeAudit(Collections.<Path>emptyList(), badLevel));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.analyzeAudit(Collections.<Path>emptyList(),
                AuditOptions.defaults().withErrors("bogus")));
    }

    @Test
    void auditPathsAreJudgedByTheCore() {
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT,
                () -> Errcat.analyzeAudit(Collections.singletonList(java.nio.file.Paths.get(""))));
        assertTrue(e.getMessage().contains("paths[0] is empty"), e.getMessage());
        java.util.List<Path> many = Collections.nCopies(4097, java.nio.file.Paths.get("x.log"));
        e = fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.analyzeAudit(many));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
        assertEquals(0, Errcat.analyzeAudit(Collections.<Path>emptyList()).lines());
        fails(ErrorKind.IO, () -> Errcat.analyzeAudit(Collections.singletonList(java.nio.file.Paths.get("/no/such"))));
    }

    @Test
    void errorsCarrySuggestionsAndCandidates() {
        ErrcatException notFound = fails(ErrorKind.NOT_FOUND, () -> Errcat.lookup("Arklet.InstallBizFailes"));
        assertEquals("Arklet.InstallBizFailed", notFound.suggestions().get(0));
        assertTrue(notFound.getMessage().contains("did you mean"), notFound.getMessage());
        ErrcatException ambiguous = fails(ErrorKind.AMBIGUOUS, () -> Errcat.lookup("OtherUpstream.InvalidParameter"));
        assertTrue(ambiguous.candidates().size() >= 2, ambiguous.candidates().toString());
        assertThrows(UnsupportedOperationException.class, () -> ambiguous.candidates().clear());
    }

    /** Issue #14: 100,000 nested causes used to kill the JVM with SIGSEGV. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHundredThousandCausesAreAClearErrorNotACrash() {
        CodedError e = CodedError.of("613", "deep");
        for (int i = 0; i < 100000; i++) {
            e = CodedError.of("613", "deep").withCause(e);
        }
        CodedError deep = e;
        ErrcatException arklet = fails(ErrorKind.INVALID_ARGUMENT, deep::toArkletJson);
        assertTrue(arklet.getMessage().contains("deeper than 64"), arklet.getMessage());
        fails(ErrorKind.INVALID_ARGUMENT, deep::toProblemJson);
        // Nor do the Java-side methods recurse.
        assertEquals(deep, deep);
        assertNotEquals(deep, deep.cause().get());
        assertEquals(deep.hashCode(), deep.withCause(deep.cause().get()).hashCode());
        assertTrue(deep.toString().endsWith("613: deep" + repeat(')', 100000)));
    }

    @Test
    void theCauseDepthLimitIsTheCores() {
        CodedError e = CodedError.of("User.MetaspaceFull", "root");
        for (int depth = 1; depth <= 64; depth++) {
            e = CodedError.of("552", "level " + depth).withCause(e);
        }
        assertTrue(e.toArkletJson().contains("root"));
        CodedError over = CodedError.of("552", "one more").withCause(e);
        fails(ErrorKind.INVALID_ARGUMENT, over::toProblemJson);
    }

    @Test
    void anyJavaValueIsConvertedMechanically() {
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("lookup", new Object(), null));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        e = fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("lookup", new int[] {1}, null));
        assertTrue(e.getMessage().contains("int[]"), e.getMessage());
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("lookup", 552L, null));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("lookup", true, null));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("status", "552", null));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("no such operation"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call(null));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call0("lookup", null));
        assertSame(Errcat.lookup("Arklet.InstallBizFailed"),
                Answers.answer(Native.call("lookup", "Arklet.InstallBizFailed".getBytes(), null)));
        // A list may be an Object[] or any Collection; one that holds itself is cut off, not followed forever.
        Object[] render = {"arklet", Arrays.asList(Arrays.asList((long) Errcat.lookup("User.MetaspaceFull").id(),
                "d"))};
        assertTrue(((String) Native.call("render", render)).contains("User.MetaspaceFull"));
        Object[] loop = new Object[1];
        loop[0] = loop;
        e = fails(ErrorKind.INVALID_ARGUMENT, () -> Native.call("render", "arklet", loop));
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void aPanicInRustArrivesAsInternalAndTheLibraryKeepsWorking() {
        ErrcatException e = fails(ErrorKind.INTERNAL, Native::panicForTest);
        assertTrue(e.getMessage().contains("panic requested by Native.panicForTest"), e.getMessage());
        assertEquals("Arklet.InstallBizFailed", Errcat.lookup("Arklet.InstallBizFailed").code());
        fails(ErrorKind.INTERNAL, Native::panicForTest);
    }
}
