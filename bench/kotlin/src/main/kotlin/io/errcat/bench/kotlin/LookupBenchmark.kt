package io.errcat.bench.kotlin

import io.errcat.kotlin.Entry
import io.errcat.kotlin.Errcat
import io.errcat.kotlin.ErrcatException
import io.errcat.kotlin.Resolved
import io.errcat.kotlin.StatusMatch
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Fork
import org.openjdk.jmh.annotations.Measurement
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import org.openjdk.jmh.annotations.Warmup
import java.util.concurrent.TimeUnit

/**
 * The keys: every two-level code that resolves without a reporter (every catalogued source with every type and
 * alias) and every status number that resolves, each with errcat's answer, in a shuffled order. The `HashMap`s hold
 * the same answers: the cheapest thing a Kotlin service could do instead of asking errcat. The probes are copies of
 * the keys, as a service's request strings are: neither errcat's maps nor the baseline's hold those very objects
 * (a map whose keys are the probes themselves skips `String.equals`).
 */
class Keys {
    val codes: Array<String>
    val numbers: LongArray
    val boxed: Array<Long>
    val lookups = HashMap<String, Resolved>()
    val statuses = HashMap<Long, StatusMatch>()
    val byVersion = HashMap<String, HashMap<Long, StatusMatch>>()

    init {
        val names = Errcat.catalogNames()
        val types = Errcat.entries().filterIsInstance<Entry.Koupleless>().flatMap { listOf(it.entry.errorType) + it.entry.aliases }.toSet()
        for (source in names.sources) for (type in types) {
            val code = "$source.$type"
            try {
                lookups[code] = Errcat.lookup(code)
            } catch (e: ErrcatException) {
                // Ambiguous without a reporter: not a successful answer
            }
        }
        for (n in 0L..999L) {
            try {
                statuses[n] = Errcat.status(n)
                byVersion.getOrPut(VERSION) { HashMap() }[n] = Errcat.status(n, VERSION)
            } catch (e: ErrcatException) {
                // no entry for this number
            }
        }
        codes = lookups.keys.shuffled(java.util.Random(1)).map { String(it.toCharArray()) }.toTypedArray()
        numbers = statuses.keys.shuffled(java.util.Random(1)).toLongArray()
        boxed = numbers.toTypedArray() // boxed anew (numbers past 127 are not cached): not the map's own key objects
    }

    companion object {
        const val VERSION = "v3.5.0"

        /** The version as a request would carry it: not the literal both sides may hold. */
        val version = String(VERSION.toCharArray())
    }
}

/**
 * `Errcat.lookup` / `Errcat.status` against a `HashMap` holding the same answers, over every key in turn. The table
 * is loaded before the first measurement and nothing changes when a key is asked (there is no cache), so every call
 * for a key costs what its first one did. A call the table does not list (a reporter spelled `" arklet "`, a
 * version `"V3.5.0"`) crosses into the library every time: what a miss costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
open class LookupBenchmark {
    private lateinit var keys: Keys
    private var nextCode = 0
    private var nextNumber = 0

    @Setup
    fun setup() {
        Errcat.preload()
        keys = Keys()
    }

    private fun code(): String {
        val i = nextCode
        nextCode = if (i + 1 == keys.codes.size) 0 else i + 1
        return keys.codes[i]
    }

    private fun number(): Int {
        val i = nextNumber
        nextNumber = if (i + 1 == keys.numbers.size) 0 else i + 1
        return i
    }

    @Benchmark
    fun errcatLookup(): Resolved = Errcat.lookup(code())

    @Benchmark
    fun hashMapLookup(): Resolved? = keys.lookups[code()]

    @Benchmark
    fun errcatStatus(): StatusMatch = Errcat.status(keys.numbers[number()])

    /** Boxed once, so the baseline pays no boxing that `Errcat.status(Long)` does not pay either. */
    @Benchmark
    fun hashMapStatus(): StatusMatch? = keys.statuses[keys.boxed[number()]]

    @Benchmark
    fun errcatStatusAtVersion(): StatusMatch = Errcat.status(keys.numbers[number()], Keys.version)

    /** The same answers by version, then number. */
    @Benchmark
    fun hashMapStatusAtVersion(): StatusMatch? = keys.byVersion[Keys.version]!![keys.boxed[number()]]

    @Benchmark
    fun crossingLookup(): Resolved = Errcat.lookup("Arklet.InstallBizFailed", " arklet ")

    @Benchmark
    fun crossingStatus(): StatusMatch = Errcat.status(552, "V3.5.0")
}

/**
 * The first call for every key: errcat against a `HashMap` with the same answers, one pass over every key with the
 * code paths compiled and the CPU caches flushed (64 MiB written) before each pass, as a service meets a key the
 * first time in a while. Five fresh JVMs, five passes each. Nothing in errcat changes when a key is asked (there is
 * no cache), so the first pass of a JVM and a later one differ only by what the CPU caches hold.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
open class FirstCallBenchmark {
    private lateinit var keys: Keys
    private lateinit var codes: Array<String>
    private val flush = ByteArray(64 shl 20)

    @Setup
    fun setup() {
        keys = Keys()
        val one = String(keys.codes[0].toCharArray())
        repeat(50_000) {
            Errcat.lookup(one)
            keys.lookups[one]
            Errcat.status(keys.numbers[0])
            keys.statuses[keys.boxed[0]]
        }
    }

    /** Fresh probe strings (no cached hash code) and cold caches before every pass. */
    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    fun flush() {
        codes = keys.codes.reversedArray().map { String(it.toCharArray()) }.toTypedArray()
        for (i in flush.indices step 64) flush[i]++
    }

    @Benchmark
    fun firstLookups(): Int {
        var n = 0
        for (code in codes) n += Errcat.lookup(code).code.length
        return n
    }

    @Benchmark
    fun firstMapLookups(): Int {
        var n = 0
        for (code in codes) n += keys.lookups[code]!!.code.length
        return n
    }

    @Benchmark
    fun firstStatuses(): Int {
        var n = 0
        for (number in keys.numbers) n += Errcat.status(number).version.length
        return n
    }

    @Benchmark
    fun firstMapStatuses(): Int {
        var n = 0
        for (number in keys.boxed) n += keys.statuses[number]!!.version.length
        return n
    }
}
