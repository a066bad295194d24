package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The bindings are safe to call from many threads at once and give each the same answers. */
class ConcurrencyTest {
    @Test
    fun everyVectorFromEightThreadsAtOnce() {
        val threads = 8
        val rounds = 5
        val pool = Executors.newFixedThreadPool(threads)
        try {
            val tasks = (0 until threads).map { t ->
                Callable {
                    val failures = mutableListOf<String>()
                    repeat(rounds) { round ->
                        // Each thread walks the vectors from a different start so different calls overlap.
                        val cases = Testdata.cases
                        for (i in cases.indices) {
                            VectorView.check(cases[(i + t * 17 + round) % cases.size])?.let { failures += it }
                        }
                    }
                    failures
                }
            }
            val failures = pool.invokeAll(tasks).flatMap { it.get(5, TimeUnit.MINUTES) }
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
            val results = pool.invokeAll((0 until 16).map { Callable { (0 until 200).map { value.toArkletJson(); value.toProblemJson() }.toSet() } })
            results.forEach { assertEquals(setOf(expected), it.get()) }
        } finally {
            pool.shutdownNow()
            value.close()
            cause.close()
        }
    }
}
