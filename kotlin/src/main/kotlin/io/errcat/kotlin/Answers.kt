package io.errcat.kotlin

/**
 * What the package keeps, loaded once per process ([Errcat] loads it on first use): every entry and the names of
 * every enumeration, generated from the catalog ([EntryData]), and the library's answer table (one crossing,
 * [answerTable]; format in bindings/README.md, "What a host package keeps"). Immutable once built: every
 * successful `lookup` / `status` answer is one [Resolved] or [StatusMatch] object, found by the arguments the table
 * lists or, after a crossing, by the answer id the library returned.
 */
internal class Answers private constructor(
    @JvmField val entries: List<Entry>,
    @JvmField val names: CatalogNames,
    private val byId: Array<Any?>,
    /** `lookup(code)` without a reporter. Never changed after the table is built (nor are the maps below). */
    @JvmField val lookups: HashMap<String, Resolved>,
    /** `lookup(code, reporter)`, by the reporter's spelling. */
    @JvmField val lookupsBy: HashMap<String, HashMap<String, Resolved>>,
    /** `status(number)` at the newest version, by number. */
    @JvmField val statuses: Array<StatusMatch?>,
    /** `status(number, version)`, by the version's spelling. */
    @JvmField val statusesBy: HashMap<String, Array<StatusMatch?>>,
) {
    /** The answer with `id`, which the library returned for a call that succeeded. */
    fun answer(id: Long): Any {
        if (id >= 0 && id < byId.size) byId[id.toInt()]?.let { return it }
        throw internal("errcat answered $id, which is not in its answer table")
    }

    fun entry(id: Long): Entry = entries[id.toInt()]

    /** Each entry's JSON view (the catalog export's object, read-only), made from the core's on first use. */
    private val entryViews = java.util.concurrent.atomic.AtomicReferenceArray<Map<String, Any?>>(entries.size)

    /** The JSON view of entry `id`, as `entry_json` answers it: the same object for every caller. */
    @Suppress("UNCHECKED_CAST")
    fun entryView(id: UInt): Map<String, Any?> {
        val i = id.toInt()
        entryViews.get(i)?.let { return it }
        val view = readOnly(invokeDecoded("entry_json", Value.Int(i.toLong()), Value.Bool(true))) as Map<String, Any?>
        return if (entryViews.compareAndSet(i, null, view)) view else entryViews.get(i)
    }

    /** A decoded answer with each of its maps and lists read-only. */
    private fun readOnly(v: Any?): Any? = when (v) {
        is Map<*, *> -> java.util.Collections.unmodifiableMap(LinkedHashMap<Any?, Any?>(v.size * 2).also { m -> for ((k, x) in v) m[k] = readOnly(x) })
        is List<*> -> java.util.Collections.unmodifiableList(v.map { readOnly(it) })
        else -> v
    }

    companion object {
        fun load(): Answers {
            crossings.incrementAndGet()
            return parse(EntryData.entries(), EntryData.names(), answerTable())
        }

        /**
         * One pass over the table's text, without splitting it into lines or fields; each row is read by [Builder.row],
         * a method of its own, so that the JIT compiles it after a few hundred rows (a process pays the load once).
         */
        private fun parse(entries: List<Entry>, names: CatalogNames, table: String): Answers {
            val fingerprint = EntryData.FINGERPRINT
            val row = Row(table)
            if (!row.next() || row.field() != "errcat-answers" || row.field() != "1" || row.field() != fingerprint) {
                throw internal(
                    "the errcat library's catalog (${table.substringBefore('\n')}) is not this package's " +
                        "($fingerprint): rebuild or reinstall them together",
                )
            }
            val b = Builder(entries, names)
            while (row.next()) b.row(row)
            return Answers(entries, names, b.byId, b.lookups, b.lookupsBy, b.statuses, b.statusesBy)
        }
    }

    /** The maps, row by row. */
    private class Builder(val entries: List<Entry>, val names: CatalogNames) {
        var byId = arrayOfNulls<Any>(1024)
        val lookups = HashMap<String, Resolved>(1024)
        val lookupsBy = HashMap<String, HashMap<String, Resolved>>()
        var statuses = arrayOfNulls<StatusMatch>(1000)
        val statusesBy = HashMap<String, Array<StatusMatch?>>()

        /** The spellings met so far with their maps, matched in place (no substring per row). */
        private val reporters = ArrayList<String>()
        private val reporterMaps = ArrayList<HashMap<String, Resolved>>()
        private var nextReporter = 0
        private val versions = ArrayList<String>()
        private var nextVersion = 0
        private var lastCode = ""

        fun row(row: Row) {
            val kind = row.kind()
            val id = row.int()
            if (id >= byId.size) byId = byId.copyOf(maxOf(id + 1, byId.size * 2))
            when (kind) {
                'R' -> {
                    val entry = (entries[row.int()] as Entry.Koupleless).entry
                    val source = names.sources[row.int()]
                    val alias = row.field().takeIf { it != "-" }
                    val dynamic = row.flag()
                    byId[id] = Resolved(code = row.field(), source = source, entry = entry, alias = alias, dynamic = dynamic)
                }
                'S' -> {
                    val entry = (entries[row.int()] as Entry.Blobstore).entry
                    byId[id] = StatusMatch(entry, names.versions[row.int()], row.flag())
                }
                'L' -> {
                    val map = if (row.skipIf("-")) lookups else reporterMap(row)
                    // The rows of an answer repeat its code (once per reporter spelling): then it is the same string.
                    val code = if (row.skipIf(lastCode)) lastCode else row.field().also { lastCode = it }
                    map[code] = byId[id] as Resolved
                }
                'N' -> {
                    // The rows of a number list the version spellings in the same order: expect the next one.
                    var version = if (nextVersion < versions.size) versions[nextVersion] else null
                    if (version == null || !row.skipIf(version)) {
                        version = row.field()
                        nextVersion = versions.indexOf(version).let { if (it < 0) versions.size.also { versions.add(version) } else it }
                    }
                    nextVersion = (nextVersion + 1) % versions.size
                    val number = row.int()
                    var slots = if (version == "-") statuses else statusesBy.getOrPut(version) { arrayOfNulls(1000) }
                    if (number >= slots.size) {
                        slots = slots.copyOf(number + 1)
                        if (version == "-") statuses = slots else statusesBy[version] = slots
                    }
                    slots[number] = byId[id] as StatusMatch
                }
            }
        }

        /** The rows of an answer list the reporter spellings in the same order: the one after the last is tried first. */
        private fun reporterMap(row: Row): HashMap<String, Resolved> {
            val count = reporters.size
            for (j in 0 until count) {
                val i = if (nextReporter + j < count) nextReporter + j else nextReporter + j - count
                if (row.skipIf(reporters[i])) {
                    nextReporter = i + 1
                    return reporterMaps[i]
                }
            }
            val spelling = row.field()
            val map = HashMap<String, Resolved>()
            lookupsBy[spelling] = map
            reporters.add(spelling)
            reporterMaps.add(map)
            nextReporter = count + 1
            return map
        }
    }
}

/**
 * A cursor over the rows of the answer table: TAB-separated fields, one row per line. It searches with
 * `java.lang.String.indexOf` itself: Kotlin's `indexOf` extension would load a dozen `kotlin.text` classes on a
 * path that a process runs once, cold.
 */
@Suppress("PLATFORM_CLASS_MAPPED_TO_KOTLIN")
private class Row(text: String) {
    private val text = text as java.lang.String
    private var pos = 0
    private var end = -1

    /** Moves to the next row; false at the end. */
    fun next(): Boolean {
        if (end >= text.length - 1) return false
        pos = end + 1
        end = text.indexOf('\n'.code, pos).let { if (it < 0) text.length else it }
        return pos < end
    }

    /** A one-letter first field. */
    fun kind(): Char {
        val kind = text[pos]
        pos = minOf(pos + 2, end)
        return kind
    }

    fun field(): String {
        val tab = text.indexOf('\t'.code, pos).let { if (it < 0 || it > end) end else it }
        val field = text.substring(pos, tab)
        pos = minOf(tab + 1, end)
        return field
    }

    /** Skips the next field when it is `field`. */
    fun skipIf(field: String): Boolean {
        val next = pos + field.length
        if (next > end || (next < end && text[next] != '\t') || !text.regionMatches(pos, field, 0, field.length)) return false
        pos = minOf(next + 1, end)
        return true
    }

    /** A `0`/`1` field. */
    fun flag(): Boolean {
        val flag = text[pos] == '1'
        pos = minOf(pos + 2, end)
        return flag
    }

    fun int(): Int {
        var n = 0
        while (pos < end && text[pos] != '\t') n = n * 10 + (text[pos++] - '0')
        if (pos < end) pos++
        return n
    }
}

/** An `Internal` error of this package: the library and the package disagree (never bad input). */
internal fun internal(reason: String) = ErrcatException.Internal(reason, emptyList(), emptyList())

/** A host string as the core reads it: its UTF-16 code units, a lone surrogate included; `null` is absent. */
internal fun text(s: String?): Value = if (s == null) Value.Null else Value.Utf16(StringUnits(s))

/** A list of `len` values: the marker before its items in a flat argument list. */
internal fun list(len: Int): Value = Value.Seq(len.toUInt())

/**
 * Appends host value `v` to `flat`, mechanically (bindings/README.md, "The contract"): null is absent, a string is
 * its UTF-16, numbers are numbers, a `List` or `Pair` a list (with a loop, however deep: the core says how deep it
 * reads), any other value its type name.
 */
internal fun flatten(v: Any?, flat: MutableList<Value>) {
    val todo = ArrayDeque<Any?>()
    todo.addLast(v)
    while (todo.isNotEmpty()) {
        when (val x = todo.removeLast()) {
            is List<*> -> {
                flat.add(list(x.size))
                for (i in x.size - 1 downTo 0) todo.addLast(x[i])
            }
            is Pair<*, *> -> {
                flat.add(list(2))
                todo.addLast(x.second)
                todo.addLast(x.first)
            }
            else -> flat.add(scalar(x))
        }
    }
}

private fun scalar(v: Any?): Value = when (v) {
    null -> Value.Null
    is String -> text(v)
    is Boolean -> Value.Bool(v)
    is Int -> Value.Int(v.toLong())
    is Long -> Value.Int(v)
    is Short -> Value.Int(v.toLong())
    is Byte -> Value.Int(v.toLong())
    is Double -> Value.Float(v)
    is Float -> Value.Float(v.toDouble())
    is java.math.BigInteger -> if (v.bitLength() < 64) Value.Int(v.toLong()) else Value.BigInt(v.toString())
    is ByteArray -> Value.Bytes(v)
    else -> Value.Other(v.javaClass.name)
}

/** How many times this package has called into the library: for the tests, which prove that hits do not cross. */
internal val crossings = java.util.concurrent.atomic.AtomicLong()

/** One crossing: operation `op` with its arguments, flattened one after the other; the answer, flattened. */
internal fun invoke(op: String, vararg args: Value): List<Value> = cross(op, java.util.Arrays.asList(*args))

/** One crossing whose answer is wanted as Kotlin values ([decode]'s), read without making [Value]s. */
internal fun invokeDecoded(op: String, vararg args: Value): Any? {
    NativeLibrary.require()
    crossings.incrementAndGet()
    return directDecoded(op, java.util.Arrays.asList(*args))
}

/**
 * One crossing with the arguments already flattened into `flat`: through the direct functions (Direct.kt), which
 * run uniffi's `call` without its JNA `Structure`s.
 */
internal fun cross(op: String, flat: List<Value>): List<Value> {
    NativeLibrary.require()
    crossings.incrementAndGet()
    return direct(op, flat)
}

/**
 * A flat answer as Kotlin values: `Long`, `Double`, `String`, `Boolean`, `null`, `List<Any?>` and `Map<String, Any?>`
 * (members in the core's order). Answers are the core's, as shallow as it makes them, so reading them recurses.
 */
internal fun decode(flat: List<Value>): Any? {
    var pos = 0
    fun read(): Any? = when (val v = flat[pos++]) {
        Value.Null -> null
        is Value.Bool -> v.value
        is Value.Int -> v.value
        is Value.Float -> v.value
        is Value.BigInt -> java.math.BigInteger(v.text)
        is Value.Str -> v.value
        is Value.Utf16 -> String(CharArray(v.units.size) { v.units[it].toInt().toChar() })
        is Value.Bytes -> v.value
        is Value.Seq -> List(v.len.toInt()) { read() }
        is Value.Map -> LinkedHashMap<String, Any?>().also { m -> repeat(v.len.toInt()) { m[read() as String] = read() } }
        is Value.Other -> v.typeName
    }
    return read()
}

/** A scalar answer. (Indexing, not Kotlin's `single()`: its collections facade would load on a miss, cold.) */
internal val List<Value>.long: Long get() = (scalar() as Value.Int).value
internal val List<Value>.string: String get() = (scalar() as Value.Str).value

private fun List<Value>.scalar(): Value {
    check(size == 1) { "errcat answered $this, not one value" }
    return this[0]
}

/** The items of a list answer whose items are scalars (entry ids; parse's and audit's parts). */
internal val List<Value>.items: List<Value>
    get() {
        check(isNotEmpty() && this[0] == list(size - 1)) { "errcat answered $this, not a list of scalars" }
        return subList(1, size)
    }

internal val Value.long: Long get() = (this as Value.Int).value
internal val Value.string: String get() = (this as Value.Str).value
