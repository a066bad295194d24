package io.errcat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The catalog as the JAR sees it: the export byte for byte, every entry's fields, the object caches. */
class CatalogTest {

    @Test
    void testsRunAgainstThePackedJar() {
        String location = Errcat.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(location.endsWith(".jar"), "io.errcat classes come from " + location);
    }

    @Test
    void jsonExportEqualsCommittedCatalogByteForByte() throws Exception {
        byte[] committed = Files.readAllBytes(Repo.root().resolve("testdata/catalog.json"));
        byte[] exported = Errcat.exportCatalog("json", "en").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(committed, exported, "testdata/catalog.json differs from the JAR's export");
    }

    @Test
    void everyEntryMatchesItsExportObject() throws Exception {
        JsonObject catalog = JsonParser.parseString(Repo.read("testdata/catalog.json")).getAsJsonObject();
        List<JsonElement> expected = new ArrayList<>();
        catalog.getAsJsonObject("koupleless").getAsJsonArray("entries").forEach(expected::add);
        catalog.getAsJsonObject("blobstore").getAsJsonArray("entries").forEach(expected::add);
        List<Entry> entries = Errcat.entries();
        assertEquals(expected.size(), entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            JsonObject want = expected.get(i).getAsJsonObject();
            assertEquals(want, JsonParser.parseString(entry.toJson()), entry.key());
            assertSame(entry, EntryData.ENTRIES[i], "entry ids are the core's");
            assertEquals(want.get("retryable").getAsBoolean(), entry.retryable(), entry.key());
            if (entry instanceof KouplelessEntry) {
                checkKoupleless((KouplelessEntry) entry, want);
            } else {
                checkStatus((StatusEntry) entry, want);
            }
        }
    }

    private static void checkKoupleless(KouplelessEntry e, JsonObject want) {
        assertEquals(CodeSystem.KOUPLELESS, e.system());
        assertEquals(want.get("reporter").getAsString(), e.reporter().catalogName());
        assertEquals(want.get("code").getAsString(), e.code());
        assertEquals(want.get("type").getAsString(), e.errorType());
        assertEquals(e.reporter() + "/" + e.errorType(), e.key());
        assertEquals(e.defaultSource() + "." + e.errorType(), e.defaultCode());
        assertEquals(strings(want.getAsJsonArray("sources")), names(e.sources()));
        assertEquals(e.sources().get(0), e.defaultSource());
        assertEquals(want.getAsJsonObject("meaning").get("en").getAsString(), e.meaning());
        assertEquals(want.getAsJsonObject("meaning").get("zh").getAsString(), e.meaningText().zh());
        assertEquals(want.getAsJsonObject("solution").get("en").getAsString(), e.solution());
        assertEquals(want.getAsJsonObject("business_type").get("en").getAsString(), e.businessType());
        assertEquals(want.getAsJsonObject("business_type").get("zh").getAsString(), e.businessTypeText().zh());
        JsonElement cell = want.get("business_type_cell");
        assertEquals(cell.isJsonNull() ? null : cell.getAsString(), e.businessTypeCell().orElse(null));
        assertEquals(strings(want.getAsJsonArray("aliases")), e.aliases());
        assertEquals(strings(want.getAsJsonArray("notes")), e.notes());
    }

    private static void checkStatus(StatusEntry e, JsonObject want) {
        assertEquals(CodeSystem.BLOBSTORE, e.system());
        assertEquals(want.get("code").getAsInt(), e.number());
        assertEquals(want.get("code").getAsString(), e.code());
        assertEquals(want.get("service").getAsString(), e.service().catalogName());
        assertEquals(want.get("message").getAsString(), e.message());
        assertEquals(want.get("documented").getAsBoolean(), e.documented());
        assertEquals(want.get("go_file").getAsString(), e.goFile());
        assertEquals(want.get("go_const").getAsString(), e.goConst());
        assertEquals(want.get("go_err").getAsString(), e.goErr());
        assertEquals(strings(want.getAsJsonArray("versions")), e.versions());
        assertEquals(want.get("retry").getAsString(), e.retry().catalogName());
        JsonElement to = want.get("renumbered_to");
        assertEquals(to.isJsonNull() ? -1 : to.getAsInt(), e.renumberedTo().orElse(-1));
        JsonElement from = want.get("renumbered_from");
        assertEquals(from.isJsonNull() ? -1 : from.getAsInt(), e.renumberedFrom().orElse(-1));
        JsonElement description = want.get("description");
        assertEquals(description.isJsonNull() ? e.message() : description.getAsJsonObject().get("en").getAsString(),
                e.meaning());
        assertEquals(description.isJsonNull(), !e.description().isPresent());
        assertEquals(strings(want.getAsJsonArray("notes")), e.notes());
    }

    @Test
    void entriesAreBuiltOnceAndShared() {
        Resolved a = Errcat.lookup("Arklet.InstallBizFailed");
        Resolved b = Errcat.lookup("Arklet.InstallBizFailed");
        assertSame(a, b, "a repeated lookup returns the cached result");
        Entry fromEntries = null;
        for (Entry e : Errcat.entries(EntryFilter.all().withReporter(Reporter.ARKLET))) {
            if (e.key().equals("Arklet/InstallBizFailed")) {
                fromEntries = e;
            }
        }
        assertSame(a.entry(), fromEntries, "one object per entry");
        assertSame(a.entry(), Errcat.find("Arklet.InstallBizFailed").get(0));
        assertSame(Errcat.status(552, "v3.5.0"), Errcat.status(552, "v3.5.0"));
        assertSame(Errcat.status(552).entry(), Errcat.status(552, "v3.5.0").entry());
        assertSame(Errcat.status(552, "3.5.0"), Errcat.status(552, "v3.5.0"), "a spelling the table lists");
        assertSame(Errcat.status(552, " V3.5.0 "), Errcat.status(552, "v3.5.0"), "a spelling that crosses");
        assertSame(Errcat.lookup("Arklet.InstallBizFailed", " ARKLET"), Errcat.lookup("Arklet.InstallBizFailed",
                Reporter.ARKLET), "one object per answer, served from the table or not");
        assertSame(CodedError.of("552", "x", (String) null, "3.5.0").entry(), Errcat.status(552, "v3.5.0").entry());
    }

    @Test
    void theGeneratedEnumsAndVersionsAreTheCoresInItsOrder() {
        check("source", Source.values());
        check("reporter", Reporter.values());
        check("service", Service.values());
        check("system", CodeSystem.values());
        check("retry_class", RetryClass.values());
        check("error_kind", ErrorKind.values());
        check("lang", Lang.values());
        for (int i = 0; i < Errcat.versions().size(); i++) {
            assertEquals(i, Named.index("version", Errcat.versions().get(i)));
        }
        assertEquals(Native.call("fingerprint"), EntryData.FINGERPRINT);
    }

    @Test
    void aNativeLibraryWithAnotherCatalogIsAnInternalErrorSayingSo() throws Exception {
        java.lang.reflect.Constructor<Answers> load = Answers.class.getDeclaredConstructor(String.class);
        load.setAccessible(true);
        for (String table : new String[] {"errcat-answers\t1\t0123456789abcdef\n", "errcat-answers\t2\tx\n"}) {
            java.lang.reflect.InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.lang.reflect.InvocationTargetException.class, () -> load.newInstance(table));
            ErrcatException cause = (ErrcatException) e.getCause();
            assertEquals(ErrorKind.INTERNAL, cause.kind());
            assertTrue(cause.getMessage().contains("mixes two builds of errcat"), cause.getMessage());
        }
    }

    private static void check(String enumeration, Named[] values) {
        for (int i = 0; i < values.length; i++) {
            assertEquals(i, Named.index(enumeration, values[i].catalogName()), enumeration + " " + values[i]);
            assertEquals(i, ((Enum<?>) values[i]).ordinal());
        }
    }

    @Test
    void valueSemantics() {
        Resolved dynamic = Errcat.lookup("User.PullBizError");
        assertTrue(dynamic.isDynamic());
        assertEquals(Source.USER, dynamic.source());
        assertEquals("User.PullBizError", dynamic.toString());
        assertEquals(Reporter.ARKLET, dynamic.reporter());
        assertEquals(dynamic.entry(), Errcat.lookup("Arklet.PullBizError").entry());
        assertFalse(dynamic.equals(Errcat.lookup("Arklet.PullBizError")));
        assertEquals("Arklet/PullBizError: Package pulling failed", dynamic.entry().toString());
        assertEquals("拉包失败", dynamic.entry().meaning(Lang.ZH));
        assertEquals("拉包失败", dynamic.entry().meaning(Locale.SIMPLIFIED_CHINESE));
        assertEquals("Package pulling failed", dynamic.entry().meaning(Locale.GERMAN));

        Resolved alias = Errcat.lookup("ModuleController.ResourceConstrained");
        assertEquals("ResourceConstrained", alias.alias().orElse(null));
        assertEquals("ModuleController.ResourceConstraned", alias.code());

        assertEquals(Code.parse("Arklet.InstallBizFailed"), Code.of(Source.ARKLET, "InstallBizFailed"));
        assertEquals(Code.parse("User.DiskFull").hashCode(), Code.of(Source.USER, "DiskFull").hashCode());
        assertEquals("KubeAPIServer.NewType", Code.of(Source.KUBE_API_SERVER, "NewType").toString());

        StatusMatch moved = Errcat.status(552);
        assertFalse(moved.isValid());
        assertEquals("master", moved.version());
        assertEquals(429, moved.entry().renumberedTo().getAsInt());
        assertEquals(RetryClass.OVERLOAD, moved.entry().retry());
        assertEquals(Service.BLOB_NODE, Errcat.serviceOf(640));
        assertEquals(Service.PROXY, Errcat.serviceOf(825, "v3.5.3"));

        CodedError e = CodedError.of("552", "limited").withCause(CodedError.of("User.MetaspaceFull", "disk"));
        assertEquals(e, CodedError.of("552", "limited").withCause(CodedError.of("User.MetaspaceFull", "disk")));
        assertEquals("552: limited (caused by User.MetaspaceFull: disk)", e.toString());
        assertTrue(e.toProblemJson().contains("\"status\":552"));
    }

    @Test
    void enumsAndVersionsMatchTheCatalog() throws Exception {
        JsonObject catalog = JsonParser.parseString(Repo.read("testdata/catalog.json")).getAsJsonObject();
        assertEquals(strings(catalog.getAsJsonObject("blobstore").getAsJsonArray("versions")), Errcat.versions());
        List<String> sources = new ArrayList<>();
        catalog.getAsJsonObject("koupleless").getAsJsonArray("sources")
                .forEach(s -> sources.add(s.getAsJsonObject().get("name").getAsString()));
        assertEquals(sources, names(java.util.Arrays.asList(Source.values())));
        for (Source s : Source.values()) {
            assertSame(s, Source.fromName(s.toString()));
        }
    }

    @Test
    void auditReportComesFromTheCore() throws Exception {
        java.nio.file.Path log = Files.createTempFile("errcat-audit", ".log");
        try {
            Files.write(log, "not an audit line\n".getBytes(StandardCharsets.UTF_8));
            AuditReport report = Errcat.analyzeAudit(java.util.Collections.singletonList(log),
                    AuditOptions.defaults().withVersion("v3.5.0").withMaxApiLevel(3));
            JsonObject json = JsonParser.parseString(report.toJson()).getAsJsonObject();
            assertEquals(1, report.lines());
            assertEquals(1, report.malformed());
            assertEquals(json.get("lines").getAsLong(), report.lines());
            assertEquals(json.get("malformed").getAsLong(), report.malformed());
            assertEquals("v3.5.0", json.get("cubefs_version").getAsString());
            assertEquals(report.toJson(), report.toString());
        } finally {
            Files.delete(log);
        }
        AuditReport demo = Errcat.analyzeAudit(java.util.Collections.singletonList(
                Repo.root().resolve("testdata/audit/demo.log")));
        JsonObject json = JsonParser.parseString(demo.toJson()).getAsJsonObject();
        assertTrue(demo.lines() > 0 && json.get("counted").getAsLong() > 0, demo.toJson());
        assertEquals(json.get("lines").getAsLong(), demo.lines());
        ErrcatException missing = org.junit.jupiter.api.Assertions.assertThrows(ErrcatException.class,
                () -> Errcat.analyzeAudit(java.util.Collections.singletonList(Repo.root().resolve("no-such.log"))));
        assertEquals(ErrorKind.IO, missing.kind());
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static List<String> names(List<? extends Named> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.catalogName()));
        return out;
    }
}
