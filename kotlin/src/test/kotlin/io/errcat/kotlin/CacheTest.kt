package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** [Errcat], the cached facade: hits are the same object Rust's answer was, errors are never kept, it is bounded. */
class CacheTest {
    @Test
    fun lookupHitIsTheSameObjectAndEqualsTheUncachedAnswer() {
        Errcat.clearCache()
        val first = Errcat.lookup("Arklet.InstallBizFailed")
        assertEquals(lookup("Arklet.InstallBizFailed"), first)
        assertSame(first, Errcat.lookup("Arklet.InstallBizFailed"))
        assertEquals(1, Errcat.cachedLookups)
        val withReporter = Errcat.lookup("OtherUpstream.InvalidParameter", reporter = "KouplelessBoard")
        assertEquals(lookup("OtherUpstream.InvalidParameter", reporter = "KouplelessBoard"), withReporter)
        assertSame(withReporter, Errcat.lookup("OtherUpstream.InvalidParameter", "KouplelessBoard"))
        assertEquals(2, Errcat.cachedLookups)
    }

    @Test
    fun resultsShareOneEntryObjectPerEntryId() {
        Errcat.clearCache()
        val alias = Errcat.lookup("ModuleController.ResourceConstrained")
        val canonical = Errcat.lookup("ModuleController.ResourceConstraned")
        assertNotSame(alias, canonical)
        assertEquals("ResourceConstrained", alias.alias)
        assertSame(alias.entry, canonical.entry)
        assertSame(alias.entry, (Errcat.entryById(alias.entry.id) as Entry.Koupleless).entry)
        assertSame(Errcat.entryById(alias.entry.id), Errcat.entryById(alias.entry.id))
        val m = Errcat.status(552, "v3.5.0")
        assertSame(m.entry, (Errcat.entryById(m.entry.id) as Entry.Blobstore).entry)
        assertEquals(entryById(m.entry.id), Errcat.entryById(m.entry.id))
    }

    @Test
    fun statusHitIsTheSameObjectPerVersion() {
        Errcat.clearCache()
        val newest = Errcat.status(552)
        assertEquals(status(552), newest)
        assertSame(newest, Errcat.status(552))
        val old = Errcat.status(552, "v3.5.0")
        assertEquals(status(552, "v3.5.0"), old)
        assertSame(old, Errcat.status(552, "v3.5.0"))
        assertTrue(old.valid)
        assertTrue(!newest.valid)
        assertEquals(2, Errcat.cachedStatuses)
    }

    @Test
    fun errorsAreNeverCached() {
        Errcat.clearCache()
        val a = assertThrows<ErrcatException.NotFound> { Errcat.lookup("Arklet.InstallBizFailes") }
        val b = assertThrows<ErrcatException.NotFound> { Errcat.lookup("Arklet.InstallBizFailes") }
        assertNotSame(a, b)
        assertEquals(a.suggestions, b.suggestions)
        assertThrows<ErrcatException.Ambiguous> { Errcat.lookup("User.DiskFull") }
        assertThrows<ErrcatException.InvalidArgument> { Errcat.lookup("Arklet.InstallBizFailed", "NoSuchReporter") }
        assertThrows<ErrcatException.InvalidArgument> { Errcat.lookup("Arklet.\uD800") }
        assertEquals(0, Errcat.cachedLookups)
        assertThrows<ErrcatException.InvalidCode> { Errcat.status(1000) }
        assertThrows<ErrcatException.InvalidCode> { Errcat.status(-1) }
        assertThrows<ErrcatException.InvalidArgument> { Errcat.status(552, "v9.9.9") }
        assertThrows<ErrcatException.InvalidArgument> { Errcat.status(552, "v9.9.9") }
        assertEquals(0, Errcat.cachedStatuses)
        assertThrows<ErrcatException> { Errcat.entryById(UInt.MAX_VALUE) }
        assertEquals(0, Errcat.cachedEntries)
        // A good call after the bad ones is cached as usual.
        Errcat.status(552, "v3.5.0")
        assertEquals(1, Errcat.cachedStatuses)
    }

    @Test
    fun lookupCacheIsBounded() {
        Errcat.clearCache()
        val bound = 100
        Errcat.boundLookups(bound)
        try {
            // Every known source with every catalogued type: dynamic codes, far more than the bound.
            val types = entries().filterIsInstance<Entry.Koupleless>().map { it.entry.errorType }.distinct()
            var answered = 0
            for (source in catalogNames().sources) {
                for (type in types) {
                    val code = "$source.$type"
                    val r = try {
                        Errcat.lookup(code)
                    } catch (e: ErrcatException) {
                        continue // Ambiguous without a reporter: not cached, not counted
                    }
                    assertEquals(lookup(code), r)
                    answered++
                    assertTrue(Errcat.cachedLookups <= bound, "cached ${Errcat.cachedLookups} > $bound")
                }
            }
            assertTrue(answered > 2 * bound, "only $answered codes answered")
            assertEquals(bound, Errcat.cachedLookups)
            // The latest answer is kept; dropped ones are fetched again, and right.
            val again = Errcat.lookup("Arklet.InstallBizFailed")
            assertSame(again, Errcat.lookup("Arklet.InstallBizFailed"))
            assertTrue(Errcat.cachedLookups <= bound)
        } finally {
            Errcat.boundLookups(Errcat.MAX_CACHED_LOOKUPS)
            Errcat.clearCache()
        }
    }

    @Test
    fun sameObjectFromEveryThread() {
        Errcat.clearCache()
        val pool = Executors.newFixedThreadPool(8)
        try {
            val tasks = (0 until 8).map {
                Callable { (0 until 200).map { i -> Errcat.lookup(CODES[i % CODES.size]) to Errcat.status(NUMBERS[i % NUMBERS.size]) } }
            }
            val results = pool.invokeAll(tasks).flatMap { it.get(5, TimeUnit.MINUTES) }
            for ((r, m) in results) {
                assertSame(Errcat.lookup(r.code), r)
                assertSame(Errcat.status(m.entry.code.toLong()), m)
            }
            assertEquals(CODES.size, Errcat.cachedLookups)
        } finally {
            pool.shutdownNow()
        }
    }

    private companion object {
        val CODES = listOf("Arklet.InstallBizFailed", "User.PullBizError", "Arklet.UnknownError", "User.MetaspaceFull")
        val NUMBERS = listOf(552L, 429L, 651L, 801L)
    }
}
