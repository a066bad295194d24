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

/**
 * The answer table: every successful lookup and status is answered without crossing into the library, first call
 * included; any other call crosses every time and its answer is the table's object; errors always come fresh from
 * the core. [crossings] counts the package's calls into the library.
 */
class AnswerTableTest {
    private fun <T> crossed(body: () -> T): Pair<T, Long> {
        val before = crossings.get()
        val result = body()
        return result to crossings.get() - before
    }

    private val names = Errcat.catalogNames()

    @Test
    fun everySuccessfulLookupIsAnsweredWithoutCrossing() {
        val types = Errcat.entries().filterIsInstance<Entry.Koupleless>().flatMap { listOf(it.entry.errorType) + it.entry.aliases }.toSet()
        val reporters = listOf(null) + names.reporters + names.reporters.map { it.lowercase() }
        var answered = 0
        var failed = 0
        val (_, crossed) = crossed {
            for (source in names.sources) for (type in types) for (reporter in reporters) {
                try {
                    Errcat.lookup("$source.$type", reporter)
                    answered++
                } catch (e: ErrcatException) {
                    failed++ // an Ambiguous or NotFound: the core's answer, one crossing each
                }
            }
        }
        assertTrue(answered > 1000, "$answered answered")
        assertEquals(failed.toLong(), crossed, "$answered answers and $failed errors took $crossed crossings")
    }

    @Test
    fun everySuccessfulStatusIsAnsweredWithoutCrossing() {
        val versions = listOf(null) + names.versions + names.versions.map { it.removePrefix("v") }
        var answered = 0
        var failed = 0
        val (_, crossed) = crossed {
            for (n in 0L..999L) for (version in versions) {
                try {
                    Errcat.status(n, version)
                    answered++
                } catch (e: ErrcatException) {
                    failed++
                }
            }
        }
        assertTrue(answered > 500, "$answered answered")
        assertEquals(failed.toLong(), crossed)
    }

    @Test
    fun aMissCrossesEveryTimeAndGivesTheTablesObject() {
        val hit = Errcat.lookup("OtherUpstream.InvalidParameter", "KouplelessBoard")
        for (spelling in listOf(" KouplelessBoard", "KOUPLELESSBOARD", "kouplelessBoard\t")) {
            val (again, crossed) = crossed { Errcat.lookup("OtherUpstream.InvalidParameter", spelling) }
            assertSame(hit, again, spelling)
            assertEquals(1L, crossed, spelling)
            assertEquals(1L, crossed { Errcat.lookup("OtherUpstream.InvalidParameter", spelling) }.second)
        }
        val old = Errcat.status(552, "v3.5.0")
        assertSame(old, crossed { Errcat.status(552, "V3.5.0") }.also { assertEquals(1L, it.second) }.first)
        assertSame(old, Errcat.status(552, "3.5.0"))
        assertSame(Errcat.status(552), Errcat.status(552, "master"))
        assertSame(Errcat.status(552), Errcat.status(552, ""), "an empty optional name is not given")
    }

    @Test
    fun hitsAreOneObjectPerAnswer() {
        val first = Errcat.lookup("Arklet.InstallBizFailed")
        assertSame(first, Errcat.lookup("Arklet.InstallBizFailed"))
        assertSame(first, Errcat.lookup("Arklet.InstallBizFailed", "Arklet"))
        assertSame(first, Errcat.lookup("Arklet.InstallBizFailed", "arklet"))
        val alias = Errcat.lookup("ModuleController.ResourceConstrained")
        val canonical = Errcat.lookup("ModuleController.ResourceConstraned")
        assertNotSame(alias, canonical)
        assertEquals("ResourceConstrained", alias.alias)
        assertSame(alias.entry, canonical.entry)
        assertSame(alias.entry, (Errcat.entryById(alias.entry.id) as Entry.Koupleless).entry)
        val m = Errcat.status(552, "v3.5.0")
        assertSame(m.entry, (Errcat.entryById(m.entry.id) as Entry.Blobstore).entry)
        assertSame(Errcat.find("552").single(), Errcat.entryById(m.entry.id))
    }

    @Test
    fun errorsAlwaysComeFromTheCore() {
        val (a, crossedA) = crossed { assertThrows<ErrcatException.NotFound> { Errcat.lookup("Arklet.InstallBizFailes") } }
        val (b, crossedB) = crossed { assertThrows<ErrcatException.NotFound> { Errcat.lookup("Arklet.InstallBizFailes") } }
        assertNotSame(a, b)
        assertEquals(listOf(1L, 1L), listOf(crossedA, crossedB))
        assertEquals(a.suggestions, b.suggestions)
        assertThrows<ErrcatException.Ambiguous> { Errcat.lookup("User.DiskFull") }
        assertThrows<ErrcatException.InvalidArgument> { Errcat.lookup("Arklet.InstallBizFailed", "NoSuchReporter") }
        assertThrows<ErrcatException.InvalidCode> { Errcat.status(1000) }
        assertThrows<ErrcatException.InvalidCode> { Errcat.status(-1) }
        assertThrows<ErrcatException.InvalidArgument> { Errcat.status(552, "v9.9.9") }
    }

    @Test
    @Suppress("DEPRECATION")
    fun theFormerCacheApiStillCompiles() {
        assertEquals(4096, Errcat.MAX_CACHED_LOOKUPS)
        assertEquals(64, Errcat.MAX_CACHED_VERSIONS)
        Errcat.clearCache()
        assertEquals(0, Errcat.cachedLookups + Errcat.cachedStatuses + Errcat.cachedEntries)
        assertSame(Errcat.lookup("Arklet.InstallBizFailed"), lookup("Arklet.InstallBizFailed"))
        assertEquals("v3.2.0..v3.5.0", Errcat.status(552).entry.validity)
    }

    @Test
    fun sameObjectFromEveryThread() {
        val codes = listOf("Arklet.InstallBizFailed", "User.PullBizError", "Arklet.UnknownError", "User.MetaspaceFull")
        val numbers = listOf(552L, 429L, 651L, 801L)
        val pool = Executors.newFixedThreadPool(8)
        try {
            val tasks = (0 until 8).map {
                Callable { (0 until 2000).map { i -> Errcat.lookup(codes[i % codes.size]) to Errcat.status(numbers[i % numbers.size]) } }
            }
            val (results, crossed) = crossed { pool.invokeAll(tasks).flatMap { it.get(5, TimeUnit.MINUTES) } }
            assertEquals(0L, crossed)
            for ((r, m) in results) {
                assertSame(Errcat.lookup(r.code), r)
                assertSame(Errcat.status(m.entry.code.toLong()), m)
            }
        } finally {
            pool.shutdownNow()
        }
    }
}
