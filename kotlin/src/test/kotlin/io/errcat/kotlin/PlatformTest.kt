package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.util.concurrent.TimeUnit

/** Calls Errcat twice in a child JVM; prints each failure with its causes on one line. */
object PlatformProbe {
    @JvmStatic
    fun main(args: Array<String>) {
        repeat(2) {
            try {
                println("loaded ${Errcat.lookup("Arklet.InstallBizFailed").code}")
            } catch (t: Throwable) {
                println(generateSequence(t) { it.cause }.joinToString(" <- ") { "${it.javaClass.name}: ${it.message}" })
            }
        }
    }
}

/** On a platform the JAR has no library for, the error is one line naming the supported platforms. */
class PlatformTest {
    private fun probe(vararg jvmArgs: String): List<String> {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val command = listOf(java) + jvmArgs + listOf("-cp", System.getProperty("java.class.path"), PlatformProbe::class.java.name)
        val p = ProcessBuilder(command).redirectErrorStream(true).start()
        val out = p.inputStream.bufferedReader().readText()
        assertTrue(p.waitFor(120, TimeUnit.SECONDS))
        assertEquals(0, p.exitValue(), out)
        return out.trim().lines()
    }

    @Test
    fun thisPlatformLoads() {
        assertEquals(listOf("loaded Arklet.InstallBizFailed", "loaded Arklet.InstallBizFailed"), probe())
    }

    @Test
    fun otherPlatformsAreNamedInOneLine() {
        for ((platform, args) in listOf(
            "linux-aarch64" to arrayOf("-Dos.arch=aarch64"),
            "darwin-aarch64" to arrayOf("-Dos.name=Mac OS X", "-Dos.arch=aarch64"),
        )) {
            val lines = probe(*args)
            assertEquals(2, lines.size, lines.toString())
            val expected = "java.lang.UnsatisfiedLinkError: errcat: this JAR has no native library for platform " +
                "$platform: it supports linux-x86_64 (glibc 2.17 or newer); for another platform build bindings/uniffi " +
                "and pass it with -Duniffi.component.errcat.libraryOverride=<path>"
            // The first call fails in Errcat's initialiser with exactly that error (an Error is not wrapped); later
            // ones name it as their cause (the JVM does not run a failed initialiser again).
            assertEquals(expected, lines[0])
            assertTrue(lines[1].contains(expected.removePrefix("java.lang.")), lines[1])
        }
    }
}
