package io.errcat.bench;

import io.errcat.BenchAccess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Run in a fresh JVM by {@link Main}: loads the native library, then the answer table, and prints how long the
 * table took, class loading and the entry data included: wall time and the loading thread's CPU time (what a
 * loaded machine does not inflate), in nanoseconds.
 */
public final class LoadTime {
    private LoadTime() {}

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BenchAccess.loadLibrary();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        BenchAccess.loadTable();
        long total = System.nanoTime() - start;
        System.out.println(total + " " + (threads.getCurrentThreadCpuTime() - cpu));
    }
}
