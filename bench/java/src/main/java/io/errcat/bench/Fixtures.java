package io.errcat.bench;

import io.errcat.BenchAccess;
import java.util.List;

/**
 * The inputs of every benchmark: every code the answer table serves without a reporter and every status number it
 * serves at the newest version, read from the table itself (so that setting them up calls no lookup). Each probe is
 * a fresh String, as a code arriving from the wire would be, so neither errcat nor the HashMap baseline can compare
 * by identity.
 */
public final class Fixtures {
    public static final String[] CODES;
    public static final long[] NUMBERS;
    public static final Long[] BOXED;

    static {
        List<String> codes = BenchAccess.tableKeys("L");
        CODES = new String[codes.size()];
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = new String(codes.get(i).toCharArray());
        }
        List<String> numbers = BenchAccess.tableKeys("N");
        NUMBERS = new long[numbers.size()];
        BOXED = new Long[numbers.size()];
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = Long.parseLong(numbers.get(i));
            BOXED[i] = NUMBERS[i]; // boxed once: the baseline pays no boxing that status(long) does not pay
        }
    }

    private Fixtures() {}
}
