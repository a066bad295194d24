package io.errcat.kotlin

/**
 * The error kind, named as in every errcat language and in the conformance vectors: `NotFound`, `Ambiguous`,
 * `InvalidCode`, `InvalidArgument`, `Io` or `Internal`. Each kind is also its own subclass, for `when`.
 */
val ErrcatException.kind: String
    get() = when (this) {
        is ErrcatException.NotFound -> "NotFound"
        is ErrcatException.Ambiguous -> "Ambiguous"
        is ErrcatException.InvalidCode -> "InvalidCode"
        is ErrcatException.InvalidArgument -> "InvalidArgument"
        is ErrcatException.Io -> "Io"
        is ErrcatException.Internal -> "Internal"
    }

/** The message, without the kind and the lists (uniffi's [ErrcatException.message] lists every field). */
val ErrcatException.reason: String
    get() = when (this) {
        is ErrcatException.NotFound -> reason
        is ErrcatException.Ambiguous -> reason
        is ErrcatException.InvalidCode -> reason
        is ErrcatException.InvalidArgument -> reason
        is ErrcatException.Io -> reason
        is ErrcatException.Internal -> reason
    }

/** Codes to offer instead: close matches for `NotFound`, well-formed spellings for `InvalidCode`; else empty. */
val ErrcatException.suggestions: List<String>
    get() = when (this) {
        is ErrcatException.NotFound -> suggestions
        is ErrcatException.InvalidCode -> suggestions
        else -> emptyList()
    }

/** For `Ambiguous`: the entries the code could mean, as `Reporter/Source.Type`; else empty. */
val ErrcatException.candidates: List<String>
    get() = if (this is ErrcatException.Ambiguous) candidates else emptyList()
