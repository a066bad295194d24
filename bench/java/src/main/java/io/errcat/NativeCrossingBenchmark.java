package io.errcat;

import io.errcat.bench.Fixtures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The same calls without the Java-side cache: one JNI crossing each (string in, core lookup, cached entry out).
 * In package io.errcat to reach the package-private {@code Native}; this is what a cache miss costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class NativeCrossingBenchmark {
    private int next;

    @Benchmark
    public Resolved jniLookup() {
        return Native.lookup(Fixtures.CODES[next++ & Fixtures.MASK], null);
    }

    @Benchmark
    public StatusMatch jniStatus() {
        return Native.status(Fixtures.NUMBERS[next++ & Fixtures.MASK], null);
    }
}
