package io.errcat.bench;

import io.errcat.BenchAccess;
import io.errcat.Errcat;
import io.errcat.ErrcatException;
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
 * is what a service would write instead, a static map behind a static method, holding as many answers, in a fresh
 * JVM and set up the same way. Nothing is warm on either side: this is the interpreter's first pass.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class FirstCallBenchmark {
    /** The baseline: the answers in a service's own static maps. */
    static final class Baseline {
        static final Map<String, Object> LOOKUPS = new HashMap<>();
        static final Map<Long, Object> STATUSES = new HashMap<>();

        static {
            for (String c : Fixtures.CODES) {
                LOOKUPS.put(new String(c.toCharArray()), c);
            }
            for (Long n : Fixtures.BOXED) {
                STATUSES.put(n, n);
            }
        }

        static Object lookup(String code) {
            Object r = LOOKUPS.get(code);
            if (r == null) {
                throw new IllegalArgumentException(code);
            }
            return r;
        }

        static Object status(Long number) {
            Object r = STATUSES.get(number);
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
