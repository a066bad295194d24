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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of testdata/vectors.json against the Java API. The "view" of each result mirrors the Rust reference
 * runner, core/tests/vectors.rs, key for key.
 */
class VectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVector() throws IOException {
        JsonObject doc = JsonParser.parseString(Repo.read("testdata/vectors.json")).getAsJsonObject();
        JsonArray cases = doc.getAsJsonArray("cases");
        assertTrue(cases.size() >= 80, "at least 80 vectors, got " + cases.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonObject c = cases.get(i).getAsJsonObject();
            tests.add(DynamicTest.dynamicTest(i + ": " + c.get("name").getAsString(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonObject c) throws IOException {
        String op = c.get("op").getAsString();
        JsonObject args = c.getAsJsonObject("args");
        JsonObject view;
        try {
            view = run(op, args);
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
                String text = view.get("text").getAsString();
                for (JsonElement s : want.getValue().getAsJsonArray()) {
                    assertTrue(text.contains(s.getAsString()), "export contains " + s);
                }
            } else if (key.equals("equals_file")) {
                assertEquals(Repo.read(want.getValue().getAsString()), view.get("text").getAsString(),
                        "export equals " + want.getValue());
            } else {
                assertEquals(want.getValue(), view.has(key) ? view.get(key) : JsonNull.INSTANCE, key);
            }
        }
    }

    private static String opt(JsonObject args, String key) {
        JsonElement v = args.get(key);
        return v == null || v.isJsonNull() ? null : v.getAsString();
    }

    /** The view of a call's result, as defined in testdata/README.md. */
    private static JsonObject run(String op, JsonObject args) {
        JsonObject v = new JsonObject();
        switch (op) {
            case "lookup": {
                String reporter = opt(args, "reporter");
                String code = args.get("code").getAsString();
                Resolved r = reporter == null ? Errcat.lookup(code) : Errcat.lookup(code, Reporter.fromName(reporter));
                KouplelessEntry e = r.entry();
                v.addProperty("code", r.code());
                v.addProperty("source", r.source().catalogName());
                v.addProperty("type", e.type());
                v.addProperty("reporter", e.reporter().catalogName());
                v.addProperty("dynamic", r.isDynamic());
                v.add("alias", r.alias().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
                v.addProperty("retryable", e.retryable());
                v.addProperty("meaning_en", e.meaningText().en());
                v.addProperty("meaning_zh", e.meaningText().zh());
                v.addProperty("solution_en", e.solutionText().en());
                v.addProperty("solution_zh", e.solutionText().zh());
                return v;
            }
            case "find": {
                List<String> keys = new ArrayList<>();
                Errcat.find(args.get("code").getAsString()).forEach(e -> keys.add(e.key()));
                v.addProperty("count", keys.size());
                v.add("keys", strings(keys));
                return v;
            }
            case "status": {
                long code = args.get("code").getAsLong();
                String version = opt(args, "version");
                StatusMatch m = version == null ? Errcat.status(code) : Errcat.status(code, version);
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
            case "service_of": {
                long code = args.get("code").getAsLong();
                String version = opt(args, "version");
                Service s = version == null ? Errcat.serviceOf(code) : Errcat.serviceOf(code, version);
                v.addProperty("service", s.catalogName());
                return v;
            }
            case "parse": {
                Code c = Code.parse(args.get("text").getAsString());
                v.addProperty("source", c.source().catalogName());
                v.addProperty("type", c.type());
                v.addProperty("code", c.toString());
                return v;
            }
            case "compose": {
                Source source = Source.fromName(args.get("source").getAsString());
                v.addProperty("code", Code.of(source, args.get("type").getAsString()).toString());
                return v;
            }
            case "entries": {
                EntryFilter f = EntryFilter.all();
                String system = opt(args, "system");
                String reporter = opt(args, "reporter");
                String service = opt(args, "service");
                if (system != null) {
                    f = f.withSystem(CodeSystem.fromName(system));
                }
                if (reporter != null) {
                    f = f.withReporter(Reporter.fromName(reporter));
                }
                if (service != null) {
                    f = f.withService(Service.fromName(service));
                }
                f = f.withVersion(opt(args, "version"));
                List<Entry> all = Errcat.entries(f);
                v.addProperty("count", all.size());
                v.add("first", all.isEmpty() ? JsonNull.INSTANCE : new JsonPrimitive(all.get(0).key()));
                v.add("last", all.isEmpty() ? JsonNull.INSTANCE : new JsonPrimitive(all.get(all.size() - 1).key()));
                return v;
            }
            case "problem":
                v.addProperty("json", coded(args).toProblemJson());
                return v;
            case "arklet":
                v.addProperty("json", coded(args).toArkletJson());
                return v;
            case "export":
                v.addProperty("text", Errcat.exportCatalog(args.get("format").getAsString(),
                        args.get("lang").getAsString()));
                return v;
            default:
                throw new AssertionError("unknown op " + op);
        }
    }

    private static CodedError coded(JsonObject args) {
        CodedError value = CodedError.of(args.get("code").getAsString(), args.get("detail").getAsString());
        JsonElement cause = args.get("cause");
        return cause == null || cause.isJsonNull() ? value : value.withCause(coded(cause.getAsJsonObject()));
    }

    private static JsonArray strings(List<String> items) {
        JsonArray out = new JsonArray();
        items.forEach(out::add);
        return out;
    }
}
