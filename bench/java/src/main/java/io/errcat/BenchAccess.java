package io.errcat;

import java.util.ArrayList;
import java.util.List;

/** What the benchmarks need from inside the package: the raw answer table, its load time, an uncached crossing. */
public final class BenchAccess {
    private BenchAccess() {}

    /** Loads the native library without touching the answer table. */
    public static void loadLibrary() {
        Native.call("version");
    }

    /** Loads the answer table (once per process) and returns how long that took inside, in nanoseconds. */
    public static long loadTable() {
        return Answers.LOAD_NANOS;
    }

    /**
     * The rows of kind {@code kind} ({@code "L"} or {@code "N"}) without a reporter or version, as {@code [answer id,
     * code or number]}: every call the table serves without one, read without calling any lookup.
     */
    public static List<String[]> tableRows(String kind) {
        List<String[]> rows = new ArrayList<>();
        for (String row : ((String) Native.call("answers")).split("\n")) {
            String[] f = row.split("\t");
            if (f[0].equals(kind) && f[2].equals("-")) {
                rows.add(new String[] {f[1], f[3]});
            }
        }
        return rows;
    }

    /** The answer object with an id (a {@link Resolved} or a {@link StatusMatch}): what a call answering it returns. */
    public static Object answer(String id) {
        return Answers.answer(Long.valueOf(id));
    }

    /** {@code lookup} through JNI every time: what a call outside the table costs. */
    public static Resolved crossLookup(String code) {
        return (Resolved) Answers.answer(Native.call("lookup", code, null));
    }

    /** {@code status} through JNI every time. */
    public static StatusMatch crossStatus(long number) {
        return (StatusMatch) Answers.answer(Native.call("status", number, null));
    }
}
