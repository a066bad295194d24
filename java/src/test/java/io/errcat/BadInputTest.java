package io.errcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is a typed exception, never a crash: nulls, unpaired surrogates, NULs, megabyte strings, big numbers. */
class BadInputTest {
    private static final String MEGABYTE = repeat('A', 1 << 20);

    private static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    private static void npe(String parameter, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(parameter, e.getMessage());
    }

    private static ErrcatException fails(ErrorKind kind, Executable call) {
        ErrcatException e = assertThrows(ErrcatException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void nullArgumentsNameTheParameter() {
        npe("code", () -> Errcat.lookup(null));
        npe("code", () -> Errcat.lookup(null, Reporter.ARKLET));
        npe("reporter", () -> Errcat.lookup("Arklet.InstallBizFailed", null));
        npe("code", () -> Errcat.find(null));
        npe("version", () -> Errcat.status(552, null));
        npe("version", () -> Errcat.serviceOf(552, null));
        npe("filter", () -> Errcat.entries(null));
        npe("format", () -> Errcat.exportCatalog(null, "en"));
        npe("lang", () -> Errcat.exportCatalog("json", null));
        npe("paths", () -> Errcat.analyzeAudit(null));
        npe("options", () -> Errcat.analyzeAudit(Collections.<Path>emptyList(), null));
        npe("paths element", () -> Errcat.analyzeAudit(Collections.<Path>singletonList(null)));
        npe("text", () -> Code.parse(null));
        npe("source", () -> Code.of(null, "DiskFull"));
        npe("type", () -> Code.of(Source.USER, null));
        npe("code", () -> CodedError.of(null, "detail"));
        npe("detail", () -> CodedError.of("User.MetaspaceFull", null));
        npe("cause", () -> CodedError.of("User.MetaspaceFull", "d").withCause(null));
        npe("name", () -> Source.fromName(null));
        npe("locale", () -> Lang.of(null));
        npe("lang", () -> Errcat.lookup("User.MetaspaceFull").entry().meaning((Lang) null));
    }

    @Test
    void unpairedSurrogatesAreInvalidArguments() {
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup("Arklet.Install\uD800"));
        assertTrue(e.getMessage().contains("unpaired"), e.getMessage());
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.lookup("\uDC00Arklet.InstallBizFailed"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Code.parse("User.Disk\uDBFFFull"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.status(552, "v3.5.0\uD800"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("json\uDFFF", "en"));
        CodedError bad = CodedError.of("User.MetaspaceFull", "detail \uD83D");
        fails(ErrorKind.INVALID_ARGUMENT, bad::toProblemJson);
        fails(ErrorKind.INVALID_ARGUMENT, bad::toArkletJson);
    }

    @Test
    void wellFormedUnicodeRoundTrips() {
        String detail = "磁盘已满 \uD83D\uDCBE \u0000 end"; // CJK, a surrogate pair (emoji), an embedded NUL
        String json = CodedError.of("User.MetaspaceFull", detail).toArkletJson();
        assertTrue(json.contains("磁盘已满 \uD83D\uDCBE \\u0000 end"), json);
    }

    @Test
    void embeddedNulIsAnInvalidCode() {
        fails(ErrorKind.INVALID_CODE, () -> Errcat.lookup("Arklet.Install\u0000BizFailed"));
        fails(ErrorKind.INVALID_CODE, () -> Code.parse("User\u0000.DiskFull"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("json\u0000", "en"));
    }

    @Test
    void megabyteStringsFailCleanly() {
        fails(ErrorKind.INVALID_CODE, () -> Errcat.lookup(MEGABYTE));
        fails(ErrorKind.INVALID_CODE, () -> Errcat.lookup("Arklet." + MEGABYTE, Reporter.ARKLET));
        fails(ErrorKind.INVALID_CODE, () -> Errcat.find(MEGABYTE));
        fails(ErrorKind.INVALID_CODE, () -> Code.parse(MEGABYTE));
        fails(ErrorKind.INVALID_CODE, () -> Code.of(Source.USER, MEGABYTE));
        fails(ErrorKind.INVALID_CODE, () -> CodedError.of(MEGABYTE, "d"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.status(552, MEGABYTE));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog(MEGABYTE, "en"));
        // A megabyte of detail is legitimate data: it is carried, not refused.
        String json = CodedError.of("User.MetaspaceFull", MEGABYTE).toProblemJson();
        assertTrue(json.length() > MEGABYTE.length() && json.contains(MEGABYTE));
    }

    @Test
    void outOfRangeNumbersAreInvalidCodes() {
        for (long code : new long[] {-1, 1000, Integer.MAX_VALUE, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            fails(ErrorKind.INVALID_CODE, () -> Errcat.status(code));
            fails(ErrorKind.INVALID_CODE, () -> Errcat.status(code, "v3.5.0"));
            fails(ErrorKind.INVALID_CODE, () -> Errcat.serviceOf(code));
        }
    }

    @Test
    void unknownNamesAreInvalidArguments() {
        ErrcatException e = fails(ErrorKind.INVALID_ARGUMENT, () -> Reporter.fromName("Dashboard"));
        assertTrue(e.getMessage().contains("Arklet, ModuleController, KouplelessBoard"), e.getMessage());
        fails(ErrorKind.INVALID_ARGUMENT, () -> Service.fromName("blobnode"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.status(552, "v9.9.9"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.entries(EntryFilter.all().withVersion("v1")));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("xml", "en"));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Errcat.exportCatalog("md", "fr"));
        assertThrows(IllegalArgumentException.class, () -> AuditOptions.defaults().withMaxApiLevel(-1));
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

    @Test
    void aPanicInRustArrivesAsInternalAndTheLibraryKeepsWorking() {
        ErrcatException e = fails(ErrorKind.INTERNAL, Native::panicForTest);
        assertTrue(e.getMessage().contains("panic requested by Native.panicForTest"), e.getMessage());
        assertEquals("Arklet.InstallBizFailed", Errcat.lookup("Arklet.InstallBizFailed").code());
        fails(ErrorKind.INTERNAL, Native::panicForTest);
    }

    @Test
    void nativeArgumentChecksHoldEvenWhenTheJavaSideIsBypassed() {
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.entry(-1));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.entry(Integer.MAX_VALUE));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.render(new String[0], new String[0], false));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.render(new String[] {"User.MetaspaceFull"}, new String[] {null}, true));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.render(null, null, true));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.lookup(null, null));
        fails(ErrorKind.INVALID_ARGUMENT, () -> Native.parse(null));
    }
}
