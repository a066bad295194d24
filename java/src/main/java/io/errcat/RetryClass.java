package io.errcat;

/**
 * How a client should treat a blobstore status code.
 *
 * <p>{@link #toString()} and {@link #catalogName()} give the catalog spelling; {@link #fromName(String)} reads it.
 */
public enum RetryClass implements Named {
    /** Deterministic: the same request gets the same answer. */
    NEVER("never"),
    /** May succeed when retried. */
    TRANSIENT("transient"),
    /** The service shed load: retry after a backoff. */
    OVERLOAD("overload"),
    /** Not a failure (700 "nothing to do"). */
    IGNORE("ignore");

    private final String catalogName;

    RetryClass(String catalogName) {
        this.catalogName = catalogName;
    }

    /** The name as spelled in the catalog. */
    @Override
    public String catalogName() {
        return catalogName;
    }

    /**
     * The value spelled {@code name} exactly as in the catalog.
     *
     * @param name the catalog spelling
     * @return the value
     * @throws ErrcatException {@code INVALID_ARGUMENT} for any other name
     */
    public static RetryClass fromName(String name) {
        return Named.byName(values(), name, "retry class");
    }

    /** The catalog spelling. */
    @Override
    public String toString() {
        return catalogName;
    }
}
