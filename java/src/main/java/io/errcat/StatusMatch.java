package io.errcat;

/**
 * A blobstore status number resolved at a CubeFS version (the result of {@link Errcat#status(long)}). Immutable;
 * there is one object per answer (entry, version), so a repeated call returns the same instance.
 *
 * <p>A number defined only in other versions is still returned, with {@link #isValid()} false and the entry nearest
 * in time, so a caller can say "552 = access limited, v3.2.0..v3.5.0, now 429".
 */
public final class StatusMatch {
    private final int id;
    private final StatusEntry entry;
    private final String version;
    private final boolean valid;

    /** Built by {@link Answers} from a row of the answer table. */
    StatusMatch(int id, StatusEntry entry, String version, boolean valid) {
        this.id = id;
        this.entry = entry;
        this.version = version;
        this.valid = valid;
    }

    /** The answer id the native library knows this by. */
    int id() {
        return id;
    }

    /** The entry. */
    public StatusEntry entry() {
        return entry;
    }

    /** The version asked about, as the catalog names it ({@code "master"}, {@code "v3.5.0"}). */
    public String version() {
        return version;
    }

    /** Whether the entry is defined at {@link #version()}. */
    public boolean isValid() {
        return valid;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StatusMatch)) {
            return false;
        }
        StatusMatch m = (StatusMatch) o;
        return entry == m.entry && version.equals(m.version) && valid == m.valid;
    }

    @Override
    public int hashCode() {
        return id;
    }

    /** {@code 651 at master}, or {@code 552 at master (not valid there)}. */
    @Override
    public String toString() {
        return entry.number() + " at " + version + (valid ? "" : " (not valid there)");
    }
}
