package io.errcat.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/** Every case of every testdata/vectors*.json, through the packaged JAR. */
class VectorsTest {
    @TestFactory
    fun everyVector(): List<DynamicTest> = Testdata.cases.filter { it.getString("op") !in VectorView.notYet }.mapIndexed { i, case ->
        DynamicTest.dynamicTest("#$i ${case.getString("name")}") { assertNull(VectorView.check(case)) }
    }

    @Test
    fun theVectorsAreAllThere() {
        assertTrue("vectors.json" in Testdata.vectorFiles && "vectors-boundary.json" in Testdata.vectorFiles, "${Testdata.vectorFiles}")
        assertTrue(Testdata.cases.size >= 600, "at least 600 vectors, got ${Testdata.cases.size}")
        val ops = Testdata.cases.map { it.getString("op") }.toSet()
        val known = setOf("lookup", "find", "search", "status", "service_of", "parse", "compose", "entries", "problem", "arklet", "export", "classify")
        assertEquals(known, ops - VectorView.notYet)
        val skipped = Testdata.cases.count { it.getString("op") in VectorView.notYet }
        println("kotlin vectors: ${Testdata.cases.size} cases in ${Testdata.vectorFiles}, $skipped not run (${VectorView.notYet})")
    }
}
