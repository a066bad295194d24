package io.errcat.bench.kotlin

import io.errcat.kotlin.Errcat
import io.errcat.kotlin.Resolved
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import java.util.concurrent.TimeUnit

/**
 * `Errcat.classify` of the two answers of bench/rust/benches/classify.rs (the same bytes: a typical failure,
 * FAILED / REPEAT_BIZ, 231 bytes; an install failure with an 80-frame JDK 17 trace, 9,729 bytes), as bytes (what an
 * HTTP client hands over) and as a String, with the command `installBiz` as there. [main] compares each with the
 * Rust criterion estimate of `errcat::classify` of the same body.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
open class ClassifyBenchmark {
    private lateinit var typical: ByteArray
    private lateinit var eighty: ByteArray
    private lateinit var typicalText: String
    private lateinit var eightyText: String

    @Setup
    fun setup() {
        typicalText = typical()
        eightyText = eightyFrames()
        typical = typicalText.toByteArray()
        eighty = eightyText.toByteArray()
        check(typical.size == 231 && eighty.size == 9729) { "the bodies of bench/rust (231 and 9,729 bytes)" }
        check((Errcat.classify(typical, "installBiz")["resolved"] as Resolved).code == "Arklet.InstallationRequirementNotMet")
        val c = Errcat.classify(eighty, "installBiz")
        check((c["evidence"] as Map<*, *>)["frames"] == 80L && c["code"] == "User.InstallBizUserError") { "80 frames: $c" }
    }

    @Benchmark
    fun typicalBytes(): Map<String, Any?> = Errcat.classify(typical, "installBiz")

    @Benchmark
    fun typicalString(): Map<String, Any?> = Errcat.classify(typicalText, "installBiz")

    @Benchmark
    fun eightyFramesBytes(): Map<String, Any?> = Errcat.classify(eighty, "installBiz")

    @Benchmark
    fun eightyFramesString(): Map<String, Any?> = Errcat.classify(eightyText, "installBiz")

    companion object {
        /** What Arklet answers when the jar's biz is already installed (as serde_json writes bench/rust's value). */
        fun typical(): String =
            "{\"baseIdentity\":\"f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55\",\"code\":\"FAILED\",\"data\":{\"code\":" +
                "\"REPEAT_BIZ\",\"elapsedSpace\":1284,\"message\":\"Biz: dynamic-provider:1.0.0 has been installed or " +
                "registered.\"},\"message\":\"install biz not success!\"}"

        /** A module whose main() threw: 80 frames in three throwables (bench/rust's eighty_frames, as JSON text). */
        fun eightyFrames(): String {
            val t = StringBuilder(
                "com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: " +
                    "java.lang.reflect.InvocationTargetException\\n",
            )
            for (i in 0 until 20) {
                t.append("\\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.step").append(i)
                    .append("(UnifiedOperationServiceImpl.java:").append(60 + i).append(")\\n")
            }
            t.append("Caused by: java.lang.reflect.InvocationTargetException\\n")
            for (i in 0 until 10) {
                t.append("\\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke").append(i)
                    .append("(DirectMethodHandleAccessor.java:").append(100 + i).append(")\\n")
            }
            t.append(
                "\\t... 20 more\\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating " +
                    "bean with name 'orderService': Invocation of init method failed\\n",
            )
            for (i in 0 until 50) {
                t.append("\\tat app//org.springframework.beans.factory.support.AbstractBeanFactory.doGetBean").append(i)
                    .append("(AbstractBeanFactory.java:").append(300 + i).append(")\\n")
            }
            t.append("\\t... 30 more\\n")
            return "{\"code\":\"CMD_PROCESS_INTERNAL_ERROR\",\"errorStackTrace\":\"" + t +
                "\",\"message\":\"Internal Error: java.lang.reflect.InvocationTargetException\"}"
        }
    }
}
