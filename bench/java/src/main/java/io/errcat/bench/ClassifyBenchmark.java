package io.errcat.bench;

import io.errcat.ArkletCall;
import io.errcat.ArkletClassification;
import io.errcat.Errcat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Errcat.classifyArklet} of the two answers of bench/rust/benches/classify.rs (the same bytes: a typical
 * failure, FAILED / REPEAT_BIZ, 231 bytes; an install failure with an 80-frame JDK 17 trace, 9,729 bytes), as bytes
 * (what an HTTP client hands over) and as a String, with the command {@code installBiz} as there. Main compares
 * each with the Rust criterion estimate of {@code errcat::classify} of the same body.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ClassifyBenchmark {
    private static final ArkletCall CALL = ArkletCall.http("installBiz");
    private byte[] typical;
    private byte[] eighty;
    private String typicalText;
    private String eightyText;

    /** What Arklet answers when the jar's biz is already installed (as serde_json writes bench/rust's value). */
    static String typical() {
        return "{\"baseIdentity\":\"f3a1c9e2-5b7d-4e10-9c2a-7d1e0b6a4f55\",\"code\":\"FAILED\",\"data\":{\"code\":"
                + "\"REPEAT_BIZ\",\"elapsedSpace\":1284,\"message\":\"Biz: dynamic-provider:1.0.0 has been installed or "
                + "registered.\"},\"message\":\"install biz not success!\"}";
    }

    /** A module whose main() threw: 80 frames in three throwables (bench/rust's eighty_frames, as JSON text). */
    static String eightyFrames() {
        StringBuilder t = new StringBuilder("com.alipay.sofa.koupleless.arklet.core.common.exception."
                + "ArkletRuntimeException: java.lang.reflect.InvocationTargetException\\n");
        for (int i = 0; i < 20; i++) {
            t.append("\\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.step").append(i)
                    .append("(UnifiedOperationServiceImpl.java:").append(60 + i).append(")\\n");
        }
        t.append("Caused by: java.lang.reflect.InvocationTargetException\\n");
        for (int i = 0; i < 10; i++) {
            t.append("\\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke").append(i)
                    .append("(DirectMethodHandleAccessor.java:").append(100 + i).append(")\\n");
        }
        t.append("\\t... 20 more\\nCaused by: org.springframework.beans.factory.BeanCreationException: Error creating "
                + "bean with name 'orderService': Invocation of init method failed\\n");
        for (int i = 0; i < 50; i++) {
            t.append("\\tat app//org.springframework.beans.factory.support.AbstractBeanFactory.doGetBean").append(i)
                    .append("(AbstractBeanFactory.java:").append(300 + i).append(")\\n");
        }
        t.append("\\t... 30 more\\n");
        return "{\"code\":\"CMD_PROCESS_INTERNAL_ERROR\",\"errorStackTrace\":\"" + t
                + "\",\"message\":\"Internal Error: java.lang.reflect.InvocationTargetException\"}";
    }

    @Setup
    public void setup() {
        typicalText = typical();
        eightyText = eightyFrames();
        typical = typicalText.getBytes(StandardCharsets.UTF_8);
        eighty = eightyText.getBytes(StandardCharsets.UTF_8);
        check(typical.length == 231 && eighty.length == 9729, "the bodies of bench/rust (231 and 9,729 bytes)");
        check(Errcat.classifyArklet(typical, CALL).code().get().code().equals("Arklet.InstallationRequirementNotMet"),
                "typical");
        ArkletClassification c = Errcat.classifyArklet(eighty, CALL);
        check(c.evidence().frames() == 80 && c.code().get().code().equals("User.InstallBizUserError"), "80 frames");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("classify benchmark: " + what);
        }
    }

    @Benchmark
    public ArkletClassification typicalBytes() {
        return Errcat.classifyArklet(typical, CALL);
    }

    @Benchmark
    public ArkletClassification typicalString() {
        return Errcat.classifyArklet(typicalText, CALL);
    }

    @Benchmark
    public ArkletClassification eightyFramesBytes() {
        return Errcat.classifyArklet(eighty, CALL);
    }

    @Benchmark
    public ArkletClassification eightyFramesString() {
        return Errcat.classifyArklet(eightyText, CALL);
    }
}
