package io.errcat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A CubeFS blobstore status code entry: one (number, Go const, message) as defined in a range of CubeFS versions.
 * Immutable; one instance per entry.
 */
public final class StatusEntry implements Entry {
    private final int id;
    private final String key;
    private final int number;
    private final Service service;
    private final String message;
    private final Text description;
    private final boolean documented;
    private final String goFile;
    private final String goConst;
    private final String goErr;
    private final List<String> versions;
    private final int renumberedTo;
    private final int renumberedFrom;
    private final RetryClass retry;
    private final boolean retryable;
    private final String meaningEn;
    private final String meaningZh;
    private final List<String> notes;
    private volatile String json;

    /** Built by the native library (bindings/jni/src/objects.rs), once per entry; -1 = no renumbering. */
    StatusEntry(int id, String key, int number, int service, String message, Text description, boolean documented,
            String goFile, String goConst, String goErr, String[] versions, int renumberedTo, int renumberedFrom,
            int retry, boolean retryable, String meaningEn, String meaningZh, String[] notes) {
        this.id = id;
        this.key = key;
        this.number = number;
        this.service = Service.values()[service];
        this.message = message;
        this.description = description;
        this.documented = documented;
        this.goFile = goFile;
        this.goConst = goConst;
        this.goErr = goErr;
        this.versions = Lists.of(versions);
        this.renumberedTo = renumberedTo;
        this.renumberedFrom = renumberedFrom;
        this.retry = RetryClass.values()[retry];
        this.retryable = retryable;
        this.meaningEn = meaningEn;
        this.meaningZh = meaningZh;
        this.notes = Lists.of(notes);
    }

    @Override
    public CodeSystem system() {
        return CodeSystem.BLOBSTORE;
    }

    /** {@code number/GoConst}, e.g. {@code 552/CodeAccessLimited} ({@code 499/} where there is no const). */
    @Override
    public String key() {
        return key;
    }

    /** The number as text, {@code "552"}. */
    @Override
    public String code() {
        return Integer.toString(number);
    }

    /** The number, written as the HTTP status. */
    public int number() {
        return number;
    }

    /** The service that defines it. */
    public Service service() {
        return service;
    }

    /** The exact Go error message ({@code {"error": message}}); empty where Go has none (829). */
    public String message() {
        return message;
    }

    /** The published description, where the docs have one. */
    public Optional<Text> description() {
        return Optional.ofNullable(description);
    }

    /** Whether the published status-code doc lists it. */
    public boolean documented() {
        return documented;
    }

    /** The Go source file, {@code blobstore/common/errors/<goFile>.go}. */
    public String goFile() {
        return goFile;
    }

    /** The Go const ({@code CodeAccessLimited}). */
    public String goConst() {
        return goConst;
    }

    /** The Go error variable ({@code ErrAccessLimited}); empty where there is none. */
    public String goErr() {
        return goErr;
    }

    /** The CubeFS versions in which this exact entry is defined, oldest first. */
    public List<String> versions() {
        return versions;
    }

    /** The number it was moved to in a later version (552 → 429). */
    public OptionalInt renumberedTo() {
        return renumberedTo < 0 ? OptionalInt.empty() : OptionalInt.of(renumberedTo);
    }

    /** The number it had in an earlier version (429 ← 552). */
    public OptionalInt renumberedFrom() {
        return renumberedFrom < 0 ? OptionalInt.empty() : OptionalInt.of(renumberedFrom);
    }

    /** How a client should treat it. */
    public RetryClass retry() {
        return retry;
    }

    /** Whether a client should retry (transient or overload). */
    @Override
    public boolean retryable() {
        return retryable;
    }

    /** The description in English, else the Go message. */
    @Override
    public String meaning() {
        return meaningEn;
    }

    /** The description in a language (Chinese falls back to English), else the Go message. */
    @Override
    public String meaning(Lang lang) {
        return java.util.Objects.requireNonNull(lang, "lang") == Lang.ZH ? meaningZh : meaningEn;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toJson() {
        String text = json;
        if (text == null) {
            text = Native.entryJson(id);
            json = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusEntry && ((StatusEntry) o).id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    /** {@code 552/CodeAccessLimited: access limited}. */
    @Override
    public String toString() {
        return key + ": " + meaningEn;
    }
}
