package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Bad input gives a typed ErrcatException, never a crash or another exception type. */
class BadInputTest {
    private val megabyte = "A".repeat(1 shl 20)
    private val loneHigh = "Arklet.Install\uD800Biz"
    private val loneLow = "\uDC00"

    private fun kindOf(call: () -> Any?): String = assertThrows<ErrcatException> { call() }.kind

    @Test
    fun emptyStrings() {
        assertEquals("InvalidCode", kindOf { lookup("") })
        assertEquals("InvalidCode", kindOf { find("") })
        assertEquals("InvalidCode", kindOf { parseCode("") })
        assertEquals("InvalidCode", kindOf { composeCode("User", "") })
        assertEquals("InvalidArgument", kindOf { composeCode("", "DiskFull") })
        assertEquals("InvalidArgument", kindOf { lookup("Arklet.InstallBizFailed", "") })
        assertEquals("InvalidArgument", kindOf { status(552, "") })
        assertEquals("InvalidArgument", kindOf { exportCatalog("") })
        assertEquals("InvalidArgument", kindOf { entries(EntryFilter(system = "")) })
        assertEquals("InvalidCode", kindOf { CodedError("", "detail") })
    }

    @Test
    fun megabyteStrings() {
        assertEquals("InvalidCode", kindOf { lookup(megabyte) })
        assertEquals("InvalidCode", kindOf { lookup("Arklet.$megabyte") })
        assertEquals("InvalidCode", kindOf { find(megabyte) })
        assertEquals("InvalidCode", kindOf { parseCode(megabyte) })
        assertEquals("InvalidCode", kindOf { composeCode("User", megabyte) })
        assertEquals("InvalidArgument", kindOf { lookup("Arklet.InstallBizFailed", megabyte) })
        assertEquals("InvalidArgument", kindOf { serviceOf(552, megabyte) })
        // A megabyte of detail is a legitimate value: it goes on the wire whole.
        CodedError("Arklet.InstallBizFailed", megabyte).use { assertTrue(it.toProblemJson().contains(megabyte)) }
    }

    @Test
    fun unpairedSurrogatesAreInvalidArguments() {
        for (text in listOf(loneHigh, loneLow, "\uD800", "User.DiskFull\uDBFF")) {
            assertEquals("InvalidArgument", kindOf { lookup(text) })
            assertEquals("InvalidArgument", kindOf { find(text) })
            assertEquals("InvalidArgument", kindOf { parseCode(text) })
            assertEquals("InvalidArgument", kindOf { lookup("Arklet.InstallBizFailed", text) })
            assertEquals("InvalidArgument", kindOf { entries(EntryFilter(reporter = text)) })
            assertEquals("InvalidArgument", kindOf { CodedError("Arklet.InstallBizFailed", text) })
        }
        val e = assertThrows<ErrcatException.InvalidArgument> { lookup(loneHigh) }
        assertTrue(e.reason.contains("U+D800 at index 14"), e.reason)
        // A well-formed pair (an emoji) is Unicode: the core judges the text, not the encoder.
        assertEquals("InvalidCode", kindOf { lookup("Arklet.\uD83D\uDE00") })
        CodedError("Arklet.InstallBizFailed", "disk \uD83D\uDE00").use { assertTrue(it.toProblemJson().contains("\uD83D\uDE00")) }
    }

    @Test
    fun embeddedNulAndOtherOddText() {
        assertEquals("InvalidCode", kindOf { lookup("Arklet.Install\u0000BizFailed") })
        assertEquals("InvalidCode", kindOf { parseCode("Arklet.InstallBizFailed\u0000") })
        assertEquals("InvalidCode", kindOf { lookup("Arklet..InstallBizFailed") })
        assertEquals("InvalidCode", kindOf { lookup("\u202EArklet.InstallBizFailed") })
    }

    @Test
    fun outOfRangeIntegers() {
        for (n in listOf(-1L, 1000L, Long.MIN_VALUE, Long.MAX_VALUE, Int.MAX_VALUE.toLong() + 1, 65536L + 552)) {
            assertEquals("InvalidCode", kindOf { status(n) }, "status($n)")
            assertEquals("InvalidCode", kindOf { serviceOf(n) }, "serviceOf($n)")
        }
        assertEquals("NotFound", kindOf { entryById(UInt.MAX_VALUE) })
        assertEquals("NotFound", kindOf { entryJson(100_000u) })
        assertEquals("InvalidArgument", kindOf { analyzeAudit(listOf(), null, -1) })
    }

    @Test
    fun aPanicIsAnInternalErrorAndTheLibraryStaysUsable() {
        val e = assertThrows<ErrcatException.Internal> { panicForTest("boom") }
        assertTrue(e.reason.contains("boom"), e.reason)
        assertEquals("Internal", e.kind)
        assertEquals("Arklet.InstallBizFailed", lookup("Arklet.InstallBizFailed").code)
    }

    @Test
    fun unreadableAuditLogIsIo() {
        assertEquals("Io", kindOf { analyzeAudit(listOf("/nonexistent/errcat/audit.log")) })
    }
}
