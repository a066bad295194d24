package io.errcat.bench;

import io.errcat.BenchAccess;
import java.util.List;

/**
 * The inputs of every benchmark: every code the answer table serves without a reporter and every status number it
 * serves at the newest version, with their answers, read from the table itself (so that setting them up calls no
 * lookup: the first-call benchmark stays a first call). Each probe is
 * a fresh String, as a code arriving from the wire would be, so neither errcat nor the HashMap baseline can compare
 * by identity.
 */
public final class Fixtures {
    public static final String[] CODES;
    /** The answer (a {@code Resolved}) of each code. */
    public static final Object[] CODE_ANSWERS;
    public static final long[] NUMBERS;
    public static final Long[] BOXED;
    /** The answer (a {@code StatusMatch}) of each number. */
    public static final Object[] NUMBER_ANSWERS;

    static {
        List<String[]> codes = BenchAccess.tableRows("L");
        CODES = new String[codes.size()];
        CODE_ANSWERS = new Object[codes.size()];
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = new String(codes.get(i)[1].toCharArray());
            CODE_ANSWERS[i] = BenchAccess.answer(codes.get(i)[0]);
        }
        List<String[]> numbers = BenchAccess.tableRows("N");
        NUMBERS = new long[numbers.size()];
        BOXED = new Long[numbers.size()];
        NUMBER_ANSWERS = new Object[numbers.size()];
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = Long.parseLong(numbers.get(i)[1]);
            BOXED[i] = NUMBERS[i]; // boxed once: the baseline pays no boxing that status(long) does not pay
            NUMBER_ANSWERS[i] = BenchAccess.answer(numbers.get(i)[0]);
        }
    }

    private Fixtures() {}
}
