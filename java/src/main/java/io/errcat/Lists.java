package io.errcat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Unmodifiable lists for the generated data (Java 8 has no {@code List.of}). */
final class Lists {
    private Lists() {}

    @SafeVarargs
    static <T> List<T> of(T... items) {
        return items.length == 0 ? Collections.<T>emptyList() : Collections.unmodifiableList(Arrays.asList(items));
    }
}
