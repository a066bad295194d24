package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/** Every case of testdata/vectors.json, through the packaged JAR. */
class VectorsTest {
    @TestFactory
    fun everyVector(): List<DynamicTest> = Testdata.cases.mapIndexed { i, case ->
        DynamicTest.dynamicTest("#$i ${case.getString("name")}") { assertNull(VectorView.check(case)) }
    }

    @Test
    fun theVectorsAreAllThere() {
        assertTrue(Testdata.cases.size >= 80, "at least 80 vectors, got ${Testdata.cases.size}")
        val ops = Testdata.cases.map { it.getString("op") }.toSet()
        assertEquals(
            setOf("lookup", "find", "status", "service_of", "parse", "compose", "entries", "problem", "arklet", "export"),
            ops,
        )
    }
}
