package io.errcat.kotlin

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicReferenceArray

/**
 * The entry point: every errcat operation, with the answers that do not change kept on the JVM side.
 *
 * A call into the native library through uniffi 0.32 and JNA costs tens of microseconds on a loaded machine (each
 * call allocates several JNA `Structure`s, each a malloc'd `Memory` registered in a global map and with JNA's single
 * cleaner thread), so the catalog operations a service calls per request are cached here:
 *
 * - [lookup] and [status] keep each *successful* result, keyed by their arguments, and hand back the same object
 *   on the next call. Errors are never cached: a bad code always goes to Rust and always throws a fresh exception.
 * - [entryById] keeps every entry by its id (`errcat::Entry::id()`), and the cached results share those entry
 *   objects: `lookup("ModuleController.ResourceConstrained").entry` is the object `lookup(
 *   "ModuleController.ResourceConstraned").entry` and `entryById(id)` return.
 * - The cache only ever holds what Rust returned. The catalog is compiled into the library, so an answer never
 *   goes stale. Records are immutable (`val` fields), so sharing them is safe.
 * - It is bounded: at most [MAX_CACHED_LOOKUPS] lookups (every known source with every catalogued type is a valid
 *   dynamic code, and aliases add more: far more arguments than a service ever uses, so a bound is kept), 1000 statuses per version string for at most [MAX_CACHED_VERSIONS] version
 *   strings, and one object per catalog entry. When the lookup cache is full, arbitrary older results are dropped.
 *
 * Everything else is forwarded to the generated functions of this package unchanged (they remain public; calling
 * them directly always crosses into Rust). All of it is safe to call from any thread.
 */
object Errcat {
    /** At most this many [lookup] results are kept. */
    const val MAX_CACHED_LOOKUPS: Int = 4096

    /** Statuses are kept for at most this many distinct version strings (plus the default, newest). */
    const val MAX_CACHED_VERSIONS: Int = 64

    /** Status numbers are 0..=999; anything else is an `InvalidCode` error, never cached. */
    private const val STATUS_NUMBERS = 1000

    private val lookups = BoundedCache<Any, Resolved>(MAX_CACHED_LOOKUPS)
    private val newestStatuses = AtomicReferenceArray<StatusMatch?>(STATUS_NUMBERS)
    private val statusesByVersion = ConcurrentHashMap<String, AtomicReferenceArray<StatusMatch?>>()
    private val entries = ConcurrentHashMap<UInt, Entry>()

    // An unsupported platform fails here with one line naming the supported ones (NativeLibrary.kt).
    init {
        NativeLibrary.require()
    }

    /** The key of a lookup with a reporter (without one, the code itself is the key). */
    private data class LookupKey(val code: String, val reporter: String)

    /**
     * Loads the native library and checks its interface now, instead of on the first call (a few milliseconds,
     * once per JVM). Optional.
     */
    fun preload() {
        io.errcat.kotlin.errcatVersion()
    }

    /** The errcat version of the native library (cached). */
    val version: String by lazy { io.errcat.kotlin.errcatVersion() }

    /** [io.errcat.kotlin.lookup], cached: resolves a two-level code (or alias, or dynamic code) to its entry. */
    @Throws(ErrcatException::class)
    fun lookup(code: String, reporter: String? = null): Resolved {
        val key: Any = if (reporter == null) code else LookupKey(code, reporter)
        lookups.get(key)?.let { return it }
        val fresh = io.errcat.kotlin.lookup(code, reporter)
        val entry = internKoupleless(fresh.entry)
        return lookups.put(key, if (entry === fresh.entry) fresh else fresh.copy(entry = entry))
    }

    /** [io.errcat.kotlin.status], cached: the blobstore entry for status `code` at `version` (default: newest). */
    @Throws(ErrcatException::class)
    fun status(code: Long, version: String? = null): StatusMatch {
        val table = if (version == null) newestStatuses else statusesByVersion[version]
        if (table != null && code >= 0 && code < STATUS_NUMBERS) {
            table.get(code.toInt())?.let { return it }
        }
        val fresh = io.errcat.kotlin.status(code, version)
        // Only a successful call reaches this point: `code` is 0..=999 and `version` is one Rust accepts.
        val entry = internBlobstore(fresh.entry)
        val match = if (entry === fresh.entry) fresh else fresh.copy(entry = entry)
        val slots = table ?: statusTable(version!!) ?: return match
        val index = code.toInt()
        return if (slots.compareAndSet(index, null, match)) match else slots.get(index) ?: match
    }

    /** [io.errcat.kotlin.entryById], cached: the entry with `id` (as in [KouplelessEntry.id], [StatusEntry.id]). */
    @Throws(ErrcatException::class)
    fun entryById(id: UInt): Entry {
        entries[id]?.let { return it }
        val fresh = io.errcat.kotlin.entryById(id)
        return entries.putIfAbsent(id, fresh) ?: fresh
    }

    /** Entries of both systems matching `code`, in catalog order (not cached). */
    @Throws(ErrcatException::class)
    fun find(code: String): List<Entry> = io.errcat.kotlin.find(code)

    /** The service status `code` belongs to at `version` (default: newest); not cached. */
    @Throws(ErrcatException::class)
    fun serviceOf(code: Long, version: String? = null): String = io.errcat.kotlin.serviceOf(code, version)

    /** Parses a two-level code strictly (not cached). */
    @Throws(ErrcatException::class)
    fun parseCode(text: String): Code = io.errcat.kotlin.parseCode(text)

    /** Builds `source.errorType`, checking the type (not cached). */
    @Throws(ErrcatException::class)
    fun composeCode(source: String, errorType: String): Code = io.errcat.kotlin.composeCode(source, errorType)

    /** The catalog's entries that pass `filter`, in catalog order (not cached). */
    @Throws(ErrcatException::class)
    fun entries(filter: EntryFilter = EntryFilter()): List<Entry> = io.errcat.kotlin.entries(filter)

    /** The entry with `id` as JSON, as in the export (not cached). */
    @Throws(ErrcatException::class)
    fun entryJson(id: UInt): String = io.errcat.kotlin.entryJson(id)

    /** The whole catalog as `json`, `md` or `csv` (not cached). */
    @Throws(ErrcatException::class)
    fun exportCatalog(format: String, lang: String? = null): String = io.errcat.kotlin.exportCatalog(format, lang)

    /** The names the catalog knows (not cached). */
    fun catalogNames(): CatalogNames = io.errcat.kotlin.catalogNames()

    /** Analyses audit-log files and directories (one crossing for the whole input). */
    @Throws(ErrcatException::class)
    fun analyzeAudit(paths: List<String>, version: String? = null, maxApiLevel: Int = 2): AuditReport =
        io.errcat.kotlin.analyzeAudit(paths, version, maxApiLevel)

    /** For the tests: a smaller bound than [MAX_CACHED_LOOKUPS], to watch it hold without thousands of codes. */
    internal fun boundLookups(max: Int) {
        lookups.max = max
    }

    /** How many [lookup] results are cached now (at most [MAX_CACHED_LOOKUPS]). */
    val cachedLookups: Int get() = lookups.size

    /** How many [status] results are cached now. */
    val cachedStatuses: Int
        get() = count(newestStatuses) + statusesByVersion.values.sumOf { count(it) }

    /** How many entry objects are kept (at most the catalog's size). */
    val cachedEntries: Int get() = entries.size

    /** Forgets every cached result (the next calls cross into Rust again). */
    fun clearCache() {
        lookups.clear()
        for (i in 0 until STATUS_NUMBERS) newestStatuses.set(i, null)
        statusesByVersion.clear()
        entries.clear()
    }

    private fun count(table: AtomicReferenceArray<StatusMatch?>): Int = (0 until table.length()).count { table.get(it) != null }

    private fun statusTable(version: String): AtomicReferenceArray<StatusMatch?>? {
        statusesByVersion[version]?.let { return it }
        if (statusesByVersion.size >= MAX_CACHED_VERSIONS) return null
        val fresh = AtomicReferenceArray<StatusMatch?>(STATUS_NUMBERS)
        return statusesByVersion.putIfAbsent(version, fresh) ?: fresh
    }

    private fun internKoupleless(entry: KouplelessEntry): KouplelessEntry =
        when (val kept = entries.putIfAbsent(entry.id, Entry.Koupleless(entry))) {
            is Entry.Koupleless -> kept.entry
            else -> entry
        }

    private fun internBlobstore(entry: StatusEntry): StatusEntry =
        when (val kept = entries.putIfAbsent(entry.id, Entry.Blobstore(entry))) {
            is Entry.Blobstore -> kept.entry
            else -> entry
        }
}

/**
 * A concurrent map that holds at most about `max` values: reads never lock; an insert that takes it over the bound
 * drops arbitrary other keys. Under concurrent inserts it may hold a few more for a moment.
 */
internal class BoundedCache<K : Any, V : Any>(@Volatile var max: Int) {
    private val map = ConcurrentHashMap<K, V>()

    val size: Int get() = map.size

    fun get(key: K): V? = map[key]

    /** Keeps `value` unless another thread kept one first; returns the one kept, so every caller gets the same. */
    fun put(key: K, value: V): V {
        map.putIfAbsent(key, value)?.let { return it }
        if (map.size > max) {
            val keys = map.keys.iterator()
            while (map.size > max && keys.hasNext()) {
                if (keys.next() != key) keys.remove()
            }
        }
        return value
    }

    fun clear() = map.clear()
}
