package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.jar.JarFile

/** The tests run against the packed JAR, and the JAR alone carries the native library. */
class PackagingTest {
    private val jar = System.getProperty("errcat.jar")
    private val prefix = System.getProperty("errcat.jna.prefix")

    @Test
    fun theClassesComeFromTheJar() {
        val source = ErrcatException::class.java.protectionDomain.codeSource.location.path
        assertTrue(source.endsWith(".jar"), "bindings loaded from $source")
        assertEquals(java.io.File(jar).canonicalPath, java.io.File(source).canonicalPath)
    }

    @Test
    fun theJarCarriesTheNativeLibraryWhereJnaLooks() {
        JarFile(jar).use { assertNotNull(it.getEntry("$prefix/liberrcat_uniffi.so"), "$prefix/liberrcat_uniffi.so in $jar") }
        assertEquals(prefix, com.sun.jna.Platform.RESOURCE_PREFIX)
        assertNull(System.getProperty("jna.library.path"))
        assertEquals("Arklet.InstallBizFailed", Errcat.lookup("Arklet.InstallBizFailed").code)
    }
}
