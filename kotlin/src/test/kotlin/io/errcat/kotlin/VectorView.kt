package io.errcat.kotlin

import org.json.JSONObject

/**
 * The *view* of a call's result (testdata/README.md), computed through the public API of the JAR (the [Errcat]
 * object, [CodedError]). Mirrors the Rust reference runner core/tests/vectors.rs.
 */
object VectorView {
    /** Operations a vector may name that the package does not have yet: such cases are counted, not run. */
    val notYet = emptySet<String>()

    fun of(op: String, args: JSONObject): Map<String, Any?> = when (op) {
        "lookup" -> {
            val r = Errcat.lookup(args.getString("code"), args.stringOrNull("reporter"))
            mapOf(
                "code" to r.code, "source" to r.source, "type" to r.entry.errorType, "reporter" to r.entry.reporter,
                "dynamic" to r.dynamic, "alias" to r.alias, "retryable" to r.entry.retryable,
                "meaning_en" to r.entry.meaning.en, "meaning_zh" to r.entry.meaning.zh,
                "solution_en" to r.entry.solution.en, "solution_zh" to r.entry.solution.zh,
            )
        }
        "find", "search" -> {
            val found = if (op == "find") Errcat.find(args.getString("code")) else Errcat.search(args.getString("words"))
            val keys = found.map { it.key }
            mapOf("count" to keys.size, "keys" to keys)
        }
        "status" -> {
            val m = Errcat.status(args.getLong("code"), args.stringOrNull("version"))
            val e = m.entry
            mapOf(
                "code" to e.code, "service" to e.service, "message" to e.message, "valid" to m.valid,
                "versions" to e.versions, "retry" to e.retry.name.lowercase(), "renumbered_to" to e.renumberedTo,
                "renumbered_from" to e.renumberedFrom, "go_const" to e.goConst, "go_err" to e.goErr,
            )
        }
        "service_of" -> mapOf("service" to Errcat.serviceOf(args.getLong("code"), args.stringOrNull("version")))
        "parse", "compose" -> {
            val c = if (op == "parse") {
                Errcat.parse(args.getString("text"))
            } else {
                Errcat.compose(args.getString("source"), args.getString("type"))
            }
            mapOf("source" to c.source, "type" to c.errorType, "code" to c.text)
        }
        "entries" -> {
            val filter = EntryFilter(
                system = args.stringOrNull("system"),
                reporter = args.stringOrNull("reporter"),
                service = args.stringOrNull("service"),
                version = args.stringOrNull("version"),
            )
            val keys = Errcat.entries(filter).map { it.key }
            mapOf("count" to keys.size, "first" to keys.firstOrNull(), "last" to keys.lastOrNull())
        }
        "problem" -> mapOf("json" to errorValue(args).toProblemJson())
        "arklet" -> mapOf("json" to errorValue(args).toArkletJson())
        "export" -> mapOf("text" to Errcat.exportCatalog(args.stringOrNull("format"), args.stringOrNull("lang")))
        "classify" -> classifyView(args)
        else -> throw IllegalArgumentException("unknown op $op")
    }

    @Suppress("UNCHECKED_CAST")
    private fun classifyView(args: JSONObject): Map<String, Any?> {
        val command = args.stringOrNull("command")
        val status = if (args.isNull("http_status")) null else args.getInt("http_status")
        val tunnel = args.stringOrNull("tunnel")
        val hex = args.stringOrNull("body_hex")
        val bytes = hex?.chunked(2)?.map { it.toInt(16).toByte() }?.toByteArray()
        val body = args.stringOrNull("body")
        val c = if (bytes != null) Errcat.classify(bytes, command, status, tunnel) else Errcat.classify(body!!, command, status, tunnel)
        val e = c["evidence"] as Map<String, Any?>? ?: emptyMap()
        val view = mutableMapOf(
            "outcome" to c["outcome"], "code" to c["code"], "reporter" to c["reporter"], "rule" to c["rule"],
            "retryable" to c["retryable"], "placeholders" to e["placeholders"],
            "results" to (c["results"] as List<Map<String, Any?>>).map { r -> listOf("key", "outcome", "code", "rule").associateWith { r[it] } },
        )
        for (k in listOf("command", "shape", "exception", "cause", "cause_message", "cause_origin", "causes", "frames")) view[k] = e[k]
        if (args.optBoolean("enrich")) {
            view["enriched"] = if (bytes != null) Errcat.enrich(bytes, command, status, tunnel) else Errcat.enrich(body!!, command, status, tunnel)
        }
        val resolved = c["resolved"]
        check((resolved as Resolved?)?.code == c["code"]) { "resolved $resolved for ${c["code"]}" }
        return view
    }

    /** The chain (outermost first) built as a user builds it: innermost value first, each link with `withCause`. */
    private fun errorValue(args: JSONObject): CodedError {
        val chain = args.getJSONArray("chain")
        var value: CodedError? = null
        for (i in chain.length() - 1 downTo 0) {
            val link = chain.getJSONObject(i)
            value = CodedError(link.getString("code"), link.getString("detail"), link.stringOrNull("reporter"), link.stringOrNull("version"))
                .withCause(value)
        }
        return value!!
    }

    /** Runs one case; returns null when it passes, else what went wrong. */
    fun check(case: JSONObject): String? {
        val name = case.getString("name")
        val view = try {
            of(case.getString("op"), case.getJSONObject("args"))
        } catch (e: ErrcatException) {
            val want = case.optJSONObject("error") ?: return "$name: unexpected ${e.kind}: ${e.reason}"
            if (e.kind != want.getString("kind")) return "$name: want ${want.getString("kind")}, got ${e.kind}: ${e.reason}"
            val lists = mapOf("suggestions" to e.suggestions, "candidates" to e.candidates)
            for ((field, got) in lists) {
                if (want.has(field) && !sameValue(want.getJSONArray(field), got)) {
                    return "$name: $field: want ${want.getJSONArray(field)}, got $got"
                }
            }
            return null
        }
        val expect = case.optJSONObject("expect") ?: return "$name: want an error, got $view"
        for (key in expect.keySet()) {
            val want = expect.get(key)
            val ok = when (key) {
                "contains" -> {
                    val text = view.getValue("text") as String
                    val parts = expect.getJSONArray(key)
                    (0 until parts.length()).all { text.contains(parts.getString(it)) }
                }
                "equals_file" -> view.getValue("text") == Testdata.read(want as String)
                "keys_include" -> {
                    val keys = view.getValue("keys") as List<*>
                    val wanted = expect.getJSONArray(key)
                    (0 until wanted.length()).all { keys.contains(wanted.getString(it)) }
                }
                else -> sameValue(want, view[key])
            }
            if (!ok) return "$name: $key: want $want, got ${view[key]}"
        }
        return null
    }
}
