package io.errcat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The errcat operations: resolve Koupleless codes and blobstore status numbers, list and export the catalog, and
 * analyse blobstore audit logs.
 *
 * <pre>{@code
 * Resolved r = Errcat.lookup("Arklet.InstallBizFailed");
 * r.entry().meaning(Lang.ZH);          // "模块安装时，新模块安装失败"
 * StatusMatch m = Errcat.status(552, "v3.5.0");
 * m.entry().retry();                   // RetryClass.OVERLOAD
 * }</pre>
 *
 * <p>All methods are thread-safe. Failures are {@link ErrcatException}s carrying an {@link ErrorKind}; a {@code null}
 * argument is a {@link NullPointerException} naming the parameter. Successful lookups and status matches are cached,
 * so repeating a call costs a hash-map access and returns the same object.
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
     *     is unknown, {@code AMBIGUOUS} (with candidates) when several tables hold it and nothing chooses
     */
    public static Resolved lookup(String code) {
        Objects.requireNonNull(code, "code");
        return lookupCached(code, null);
    }

    /**
     * Resolves a two-level code inside one reporter's table.
     *
     * @param code the code, {@code Source.Type}
     * @param reporter the table to look in
     * @return the resolution
     * @throws ErrcatException as {@link #lookup(String)}, and {@code NOT_FOUND} when the type is in other tables only
     */
    public static Resolved lookup(String code, Reporter reporter) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reporter, "reporter");
        return lookupCached(code, reporter);
    }

    private static Resolved lookupCached(String code, Reporter reporter) {
        Resolved hit = ResultCache.lookup(code, reporter);
        return hit != null ? hit : ResultCache.putLookup(code, reporter, Native.lookup(code, reporter));
    }

    /**
     * Every entry a code could mean: for a two-level code the entries of its type in every table, for a number
     * ({@code "552"}) the blobstore entries with that number in every version.
     *
     * @param code a two-level code or a status number as text
     * @return the entries, in catalog order (never empty)
     * @throws ErrcatException {@code NOT_FOUND} when there is none, {@code INVALID_CODE} when malformed
     */
    public static List<Entry> find(String code) {
        Objects.requireNonNull(code, "code");
        return EntryCache.list(Native.find(code));
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
        StatusMatch hit = ResultCache.status(code, null);
        return hit != null ? hit : ResultCache.putStatus(code, null, Native.status(code, null));
    }

    /**
     * The blobstore entry for a status number at a CubeFS version.
     *
     * @param code the status number
     * @param version a CubeFS version: {@code "v3.5.0"}, {@code "3.5.0"} or {@code "master"} (see {@link #versions()})
     * @return the match
     * @throws ErrcatException as {@link #status(long)}, and {@code INVALID_ARGUMENT} for an unknown version
     */
    public static StatusMatch status(long code, String version) {
        Objects.requireNonNull(version, "version");
        StatusMatch hit = ResultCache.status(code, version);
        return hit != null ? hit : ResultCache.putStatus(code, version, Native.status(code, version));
    }

    /**
     * The service a status number belongs to at the newest version: by its entry, else by the service ranges.
     *
     * @param code the status number
     * @return the service
     * @throws ErrcatException {@code NOT_FOUND} when neither an entry nor a range says
     */
    public static Service serviceOf(long code) {
        return Native.serviceOf(code, null);
    }

    /**
     * The service a status number belongs to at a CubeFS version.
     *
     * @param code the status number
     * @param version a CubeFS version
     * @return the service
     * @throws ErrcatException as {@link #serviceOf(long)}, and {@code INVALID_ARGUMENT} for an unknown version
     */
    public static Service serviceOf(long code, String version) {
        Objects.requireNonNull(version, "version");
        return Native.serviceOf(code, version);
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
     * @param filter which entries
     * @return the entries (possibly empty)
     * @throws ErrcatException {@code INVALID_ARGUMENT} for an unknown version
     */
    public static List<Entry> entries(EntryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return EntryCache.list(Native.entries(filter));
    }

    /**
     * The CubeFS versions the catalog knows, oldest first ({@code "v3.2.0"} … {@code "master"}).
     *
     * @return the version tags
     */
    public static List<String> versions() {
        return Native.versions();
    }

    /**
     * The catalog exported as text.
     *
     * @param format {@code "json"} (the whole catalog, both languages, byte-identical in every errcat binding),
     *     {@code "md"} (the published tables) or {@code "csv"}
     * @param lang {@code "en"} or {@code "zh"}: the language of Markdown and CSV (JSON carries both)
     * @return the export
     * @throws ErrcatException {@code INVALID_ARGUMENT} for an unknown format or language
     */
    public static String exportCatalog(String format, String lang) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(lang, "lang");
        return Native.export(format, lang);
    }

    /**
     * Analyses blobstore audit logs with the default options; the files are read by the native library in one
     * call.
     *
     * @param paths files or directories ({@code "-"} reads standard input)
     * @return the report
     * @throws ErrcatException {@code IO} when a file cannot be read
     */
    public static AuditReport analyzeAudit(List<Path> paths) {
        return analyzeAudit(paths, AuditOptions.defaults());
    }

    /**
     * Analyses blobstore audit logs.
     *
     * @param paths files or directories ({@code "-"} reads standard input)
     * @param options the CubeFS version that explains the codes, the API-label depth
     * @return the report
     * @throws ErrcatException {@code IO} when a file cannot be read, {@code INVALID_ARGUMENT} for an unknown version
     */
    public static AuditReport analyzeAudit(List<Path> paths, AuditOptions options) {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(options, "options");
        List<String> names = new ArrayList<>(paths.size());
        for (Path path : paths) {
            names.add(Objects.requireNonNull(path, "paths element").toString());
        }
        return Native.analyzeAudit(names.toArray(new String[0]), options);
    }
}
