package io.errcat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The errcat operations: resolve Koupleless codes and blobstore status numbers, list, search and export the
 * catalog, classify real Arklet answers, and analyse blobstore audit logs. The same operations, with the same answers and errors, as in every
 * errcat language.
 *
 * <pre>{@code
 * Resolved r = Errcat.lookup("Arklet.InstallBizFailed");
 * r.entry().meaning(Lang.ZH);          // "模块安装时，新模块安装失败"
 * StatusMatch m = Errcat.status(552, "v3.5.0");
 * m.entry().retry();                   // RetryClass.OVERLOAD
 * ArkletClassification c = Errcat.classifyArklet(body, ArkletCall.http("installBiz"));
 * c.code();                            // Optional[Arklet.InstallationRequirementNotMet]
 * }</pre>
 *
 * <p>All methods are thread-safe. Failures are {@link ErrcatException}s carrying an {@link ErrorKind}, decided by
 * the errcat core: a {@code null} argument is passed to it as "not given", so an optional one (a reporter, a version,
 * a format) takes its default and a required one (a code, a text) is {@code INVALID_ARGUMENT} naming it. Names
 * (reporters, services, versions, formats, languages) are read by the core's rule: case and surrounding whitespace
 * do not matter, a version may omit its {@code v}, a service may be its audit-log module ({@code BLOBNODE}).
 *
 * <p>Every successful lookup and status answer is loaded from the native library once, on first use, into an
 * immutable table: a repeated (or first) successful call with the catalog's spellings costs a hash-map access and
 * returns the same object; any other call crosses into the native library.
 */
public final class Errcat {
    private Errcat() {}

    /**
     * Resolves a two-level code ({@code "Arklet.InstallBizFailed"}) to its entry. A source outside the entry's
     * catalogued ones is a valid dynamic combination ({@link Resolved#isDynamic()}); aliases resolve to the
     * canonical entry.
     *
     * @param code the code, {@code Source.Type}
     * @return the resolution
     * @throws ErrcatException {@code INVALID_CODE} when malformed, {@code NOT_FOUND} (with suggestions) when the type
     *     is unknown, {@code AMBIGUOUS} (with candidates) when several tables hold it and nothing chooses,
     *     {@code INVALID_ARGUMENT} for {@code null} or a string past the core's length limit
     */
    public static Resolved lookup(String code) {
        Resolved r = Answers.LOOKUPS.get(code);
        return r != null ? r : Answers.lookupByCore(code, null);
    }

    /**
     * Resolves a two-level code inside one reporter's table.
     *
     * @param code the code, {@code Source.Type}
     * @param reporter the table to look in ({@code null}: every table, as {@link #lookup(String)})
     * @return the resolution
     * @throws ErrcatException as {@link #lookup(String)}, and {@code NOT_FOUND} when the type is in other tables only
     */
    public static Resolved lookup(String code, Reporter reporter) {
        return Answers.lookup(code, reporter);
    }

    /**
     * Resolves a two-level code inside one reporter's table, named as errcat reads names ({@code "Arklet"},
     * {@code "arklet"}, {@code "MODULECONTROLLER"}).
     *
     * @param code the code, {@code Source.Type}
     * @param reporter the reporter's name ({@code null} or empty: every table)
     * @return the resolution
     * @throws ErrcatException as {@link #lookup(String, Reporter)}, and {@code INVALID_ARGUMENT} for an unknown
     *     reporter
     */
    public static Resolved lookup(String code, String reporter) {
        return Answers.lookup(code, reporter);
    }

    /**
     * Every entry a code could mean: for a two-level code the entries of its type in every table, for a bare type
     * ({@code "InstallBizFailed"}) the entries of every table that has it, for a number ({@code "552"}) the
     * blobstore entries with that number in every version.
     *
     * @param code a two-level code, a bare type or a status number as text
     * @return the entries, in catalog order (never empty)
     * @throws ErrcatException {@code NOT_FOUND} when there is none, {@code INVALID_CODE} when malformed
     */
    public static List<Entry> find(String code) {
        return Native.entries(Native.call("find", code));
    }

    /**
     * The entries whose code, meaning, solution, message or description holds every word (English or Chinese).
     *
     * @param words the words, separated by spaces
     * @return the entries, in catalog order (possibly empty)
     * @throws ErrcatException {@code INVALID_ARGUMENT} for {@code null} or a string past the core's length limit
     */
    public static List<Entry> search(String words) {
        return Native.entries(Native.call("search", words));
    }

    /**
     * The blobstore entry for a status number at the newest CubeFS version. A number known only in older versions
     * is returned with {@link StatusMatch#isValid()} false, so a caller can say "552 = access limited, up to v3.5.0,
     * now 429".
     *
     * @param code the status number ({@code long} so that any number a caller holds can be checked)
     * @return the match
     * @throws ErrcatException {@code INVALID_CODE} outside 0..999, {@code NOT_FOUND} when no version defines it
     */
    public static StatusMatch status(long code) {
        StatusMatch m = code >= 0 && code < Answers.STATUSES.length ? Answers.STATUSES[(int) code] : null;
        return m != null ? m : Answers.statusByCore(code, null);
    }

    /**
     * The blobstore entry for a status number at a CubeFS version.
     *
     * @param code the status number
     * @param version a CubeFS version: {@code "v3.5.0"}, {@code "3.5.0"} or {@code "master"} (see
     *     {@link #versions()}); {@code null} or empty: the newest
     * @return the match
     * @throws ErrcatException as {@link #status(long)}, and {@code INVALID_ARGUMENT} for an unknown version
     */
    public static StatusMatch status(long code, String version) {
        return Answers.status(code, version);
    }

    /**
     * The service a status number belongs to at the newest version: by its entry, else by the service ranges.
     *
     * @param code the status number
     * @return the service
     * @throws ErrcatException {@code NOT_FOUND} when neither an entry nor a range says
     */
    public static Service serviceOf(long code) {
        return serviceOf(code, null);
    }

    /**
     * The service a status number belongs to at a CubeFS version.
     *
     * @param code the status number
     * @param version a CubeFS version ({@code null}: the newest)
     * @return the service
     * @throws ErrcatException as {@link #serviceOf(long)}, and {@code INVALID_ARGUMENT} for an unknown version
     */
    public static Service serviceOf(long code, String version) {
        return Service.values()[(int) Native.number(Native.call("service_of", code, version))];
    }

    /**
     * Parses a two-level code strictly: exactly one {@code .}, both parts PascalCase, the source a known one.
     *
     * @param text the code
     * @return the code
     * @throws ErrcatException {@code INVALID_CODE} naming the rule that failed; {@code INVALID_ARGUMENT} for
     *     {@code null}
     */
    public static Code parse(String text) {
        return Code.of(Native.call("parse", text));
    }

    /**
     * Composes {@code source.type}, checking the type as {@link #parse(String)} does.
     *
     * @param source the Level-1 source
     * @param type the Level-2 type, PascalCase
     * @return the code
     * @throws ErrcatException {@code INVALID_CODE} when the type is not PascalCase; {@code INVALID_ARGUMENT} for
     *     {@code null}
     */
    public static Code compose(Source source, String type) {
        return compose(source == null ? null : source.catalogName(), type);
    }

    /**
     * Composes {@code source.type} with the source given by name, as errcat reads names ({@code "arklet"} is
     * {@code Arklet}).
     *
     * @param source the Level-1 source's name
     * @param type the Level-2 type, PascalCase
     * @return the code
     * @throws ErrcatException {@code INVALID_ARGUMENT} for an unknown source, {@code INVALID_CODE} when the type is
     *     not PascalCase
     */
    public static Code compose(String source, String type) {
        return Code.of(Native.call("compose", source, type));
    }

    /**
     * The whole catalog: Koupleless entries first (table by table), then blobstore entries.
     *
     * @return every entry, in catalog order
     */
    public static List<Entry> entries() {
        return entries(EntryFilter.all());
    }

    /**
     * The entries that pass a filter, in catalog order.
     *
     * @param filter which entries ({@code null}: all)
     * @return the entries (possibly empty)
     * @throws ErrcatException {@code INVALID_ARGUMENT} for a name errcat does not know
     */
    public static List<Entry> entries(EntryFilter filter) {
        return Native.entries(Native.call("entries", (filter == null ? EntryFilter.all() : filter).args()));
    }

    /**
     * The CubeFS versions the catalog knows, oldest first ({@code "v3.2.0"} … {@code "master"}).
     *
     * @return the version tags
     */
    public static List<String> versions() {
        return EntryData.VERSIONS;
    }

    /**
     * The catalog exported as text.
     *
     * @param format {@code "json"} (the whole catalog, both languages, byte-identical in every errcat binding),
     *     {@code "md"} (the published tables) or {@code "csv"}; {@code null}: JSON
     * @param lang {@code "en"} or {@code "zh"} (or a locale tag such as {@code "zh-CN"}): the language of Markdown
     *     and CSV (JSON carries both); {@code null}: English
     * @return the export
     * @throws ErrcatException {@code INVALID_ARGUMENT} for an unknown format or language
     */
    public static String exportCatalog(String format, String lang) {
        return (String) Native.call("export", format, lang);
    }

    /**
     * Analyses blobstore audit logs with the default options; the files are read by the native library in one
     * call.
     *
     * @param paths files or directories ({@code "-"} reads standard input)
     * @return the report
     * @throws ErrcatException {@code IO} when a file cannot be read, {@code INVALID_ARGUMENT} for a {@code null} list
     *     or path
     */
    public static AuditReport analyzeAudit(List<Path> paths) {
        return analyzeAudit(paths, AuditOptions.defaults());
    }

    /**
     * Analyses blobstore audit logs.
     *
     * @param paths files or directories ({@code "-"} reads standard input); at most the core's limit (4096), an
     *     empty list is an empty report
     * @param options the CubeFS version that explains the codes, the API-label depth, the error codes
     *     ({@code null}: the defaults)
     * @return the report
     * @throws ErrcatException {@code IO} when a file cannot be read, {@code INVALID_ARGUMENT} for a bad option or
     *     path
     */
    public static AuditReport analyzeAudit(List<Path> paths, AuditOptions options) {
        Object[] names = null;
        if (paths != null) {
            names = new Object[paths.size()];
            int i = 0;
            for (Path path : paths) {
                names[i++] = path == null ? null : path.toString();
            }
        }
        return new AuditReport(Native.call("audit", names, (options == null ? AuditOptions.defaults() : options)
                .pairs()));
    }

    /**
     * Which two-level code a real Arklet or ModuleController answer means: a success, or the code with its catalog
     * entry, the rule that decided, the evidence and the catalog's retryability. The body is read exactly as
     * received: the body of Arklet's HTTP response, a {@code bizOperation} payload over MQTT, or the text of an error
     * ModuleController's own client returned ({@link ArkletCall#client()}).
     *
     * <pre>{@code
     * String body = "{\"code\":\"FAILED\",\"data\":{\"code\":\"REPEAT_BIZ\",\"message\":"
     *         + "\"Biz: demo:1.0.0 has been installed or registered.\"},\"message\":\"install biz not success!\"}";
     * ArkletClassification c = Errcat.classifyArklet(body, ArkletCall.http("installBiz"));
     * c.code().get().code();                 // "Arklet.InstallationRequirementNotMet"
     * c.rule();                              // "biz.repeat"
     * c.evidence().placeholder("bizName");   // Optional[demo]
     * }</pre>
     *
     * @param body the answer ({@code null} is {@code INVALID_ARGUMENT})
     * @param call the tunnel, command and HTTP status ({@code null}: {@link ArkletCall#unknown()})
     * @return the classification
     * @throws ErrcatException never a guess: {@code NOT_FOUND} for a well-formed answer no rule classifies (the
     *     message says what was seen, and which command would decide when none was given), {@code INVALID_ARGUMENT}
     *     for input that is not an answer errcat can read (over 16 MiB, not JSON, plain text no rule knows) or an
     *     unknown command, tunnel or HTTP status
     */
    public static ArkletClassification classifyArklet(String body, ArkletCall call) {
        return classify(body, call);
    }

    /**
     * {@link #classifyArklet(String, ArkletCall)} of an answer as bytes (UTF-8, as received: invalid UTF-8 is
     * {@code INVALID_ARGUMENT}).
     *
     * @param body the answer
     * @param call the tunnel, command and HTTP status ({@code null}: {@link ArkletCall#unknown()})
     * @return the classification
     * @throws ErrcatException as {@link #classifyArklet(String, ArkletCall)}
     */
    public static ArkletClassification classifyArklet(byte[] body, ArkletCall call) {
        return classify(body, call);
    }

    private static ArkletClassification classify(Object body, ArkletCall call) {
        Object answer = Native.call("classify_flat", (call == null ? ArkletCall.unknown() : call).args(body));
        return new ArkletClassification((Object[]) answer);
    }

    /**
     * The answer with the {@code errorCode} of its classification added after its last member, every other byte
     * kept (over MQTT: in {@code data.response}; an operation record: {@code data.errorCode}). ModuleController's
     * decoder ignores the new member, so the enriched answer can be passed on where the original went.
     *
     * @param body the answer
     * @param call the tunnel, command and HTTP status ({@code null}: {@link ArkletCall#unknown()})
     * @return the enriched answer
     * @throws ErrcatException as {@link #classifyArklet(String, ArkletCall)}, when the answer cannot be classified
     */
    public static String enrichArklet(String body, ArkletCall call) {
        return (String) Native.call("enrich", (call == null ? ArkletCall.unknown() : call).args(body));
    }

    /**
     * {@link #enrichArklet(String, ArkletCall)} of an answer as bytes.
     *
     * @param body the answer, UTF-8
     * @param call the tunnel, command and HTTP status ({@code null}: {@link ArkletCall#unknown()})
     * @return the enriched answer, UTF-8
     * @throws ErrcatException as {@link #classifyArklet(String, ArkletCall)}
     */
    public static byte[] enrichArklet(byte[] body, ArkletCall call) {
        String enriched = (String) Native.call("enrich", (call == null ? ArkletCall.unknown() : call).args(body));
        return enriched.getBytes(StandardCharsets.UTF_8);
    }
}
