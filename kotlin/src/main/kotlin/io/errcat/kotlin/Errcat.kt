package io.errcat.kotlin

/**
 * The entry point: every errcat operation. Safe to call from any thread.
 *
 * The errcat core (Rust, in the JAR's native library) decides every answer; this object converts arguments and
 * answers (bindings/README.md, "The contract"). On first use it loads, once per process, every entry, the names
 * of every enumeration and the answer table (three crossings; [preload] does it at a moment of your choosing).
 * Every successful [lookup] and [status] is in that table, so a call whose arguments it lists is answered from an
 * immutable map at the cost of a `HashMap` access, the first call for an answer like every other; any other call
 * crosses into the library (a JNA call costs tens of microseconds), and the answer id it returns picks the same
 * object from the table. Errors always come from the core, and every bad input is a typed [ErrcatException]
 * carrying the core's message. Nothing is cached, bounded or evicted.
 */
object Errcat {
    /** There is no lookup cache any more: every successful answer is in the answer table. */
    @Deprecated("Nothing is cached: every successful answer is in the answer table, loaded once.")
    const val MAX_CACHED_LOOKUPS: Int = 4096

    /** There is no status cache any more: every successful answer is in the answer table. */
    @Deprecated("Nothing is cached: every successful answer is in the answer table, loaded once.")
    const val MAX_CACHED_VERSIONS: Int = 64

    /** The answer table once loaded: a volatile read on the hit path, nothing else. */
    @Volatile
    private var loaded: Answers? = null

    private val table: Answers
        get() = loaded ?: load()

    // An unsupported platform fails here with one line naming the supported ones (NativeLibrary.kt).
    init {
        NativeLibrary.require()
    }

    /** Loads the table once; a failure (a library that is not this package's) is thrown again on the next call. */
    @Synchronized
    private fun load(): Answers = loaded ?: Answers.load().also { loaded = it }

    /** Loads the native library and the answer table now instead of on the first call. Optional. */
    @Throws(ErrcatException::class)
    fun preload() {
        table
    }

    /** The errcat version of the native library. */
    val version: String
        get() = invoke("version").string

    /**
     * Resolves a two-level code (`Arklet.InstallBizFailed`, an alias such as `ModuleController.ResourceConstrained`,
     * a dynamic combination such as `User.PullBizError`) to its entry, inside `reporter`'s table when given.
     * Errors: `InvalidCode` (malformed, with suggestions), `NotFound` (with suggestions), `Ambiguous` (with
     * candidates: give the reporter), `InvalidArgument` (unknown reporter).
     */
    @Throws(ErrcatException::class)
    fun lookup(code: String, reporter: String? = null): Resolved {
        val t = table
        val hit = if (reporter == null) t.lookups[code] else t.lookupsBy[reporter]?.get(code)
        return hit ?: lookupCrossing(t, code, reporter)
    }

    private fun lookupCrossing(t: Answers, code: String, reporter: String?): Resolved =
        t.answer(invoke("lookup", text(code), text(reporter)).long) as Resolved

    /**
     * The blobstore entry for status `code` at `version` (default: newest). A number known only in other versions
     * is returned with `valid = false`. Errors: `InvalidCode` (outside 0..=999), `NotFound`, `InvalidArgument`
     * (unknown version).
     */
    @Throws(ErrcatException::class)
    fun status(code: Long, version: String? = null): StatusMatch {
        val t = table
        val slots = if (version == null) t.statuses else t.statusesBy[version]
        if (slots != null && code >= 0 && code < slots.size) slots[code.toInt()]?.let { return it }
        return t.answer(invoke("status", Value.Int(code), text(version)).long) as StatusMatch
    }

    /** The service status `code` belongs to at `version` (default: newest): by its entry, else by range. */
    @Throws(ErrcatException::class)
    fun serviceOf(code: Long, version: String? = null): String =
        table.names.services[invoke("service_of", Value.Int(code), text(version)).long.toInt()]

    /**
     * Every entry a code could mean: for a two-level code or a bare type (`InstallBizFailed`) the entries of its
     * type in every table, for a number (`"552"`) the blobstore entries with that number in every version.
     */
    @Throws(ErrcatException::class)
    fun find(code: String): List<Entry> = entryList(invoke("find", text(code)))

    /** The entries whose code, meaning, solution, Go message or description holds every word (en or zh). */
    @Throws(ErrcatException::class)
    fun search(words: String): List<Entry> = entryList(invoke("search", text(words)))

    /** Parses a two-level code strictly: exactly one `.`, PascalCase parts, a known source. */
    @Throws(ErrcatException::class)
    fun parse(text: String): Code = code(invoke("parse", text(text)))

    /** Builds `source.errorType`, checking the type like [parse]; `source` is a name (`user` is `User`). */
    @Throws(ErrcatException::class)
    fun compose(source: String, errorType: String): Code = code(invoke("compose", text(source), text(errorType)))

    /** [parse], by its former name. */
    @Deprecated("Renamed parse, as in every errcat language", ReplaceWith("parse(text)"))
    @Throws(ErrcatException::class)
    fun parseCode(text: String): Code = parse(text)

    /** [compose], by its former name. */
    @Deprecated("Renamed compose, as in every errcat language", ReplaceWith("compose(source, errorType)"))
    @Throws(ErrcatException::class)
    fun composeCode(source: String, errorType: String): Code = compose(source, errorType)

    /** The catalog's entries that pass `filter`, in catalog order (Koupleless tables first, then the blobstore). */
    @Throws(ErrcatException::class)
    fun entries(filter: EntryFilter = EntryFilter()): List<Entry> = entryList(
        invoke("entries", text(filter.system), text(filter.reporter), text(filter.service), text(filter.version)),
    )

    /** The entry with `id` (as in [KouplelessEntry.id], [StatusEntry.id]); an unknown id is `InvalidArgument`. */
    @Throws(ErrcatException::class)
    fun entryById(id: UInt): Entry = table.entries.getOrNull(id.toInt()) ?: run {
        invoke("entry_json", Value.Int(id.toLong())) // the core's error for an id it does not know
        throw internal("errcat knows entry $id, which is not in its entries")
    }

    /** The entry with `id` as JSON, exactly as in the catalog export. */
    @Throws(ErrcatException::class)
    fun entryJson(id: UInt): String = invoke("entry_json", Value.Int(id.toLong())).string

    /**
     * The whole catalog as `json` (the default: both languages, equal to `testdata/catalog.json`), `md` (the
     * published tables) or `csv`, in `lang` (`en`, the default, or `zh`; a locale tag such as `zh-CN` works).
     */
    @Throws(ErrcatException::class)
    fun exportCatalog(format: String? = null, lang: String? = null): String =
        invoke("export", text(format), text(lang)).string

    /**
     * Classifies a real Arklet or ModuleController answer (`body`: the response as text, or its bytes): the object
     * `errcat classify --json` prints, as a read-only map in the core's member order — `outcome` (`success` / `error`),
     * `code`, `reporter`, `rule`, `why`, `retryable`, `evidence` (a map), `entry` (read-only: one map per catalog
     * entry, made on its first use), `results` (one map per entry of a composite answer) — where each `answer` id of a code also comes as `resolved`, the [Resolved] object
     * [lookup] gives for it. Context: `command` (`installBiz`, …), `httpStatus`, `tunnel` (`http`, `mqtt`).
     * `NotFound` for a well-formed answer no rule classifies, `InvalidArgument` for input that is not an answer.
     */
    @Throws(ErrcatException::class)
    fun classify(body: String, command: String? = null, httpStatus: Int? = null, tunnel: String? = null): Map<String, Any?> =
        classification(text(body), command, httpStatus, tunnel)

    /** [classify] of the answer's bytes (need not be UTF-8). */
    @Throws(ErrcatException::class)
    fun classify(body: ByteArray, command: String? = null, httpStatus: Int? = null, tunnel: String? = null): Map<String, Any?> =
        classification(Value.Bytes(body), command, httpStatus, tunnel)

    /** The answer with the two-level code of its classification added (`errorCode`), as text. */
    @Throws(ErrcatException::class)
    fun enrich(body: String, command: String? = null, httpStatus: Int? = null, tunnel: String? = null): String =
        invoke("enrich", text(body), text(command), number(httpStatus), text(tunnel)).string

    /** [enrich] of the answer's bytes. */
    @Throws(ErrcatException::class)
    fun enrich(body: ByteArray, command: String? = null, httpStatus: Int? = null, tunnel: String? = null): String =
        invoke("enrich", Value.Bytes(body), text(command), number(httpStatus), text(tunnel)).string

    /** The names of every enumeration (sources, reporters, services, versions, …), in declaration order. */
    @Throws(ErrcatException::class)
    fun catalogNames(): CatalogNames = table.names

    /**
     * Analyses blobstore audit-log files and directories (`-` = stdin; none = an empty report) in one crossing.
     * `options` are `name to value` pairs: `version` (a CubeFS version explaining the codes), `max_api_level`
     * (segments of the `api` label, default 2), `errors` (what counts as an error: `sla`, `http`, `5xx,!596`, …).
     * A null path or option, an unknown option, a value of the wrong type: `InvalidArgument` from the core.
     */
    @Throws(ErrcatException::class)
    fun analyzeAudit(paths: List<String?>, options: List<Pair<String?, Any?>>): AuditReport {
        val flat = ArrayList<Value>()
        flatten(paths, flat)
        flatten(options, flat)
        val report = cross("audit", flat).items
        return AuditReport(report[0].long, report[1].long, report[2].string)
    }

    /** [analyzeAudit] with the `version` and `max_api_level` options (and `errors`). */
    @Throws(ErrcatException::class)
    fun analyzeAudit(paths: List<String?>, version: String? = null, maxApiLevel: Int = 2, errors: String? = null): AuditReport =
        analyzeAudit(paths, listOf("version" to version, "max_api_level" to maxApiLevel, "errors" to errors))

    /** There is no cache: always 0. */
    @Deprecated("Nothing is cached: every successful answer is in the answer table, loaded once.")
    val cachedLookups: Int get() = 0

    /** There is no cache: always 0. */
    @Deprecated("Nothing is cached: every successful answer is in the answer table, loaded once.")
    val cachedStatuses: Int get() = 0

    /** There is no cache: always 0. */
    @Deprecated("Nothing is cached: every successful answer is in the answer table, loaded once.")
    val cachedEntries: Int get() = 0

    /** Does nothing: there is no cache. */
    @Deprecated("Nothing is cached: every successful answer is in the answer table, loaded once.")
    fun clearCache() {}

    /** The answer object with `id` (for [CodedError]). */
    internal fun answer(id: Long): Any = table.answer(id)

    private fun number(n: Int?): Value = if (n == null) Value.Null else Value.Int(n.toLong())

    /**
     * The core's flat classification (`classify_flat`: the members' values by position, without those the answer
     * table holds, bindings/README.md) as the map `errcat classify --json` prints, in its member order: `code`,
     * `reporter` and `retryable` from the answer's [Resolved], `entry` the table's JSON view of its entry.
     */
    private fun classification(body: Value, command: String?, httpStatus: Int?, tunnel: String?): Map<String, Any?> =
        classified(invokeDecoded("classify_flat", body, text(command), number(httpStatus), text(tunnel)) as List<*>, table, false)

    /** One classification (an item of a composite answer's when `item`) from its flat values. */
    private fun classified(f: List<*>, t: Answers, item: Boolean): Map<String, Any?> {
        val answer = f[7] as Long?
        val r = if (answer == null) null else t.answer(answer) as Resolved
        val error = f[4] as List<*>?
        val evidence = f[5] as List<*>?
        val m = arrayOfNulls<Any?>(12)
        var i = 0
        if (item) m[i++] = f[0]
        m[i++] = f[1]
        m[i++] = r?.code
        m[i++] = r?.entry?.reporter
        m[i++] = f[2]
        m[i++] = f[3]
        m[i++] = r?.entry?.retryable
        m[i++] = if (error == null) null else Members(ERROR, error)
        m[i++] = if (evidence == null) null else Members(EVIDENCE, evidence)
        m[i++] = if (r == null) null else t.entryView(r.entry.id)
        if (!item) {
            val items = f[6] as List<*>
            m[i++] = if (items.isEmpty()) emptyList<Any?>() else items.map { classified(it as List<*>, t, true) }
        }
        m[i++] = answer
        m[i] = r
        return Members(if (item) ITEM else CLASSIFICATION, m.asList())
    }

    /** The members of a classification, of an item of a composite answer, of the evidence and of an item's error. */
    private val CLASSIFICATION = Members.Names(
        "outcome", "code", "reporter", "rule", "why", "retryable", "error", "evidence", "entry", "results", "answer", "resolved",
    )
    private val ITEM = Members.Names(
        "key", "outcome", "code", "reporter", "rule", "why", "retryable", "error", "evidence", "entry", "answer", "resolved",
    )
    private val EVIDENCE = Members.Names(
        "key", "tunnel", "shape", "command", "http_status", "envelope", "data_code", "message", "data_message", "state",
        "reason", "error", "exception", "exception_message", "cause", "cause_message", "cause_origin", "cause_frame",
        "causes", "frames", "placeholders",
    )
    private val ERROR = Members.Names("kind", "message")

    private fun entryList(ids: List<Value>): List<Entry> {
        val t = table
        return ids.items.map { t.entry(it.long) }
    }

    private fun code(parts: List<Value>): Code {
        val p = parts.items
        return Code(table.names.sources[p[0].long.toInt()], p[1].string, p[2].string)
    }
}
