package io.errcat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Successful lookups and status matches, kept as the native library returned them: the catalog is compiled into
 * the library and never changes, so a result once returned is the answer for good, and repeating a call costs a
 * hash-map access instead of a JNI crossing. No logic here: a miss asks the library.
 *
 * <p>The caches are bounded by the catalog: only successful results are kept, and a lookup succeeds only for a
 * known source with a catalogued type or alias (a few hundred strings per reporter table); status matches are kept
 * per number (0..999) and per version, only for versions spelled as the library names them.
 */
final class ResultCache {
    /** Status numbers the core accepts are 0..999; outside, nothing is cached (the call fails anyway). */
    private static final int STATUS_SLOTS = 1000;

    private static final Snapshot LOOKUPS = new Snapshot();
    private static final Map<Reporter, Snapshot> LOOKUPS_IN = new EnumMap<>(Reporter.class);
    private static final AtomicReferenceArray<StatusMatch> STATUS_NEWEST = new AtomicReferenceArray<>(STATUS_SLOTS);
    private static final ConcurrentHashMap<String, AtomicReferenceArray<StatusMatch>> STATUS_AT =
            new ConcurrentHashMap<>();

    static {
        for (Reporter reporter : Reporter.values()) {
            LOOKUPS_IN.put(reporter, new Snapshot());
        }
    }

    private ResultCache() {}

    /**
     * Copy-on-write: readers get a plain {@link HashMap} (as fast as the baseline a caller would write), writers
     * copy it. Writes are rare and bounded (one per distinct successful lookup), so copying is cheap overall.
     */
    private static final class Snapshot {
        private volatile HashMap<String, Resolved> map = new HashMap<>();

        Resolved get(String code) {
            return map.get(code);
        }

        synchronized Resolved put(String code, Resolved resolved) {
            Resolved first = map.get(code);
            if (first != null) {
                return first;
            }
            HashMap<String, Resolved> copy = new HashMap<>(map);
            copy.put(code, resolved);
            map = copy;
            return resolved;
        }
    }

    private static Snapshot lookups(Reporter reporter) {
        return reporter == null ? LOOKUPS : LOOKUPS_IN.get(reporter);
    }

    static Resolved lookup(String code, Reporter reporter) {
        return lookups(reporter).get(code);
    }

    static Resolved putLookup(String code, Reporter reporter, Resolved resolved) {
        return lookups(reporter).put(code, resolved);
    }

    static StatusMatch status(long code, String version) {
        if (code < 0 || code >= STATUS_SLOTS) {
            return null;
        }
        AtomicReferenceArray<StatusMatch> slots = version == null ? STATUS_NEWEST : STATUS_AT.get(version);
        return slots == null ? null : slots.get((int) code);
    }

    static StatusMatch putStatus(long code, String version, StatusMatch match) {
        if (code < 0 || code >= STATUS_SLOTS) {
            return match;
        }
        AtomicReferenceArray<StatusMatch> slots;
        if (version == null) {
            slots = STATUS_NEWEST;
        } else if (version.equals(match.version())) {
            slots = STATUS_AT.computeIfAbsent(version, v -> new AtomicReferenceArray<StatusMatch>(STATUS_SLOTS));
        } else {
            return match; // "3.5.0" or " v3.5.0 ": valid spellings, but an open-ended set; not cached
        }
        slots.compareAndSet((int) code, null, match);
        return slots.get((int) code);
    }
}
