package io.errcat.bench.kotlin

import io.errcat.kotlin.Errcat
import io.errcat.kotlin.catalogNames
import java.lang.management.ManagementFactory

/**
 * Run in a fresh JVM by [main]: prints the wall and CPU time (of this thread) of the first call into the library
 * (JNA finds, loads and checks it) and of loading the answer table after it (`Errcat.preload`: the entries, the
 * names and the table in three crossings, and the maps), in nanoseconds.
 */
object LoadTime {
    @JvmStatic
    fun main(args: Array<String>) {
        val threads = ManagementFactory.getThreadMXBean()
        val (wall0, cpu0) = System.nanoTime() to threads.currentThreadCpuTime
        catalogNames()
        val (wall1, cpu1) = System.nanoTime() to threads.currentThreadCpuTime
        Errcat.preload()
        val (wall2, cpu2) = System.nanoTime() to threads.currentThreadCpuTime
        println("${wall1 - wall0} ${cpu1 - cpu0} ${wall2 - wall1} ${cpu2 - cpu1}")
    }
}
