package io.errcat.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks briefly (one fork, 2 × 1 s warm-up, 3 × 1 s measured per benchmark) and prints each
 * errcat call's ratio to the HashMap baseline measured in the same run. Target: ≤ 1.5×.
 */
public final class Main {
    private static final double TARGET = 1.5;

    private Main() {}

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include("io\\.errcat\\.(bench\\.LookupBenchmark|NativeCrossingBenchmark)\\.")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> ns = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            ns.put(name.substring(name.lastIndexOf('.') + 1), new double[] {
                r.getPrimaryResult().getScore(), r.getPrimaryResult().getStatistics().getMin()});
        }
        System.out.println();
        System.out.println("java: errcat vs HashMap, same run, ns/op: mean of the measured iterations (best iteration,");
        System.out.println("      which a loaded machine disturbs least, in brackets); the target applies to the mean");
        boolean ok = true;
        ok &= ratio("Errcat.lookup", ns.get("errcatLookup"), ns.get("hashMapLookup"), true);
        ok &= ratio("Errcat.status", ns.get("errcatStatus"), ns.get("hashMapStatus"), true);
        ratio("JNI lookup (cache miss)", ns.get("jniLookup"), ns.get("hashMapLookup"), false);
        ratio("JNI status (cache miss)", ns.get("jniStatus"), ns.get("hashMapStatus"), false);
        System.out.println(ok ? "java: within the 1.5x target" : "java: OVER the 1.5x target");
    }

    private static boolean ratio(String what, double[] errcat, double[] baseline, boolean targeted) {
        double ratio = errcat[0] / baseline[0];
        String verdict = !targeted ? "" : ratio <= TARGET ? "  target <= 1.5x: ok" : "  target <= 1.5x: MISSED";
        System.out.println(String.format(Locale.ROOT,
                "  %-24s %7.1f ns (%7.1f)  HashMap %5.1f ns (%5.1f)  ratio %6.2fx (%6.2fx)%s", what, errcat[0],
                errcat[1], baseline[0], baseline[1], ratio, errcat[1] / baseline[1], verdict));
        return ratio <= TARGET;
    }
}
