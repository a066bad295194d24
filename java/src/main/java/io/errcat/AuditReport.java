package io.errcat;

/**
 * The analysis of blobstore audit logs. Immutable. Its full content is {@link #toJson()} (counts per service, API
 * and code, error share, latency percentiles, unknown codes; schema {@code errcat.audit/1} in the errcat README),
 * produced by the native library in one call; the line counters are also here as numbers.
 */
public final class AuditReport {
    private final String json;
    private final long lines;
    private final long malformed;

    /** From the {@code audit} answer, {@code [lines, malformed, report JSON]}. */
    AuditReport(Object answer) {
        Object[] parts = (Object[]) answer;
        this.lines = Native.number(parts[0]);
        this.malformed = Native.number(parts[1]);
        this.json = (String) parts[2];
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
