package io.errcat;

/**
 * What went wrong: the same kinds in every errcat language binding.
 *
 * <p>{@link #toString()} and {@link #catalogName()} give the catalog spelling; {@link #fromName(String)} reads it.
 */
public enum ErrorKind implements Named {
    /** No entry for the code; {@link ErrcatException#suggestions()} holds close matches. */
    NOT_FOUND("NotFound"),
    /** Several entries match and nothing chooses; {@link ErrcatException#candidates()} names them. */
    AMBIGUOUS("Ambiguous"),
    /** The text is not a well-formed code ({@code Source.Type}, PascalCase, known source) or number. */
    INVALID_CODE("InvalidCode"),
    /** An argument other than the code is wrong (unknown version, format, bad text). */
    INVALID_ARGUMENT("InvalidArgument"),
    /** Reading input failed. */
    IO("Io"),
    /** A bug in errcat (a panic caught at the language boundary). */
    INTERNAL("Internal");

    private final String catalogName;

    ErrorKind(String catalogName) {
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
    public static ErrorKind fromName(String name) {
        return Named.byName(values(), name, "error kind");
    }

    /** The catalog spelling. */
    @Override
    public String toString() {
        return catalogName;
    }
}
