package io.errcat.bench.kotlin

import org.openjdk.jmh.runner.Runner
import org.openjdk.jmh.runner.options.OptionsBuilder
import org.openjdk.jmh.runner.options.TimeValue
import java.util.Locale

private const val TARGET = 1.5

/** Median, fastest and slowest measured iteration of one benchmark, in ns/op. */
private class Score(val median: Double, val min: Double, val max: Double)

/**
 * Runs the JMH benchmarks (one fork, 3 × 1 s warm-up, 7 × 1 s measured each) and prints every errcat call against
 * the HashMap baseline of the same run, as the median of the measured iterations with the fastest and slowest in
 * brackets (the spread shows how much the machine's load disturbed the run). Target for the cached calls: ≤ 1.5×.
 */
fun main() {
    val options = OptionsBuilder()
        .include("io\\.errcat\\.bench\\.kotlin\\.LookupBenchmark\\.")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(7)
        .measurementTime(TimeValue.seconds(1))
        .build()
    val scores = Runner(options).run().associate { r ->
        val name = r.params.benchmark.substringAfterLast('.')
        val stats = r.primaryResult.statistics
        name to Score(stats.getPercentile(50.0), stats.min, stats.max)
    }
    println()
    println("kotlin: errcat vs HashMap, same run, ns/op: median of 7 measured 1 s iterations [fastest .. slowest]")
    var ok = true
    ok = ratio("Errcat.lookup (cached)", scores, "errcatLookup", "hashMapLookup", true) and ok
    ok = ratio("Errcat.status (cached)", scores, "errcatStatus", "hashMapStatus", true) and ok
    ok = ratio("Errcat.status(n, ver)", scores, "errcatStatusAtVersion", "hashMapStatus", true) and ok
    ratio("lookup (uniffi, crosses)", scores, "uniffiLookup", "hashMapLookup", false)
    ratio("status (uniffi, crosses)", scores, "uniffiStatus", "hashMapStatus", false)
    ratio("errcatVersion (uniffi)", scores, "uniffiVersion", "hashMapStatus", false)
    ratio("JNA Memory(24) alloc", scores, "jnaMemory", "hashMapStatus", false)
    println(if (ok) "kotlin: cached calls within the 1.5x target" else "kotlin: cached calls OVER the 1.5x target")
}

private fun ratio(what: String, scores: Map<String, Score>, errcat: String, baseline: String, targeted: Boolean): Boolean {
    val e = scores.getValue(errcat)
    val b = scores.getValue(baseline)
    val ratio = e.median / b.median
    val verdict = when {
        !targeted -> ""
        ratio <= TARGET -> "  target <= 1.5x: ok"
        else -> "  target <= 1.5x: MISSED"
    }
    println(
        String.format(
            Locale.ROOT, "  %-26s %9.1f ns [%9.1f .. %9.1f]  HashMap %5.1f ns [%5.1f .. %5.1f]  ratio %8.2fx%s",
            what, e.median, e.min, e.max, b.median, b.min, b.max, ratio, verdict,
        ),
    )
    return !targeted || ratio <= TARGET
}
