package io.errcat.kotlin

/**
 * An error value for the wire: a code, the detail of this occurrence and optionally the error that caused it,
 * rendered by every errcat language alike as RFC 9457 `application/problem+json` ([toProblemJson]) and as the
 * Arklet envelope with `errorCode` ([toArkletJson]).
 *
 * Immutable. The code is resolved once, when the value is made (one crossing); [withCause] makes a new value that
 * refers to its cause, never a copy of the chain, so building a chain costs O(1) per link. Rendering walks the
 * chain without recursion and hands it to the core whole, which refuses more than 64 causes below the outermost
 * error (`InvalidArgument`). There is nothing to free: [close] does nothing and stays for `use {}` callers.
 */
class CodedError private constructor(
    /** The answer id of the code, as the library gave it. */
    private val answer: Long,
    private val detail: String,
    private val cause: CodedError?,
) : AutoCloseable {
    /**
     * An error value for `code`: digits are a blobstore status at `version` (default: newest), anything else a
     * two-level code (or alias) looked up in `reporter`'s table when given. Errors as [Errcat.lookup] and
     * [Errcat.status] raise them.
     */
    @Throws(ErrcatException::class)
    @JvmOverloads
    constructor(code: String, detail: String, reporter: String? = null, version: String? = null) :
        this(invoke("error_code", text(code), text(reporter), text(version)).long, detail, null)

    /** This error with `cause` as its cause (replacing any previous one; `null`: none). */
    fun withCause(cause: CodedError?): CodedError = CodedError(answer, detail, cause)

    /** The code as text: `Source.Type` (the canonical spelling) or the status number. */
    fun code(): String = when (val a = Errcat.answer(answer)) {
        is Resolved -> a.code
        else -> (a as StatusMatch).entry.code.toString()
    }

    /** The detail of this occurrence. */
    fun detail(): String = detail

    /** The cause, if any. */
    fun cause(): CodedError? = cause

    /** RFC 9457 `application/problem+json`, identical in every errcat language. */
    @Throws(ErrcatException::class)
    fun toProblemJson(): String = render("problem")

    /** The Arklet envelope `{code, message, errorStackTrace, errorCode}`, identical in every errcat language. */
    @Throws(ErrcatException::class)
    fun toArkletJson(): String = render("arklet")

    /** Nothing to free (the value holds no native object). */
    override fun close() {}

    /** `code: detail`, then `; caused by code: detail` for each cause. */
    override fun toString(): String {
        val out = StringBuilder()
        var link: CodedError? = this
        while (link != null) {
            if (link !== this) out.append("; caused by ")
            out.append(link.code()).append(": ").append(link.detail)
            link = link.cause
        }
        return out.toString()
    }

    /** The chain, outermost first, as `[answer id, detail]` links for the core's `render`. */
    private fun render(rendering: String): String {
        var links = 0
        var link: CodedError? = this
        while (link != null) {
            links++
            link = link.cause
        }
        val flat = ArrayList<Value>(2 + 3 * links)
        flat.add(Value.Str(rendering))
        flat.add(list(links))
        link = this
        while (link != null) {
            flat.add(list(2))
            flat.add(Value.Int(link.answer))
            flat.add(text(link.detail))
            link = link.cause
        }
        return cross("render", flat).string
    }
}
