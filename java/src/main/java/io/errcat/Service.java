package io.errcat;

/**
 * A CubeFS blobstore service, owner of a range of status numbers.
 *
 * <p>{@link #toString()} and {@link #catalogName()} give the catalog spelling; {@link #fromName(String)} reads it.
 */
public enum Service implements Named {
    /** Access. */
    ACCESS("Access"),
    /** BlobNode. */
    BLOB_NODE("BlobNode"),
    /** Scheduler. */
    SCHEDULER("Scheduler"),
    /** Proxy. */
    PROXY("Proxy"),
    /** ShardNode. */
    SHARD_NODE("ShardNode"),
    /** Clustermgr. */
    CLUSTERMGR("Clustermgr"),
    /** Generic codes shared by the services, defined by no single one. */
    GENERIC("Generic");

    private final String catalogName;

    Service(String catalogName) {
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
    public static Service fromName(String name) {
        return Named.byName(values(), name, "service");
    }

    /** The catalog spelling. */
    @Override
    public String toString() {
        return catalogName;
    }
}
