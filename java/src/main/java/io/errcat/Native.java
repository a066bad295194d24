package io.errcat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The native side (bindings/jni): one method that runs any errcat operation, behind a wrapper that first makes sure
 * the library is loaded, so a missing library is a clear {@link UnsatisfiedLinkError} on every call.
 *
 * <p>Arguments go through as they are: {@code null} (not given), {@code String}, {@code byte[]}, {@code Long} /
 * {@code Integer}, {@code Double}, {@code BigInteger}, {@code Boolean}, {@code Object[]}; the native library converts
 * them mechanically and the core decides what each means (bindings/README.md). Answers are {@code null},
 * {@code Boolean}, {@code Long}, {@code String} or {@code Object[]} (a list).
 */
final class Native {
    private Native() {}

    /** Runs operation {@code op} (bindings/README.md, "Operations") with positional arguments. */
    static Object call(String op, Object... args) {
        NativeLoader.require();
        return call0(op, args);
    }

    /** An integer answer. */
    static long number(Object answer) {
        return ((Long) answer).longValue();
    }

    /** The entries of a list of entry ids, as an unmodifiable list. */
    static List<Entry> entries(Object answer) {
        Object[] ids = (Object[]) answer;
        List<Entry> out = new ArrayList<>(ids.length);
        for (Object id : ids) {
            out.add(EntryData.ENTRIES[(int) number(id)]);
        }
        return Collections.unmodifiableList(out);
    }

    /** The entry's JSON object, as in the catalog export. */
    static String entryJson(int id) {
        return (String) call("entry_json", (long) id);
    }

    /** Panics in Rust, inside the guard: the tests check it arrives as {@code ErrcatException(INTERNAL)}. */
    static void panicForTest() {
        NativeLoader.require();
        panicForTest0();
    }

    static native Object call0(String op, Object[] args);

    private static native void panicForTest0();
}
