package io.errcat;

/**
 * A reporting component: the published table a Koupleless code belongs to.
 *
 * <p>{@link #toString()} and {@link #catalogName()} give the catalog spelling; {@link #fromName(String)} reads it.
 */
public enum Reporter implements Named {
    /** The table "Arklet Error Codes". */
    ARKLET("Arklet"),
    /** The table "ModuleController Error Codes". */
    MODULE_CONTROLLER("ModuleController"),
    /** The table "DashBoard Error Codes". */
    KOUPLELESS_BOARD("KouplelessBoard");

    private final String catalogName;

    Reporter(String catalogName) {
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
    public static Reporter fromName(String name) {
        return Named.byName(values(), name, "reporter");
    }

    /** The catalog spelling. */
    @Override
    public String toString() {
        return catalogName;
    }
}
