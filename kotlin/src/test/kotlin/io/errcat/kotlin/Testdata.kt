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

    /** Every case of testdata/vectors.json. */
    val cases: List<JSONObject> by lazy {
        val cases = JSONObject(read("testdata/vectors.json")).getJSONArray("cases")
        (0 until cases.length()).map { cases.getJSONObject(it) }
    }
}

/** A string argument, or null where the vector gives `null` or leaves it out. */
fun JSONObject.stringOrNull(key: String): String? = if (isNull(key)) null else getString(key)

/** Whether a value of a vector (org.json) equals a value of a view (Kotlin). */
fun sameValue(want: Any?, got: Any?): Boolean = when (want) {
    null, JSONObject.NULL -> got == null
    is JSONArray -> got is List<*> && want.length() == got.size && got.indices.all { sameValue(want.get(it), got[it]) }
    is Number -> got is Number && want.toLong() == got.toLong()
    else -> want == got
}
