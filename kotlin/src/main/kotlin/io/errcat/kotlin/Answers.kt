package io.errcat.kotlin

/**
 * What the package keeps of the library, loaded once per process ([Errcat] loads it on first use): every entry
 * (one crossing, [entries]), the names of every enumeration (one, [catalogNames]) and the answer table (one,
 * [answerTable]; format in bindings/README.md, "What a host package keeps"). Immutable once built: every
 * successful `lookup` / `status` answer is one [Resolved] or [StatusMatch] object, found by the arguments the table
 * lists or, after a crossing, by the answer id the library returned.
 */
internal class Answers private constructor(
    val entries: List<Entry>,
    val names: CatalogNames,
    private val byId: Array<Any?>,
    /** `lookup(code)` without a reporter. */
    val lookups: Map<String, Resolved>,
    /** `lookup(code, reporter)`, by the reporter's spelling. */
    val lookupsBy: Map<String, Map<String, Resolved>>,
    /** `status(number)` at the newest version, by number. */
    val statuses: Array<StatusMatch?>,
    /** `status(number, version)`, by the version's spelling. */
    val statusesBy: Map<String, Array<StatusMatch?>>,
) {
    /** The answer with `id`, which the library returned for a call that succeeded. */
    fun answer(id: Long): Any =
        byId.getOrNull(id.toInt()).takeIf { id in 0..Int.MAX_VALUE } ?: throw internal("errcat answered $id, which is not in its answer table")

    fun entry(id: Long): Entry = entries[id.toInt()]

    companion object {
        fun load(): Answers {
            crossings.addAndGet(3)
            return parse(io.errcat.kotlin.entries(), catalogNames(), answerTable())
        }

        private fun parse(entries: List<Entry>, names: CatalogNames, table: String): Answers {
            val rows = table.split('\n').filter { it.isNotEmpty() }.map { it.split('\t') }
            val header = rows.firstOrNull()
            val fingerprint = Generated().catalogFingerprint
            if (header == null || header[0] != "errcat-answers" || header.getOrNull(2) != fingerprint) {
                throw internal(
                    "the errcat library's catalog (${header?.joinToString(" ")}) is not this package's " +
                        "($fingerprint): rebuild or reinstall them together",
                )
            }
            val body = rows.subList(1, rows.size)
            val byId = arrayOfNulls<Any>(body.maxOf { it[1].toInt() } + 1)
            val statusSlots = body.filter { it[0] == "N" }.maxOf { it[3].toInt() } + 1
            val lookups = HashMap<String, Resolved>()
            val lookupsBy = HashMap<String, HashMap<String, Resolved>>()
            val statuses = arrayOfNulls<StatusMatch>(statusSlots)
            val statusesBy = HashMap<String, Array<StatusMatch?>>()
            for (f in body) {
                val id = f[1].toInt()
                when (f[0]) {
                    "R" -> byId[id] = Resolved(
                        code = f[6], source = names.sources[f[3].toInt()],
                        entry = (entries[f[2].toInt()] as Entry.Koupleless).entry,
                        alias = f[4].takeIf { it != "-" }, dynamic = f[5] == "1",
                    )
                    "S" -> byId[id] = StatusMatch(
                        entry = (entries[f[2].toInt()] as Entry.Blobstore).entry,
                        version = names.versions[f[3].toInt()], valid = f[4] == "1",
                    )
                    "L" -> {
                        val map = if (f[2] == "-") lookups else lookupsBy.getOrPut(f[2]) { HashMap() }
                        map[f[3]] = byId[id] as Resolved
                    }
                    "N" -> {
                        val slots = if (f[2] == "-") statuses else statusesBy.getOrPut(f[2]) { arrayOfNulls(statusSlots) }
                        slots[f[3].toInt()] = byId[id] as StatusMatch
                    }
                }
            }
            return Answers(entries, names, byId, lookups, lookupsBy, statuses, statusesBy)
        }
    }
}

/** An `Internal` error of this package: the library and the package disagree (never bad input). */
internal fun internal(reason: String) = ErrcatException.Internal(reason, emptyList(), emptyList())

/** A host string as the core reads it: its UTF-16 code units, a lone surrogate included; `null` is absent. */
internal fun text(s: String?): Value {
    if (s == null) return Value.Null
    val units = ArrayList<UShort>(s.length)
    for (c in s) units.add(c.code.toUShort())
    return Value.Utf16(units)
}

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
                for (i in x.indices.reversed()) todo.addLast(x[i])
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
internal fun invoke(op: String, vararg args: Value): List<Value> = cross(op, args.asList())

/** One crossing with the arguments already flattened into `flat`. */
internal fun cross(op: String, flat: List<Value>): List<Value> {
    crossings.incrementAndGet()
    return call(op, flat)
}

/** A scalar answer. */
internal val List<Value>.long: Long get() = (single() as Value.Int).value
internal val List<Value>.string: String get() = (single() as Value.Str).value

/** The items of a list answer whose items are scalars (entry ids; parse's and audit's parts). */
internal val List<Value>.items: List<Value>
    get() {
        check(first() == list(size - 1)) { "errcat answered $this, not a list of scalars" }
        return subList(1, size)
    }

internal val Value.long: Long get() = (this as Value.Int).value
internal val Value.string: String get() = (this as Value.Str).value
