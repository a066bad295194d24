package io.errcat;

/**
 * A Level-1 error source: the first part of a two-level code ({@code Arklet} in {@code Arklet.InstallBizFailed}).
 *
 * <p>{@link #toString()} and {@link #catalogName()} give the catalog spelling; {@link #fromName(String)} reads it.
 */
public enum Source implements Named {
    /** Errors caused by the user. */
    USER("User"),
    /** Arklet itself. */
    ARKLET("Arklet"),
    /** ModuleController. */
    MODULE_CONTROLLER("ModuleController"),
    /** KouplelessBoard (the dashboard). */
    KOUPLELESS_BOARD("KouplelessBoard"),
    /** An unknown upstream component. */
    OTHER_UPSTREAM("OtherUpstream"),
    /** An unknown downstream component. */
    OTHER_DOWNSTREAM("OtherDownstream"),
    /** The Kubernetes API server (used, never declared in a Level-1 table). */
    KUBE_API_SERVER("KubeAPIServer");

    private final String catalogName;

    Source(String catalogName) {
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
    public static Source fromName(String name) {
        return Named.byName(values(), name, "source");
    }

    /** The catalog spelling. */
    @Override
    public String toString() {
        return catalogName;
    }
}
