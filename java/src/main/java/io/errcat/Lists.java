package io.errcat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Immutable lists from the arrays the native library returns (Java 8 has no {@code List.of}). */
final class Lists {
    private Lists() {}

    static List<String> of(String[] items) {
        return items.length == 0 ? Collections.<String>emptyList()
                : Collections.unmodifiableList(Arrays.asList(items.clone()));
    }

    static <E extends Enum<E>> List<E> ofOrdinals(E[] values, int[] ordinals) {
        List<E> out = new ArrayList<>(ordinals.length);
        for (int ordinal : ordinals) {
            out.add(values[ordinal]);
        }
        return Collections.unmodifiableList(out);
    }
}
