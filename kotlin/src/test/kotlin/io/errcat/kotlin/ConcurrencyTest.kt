package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The package is safe to call from many threads at once and gives each the same answers. */
class ConcurrencyTest {
    @Test
    fun everyVectorFromEightThreadsAtOnce() {
        val threads = 8
        // The two 16 MiB-body classify vectors run once, in VectorsTest: eight copies at once would test the
        // heap's size, not thread safety.
        val cases = Testdata.cases.filter {
            it.getString("op") !in VectorView.notYet && it.toString().length < (1 shl 20)
        }
        val pool = Executors.newFixedThreadPool(threads)
        try {
            val tasks = (0 until threads).map { t ->
                Callable {
                    // Each thread walks the vectors from a different start so different calls overlap.
                    cases.indices.mapNotNull { i -> VectorView.check(cases[(i + t * 37) % cases.size]) }
                }
            }
            val failures = pool.invokeAll(tasks).flatMap { it.get(10, TimeUnit.MINUTES) }
            assertEquals(emptyList<String>(), failures)
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun errorValuesSharedAcrossThreads() {
        val cause = CodedError("User.MetaspaceFull", "Metaspace 512m used")
        val value = CodedError("Arklet.InstallBizFailed", "install biz demo:1.0.0 failed").withCause(cause)
        val expected = value.toProblemJson()
        val pool = Executors.newFixedThreadPool(4)
        try {
            val results = pool.invokeAll((0 until 16).map { Callable { (0 until 50).map { value.toArkletJson(); value.toProblemJson() }.toSet() } })
            results.forEach { assertEquals(setOf(expected), it.get()) }
        } finally {
            pool.shutdownNow()
        }
    }
}
