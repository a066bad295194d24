package io.errcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 16 threads × 25,000 calls give the same answers as one thread. The threads start together, so in a fresh JVM the
 * first calls race to load the answer table; a share of the calls is not in the table (failures, spellings the table
 * does not list, find, error values) and crosses JNI every time.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int CALLS = 25_000;

    private static final String[] CODES = {
        "Arklet.InstallBizFailed", "User.PullBizError", "ModuleController.ResourceConstrained", "Arklet.UnknownError",
        "KouplelessBoard.UnknownError", "User.DiskFull", "Arklet.PullBizTimedOut",
    };
    private static final long[] NUMBERS = {552, 429, 651, 801, 825, 700, 499};

    /** One call, reduced to a comparable string; which call depends on i. */
    private static String call(int i) {
        int pick = i % 16;
        try {
            switch (pick) {
                case 0:
                    return Errcat.lookup("Arklet.InstallBizFailes").code(); // NotFound: JNI every time
                case 1:
                    return Errcat.status(552, " 3.5.0").toString(); // a valid spelling the table does not list
                case 2:
                    return Errcat.find("User.UnknownError").toString();
                case 3:
                    return Errcat.lookup("OtherUpstream.InvalidParameter", Reporter.KOUPLELESS_BOARD).entry().key();
                case 5:
                    return Errcat.lookup("User.DiskFull", "MODULECONTROLLER").entry().key();
                case 7:
                    return CodedError.of("552", "x").withCause(CodedError.of("User.DiskFull", "y")).toArkletJson();
                default:
                    if (pick % 2 == 0) {
                        Resolved r = Errcat.lookup(CODES[i % CODES.length]);
                        return r.code() + "|" + r.entry().key() + "|" + r.alias().orElse("");
                    }
                    StatusMatch m = Errcat.status(NUMBERS[i % NUMBERS.length]);
                    return m.toString() + "|" + m.entry().key();
            }
        } catch (ErrcatException e) {
            return e.kind() + ":" + e.getMessage() + e.suggestions();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sixteenThreadsAgreeWithOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    String[] out = new String[CALLS];
                    for (int i = 0; i < CALLS; i++) {
                        out[i] = call(i);
                    }
                    return out;
                }));
            }
            start.countDown();
            String[] expected = new String[CALLS];
            for (int i = 0; i < CALLS; i++) {
                expected[i] = call(i);
            }
            for (Future<String[]> result : results) {
                String[] got = result.get();
                for (int i = 0; i < CALLS; i++) {
                    assertEquals(expected[i], got[i], "call " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answerObjectsAreSharedAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> new Object[] {
                    Errcat.lookup("User.MetaspaceFull"), Errcat.status(651).entry(), Errcat.entries().get(100)}));
            }
            Object[] first = results.get(0).get();
            for (Future<Object[]> result : results) {
                Object[] got = result.get();
                for (int i = 0; i < first.length; i++) {
                    org.junit.jupiter.api.Assertions.assertSame(first[i], got[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
