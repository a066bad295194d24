package io.errcat.kotlin

/**
 * Checks a string argument before uniffi encodes it as UTF-8 (uniffi.toml routes every `HostString` through here).
 *
 * A JVM string may hold an unpaired surrogate, which is not Unicode: uniffi's encoder would throw a
 * `CharacterCodingException`. Raising [ErrcatException.InvalidArgument] instead keeps the promise that bad input
 * is a typed errcat error, as in every other errcat language (C rejects invalid UTF-8 the same way).
 */
internal fun checkWellFormed(text: String): String {
    var i = 0
    while (i < text.length) {
        val c = text[i]
        if (Character.isHighSurrogate(c) && i + 1 < text.length && Character.isLowSurrogate(text[i + 1])) {
            i += 2
            continue
        }
        if (Character.isSurrogate(c)) {
            throw ErrcatException.InvalidArgument(
                "text is not valid Unicode: unpaired surrogate U+%04X at index %d".format(c.code, i),
            )
        }
        i++
    }
    return text
}
