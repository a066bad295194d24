package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.json.JSONObject
import org.junit.jupiter.api.Test

class ExportTest {
    @Test
    fun jsonExportEqualsTheCommittedCatalogByteForByte() {
        val committed = java.nio.file.Files.readAllBytes(Testdata.root.resolve("testdata/catalog.json"))
        assertArrayEquals(committed, exportCatalog("json").toByteArray(Charsets.UTF_8))
    }

    @Test
    fun entryJsonIsTheEntryOfTheExport() {
        val catalog = JSONObject(exportCatalog("json"))
        val koupleless = lookup("Arklet.InstallBizFailed").entry
        val inExport = catalog.getJSONObject("koupleless").getJSONArray("entries").getJSONObject(koupleless.id.toInt())
        assertTrue(inExport.similar(JSONObject(entryJson(koupleless.id))))
        val blobstore = status(552, "v3.5.0").entry
        val blobstoreEntries = catalog.getJSONObject("blobstore").getJSONArray("entries")
        val index = blobstore.id.toInt() - catalog.getJSONObject("koupleless").getJSONArray("entries").length()
        assertTrue(blobstoreEntries.getJSONObject(index).similar(JSONObject(entryJson(blobstore.id))))
    }

    @Test
    fun entryIdsRoundTrip() {
        val all = entries(EntryFilter())
        assertEquals(all.size, all.map { it.key }.toSet().size)
        all.forEachIndexed { i, entry ->
            val id = when (entry) {
                is Entry.Koupleless -> entry.entry.id
                is Entry.Blobstore -> entry.entry.id
            }
            assertEquals(i.toUInt(), id)
            assertEquals(entry, entryById(id))
        }
    }

    @Test
    fun markdownAndCsvInBothLanguages() {
        assertTrue(exportCatalog("md", "zh").contains("| 552 | access limited | 服务接口达到链接数限制 |"))
        assertTrue(exportCatalog("csv").startsWith("system,reporter_or_service,code"))
    }
}
