package io.errcat;

import java.util.Objects;
import java.util.Optional;

/**
 * A two-level code resolved to its catalog entry (the result of {@link Errcat#lookup(String)}). Immutable; there is
 * one object per answer (entry, source, spelling), so a repeated lookup returns the same instance.
 *
 * <p>The source is the one given in the code: a source outside the entry's catalogued ones is a valid dynamic
 * combination ({@code User.PullBizError}), see {@link #isDynamic()}.
 */
public final class Resolved {
    private final int id;
    private final KouplelessEntry entry;
    private final Source source;
    private final String alias;
    private final String code;
    private final boolean dynamic;

    /** Built by {@link Answers} from a row of the answer table. */
    Resolved(int id, KouplelessEntry entry, Source source, String alias, String code, boolean dynamic) {
        this.id = id;
        this.entry = entry;
        this.source = source;
        this.alias = alias;
        this.code = code;
        this.dynamic = dynamic;
    }

    /** The answer id the native library knows this by. */
    int id() {
        return id;
    }

    /** The code with the canonical type spelling: {@code Source.Type}. */
    public String code() {
        return code;
    }

    /** The source given in the code. */
    public Source source() {
        return source;
    }

    /** The entry. */
    public KouplelessEntry entry() {
        return entry;
    }

    /** The reporter whose table holds the entry. */
    public Reporter reporter() {
        return entry.reporter();
    }

    /** The alias spelling the code used ({@code ResourceConstrained}), when it was not the canonical type. */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    /** Whether the source is outside the entry's catalogued sources. */
    public boolean isDynamic() {
        return dynamic;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Resolved)) {
            return false;
        }
        Resolved r = (Resolved) o;
        return entry == r.entry && source == r.source && Objects.equals(alias, r.alias);
    }

    @Override
    public int hashCode() {
        return id;
    }

    /** The code, {@code Source.Type}. */
    @Override
    public String toString() {
        return code;
    }
}
