package io.errcat;

import java.util.Objects;

/**
 * Which entries {@link Errcat#entries(EntryFilter)} returns. Immutable: each {@code with…} method returns a new
 * filter. Every field narrows; a reporter implies the Koupleless system, a service or a version the blobstore.
 *
 * <p>Each field is a name the core reads (an enum's name, or any spelling errcat accepts, such as {@code "BLOBNODE"}
 * or {@code "3.5.0"}); {@code null} or an empty name means "any". An unknown name is {@code INVALID_ARGUMENT} when
 * the filter is used.
 *
 * <pre>{@code
 * Errcat.entries(EntryFilter.all().withService(Service.SHARD_NODE).withVersion("master"));
 * Errcat.entries(EntryFilter.all().withService("BLOBNODE"));
 * }</pre>
 */
public final class EntryFilter {
    private static final EntryFilter ALL = new EntryFilter(null, null, null, null);

    private final String system;
    private final String reporter;
    private final String service;
    private final String version;

    private EntryFilter(String system, String reporter, String service, String version) {
        this.system = system;
        this.reporter = reporter;
        this.service = service;
        this.version = version;
    }

    private static String name(Named value) {
        return value == null ? null : value.catalogName();
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
        return withSystem(name(system));
    }

    /**
     * Only entries of one system, by name ({@code "koupleless"}, {@code "BLOBSTORE"}).
     *
     * @param system the name, or null for any
     * @return the new filter
     */
    public EntryFilter withSystem(String system) {
        return new EntryFilter(system, reporter, service, version);
    }

    /**
     * Only Koupleless entries of one reporter's table.
     *
     * @param reporter the reporter, or null for any
     * @return the new filter
     */
    public EntryFilter withReporter(Reporter reporter) {
        return withReporter(name(reporter));
    }

    /**
     * Only Koupleless entries of one reporter's table, by name ({@code "Arklet"}, {@code "arklet"}).
     *
     * @param reporter the name, or null for any
     * @return the new filter
     */
    public EntryFilter withReporter(String reporter) {
        return new EntryFilter(system, reporter, service, version);
    }

    /**
     * Only blobstore entries of one service.
     *
     * @param service the service, or null for any
     * @return the new filter
     */
    public EntryFilter withService(Service service) {
        return withService(name(service));
    }

    /**
     * Only blobstore entries of one service, by name ({@code "BlobNode"}, or the audit log's {@code "BLOBNODE"}).
     *
     * @param service the name, or null for any
     * @return the new filter
     */
    public EntryFilter withService(String service) {
        return new EntryFilter(system, reporter, service, version);
    }

    /**
     * Only blobstore entries valid at one CubeFS version.
     *
     * @param version the version ({@code "v3.5.0"}, {@code "3.5.0"}, {@code "master"}), or null for any
     * @return the new filter
     */
    public EntryFilter withVersion(String version) {
        return new EntryFilter(system, reporter, service, version);
    }

    /** The system, or null; a name errcat does not know is {@code INVALID_ARGUMENT}. */
    public CodeSystem system() {
        return system == null ? null : CodeSystem.fromName(system);
    }

    /** The reporter, or null; a name errcat does not know is {@code INVALID_ARGUMENT}. */
    public Reporter reporter() {
        return reporter == null ? null : Reporter.fromName(reporter);
    }

    /** The service, or null; a name errcat does not know is {@code INVALID_ARGUMENT}. */
    public Service service() {
        return service == null ? null : Service.fromName(service);
    }

    /** The version as given, or null. */
    public String version() {
        return version;
    }

    /** The filter as the {@code entries} operation takes it. */
    Object[] args() {
        return new Object[] {system, reporter, service, version};
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EntryFilter)) {
            return false;
        }
        EntryFilter f = (EntryFilter) o;
        return Objects.equals(system, f.system) && Objects.equals(reporter, f.reporter)
                && Objects.equals(service, f.service) && Objects.equals(version, f.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, reporter, service, version);
    }

    @Override
    public String toString() {
        return "EntryFilter{system=" + system + ", reporter=" + reporter + ", service=" + service + ", version="
                + version + "}";
    }
}
