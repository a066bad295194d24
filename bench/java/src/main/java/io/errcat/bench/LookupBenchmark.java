package io.errcat.bench;

import io.errcat.BenchAccess;
import io.errcat.Errcat;
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

/**
 * Warm calls, cycling over every answer: {@code Errcat.lookup} / {@code Errcat.status} against a {@code HashMap}
 * holding the same answers (the cheapest thing a Java service could do instead), and the JNI crossing a call
 * outside the table pays.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LookupBenchmark {
    private Map<String, Resolved> lookups;
    private Map<Long, StatusMatch> statuses;
    private int code;
    private int number;

    @Setup
    public void setup() {
        lookups = new HashMap<>();
        for (String c : Fixtures.CODES) {
            lookups.put(new String(c.toCharArray()), Errcat.lookup(c));
        }
        statuses = new HashMap<>();
        for (long n : Fixtures.NUMBERS) {
            statuses.put(n, Errcat.status(n));
        }
    }

    private String nextCode() {
        int i = code + 1 == Fixtures.CODES.length ? 0 : code + 1;
        code = i;
        return Fixtures.CODES[i];
    }

    private int nextNumber() {
        int i = number + 1 == Fixtures.NUMBERS.length ? 0 : number + 1;
        number = i;
        return i;
    }

    @Benchmark
    public Resolved errcatLookup() {
        return Errcat.lookup(nextCode());
    }

    @Benchmark
    public Resolved hashMapLookup() {
        return lookups.get(nextCode());
    }

    @Benchmark
    public StatusMatch errcatStatus() {
        return Errcat.status(Fixtures.NUMBERS[nextNumber()]);
    }

    @Benchmark
    public StatusMatch hashMapStatus() {
        return statuses.get(Fixtures.BOXED[nextNumber()]);
    }

    @Benchmark
    public Resolved jniLookup() {
        return BenchAccess.crossLookup(nextCode());
    }

    @Benchmark
    public StatusMatch jniStatus() {
        return BenchAccess.crossStatus(Fixtures.NUMBERS[nextNumber()]);
    }
}
