package io.errcat;

/**
 * The two code systems the catalog holds.
 *
 * <p>{@link #toString()} and {@link #catalogName()} give the catalog spelling; {@link #fromName(String)} reads it.
 */
public enum CodeSystem implements Named {
    /** Koupleless two-level codes ({@link KouplelessEntry}). */
    KOUPLELESS("koupleless"),
    /** CubeFS blobstore status codes ({@link StatusEntry}). */
    BLOBSTORE("blobstore");

    private final String catalogName;

    CodeSystem(String catalogName) {
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
    public static CodeSystem fromName(String name) {
        return Named.byName(values(), name, "system");
    }

    /** The catalog spelling. */
    @Override
    public String toString() {
        return catalogName;
    }
}
