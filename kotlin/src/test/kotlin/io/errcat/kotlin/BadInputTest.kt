package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Bad input gives a typed ErrcatException carrying the core's message, never a crash or another exception type. */
class BadInputTest {
    private val limit = 64 * 1024
    private val megabyte = "A".repeat(1 shl 20)
    private val loneHigh = "Arklet.Install\uD800Biz"

    private fun kindOf(call: () -> Any?): String = assertThrows<ErrcatException> { call() }.kind

    private fun reasonOf(call: () -> Any?): String = assertThrows<ErrcatException> { call() }.reason

    @Test
    fun emptyStrings() {
        assertEquals("InvalidCode", kindOf { Errcat.lookup("") })
        assertEquals("InvalidCode", kindOf { Errcat.parse("") })
        assertEquals("InvalidCode", kindOf { Errcat.compose("User", "") })
        assertEquals("InvalidArgument", kindOf { Errcat.compose("", "DiskFull") })
        assertEquals("InvalidCode", kindOf { CodedError("", "detail") })
        // An empty optional name is "not given", in every language.
        assertEquals("Arklet", Errcat.lookup("Arklet.InstallBizFailed", "").entry.reporter)
        assertEquals("master", Errcat.status(552, "").version)
        assertEquals(Errcat.entries().size, Errcat.entries(EntryFilter(system = "", reporter = " ")).size)
    }

    @Test
    fun stringsAtAndPastTheLimit() {
        assertEquals("InvalidCode", kindOf { Errcat.lookup("Arklet." + "A".repeat(limit - 7)) })
        assertEquals("InvalidArgument", kindOf { Errcat.lookup("Arklet." + "A".repeat(limit - 6)) })
        for (call in listOf<() -> Any?>(
            { Errcat.lookup(megabyte) }, { Errcat.find(megabyte) }, { Errcat.parse(megabyte) },
            { Errcat.compose("User", megabyte) }, { Errcat.lookup("Arklet.InstallBizFailed", megabyte) },
            { Errcat.serviceOf(552, megabyte) }, { Errcat.search(megabyte) },
            { CodedError("Arklet.InstallBizFailed", megabyte).toProblemJson() },
        )) {
            assertEquals("InvalidArgument", kindOf(call))
        }
        val detail = "d".repeat(limit)
        assertTrue(CodedError("Arklet.InstallBizFailed", detail).toProblemJson().contains(detail))
    }

    @Test
    fun loneSurrogatesReachTheCoreAndAreRefusedThere() {
        for (text in listOf(loneHigh, "\uDC00", "\uD800", "User.DiskFull\uDBFF")) {
            for (call in listOf<() -> Any?>(
                { Errcat.lookup(text) }, { Errcat.find(text) }, { Errcat.parse(text) },
                { Errcat.lookup("Arklet.InstallBizFailed", text) }, { Errcat.entries(EntryFilter(reporter = text)) },
                { CodedError("Arklet.InstallBizFailed", text).toArkletJson() }, { Errcat.analyzeAudit(listOf(text)) },
            )) {
                assertEquals("InvalidArgument", kindOf(call), text)
            }
        }
        assertEquals("code is not valid Unicode: a lone surrogate 0xd800 at position 14", reasonOf { Errcat.lookup(loneHigh) })
        // A well-formed pair (an emoji) is Unicode: the core judges the text as a code.
        assertEquals("InvalidCode", kindOf { Errcat.lookup("Arklet.\uD83D\uDE00") })
        assertTrue(CodedError("Arklet.InstallBizFailed", "disk \uD83D\uDE00").toProblemJson().contains("\uD83D\uDE00"))
    }

    @Test
    fun nulAndOtherOddText() {
        assertEquals("InvalidCode", kindOf { Errcat.lookup("Arklet.Install\u0000BizFailed") })
        assertEquals("InvalidCode", kindOf { Errcat.parse("Arklet.InstallBizFailed\u0000") })
        assertEquals("InvalidCode", kindOf { Errcat.lookup("Arklet..InstallBizFailed") })
        assertEquals("InvalidCode", kindOf { Errcat.lookup("\u202EArklet.InstallBizFailed") })
        assertEquals("InvalidArgument", kindOf { Errcat.lookup("Arklet.InstallBizFailed", "Ark\u0000let") })
        assertTrue(CodedError("Arklet.InstallBizFailed", "a\u0000b").toProblemJson().contains("a\\u0000b"))
    }

    @Test
    fun outOfRangeNumbers() {
        for (n in listOf(-1L, 1000L, Long.MIN_VALUE, Long.MAX_VALUE, Int.MAX_VALUE.toLong() + 1, 65536L + 552)) {
            assertEquals("InvalidCode", kindOf { Errcat.status(n) }, "status($n)")
            assertEquals("InvalidCode", kindOf { Errcat.serviceOf(n) }, "serviceOf($n)")
        }
        assertEquals("InvalidArgument", kindOf { Errcat.entryById(UInt.MAX_VALUE) })
        assertEquals("InvalidArgument", kindOf { Errcat.entryJson(100_000u) })
        assertEquals("InvalidArgument", kindOf { Errcat.analyzeAudit(listOf(), null, -1) })
    }

    /** issue 14: a null path element named generated code (`FfiConverterTypeHostString`); now the core names it. */
    @Test
    fun nullsAndWrongTypesGetTheCoresMessage() {
        assertEquals("paths[1] is missing", reasonOf { Errcat.analyzeAudit(listOf("/dev/null", null)) })
        assertEquals("paths[0] is empty", reasonOf { Errcat.analyzeAudit(listOf("")) })
        assertEquals("option name is missing", reasonOf { Errcat.analyzeAudit(listOf(), listOf(null to "x")) })
        assertTrue(reasonOf { Errcat.analyzeAudit(listOf(), listOf("colour" to "red")) }.contains("unknown audit option \"colour\""))
        assertEquals("max_api_level must be a number, not a string", reasonOf { Errcat.analyzeAudit(listOf(), listOf("max_api_level" to "2")) })
        assertEquals("version must be a string, not a java.lang.Object", reasonOf { Errcat.analyzeAudit(listOf(), listOf("version" to Any())) })
        assertEquals(0L, Errcat.analyzeAudit(listOf(), listOf("version" to null, "errors" to "5xx,!596", "max_api_level" to 3)).lines)
        assertEquals("code must be a string, not a number", reasonOf { call("lookup", listOf(Value.Int(3))) })
        assertEquals("code must be a string, not a list", reasonOf { call("lookup", listOf(list(0))) })
        assertEquals("code is missing", reasonOf { call("lookup", listOf()) })
        assertTrue(reasonOf { call("nope", listOf()) }.contains("\"nope\" is not an errcat operation"))
    }

    /** Values nest as deep as a caller likes: read with loops on both sides, judged by the core, never a crash. */
    @Test
    fun deeplyNestedValuesAreReadWithLoops() {
        var nested: Any? = "x"
        repeat(100_000) { nested = listOf(nested) }
        assertEquals("version must be a string, not a list", reasonOf { Errcat.analyzeAudit(listOf(), listOf("version" to nested)) })
        val flat = mutableListOf(list(0), list(1), list(2), text("version"))
        repeat(1_000_000) { flat.add(list(1)) }
        flat.add(text("x"))
        assertEquals("version must be a string, not a list", reasonOf { call("audit", flat) })
    }

    /** issue 14: 10,000 nested causes crashed the JVM and 6,000 took 5.5 s; now linear, refused past 64 by the core. */
    @Test
    fun deepCauseChainsAreLinearAndRefusedPast64() {
        for (depth in listOf(10_000, 100_000)) {
            val start = System.nanoTime()
            // issue 14's reproduction makes every link anew (one crossing each); the deeper chain reuses one.
            val link = CodedError("613", "deep")
            var e = CodedError("613", "deep")
            repeat(depth) { e = (if (depth <= 10_000) CodedError("613", "deep") else link).withCause(e) }
            val built = System.nanoTime()
            val err = assertThrows<ErrcatException.InvalidArgument> { e.toProblemJson() }
            assertEquals("cause chain is deeper than 64 causes", err.reason)
            assertThrows<ErrcatException.InvalidArgument> { e.toArkletJson() }
            assertTrue(e.toString().startsWith("613: deep; caused by 613: deep"))
            val seconds = (System.nanoTime() - start) / 1e9
            println("kotlin: $depth causes built in %.2f s, refused in %.2f s".format((built - start) / 1e9, seconds))
            assertTrue(seconds < 60, "$depth causes took $seconds s")
        }
        var e = CodedError("613", "deep")
        repeat(64) { e = CodedError("613", "deep").withCause(e) }
        assertTrue(e.toProblemJson().startsWith("{\"type\":\"urn:errcat:blobstore:613\""))
        assertEquals("InvalidArgument", kindOf { CodedError("613", "deep").withCause(e).toArkletJson() })
    }

    @Test
    fun aPanicIsAnInternalErrorAndTheLibraryStaysUsable() {
        val e = assertThrows<ErrcatException.Internal> { panicForTest("boom") }
        assertEquals("internal error in errcat (a bug, please report it): boom", e.reason)
        assertEquals("Internal", e.kind)
        assertEquals("Arklet.InstallBizFailed", Errcat.lookup("Arklet.InstallBizFailed").code)
        assertEquals("Arklet.InstallBizFailed", Errcat.lookup("Arklet.InstallBizFailed", " arklet ").code)
    }

    @Test
    fun unreadableAuditLogIsIo() {
        assertEquals("Io", kindOf { Errcat.analyzeAudit(listOf("/nonexistent/errcat/audit.log")) })
    }
}
