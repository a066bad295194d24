package io.errcat;

/** An enum mirrored from the catalog, with its name as spelled in codes and in the catalog. */
interface Named {
    /** The catalog spelling ({@code "ModuleController"}). */
    String catalogName();

    /**
     * The value of {@code values} spelled {@code name} exactly, or {@code INVALID_ARGUMENT}; for the names written in
     * configuration and in test vectors.
     */
    static <E extends Named> E byName(E[] values, String name, String what) {
        java.util.Objects.requireNonNull(name, "name");
        StringBuilder known = new StringBuilder();
        for (E value : values) {
            if (value.catalogName().equals(name)) {
                return value;
            }
            known.append(known.length() == 0 ? "" : ", ").append(value.catalogName());
        }
        throw new ErrcatException(ErrorKind.INVALID_ARGUMENT,
                "unknown " + what + " \"" + name + "\" (one of " + known + ")");
    }
}
