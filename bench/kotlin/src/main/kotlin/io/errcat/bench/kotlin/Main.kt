package io.errcat.bench.kotlin

import org.openjdk.jmh.results.RunResult
import org.openjdk.jmh.runner.Runner
import org.openjdk.jmh.runner.options.OptionsBuilder
import org.openjdk.jmh.runner.options.TimeValue
import java.io.File
import java.util.Locale

private const val TARGET = 1.5
private const val CLASSIFY_TARGET = 3.0
private const val LOAD_TARGET_MS = 20.0
private const val LOAD_RUNS = 11

/** Median, fastest and slowest measured sample of one benchmark. */
private class Score(val median: Double, val min: Double, val max: Double)

private fun scores(results: Collection<RunResult>): Map<String, Score> = results.associate { r ->
    val stats = r.aggregatedResult.primaryResult.statistics
    r.params.benchmark.substringAfterLast('.') to Score(stats.getPercentile(50.0), stats.min, stats.max)
}

/**
 * Runs the JMH benchmarks and prints every errcat call against the HashMap baseline of the same run (median of the
 * samples, fastest and slowest in brackets: the spread shows how much the machine's load disturbed the run), the
 * crossings, and the once-per-process costs in fresh JVMs. Targets: lookup and status ≤ 1.5x the HashMap, first
 * calls included; the answer table loaded in ≤ 20 ms of the loading thread's CPU time (the wall time, printed too,
 * follows the machine's load). A missed target is printed, not fatal.
 */
fun main() {
    val part = System.getProperty("errcat.bench.part", "all")
    var ok = true
    if (part != "classify") ok = lookups()
    if (part != "lookup") ok = classify() and ok
    println(if (ok) "kotlin: every target met" else "kotlin: a target was MISSED")
}

/** Lookup and status against the HashMap, first calls, and the once-per-process costs. */
private fun lookups(): Boolean {
    val steady = scores(
        Runner(
            OptionsBuilder().include("io\\.errcat\\.bench\\.kotlin\\.LookupBenchmark\\.")
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(7).measurementTime(TimeValue.seconds(1)).build(),
        ).run(),
    )
    val first = scores(Runner(OptionsBuilder().include("io\\.errcat\\.bench\\.kotlin\\.FirstCallBenchmark\\.").build()).run())
    val load = loadTimes()
    println()
    println("kotlin: errcat vs HashMap over every key, same run, ns/op: median of 7 measured 1 s iterations [fastest .. slowest]")
    var ok = ratio("Errcat.lookup(code)", steady, "errcatLookup", "hashMapLookup", "ns", true)
    ok = ratio("Errcat.status(n)", steady, "errcatStatus", "hashMapStatus", "ns", true) and ok
    ok = ratio("Errcat.status(n, \"v3.5.0\")", steady, "errcatStatusAtVersion", "hashMapStatusAtVersion", "ns", true) and ok
    ratio("lookup miss (crosses)", steady, "crossingLookup", "hashMapLookup", "ns", false)
    ratio("status miss (crosses)", steady, "crossingStatus", "hashMapStatus", "ns", false)
    println("kotlin: first call of every key, one pass after flushing the CPU caches, µs: median of 5 JVMs x 5 passes [fastest .. slowest]")
    ok = ratio("first lookup of every key", first, "firstLookups", "firstMapLookups", "µs", true) and ok
    ok = ratio("first status of every key", first, "firstStatuses", "firstMapStatuses", "µs", true) and ok
    println("kotlin: once per process, $LOAD_RUNS fresh JVMs, ms: median [fastest .. slowest]")
    fun ms(what: String, i: Int): Double {
        val v = load.map { it[i] / 1e6 }.sorted()
        println(String.format(Locale.ROOT, "  %-32s %8.2f ms [%8.2f .. %8.2f]", what, v[v.size / 2], v.first(), v.last()))
        return v[v.size / 2]
    }
    ms("library load, wall (JNA)", 0)
    ms("library load, CPU", 1)
    ms("answer table load, wall", 2)
    val cpu = ms("answer table load, CPU", 3)
    val loadOk = cpu <= LOAD_TARGET_MS
    println(String.format(Locale.ROOT, "  answer table load: target <= %.0f ms CPU: %s", LOAD_TARGET_MS, if (loadOk) "ok" else "MISSED"))
    return ok && loadOk
}

/**
 * `Errcat.classify` against Rust's `errcat::classify` of the same bodies: the criterion means in target/criterion
 * (`errcat.criterion`), which `make bench-kotlin` takes just before (`bench-classify-rust`). Target: at most 3x.
 */
private fun classify(): Boolean {
    val results = Runner(
        OptionsBuilder().include("io\\.errcat\\.bench\\.kotlin\\.ClassifyBenchmark\\.")
            .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
            .measurementIterations(5).measurementTime(TimeValue.seconds(1)).build(),
    ).run()
    val score = results.associate { r ->
        val stats = r.primaryResult.statistics
        r.params.benchmark.substringAfterLast('.') to doubleArrayOf(stats.mean, stats.min)
    }
    println()
    println("kotlin: Errcat.classify(body, \"installBiz\") vs Rust errcat::classify of the same body (criterion mean,")
    println("        target/criterion, taken by make just before): mean of 5 iterations, the best in brackets; target <= 3x")
    var ok = true
    for ((what, bench, rust) in listOf(
        Triple("typical, ByteArray", "typicalBytes", "typical_errcat"),
        Triple("typical, String", "typicalString", "typical_errcat"),
        Triple("80 frames, ByteArray", "eightyFramesBytes", "80-frames_errcat"),
        Triple("80 frames, String", "eightyFramesString", "80-frames_errcat"),
    )) {
        val k = score.getValue(bench)
        val r = rustMeanMicros(rust)
        if (r.isNaN()) {
            println(String.format(Locale.ROOT, "  %-20s %8.2f us (%8.2f)  no Rust estimate: run make bench-kotlin-classify", what, k[0], k[1]))
            continue
        }
        val ratio = k[0] / r
        ok = ok && ratio <= CLASSIFY_TARGET
        println(
            String.format(
                Locale.ROOT, "  %-20s %8.2f us (%8.2f)  Rust %8.2f us  ratio %6.2fx (%6.2fx)  target <= 3x: %s",
                what, k[0], k[1], r, ratio, k[1] / r, if (ratio <= CLASSIFY_TARGET) "ok" else "MISSED",
            ),
        )
    }
    return ok
}

/** The mean of a criterion benchmark of bench/rust's classify group, in microseconds (NaN when absent). */
private fun rustMeanMicros(id: String): Double {
    val file = File(System.getProperty("errcat.criterion", "target/criterion"), "classify/$id/new/estimates.json")
    if (!file.isFile) return Double.NaN
    val m = Regex("\"mean\"\\s*:\\s*\\{.*?\"point_estimate\"\\s*:\\s*([0-9.eE+-]+)", RegexOption.DOT_MATCHES_ALL).find(file.readText())
    return m?.groupValues?.get(1)?.toDouble()?.div(1000) ?: Double.NaN
}

/** [LoadTime] in fresh JVMs, this process's class path. */
private fun loadTimes(): List<LongArray> = (1..LOAD_RUNS).map {
    val java = File(System.getProperty("java.home"), "bin/java").path
    val p = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LoadTime::class.java.name)
        .redirectErrorStream(true).start()
    val out = p.inputStream.bufferedReader().readText().trim()
    check(p.waitFor() == 0) { "LoadTime failed: $out" }
    out.lines().last().split(' ').map { it.toLong() }.toLongArray()
}

private fun ratio(what: String, scores: Map<String, Score>, errcat: String, baseline: String, unit: String, targeted: Boolean): Boolean {
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
            Locale.ROOT, "  %-28s %9.1f %s [%9.1f .. %9.1f]  HashMap %7.1f [%7.1f .. %7.1f]  ratio %9.2fx%s",
            what, e.median, unit, e.min, e.max, b.median, b.min, b.max, ratio, verdict,
        ),
    )
    return !targeted || ratio <= TARGET
}
