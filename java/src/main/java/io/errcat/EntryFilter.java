package io.errcat;

/**
 * Which entries {@link Errcat#entries(EntryFilter)} returns. Immutable: each {@code with…} method returns a new
 * filter. Every field narrows; a reporter implies the Koupleless system, a service or a version the blobstore.
 *
 * <pre>{@code
 * Errcat.entries(EntryFilter.all().withService(Service.SHARD_NODE).withVersion("master"));
 * }</pre>
 */
public final class EntryFilter {
    private static final EntryFilter ALL = new EntryFilter(null, null, null, null);

    private final CodeSystem system;
    private final Reporter reporter;
    private final Service service;
    private final String version;

    private EntryFilter(CodeSystem system, Reporter reporter, Service service, String version) {
        this.system = system;
        this.reporter = reporter;
        this.service = service;
        this.version = version;
    }

    /** The filter that passes every entry. */
    public static EntryFilter all() {
        return ALL;
    }

    /**
     * Only entries of one system.
     *
     * @param system the system, or null for any
     * @return the new filter
     */
    public EntryFilter withSystem(CodeSystem system) {
        return new EntryFilter(system, reporter, service, version);
    }

    /**
     * Only Koupleless entries of one reporter's table.
     *
     * @param reporter the reporter, or null for any
     * @return the new filter
     */
    public EntryFilter withReporter(Reporter reporter) {
        return new EntryFilter(system, reporter, service, version);
    }

    /**
     * Only blobstore entries of one service.
     *
     * @param service the service, or null for any
     * @return the new filter
     */
    public EntryFilter withService(Service service) {
        return new EntryFilter(system, reporter, service, version);
    }

    /**
     * Only blobstore entries valid at one CubeFS version.
     *
     * @param version the version ({@code "v3.5.0"}, {@code "master"}), or null for any
     * @return the new filter
     */
    public EntryFilter withVersion(String version) {
        return new EntryFilter(system, reporter, service, version);
    }

    /** The system, or null. */
    public CodeSystem system() {
        return system;
    }

    /** The reporter, or null. */
    public Reporter reporter() {
        return reporter;
    }

    /** The service, or null. */
    public Service service() {
        return service;
    }

    /** The version, or null. */
    public String version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EntryFilter)) {
            return false;
        }
        EntryFilter f = (EntryFilter) o;
        return system == f.system && reporter == f.reporter && service == f.service
                && java.util.Objects.equals(version, f.version);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(system, reporter, service, version);
    }

    @Override
    public String toString() {
        return "EntryFilter{system=" + system + ", reporter=" + reporter + ", service=" + service + ", version="
                + version + "}";
    }
}
