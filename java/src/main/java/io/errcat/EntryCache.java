package io.errcat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One Java object per catalog entry, indexed by the core's entry id: an entry crosses JNI once per JVM.
 * Concurrent first uses may build the same entry twice; the first one stored wins and is the one everybody sees.
 */
final class EntryCache {
    private static volatile AtomicReferenceArray<Entry> entries;

    private EntryCache() {}

    static Entry get(int id) {
        AtomicReferenceArray<Entry> all = table();
        Entry entry = all.get(id);
        if (entry == null) {
            all.compareAndSet(id, null, Native.entry(id));
            entry = all.get(id);
        }
        return entry;
    }

    static List<Entry> list(int[] ids) {
        List<Entry> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(get(id));
        }
        return Collections.unmodifiableList(out);
    }

    // Created lazily (not in a static initialiser) so that a missing native library is reported by
    // NativeLoader on every call instead of leaving this class unusable after the first failure.
    private static AtomicReferenceArray<Entry> table() {
        AtomicReferenceArray<Entry> all = entries;
        if (all == null) {
            synchronized (EntryCache.class) {
                all = entries;
                if (all == null) {
                    all = new AtomicReferenceArray<>(Native.entryCount());
                    entries = all;
                }
            }
        }
        return all;
    }
}
