package io.errcat.bench;

import io.errcat.Errcat;
import io.errcat.Resolved;
import io.errcat.StatusMatch;
import java.util.HashMap;
import java.util.Map;

/** The inputs every benchmark uses, and the HashMaps (the Java baseline) filled with errcat's own answers. */
public final class Fixtures {
    /** A power of two, so the benchmarks pick the next input with a mask. */
    public static final String[] CODES = {
        "Arklet.InstallBizFailed", "User.PullBizError", "ModuleController.ResourceConstrained", "Arklet.UnknownError",
        "KouplelessBoard.UnknownError", "User.MetaspaceFull", "Arklet.PullBizTimedOut", "Arklet.NoMatchedBiz",
    };
    public static final long[] NUMBERS = {552, 429, 651, 801, 825, 700, 499, 628};
    public static final int MASK = 7;

    private Fixtures() {}

    static Map<String, Resolved> lookupMap() {
        Map<String, Resolved> map = new HashMap<>();
        for (String code : CODES) {
            map.put(code, Errcat.lookup(code));
        }
        return map;
    }

    static Map<Long, StatusMatch> statusMap() {
        Map<Long, StatusMatch> map = new HashMap<>();
        for (long n : NUMBERS) {
            map.put(n, Errcat.status(n));
        }
        return map;
    }

    /** Boxed once, so the baseline pays no boxing that errcat's {@code status(long)} does not pay either. */
    static Long[] boxedNumbers() {
        Long[] boxed = new Long[NUMBERS.length];
        for (int i = 0; i < NUMBERS.length; i++) {
            boxed[i] = NUMBERS[i];
        }
        return boxed;
    }
}
