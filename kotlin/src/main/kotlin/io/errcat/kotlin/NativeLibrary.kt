@file:Suppress("PLATFORM_CLASS_MAPPED_TO_KOTLIN")

package io.errcat.kotlin

import java.util.Locale

/**
 * Checks, before JNA loads anything, that this JAR carries a native library for the running platform, so that an
 * unsupported platform gets one line naming the supported ones instead of JNA's list of searched paths.
 *
 * JNA finds the library under its resource prefix (`linux-x86-64/liberrcat_uniffi.so`). A library chosen by the
 * user (`-Djna.library.path`, or uniffi's `-Duniffi.component.errcat.libraryOverride=<path>`) skips the check.
 */
internal object NativeLibrary {
    /** What the JAR packs (checked against the JAR by `make test-packaging`). */
    const val SUPPORTED: String = "linux-x86_64 (glibc 2.17 or newer)"

    private val failure: String? = check()

    /** Throws an [UnsatisfiedLinkError] with one line when the JAR has no library for this platform. */
    fun require() {
        failure?.let { throw UnsatisfiedLinkError(it) }
    }

    /** `linux-x86_64`, `linux-aarch64`, `darwin-aarch64`, … (the spelling of the Java JAR's errors). */
    fun platform(): String {
        // java.lang.String's own methods: Kotlin's text extensions would load a dozen stdlib classes here, which
        // every process runs once, cold, before its answer table loads.
        val name = System.getProperty("os.name", "unknown").lowercase(Locale.ROOT) as java.lang.String
        val os = when {
            name.startsWith("linux") -> "linux"
            name.startsWith("mac") || name.startsWith("darwin") -> "darwin"
            name.startsWith("windows") -> "windows"
            else -> name.replaceAll("[^a-z0-9]", "")
        }
        val arch = when (val a = System.getProperty("os.arch", "unknown").lowercase(Locale.ROOT)) {
            "amd64", "x86_64", "x64" -> "x86_64"
            "arm64", "aarch64" -> "aarch64"
            else -> a
        }
        return "$os-$arch"
    }

    private fun check(): String? {
        if (System.getProperty("jna.library.path") != null ||
            System.getProperty("uniffi.component.errcat.libraryOverride") != null
        ) {
            return null
        }
        val platform = platform() as java.lang.String
        val dash = platform.indexOf('-'.code)
        val os = if (dash < 0) platform as String else platform.substring(0, dash)
        val arch = (if (dash < 0) "" else platform.substring(dash + 1)) as java.lang.String
        val file = if (os == "darwin") "liberrcat_uniffi.dylib" else "liberrcat_uniffi.so"
        val resource = "$os-${arch.replace('_', '-')}/$file"
        val loader = NativeLibrary::class.java.classLoader ?: ClassLoader.getSystemClassLoader()
        if (loader.getResource(resource) != null) {
            return null
        }
        return "errcat: this JAR has no native library for platform $platform: it supports $SUPPORTED; for another " +
            "platform build bindings/uniffi and pass it with -Duniffi.component.errcat.libraryOverride=<path>"
    }
}
