package io.errcat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link Errcat#analyzeAudit(java.util.List, AuditOptions)} reads the logs. Immutable: each {@code with…}
 * method returns new options. Options not set are the core's defaults (the newest version, the blobstore's default
 * API-label depth, the blobstore's error codes).
 *
 * <p>The options reach the native library as {@code [name, value]} pairs and the core judges each value (an
 * unknown version, a depth outside 0..64, a bad error-code spec are {@code INVALID_ARGUMENT} when the analysis
 * runs), so every errcat language accepts the same values. A {@code null} value means "not set".
 */
public final class AuditOptions {
    private static final AuditOptions DEFAULTS = new AuditOptions(new LinkedHashMap<String, Object>());

    private final Map<String, Object> options;

    private AuditOptions(Map<String, Object> options) {
        this.options = options;
    }

    /** The core's defaults. */
    public static AuditOptions defaults() {
        return DEFAULTS;
    }

    /** These options with the core's option {@code name} set to {@code value} ({@code null}: not set). */
    private AuditOptions with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(options);
        copy.put(name, value);
        return new AuditOptions(copy);
    }

    /**
     * The CubeFS version whose catalog explains the codes.
     *
     * @param version a version ({@code "v3.5.0"}, {@code "3.5.0"}, {@code "master"}); {@code null}: the newest
     * @return the new options
     */
    public AuditOptions withVersion(String version) {
        return with("version", version);
    }

    /**
     * How many segments of the {@code api} label to keep, like the blobstore's {@code max_api_level}.
     *
     * @param maxApiLevel the depth, 0..64 (the core refuses any other when the analysis runs)
     * @return the new options
     */
    public AuditOptions withMaxApiLevel(int maxApiLevel) {
        return with("max_api_level", maxApiLevel);
    }

    /**
     * Which status codes count as errors: an error-code spec such as {@code "sla"} or {@code "5xx,!596"}.
     *
     * @param errors the spec; {@code null}: the default
     * @return the new options
     */
    public AuditOptions withErrors(String errors) {
        return with("errors", errors);
    }

    /** The version, or null for the newest. */
    public String version() {
        return (String) options.get("version");
    }

    /** The API-label depth, or -1 for the core's default. */
    public int maxApiLevel() {
        Object level = options.get("max_api_level");
        return level == null ? -1 : (Integer) level;
    }

    /** The error-code spec, or null for the default. */
    public String errors() {
        return (String) options.get("errors");
    }

    /** The options as the native library takes them: {@code [name, value]} pairs. */
    Object[] pairs() {
        List<Object> pairs = new ArrayList<>();
        for (Map.Entry<String, Object> option : options.entrySet()) {
            pairs.add(new Object[] {option.getKey(), option.getValue()});
        }
        return pairs.toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditOptions && ((AuditOptions) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        return "AuditOptions" + options;
    }
}
