package io.errcat.kotlin

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ExportTest {
    @Test
    fun jsonExportEqualsTheCommittedCatalogByteForByte() {
        val committed = java.nio.file.Files.readAllBytes(Testdata.root.resolve("testdata/catalog.json"))
        assertArrayEquals(committed, Errcat.exportCatalog("json").toByteArray(Charsets.UTF_8))
        assertArrayEquals(committed, Errcat.exportCatalog().toByteArray(Charsets.UTF_8), "JSON is the default")
    }

    @Test
    fun entryJsonIsTheEntryOfTheExport() {
        val catalog = JSONObject(Errcat.exportCatalog("json"))
        val koupleless = Errcat.lookup("Arklet.InstallBizFailed").entry
        val inExport = catalog.getJSONObject("koupleless").getJSONArray("entries").getJSONObject(koupleless.id.toInt())
        assertTrue(inExport.similar(JSONObject(Errcat.entryJson(koupleless.id))))
        val blobstore = Errcat.status(552, "v3.5.0").entry
        val blobstoreEntries = catalog.getJSONObject("blobstore").getJSONArray("entries")
        val index = blobstore.id.toInt() - catalog.getJSONObject("koupleless").getJSONArray("entries").length()
        assertTrue(blobstoreEntries.getJSONObject(index).similar(JSONObject(Errcat.entryJson(blobstore.id))))
    }

    /** The generated records carry every field of the export (catalog/fields.toml), with the same values. */
    @Test
    fun recordsCarryTheExportedFields() {
        val catalog = JSONObject(Errcat.exportCatalog("json"))
        val kEntries = catalog.getJSONObject("koupleless").getJSONArray("entries")
        val sEntries = catalog.getJSONObject("blobstore").getJSONArray("entries")
        for (entry in Errcat.entries()) {
            when (entry) {
                is Entry.Koupleless -> {
                    val e = entry.entry
                    val j = kEntries.getJSONObject(e.id.toInt())
                    assertEquals(j.getString("code"), e.code)
                    assertEquals(j.getString("type"), e.errorType)
                    assertEquals(j.getString("reporter"), e.reporter)
                    assertEquals(j.getJSONObject("meaning").getString("zh"), e.meaning.zh)
                    assertEquals(j.getJSONArray("sources").toList(), e.sources)
                    assertEquals(j.getJSONArray("aliases").toList(), e.aliases)
                    assertEquals(j.getBoolean("retryable"), e.retryable)
                }
                is Entry.Blobstore -> {
                    val e = entry.entry
                    val j = sEntries.getJSONObject(e.id.toInt() - kEntries.length())
                    assertEquals(j.getInt("code"), e.code)
                    assertEquals(j.getString("service"), e.service)
                    assertEquals(j.getString("message"), e.message)
                    assertEquals(j.getJSONArray("versions").toList(), e.versions)
                    assertEquals(j.getString("retry"), e.retry.name.lowercase())
                    assertEquals(if (j.isNull("renumbered_to")) null else j.getInt("renumbered_to"), e.renumberedTo)
                    assertEquals(j.getString("go_const"), e.goConst)
                }
            }
        }
    }

    @Test
    fun entryIdsRoundTrip() {
        val all = Errcat.entries(EntryFilter())
        assertEquals(all.size, all.map { it.key }.toSet().size)
        assertEquals(all, entries(), "the library's entries() are the table's")
        all.forEachIndexed { i, entry ->
            assertEquals(i.toUInt(), entry.id)
            assertSame(entry, Errcat.entryById(entry.id))
        }
    }

    /**
     * The package's generated entries and names (EntryData.kt, from core/codegen/src/emit/kotlin.rs) are the
     * library's, record for record, and were generated from the catalog the uniffi bindings were.
     */
    @Test
    fun generatedDataIsTheLibrarys() {
        assertEquals(entries(), EntryData.entries())
        assertEquals(catalogNames(), EntryData.names())
        assertEquals(Generated().catalogFingerprint, EntryData.FINGERPRINT)
        assertEquals(EntryData.COUNT, entries().size)
    }

    @Test
    fun markdownAndCsvInBothLanguages() {
        assertTrue(Errcat.exportCatalog("md", "zh").contains("| 552 | access limited | 服务接口达到链接数限制 |"))
        assertTrue(Errcat.exportCatalog("md", "zh-CN").contains("| 552 | access limited | 服务接口达到链接数限制 |"))
        assertTrue(Errcat.exportCatalog("csv").startsWith("system,reporter_or_service,code"))
    }
}
