package io.errcat.bench.jmh_generated;
public class LookupBenchmark_jmhType extends LookupBenchmark_jmhType_B3 {
}

