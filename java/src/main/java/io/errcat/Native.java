package io.errcat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The native side (bindings/jni): one method that runs any errcat operation, behind a wrapper that first makes sure
 * the library is loaded, so a missing library is a clear {@link UnsatisfiedLinkError} on every call.
 *
 * <p>Arguments go through as they are: {@code null} (not given), {@code String}, {@code byte[]}, {@code Long} /
 * {@code Integer}, {@code Double}, {@code BigInteger}, {@code Boolean}, {@code Object[]}; the native library converts
 * them mechanically and the core decides what each means (bindings/README.md). Answers are {@code null},
 * {@code Boolean}, {@code Long}, {@code String}, {@code Object[]} (a list) or {@link Members} (a map).
 */
final class Native {
    private Native() {}

    /** Runs operation {@code op} (bindings/README.md, "Operations") with positional arguments. */
    static Object call(String op, Object... args) {
        NativeLoader.require();
        Object answer = call0(op, args);
        return answer instanceof Object[] ? unpack((Object[]) answer) : answer;
    }

    /** A list or map answer, which the native library packs as {@code {byte[] text (UTF-8), char[] shape}}. */
    static Object unpack(Object[] packed) {
        return new Unpacker((byte[]) packed[0], (char[]) packed[1]).value();
    }

    /**
     * Unpacks an answer the native library packed (errcat::boundary::Packed): all its text in one UTF-8 string, its
     * values in order in a {@code char[]} (a tag and its operands each, unsigned numbers in 15-bit groups, low group first, a
     * {@code char} with its top bit set having another after it). Made here, in compiled Java, the objects cost a
     * fraction of the JNI calls that would make them one by one.
     */
    static final class Unpacker {
        private final String text;
        private final char[] shape;
        private int at;
        private int pos;

        Unpacker(byte[] text, char[] shape) {
            this.text = new String(text, StandardCharsets.UTF_8);
            this.shape = shape;
        }

        private long number() {
            long n = 0;
            for (int bits = 0;; bits += 15) {
                char c = shape[at++];
                n |= (long) (c & 0x7fff) << bits;
                if (c < 0x8000) {
                    return n;
                }
            }
        }

        Object value() {
            int tag = shape[at++];
            switch (tag) {
                case 0:
                    return null;
                case 1:
                    return Boolean.FALSE;
                case 2:
                    return Boolean.TRUE;
                case 3: {
                    long zigzag = number();
                    return Long.valueOf(zigzag >>> 1 ^ -(zigzag & 1));
                }
                case 4:
                    return text();
                case 5: {
                    Object[] items = new Object[(int) number()];
                    for (int i = 0; i < items.length; i++) {
                        items[i] = value();
                    }
                    return items;
                }
                case 6: {
                    int n = (int) number();
                    Object[] keys = new Object[n];
                    Object[] values = new Object[n];
                    for (int i = 0; i < n; i++) {
                        keys[i] = text();
                        values[i] = value();
                    }
                    return new Members(keys, values);
                }
                default:
                    throw new IllegalStateException("errcat: a packed answer with tag " + tag);
            }
        }

        private String text() {
            int end = pos + (int) number();
            String s = text.substring(pos, end);
            pos = end;
            return s;
        }
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

    /** A map answer: its members in the core's order. */
    static final class Members extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        Members(Object[] keys, Object[] values) {
            super(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                put((String) keys[i], values[i]);
            }
        }
    }

    private static native void panicForTest0();
}
