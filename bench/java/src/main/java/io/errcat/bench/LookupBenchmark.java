package io.errcat.bench;

import io.errcat.Errcat;
import io.errcat.Resolved;
import io.errcat.StatusMatch;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Errcat.lookup} / {@code Errcat.status} against a {@code HashMap} holding the same results: the cost of
 * asking errcat compared with the cheapest thing a Java service could do instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LookupBenchmark {
    private Map<String, Resolved> lookups;
    private Map<Long, StatusMatch> statuses;
    private Long[] boxed;
    private int next;

    @Setup
    public void setup() {
        lookups = Fixtures.lookupMap();
        statuses = Fixtures.statusMap();
        boxed = Fixtures.boxedNumbers();
    }

    @Benchmark
    public Resolved errcatLookup() {
        return Errcat.lookup(Fixtures.CODES[next++ & Fixtures.MASK]);
    }

    @Benchmark
    public Resolved hashMapLookup() {
        return lookups.get(Fixtures.CODES[next++ & Fixtures.MASK]);
    }

    @Benchmark
    public StatusMatch errcatStatus() {
        return Errcat.status(Fixtures.NUMBERS[next++ & Fixtures.MASK]);
    }

    @Benchmark
    public StatusMatch hashMapStatus() {
        return statuses.get(boxed[next++ & Fixtures.MASK]);
    }
}
