package io.errcat.bench;

import io.errcat.BenchAccess;
import io.errcat.Errcat;
import io.errcat.ErrcatException;
import io.errcat.Resolved;
import io.errcat.StatusMatch;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The first call for each answer, in a fresh JVM: the answer table is loaded in the setup (and the code path, by
 * two calls that are not answers: misses), then one pass asks for every code (or status number) once. The baseline
 * is what a service would write instead, a static map behind a static method, holding the same answer objects, in
 * a fresh JVM set up the same way. Nothing is warm on either side: this is the interpreter's first pass.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class FirstCallBenchmark {
    /** The baseline: the answers in a service's own static maps. */
    static final class Baseline {
        static final Map<String, Resolved> LOOKUPS = new HashMap<>();
        static final Map<Long, StatusMatch> STATUSES = new HashMap<>();

        static {
            for (int i = 0; i < Fixtures.CODES.length; i++) {
                LOOKUPS.put(new String(Fixtures.CODES[i].toCharArray()), (Resolved) Fixtures.CODE_ANSWERS[i]);
            }
            for (int i = 0; i < Fixtures.BOXED.length; i++) {
                STATUSES.put(Fixtures.BOXED[i], (StatusMatch) Fixtures.NUMBER_ANSWERS[i]);
            }
        }

        static Resolved lookup(String code) {
            Resolved r = LOOKUPS.get(code);
            if (r == null) {
                throw new IllegalArgumentException(code);
            }
            return r;
        }

        static StatusMatch status(Long number) {
            StatusMatch r = STATUSES.get(number);
            if (r == null) {
                throw new IllegalArgumentException(String.valueOf(number));
            }
            return r;
        }
    }

    @Setup
    public void setup() {
        BenchAccess.loadTable();
        Runnable[] misses = {
            () -> Errcat.lookup("Arklet.NoSuchType"), () -> Errcat.status(-1),
            () -> Baseline.lookup("Arklet.NoSuchType"), () -> Baseline.status(-1L),
        };
        for (Runnable miss : misses) {
            try {
                miss.run();
            } catch (ErrcatException | IllegalArgumentException expected) {
                // what a miss is
            }
        }
        // Neither side's data is fresher in the caches than the other's: the collector moves both, as it will have
        // in a service long before the first call for some answer.
        System.gc();
    }

    @Benchmark
    public void errcatFirstLookups(Blackhole bh) {
        for (String c : Fixtures.CODES) {
            bh.consume(Errcat.lookup(c));
        }
    }

    @Benchmark
    public void hashMapFirstLookups(Blackhole bh) {
        for (String c : Fixtures.CODES) {
            bh.consume(Baseline.lookup(c));
        }
    }

    @Benchmark
    public void errcatFirstStatuses(Blackhole bh) {
        for (long n : Fixtures.NUMBERS) {
            bh.consume(Errcat.status(n));
        }
    }

    @Benchmark
    public void hashMapFirstStatuses(Blackhole bh) {
        for (Long n : Fixtures.BOXED) {
            bh.consume(Baseline.status(n));
        }
    }
}
