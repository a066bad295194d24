package io.errcat.bench.kotlin

import io.errcat.kotlin.Errcat
import io.errcat.kotlin.Resolved
import io.errcat.kotlin.StatusMatch
import io.errcat.kotlin.errcatVersion
import io.errcat.kotlin.lookup
import io.errcat.kotlin.status
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import java.util.concurrent.TimeUnit

/** The inputs every benchmark uses (a power of two of each, so the next one is picked with a mask). */
object Fixtures {
    val CODES = arrayOf(
        "Arklet.InstallBizFailed", "User.PullBizError", "ModuleController.ResourceConstrained", "Arklet.UnknownError",
        "KouplelessBoard.UnknownError", "User.MetaspaceFull", "Arklet.PullBizTimedOut", "Arklet.NoMatchedBiz",
    )
    val NUMBERS = longArrayOf(552, 429, 651, 801, 825, 700, 499, 628)
    const val MASK = 7
}

/**
 * `Errcat.lookup` / `Errcat.status` (the cached facade) and the generated `lookup` / `status` / `errcatVersion`
 * (every call crosses into Rust through JNA) against a `HashMap` holding the same results: what asking errcat
 * costs compared with the cheapest thing a Kotlin service could do instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
open class LookupBenchmark {
    private lateinit var lookups: HashMap<String, Resolved>
    private lateinit var statuses: HashMap<Long, StatusMatch>

    /** Boxed once, so the baseline pays no boxing that `Errcat.status(Long)` does not pay either. */
    private lateinit var boxed: Array<Long>
    private var next = 0

    @Setup
    fun setup() {
        Errcat.preload()
        lookups = HashMap()
        for (code in Fixtures.CODES) lookups[code] = lookup(code)
        statuses = HashMap()
        for (n in Fixtures.NUMBERS) statuses[n] = status(n)
        boxed = Array(Fixtures.NUMBERS.size) { Fixtures.NUMBERS[it] }
    }

    @Benchmark
    fun errcatLookup(): Resolved = Errcat.lookup(Fixtures.CODES[next++ and Fixtures.MASK])

    @Benchmark
    fun hashMapLookup(): Resolved? = lookups[Fixtures.CODES[next++ and Fixtures.MASK]]

    @Benchmark
    fun errcatStatus(): StatusMatch = Errcat.status(Fixtures.NUMBERS[next++ and Fixtures.MASK])

    @Benchmark
    fun errcatStatusAtVersion(): StatusMatch = Errcat.status(Fixtures.NUMBERS[next++ and Fixtures.MASK], "v3.5.0")

    @Benchmark
    fun hashMapStatus(): StatusMatch? = statuses[boxed[next++ and Fixtures.MASK]]

    /** The generated function: every call crosses (the cache-miss cost). */
    @Benchmark
    fun uniffiLookup(): Resolved = lookup(Fixtures.CODES[next++ and Fixtures.MASK])

    @Benchmark
    fun uniffiStatus(): StatusMatch = status(Fixtures.NUMBERS[next++ and Fixtures.MASK])

    /** The emptiest crossing: no argument, a short string back. */
    @Benchmark
    fun uniffiVersion(): String = errcatVersion()

    /**
     * One JNA `Memory` of a `RustBuffer`'s size, which every JNA `Structure` allocates: uniffi allocates several per
     * call (the call status and the returned buffer, for the call and for freeing the buffer, and one more per
     * string argument).
     */
    @Benchmark
    fun jnaMemory(): com.sun.jna.Memory = com.sun.jna.Memory(24)
}
