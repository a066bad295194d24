package io.errcat.jmh_generated;
public class NativeCrossingBenchmark_jmhType extends NativeCrossingBenchmark_jmhType_B3 {
}

