package io.errcat.kotlin

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** What the records and the error value carry beyond the vectors' views. */
class ApiTest {
    @Test
    fun lookupRecord() {
        val r = Errcat.lookup("ModuleController.ResourceConstrained")
        assertEquals("ResourceConstraned", r.entry.errorType)
        assertEquals("ResourceConstrained", r.alias)
        assertEquals("ModuleController.ResourceConstraned", r.code)
        assertTrue(r.entry.aliases.contains("ResourceConstrained"))
        assertEquals("ModuleController/ResourceConstraned", r.entry.key)
        assertTrue(Errcat.lookup("User.PullBizError").dynamic)
        assertEquals("Arklet.InstallBizFailed", Errcat.lookup("Arklet.InstallBizFailed").entry.code)
    }

    @Test
    fun classifyIsTheJsonViewWithTheEntry() {
        val body = """{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: demo:1.0.0 has been installed or registered."}}"""
        val c = Errcat.classify(body, "installBiz")
        val resolved = c["resolved"] as Resolved
        assertEquals(JSONObject(Errcat.entryJson(resolved.entry.id)).toMap(), c["entry"])
        val members = listOf("outcome", "code", "reporter", "rule", "why", "retryable", "error", "evidence", "entry", "results")
        assertEquals(members + listOf("answer", "resolved"), c.keys.toList())
    }

    @Test
    fun statusRecordAcrossVersions() {
        val old = Errcat.status(552, "v3.5.0")
        assertTrue(old.valid)
        assertEquals(RetryClass.OVERLOAD, old.entry.retry)
        val moved = Errcat.status(552)
        assertFalse(moved.valid)
        assertEquals("master", moved.version)
        assertEquals(429, moved.entry.renumberedTo)
        assertEquals(listOf("v3.2.0", "v3.2.1", "v3.3.0", "v3.3.1", "v3.3.2", "v3.4.0", "v3.5.0"), moved.entry.versions)
        assertEquals("BlobNode", Errcat.serviceOf(640))
        assertEquals("BlobNode", Errcat.serviceOf(640, " 3.5.0 "))
    }

    @Test
    fun errorsCarryKindAndLists() {
        val nf = assertThrows<ErrcatException.NotFound> { Errcat.lookup("Arklet.InstallBizFailes") }
        assertEquals(listOf("Arklet.InstallBizFailed", "Arklet.UninstallBizFailed"), nf.suggestions)
        val amb = assertThrows<ErrcatException.Ambiguous> { Errcat.lookup("User.DiskFull") }
        assertEquals(2, amb.candidates.size)
        assertEquals("Ambiguous", amb.kind)
        assertTrue(amb.reason.contains("ambiguous"))
        assertEquals("ModuleController", Errcat.lookup("User.DiskFull", "modulecontroller").entry.reporter)
        val malformed = assertThrows<ErrcatException.InvalidCode> { Errcat.lookup("arklet.installBizFailed") }
        assertEquals(listOf("Arklet.InstallBizFailed"), malformed.suggestions)
    }

    @Test
    fun parseComposeFindSearch() {
        assertEquals(Code("Arklet", "InstallBizFailed", "Arklet.InstallBizFailed"), Errcat.parse("Arklet.InstallBizFailed"))
        assertEquals(Code("User", "DiskFull", "User.DiskFull"), Errcat.compose("user", "DiskFull"))
        @Suppress("DEPRECATION")
        assertEquals(Errcat.compose("User", "DiskFull"), Errcat.composeCode("User", "DiskFull"))
        assertTrue(Errcat.find("InstallBizFailed").all { it.key.endsWith("/InstallBizFailed") })
        assertTrue(Errcat.search("磁盘").isNotEmpty())
    }

    @Test
    fun codedErrorValue() {
        val cause = CodedError("User.MetaspaceFull", "Metaspace 512m used")
        val err = CodedError("Arklet.InstallBizFailed", "install failed").withCause(cause)
        assertEquals("Arklet.InstallBizFailed", err.code())
        assertEquals("install failed", err.detail())
        assertSame(cause, err.cause())
        val problem = JSONObject(err.toProblemJson())
        assertEquals("urn:errcat:koupleless:Arklet.InstallBizFailed", problem.getString("type"))
        assertEquals("User.MetaspaceFull", problem.getJSONObject("cause").getString("code"))
        assertEquals("FAILED", JSONObject(err.toArkletJson()).getString("code"))
        assertEquals("Arklet.InstallBizFailed: install failed; caused by User.MetaspaceFull: Metaspace 512m used", err.toString())
        err.use { assertNull(cause.cause()) } // AutoCloseable, for former `use {}` callers
        assertEquals(552, JSONObject(CodedError("552", "busy", version = "v3.5.0").toProblemJson()).getInt("status"))
        assertEquals("552", CodedError("552", "busy", version = "v3.5.0").code())
        assertThrows<ErrcatException.Ambiguous> { CodedError("OtherUpstream.InvalidParameter", "x") }
        assertEquals("OtherUpstream.InvalidParameter", CodedError("OtherUpstream.InvalidParameter", "x", reporter = "kouplelessboard").code())
        assertThrows<ErrcatException.InvalidArgument> { CodedError("Arklet.InstallBizFailed", "x", version = "v0") }
    }

    @Test
    fun namesAndVersion() {
        val names = Errcat.catalogNames()
        assertEquals("master", names.versions.last())
        assertTrue(names.sources.contains("KubeAPIServer"))
        assertEquals(listOf("Arklet", "ModuleController", "KouplelessBoard"), names.reporters)
        assertEquals(listOf("never", "transient", "overload", "ignore"), names.retryClasses)
        assertEquals(RetryClass.entries.map { it.name.lowercase() }, names.retryClasses)
        assertEquals(listOf("NotFound", "Ambiguous", "InvalidCode", "InvalidArgument", "Io", "Internal"), names.errorKinds)
        assertEquals("0.1.0", Errcat.version)
        assertEquals(catalogNames(), names)
    }

    @Test
    fun auditOfTheFixtures() {
        val fixtures = Testdata.root.resolve("testdata/audit").toString()
        val report = Errcat.analyzeAudit(listOf(fixtures))
        assertTrue(report.lines >= report.malformed)
        assertTrue(report.lines > 0, "the fixtures have lines")
        assertEquals(report.lines, JSONObject(report.json).optLong("lines", report.lines))
        val sla = Errcat.analyzeAudit(listOf(fixtures), listOf("errors" to "http", "version" to "3.5.0", "max_api_level" to 1))
        assertEquals(report.lines, sla.lines)
        assertEquals(report, Errcat.analyzeAudit(listOf(fixtures), version = null, maxApiLevel = 2))
        assertEquals(0L, Errcat.analyzeAudit(listOf()).lines)
    }
}
