package io.errcat.kotlin

import org.json.JSONArray
import org.json.JSONObject
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** The repository's testdata/, shared by every language's tests. */
object Testdata {
    /** The workspace root (Maven passes it as the system property `errcat.root`). */
    val root: Path = Paths.get(System.getProperty("errcat.root", "..")).toAbsolutePath().normalize()

    fun read(relative: String): String = String(Files.readAllBytes(root.resolve(relative)), Charsets.UTF_8)

    /** The files of conformance vectors: every `testdata/vectors*.json`, by name. */
    val vectorFiles: List<String> by lazy {
        Files.list(root.resolve("testdata")).use { files ->
            files.map { it.fileName.toString() }
                .filter { it.startsWith("vectors") && it.endsWith(".json") }
                .sorted().toList()
        }
    }

    /** Every case of every vectors file (schema 2), long strings expanded, in file order. */
    val cases: List<JSONObject> by lazy {
        vectorFiles.flatMap { file ->
            val doc = JSONObject(read("testdata/$file"))
            check(doc.getInt("schema") == 2) { "$file: schema ${doc.get("schema")}, want 2" }
            val cases = doc.getJSONArray("cases")
            (0 until cases.length()).map { expand(cases.getJSONObject(it)) as JSONObject }
        }
    }

    /** Expands `{"repeat", "count", "prefix", "suffix"}` anywhere in a case (testdata/README.md). */
    private fun expand(v: Any): Any = when {
        v is JSONObject && v.has("repeat") ->
            v.optString("prefix") + v.getString("repeat").repeat(v.getInt("count")) + v.optString("suffix")
        v is JSONObject -> JSONObject().also { out -> v.keySet().forEach { out.put(it, expand(v.get(it))) } }
        v is JSONArray -> JSONArray().also { out -> (0 until v.length()).forEach { out.put(expand(v.get(it))) } }
        else -> v
    }
}

/** A string argument, or null where the vector gives `null` or leaves it out. */
fun JSONObject.stringOrNull(key: String): String? = if (isNull(key)) null else getString(key)

/** Whether a value of a vector (org.json) equals a value of a view (Kotlin). */
fun sameValue(want: Any?, got: Any?): Boolean = when (want) {
    null, JSONObject.NULL -> got == null
    is JSONArray -> got is List<*> && want.length() == got.size && got.indices.all { sameValue(want.get(it), got[it]) }
    is JSONObject -> got is Map<*, *> && want.keySet() == got.keys && want.keySet().all { sameValue(want.get(it), got[it]) }
    is Number -> got is Number && want.toLong() == got.toLong()
    else -> want == got
}
