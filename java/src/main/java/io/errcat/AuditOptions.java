package io.errcat;

/**
 * How {@link Errcat#analyzeAudit(java.util.List, AuditOptions)} reads the logs. Immutable; unset values are the
 * core's defaults (the newest version, the blobstore's default API-label depth).
 */
public final class AuditOptions {
    private static final AuditOptions DEFAULTS = new AuditOptions(null, -1);

    private final String version;
    private final int maxApiLevel;

    private AuditOptions(String version, int maxApiLevel) {
        this.version = version;
        this.maxApiLevel = maxApiLevel;
    }

    /** The core's defaults. */
    public static AuditOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The CubeFS version whose catalog explains the codes.
     *
     * @param version a version ({@code "v3.5.0"}, {@code "master"})
     * @return the new options
     */
    public AuditOptions withVersion(String version) {
        return new AuditOptions(java.util.Objects.requireNonNull(version, "version"), maxApiLevel);
    }

    /**
     * How many segments of the {@code api} label to keep, like the blobstore's {@code max_api_level}.
     *
     * @param maxApiLevel the depth, at least 0
     * @return the new options
     */
    public AuditOptions withMaxApiLevel(int maxApiLevel) {
        if (maxApiLevel < 0) {
            throw new IllegalArgumentException("maxApiLevel must be >= 0, got " + maxApiLevel);
        }
        return new AuditOptions(version, maxApiLevel);
    }

    /** The version, or null for the newest. */
    public String version() {
        return version;
    }

    /** The API-label depth, or -1 for the core's default. */
    public int maxApiLevel() {
        return maxApiLevel;
    }
}
