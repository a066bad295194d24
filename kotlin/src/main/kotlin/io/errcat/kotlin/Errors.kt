package io.errcat.kotlin

/**
 * The error kind, named as in every errcat language and in the conformance vectors: `NotFound`, `Ambiguous`,
 * `InvalidCode`, `InvalidArgument`, `Io` or `Internal`. Each kind is also its own subclass, for `when`.
 */
val ErrcatException.kind: String
    get() = parts().first

/** The message, without the kind and the lists (uniffi's [ErrcatException.message] lists every field). */
val ErrcatException.reason: String
    get() = parts().second.reason

/** Codes to offer instead: close matches for `NotFound`, well-formed spellings for `InvalidCode`; else empty. */
val ErrcatException.suggestions: List<String>
    get() = parts().second.suggestions

/** For `Ambiguous`: the entries the code could mean, as `Reporter/Source.Type`; else empty. */
val ErrcatException.candidates: List<String>
    get() = parts().second.candidates

private class Parts(val reason: String, val suggestions: List<String>, val candidates: List<String>)

private fun ErrcatException.parts(): Pair<String, Parts> = when (this) {
    is ErrcatException.NotFound -> "NotFound" to Parts(reason, suggestions, candidates)
    is ErrcatException.Ambiguous -> "Ambiguous" to Parts(reason, suggestions, candidates)
    is ErrcatException.InvalidCode -> "InvalidCode" to Parts(reason, suggestions, candidates)
    is ErrcatException.InvalidArgument -> "InvalidArgument" to Parts(reason, suggestions, candidates)
    is ErrcatException.Io -> "Io" to Parts(reason, suggestions, candidates)
    is ErrcatException.Internal -> "Internal" to Parts(reason, suggestions, candidates)
}
