package io.errcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every testdata/vectors*.json (schema 2, testdata/README.md) through the public Java API, with
 * names and options passed as the strings the vectors hold. The view of each result is the one the Rust reference
 * runner, core/tests/vectors.rs, builds.
 */
class VectorsTest {

    static List<Path> vectorFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Repo.root().resolve("testdata"), "vectors*.json")) {
            dir.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everyVector() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : vectorFiles()) {
            JsonObject doc = JsonParser.parseString(new String(Files.readAllBytes(file), "UTF-8")).getAsJsonObject();
            assertEquals(2, doc.get("schema").getAsInt(), file + ": schema");
            JsonArray cases = doc.getAsJsonArray("cases");
            for (int i = 0; i < cases.size(); i++) {
                JsonObject c = expand(cases.get(i)).getAsJsonObject();
                String name = file.getFileName() + " " + i + ": " + c.get("name").getAsString();
                tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
            }
        }
        return tests.stream();
    }

    @Test
    void everyFileIsRun() throws IOException {
        int cases = 0;
        for (Path file : vectorFiles()) {
            cases += JsonParser.parseString(new String(Files.readAllBytes(file), "UTF-8")).getAsJsonObject()
                    .getAsJsonArray("cases").size();
        }
        assertTrue(vectorFiles().size() >= 2 && cases >= 300, vectorFiles() + ": " + cases + " cases");
    }

    /** Expands {@code {"repeat", "count", "prefix", "suffix"}} anywhere into the long string it stands for. */
    static JsonElement expand(JsonElement value) {
        if (value.isJsonObject()) {
            JsonObject o = value.getAsJsonObject();
            if (o.has("repeat")) {
                StringBuilder s = new StringBuilder(text(o, "prefix"));
                for (int i = o.get("count").getAsInt(); i > 0; i--) {
                    s.append(o.get("repeat").getAsString());
                }
                return new JsonPrimitive(s.append(text(o, "suffix")).toString());
            }
            JsonObject out = new JsonObject();
            o.entrySet().forEach(e -> out.add(e.getKey(), expand(e.getValue())));
            return out;
        }
        if (value.isJsonArray()) {
            JsonArray out = new JsonArray();
            value.getAsJsonArray().forEach(e -> out.add(expand(e)));
            return out;
        }
        return value;
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : "";
    }

    private static void check(JsonObject c) throws IOException {
        JsonObject view;
        try {
            view = run(c.get("op").getAsString(), c.getAsJsonObject("args"));
        } catch (ErrcatException e) {
            if (!c.has("error")) {
                fail("unexpected " + e.kind() + ": " + e.getMessage());
            }
            JsonObject want = c.getAsJsonObject("error");
            assertEquals(want.get("kind").getAsString(), e.kind().catalogName(), e.getMessage());
            if (want.has("suggestions")) {
                assertEquals(want.get("suggestions"), strings(e.suggestions()), "suggestions");
            }
            if (want.has("candidates")) {
                assertEquals(want.get("candidates"), strings(e.candidates()), "candidates");
            }
            return;
        }
        if (!c.has("expect")) {
            fail("want an error " + c.get("error") + ", got " + view);
        }
        for (Map.Entry<String, JsonElement> want : c.getAsJsonObject("expect").entrySet()) {
            String key = want.getKey();
            if (key.equals("contains")) {
                for (JsonElement s : want.getValue().getAsJsonArray()) {
                    assertTrue(view.get("text").getAsString().contains(s.getAsString()), "export contains " + s);
                }
            } else if (key.equals("equals_file")) {
                assertEquals(Repo.read(want.getValue().getAsString()), view.get("text").getAsString(),
                        "export equals " + want.getValue());
            } else if (key.equals("keys_include")) {
                for (JsonElement k : want.getValue().getAsJsonArray()) {
                    assertTrue(view.getAsJsonArray("keys").contains(k), "keys include " + k);
                }
            } else {
                assertEquals(want.getValue(), view.has(key) ? view.get(key) : JsonNull.INSTANCE, key);
            }
        }
    }

    /** An argument: {@code null} (absent) stays {@code null}. */
    private static String opt(JsonObject args, String key) {
        JsonElement v = args.get(key);
        return v == null || v.isJsonNull() ? null : v.getAsString();
    }

    private static JsonElement orNull(String s) {
        return s == null ? JsonNull.INSTANCE : new JsonPrimitive(s);
    }

    /** The view of a call's result, as testdata/README.md defines it. */
    private static JsonObject run(String op, JsonObject args) {
        JsonObject v = new JsonObject();
        switch (op) {
            case "lookup": {
                Resolved r = Errcat.lookup(opt(args, "code"), opt(args, "reporter"));
                KouplelessEntry e = r.entry();
                v.addProperty("code", r.code());
                v.addProperty("source", r.source().catalogName());
                v.addProperty("type", e.errorType());
                v.addProperty("reporter", e.reporter().catalogName());
                v.addProperty("dynamic", r.isDynamic());
                v.add("alias", orNull(r.alias().orElse(null)));
                v.addProperty("retryable", e.retryable());
                v.addProperty("meaning_en", e.meaningText().en());
                v.addProperty("meaning_zh", e.meaningText().zh());
                v.addProperty("solution_en", e.solutionText().en());
                v.addProperty("solution_zh", e.solutionText().zh());
                return v;
            }
            case "find":
                return keys(v, Errcat.find(opt(args, "code")));
            case "search":
                return keys(v, Errcat.search(opt(args, "words")));
            case "status": {
                StatusMatch m = Errcat.status(args.get("code").getAsLong(), opt(args, "version"));
                StatusEntry e = m.entry();
                v.addProperty("code", e.number());
                v.addProperty("service", e.service().catalogName());
                v.addProperty("message", e.message());
                v.addProperty("valid", m.isValid());
                v.add("versions", strings(e.versions()));
                v.addProperty("retry", e.retry().catalogName());
                v.add("renumbered_to", e.renumberedTo().isPresent()
                        ? new JsonPrimitive(e.renumberedTo().getAsInt()) : JsonNull.INSTANCE);
                v.add("renumbered_from", e.renumberedFrom().isPresent()
                        ? new JsonPrimitive(e.renumberedFrom().getAsInt()) : JsonNull.INSTANCE);
                v.addProperty("go_const", e.goConst());
                v.addProperty("go_err", e.goErr());
                return v;
            }
            case "service_of":
                v.addProperty("service",
                        Errcat.serviceOf(args.get("code").getAsLong(), opt(args, "version")).catalogName());
                return v;
            case "parse":
            case "compose": {
                Code c = op.equals("parse") ? Errcat.parse(opt(args, "text"))
                        : Errcat.compose(opt(args, "source"), opt(args, "type"));
                v.addProperty("source", c.source().catalogName());
                v.addProperty("type", c.type());
                v.addProperty("code", c.toString());
                return v;
            }
            case "entries": {
                EntryFilter f = EntryFilter.all().withSystem(opt(args, "system")).withReporter(opt(args, "reporter"))
                        .withService(opt(args, "service")).withVersion(opt(args, "version"));
                List<Entry> all = Errcat.entries(f);
                v.addProperty("count", all.size());
                v.add("first", all.isEmpty() ? JsonNull.INSTANCE : new JsonPrimitive(all.get(0).key()));
                v.add("last", all.isEmpty() ? JsonNull.INSTANCE : new JsonPrimitive(all.get(all.size() - 1).key()));
                return v;
            }
            case "problem":
                v.addProperty("json", chain(args.getAsJsonArray("chain")).toProblemJson());
                return v;
            case "arklet":
                v.addProperty("json", chain(args.getAsJsonArray("chain")).toArkletJson());
                return v;
            case "export":
                v.addProperty("text", Errcat.exportCatalog(opt(args, "format"), opt(args, "lang")));
                return v;
            default:
                throw new AssertionError("unknown op " + op + ": the Java runner does not know it yet");
        }
    }

    private static JsonObject keys(JsonObject v, List<Entry> entries) {
        JsonArray keys = new JsonArray();
        entries.forEach(e -> keys.add(e.key()));
        v.addProperty("count", keys.size());
        v.add("keys", keys);
        return v;
    }

    /** The error value of a chain (outermost first), built link by link through CodedError as a user would. */
    static CodedError chain(JsonArray links) {
        List<CodedError> values = new ArrayList<>();
        for (JsonElement l : links) {
            JsonObject link = l.getAsJsonObject();
            values.add(CodedError.of(opt(link, "code"), opt(link, "detail"), opt(link, "reporter"),
                    opt(link, "version")));
        }
        CodedError error = null;
        for (int i = values.size() - 1; i >= 0; i--) {
            error = values.get(i).withCause(error);
        }
        return error;
    }

    private static JsonArray strings(List<String> items) {
        JsonArray out = new JsonArray();
        items.forEach(out::add);
        return out;
    }
}
