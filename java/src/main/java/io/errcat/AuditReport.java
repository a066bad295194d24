package io.errcat;

/**
 * The analysis of blobstore audit logs. Immutable. Its full content is {@link #toJson()} (counts per service, API
 * and code, error share, latency percentiles, unknown codes; schema in the errcat README), produced by the native
 * library in one call; the line counters are also here as numbers.
 */
public final class AuditReport {
    private final String json;
    private final long lines;
    private final long malformed;

    /** Built by the native library. */
    AuditReport(String json, long lines, long malformed) {
        this.json = json;
        this.lines = lines;
        this.malformed = malformed;
    }

    /** The full report as JSON. */
    public String toJson() {
        return json;
    }

    /** Lines read (counted lines plus malformed ones). */
    public long lines() {
        return lines;
    }

    /** Malformed lines. */
    public long malformed() {
        return malformed;
    }

    /** The JSON report. */
    @Override
    public String toString() {
        return json;
    }
}
