package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.json.JSONObject
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** What the records and the error value carry beyond the vectors' views. */
class ApiTest {
    @Test
    fun lookupRecord() {
        val r = lookup("ModuleController.ResourceConstrained")
        assertEquals("ResourceConstraned", r.entry.errorType)
        assertEquals("ResourceConstrained", r.alias)
        assertTrue(r.entry.aliases.contains("ResourceConstrained"))
        assertEquals("ModuleController/ResourceConstraned", r.entry.key)
        assertTrue(lookup("User.PullBizError").dynamic)
    }

    @Test
    fun statusRecordAcrossVersions() {
        val old = status(552, "v3.5.0")
        assertTrue(old.valid)
        assertEquals(RetryClass.OVERLOAD, old.entry.retry)
        val moved = status(552)
        assertFalse(moved.valid)
        assertEquals("master", moved.version)
        assertEquals(429, moved.entry.renumberedTo)
        assertEquals("v3.2.0..v3.5.0", moved.entry.validity)
        assertEquals("BlobNode", serviceOf(640))
    }

    @Test
    fun errorsCarryKindAndLists() {
        val nf = assertThrows<ErrcatException.NotFound> { lookup("Arklet.InstallBizFailes") }
        assertEquals(listOf("Arklet.InstallBizFailed", "Arklet.UninstallBizFailed"), nf.suggestions)
        val amb = assertThrows<ErrcatException.Ambiguous> { lookup("User.DiskFull") }
        assertEquals(2, amb.candidates.size)
        assertEquals("Ambiguous", amb.kind)
        assertTrue(amb.reason.contains("ambiguous"))
        assertEquals("ModuleController", lookup("User.DiskFull", "ModuleController").entry.reporter)
        val malformed = assertThrows<ErrcatException.InvalidCode> { lookup("arklet.installBizFailed") }
        assertEquals(listOf("Arklet.InstallBizFailed"), malformed.suggestions)
    }

    @Test
    fun codedErrorValue() {
        val cause = CodedError("User.MetaspaceFull", "Metaspace 512m used")
        CodedError("Arklet.InstallBizFailed", "install failed").withCause(cause).use { err ->
            assertEquals("Arklet.InstallBizFailed", err.code())
            assertEquals("install failed", err.detail())
            assertEquals("User.MetaspaceFull", err.cause()?.use { it.code() })
            val problem = JSONObject(err.toProblemJson())
            assertEquals("urn:errcat:koupleless:Arklet.InstallBizFailed", problem.getString("type"))
            assertEquals("User.MetaspaceFull", problem.getJSONObject("cause").getString("code"))
            val arklet = JSONObject(err.toArkletJson())
            assertEquals("FAILED", arklet.getString("code"))
        }
        cause.close()
        CodedError("552", "busy", version = "v3.5.0").use { assertEquals(552, JSONObject(it.toProblemJson()).getInt("status")) }
        CodedError("OtherUpstream.InvalidParameter", "x", reporter = "KouplelessBoard").use { assertNull(it.cause()) }
    }

    @Test
    fun namesAndVersion() {
        val names = catalogNames()
        assertEquals("master", names.versions.last())
        assertTrue(names.sources.contains("KubeAPIServer"))
        assertEquals(listOf("Arklet", "ModuleController", "KouplelessBoard"), names.reporters)
        assertEquals("0.1.0", errcatVersion())
    }

    @Test
    fun auditOfTheFixtures() {
        val fixtures = Testdata.root.resolve("testdata/audit").toString()
        val report = analyzeAudit(listOf(fixtures))
        assertTrue(report.lines >= report.malformed)
        assertTrue(report.lines > 0, "the fixtures have lines")
        // The report's schema belongs to the analyser; here it only has to be the JSON of the same run.
        assertEquals(report.lines, JSONObject(report.json).optLong("lines", report.lines))
    }
}
