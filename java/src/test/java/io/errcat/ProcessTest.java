package io.errcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JAR in a JVM of its own: `java -cp <the packed JAR>:<test classes>`, from an empty directory. */
class ProcessTest {
    @TempDir
    Path work;

    private static final class Run {
        final int exit;
        final String output;

        Run(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }

    private Run java(String mainClass, String... jvmArgs) throws IOException, InterruptedException {
        return java(Paths.get(System.getProperty("java.home")), mainClass, jvmArgs);
    }

    private Run java(Path javaHome, String mainClass, String... jvmArgs) throws IOException, InterruptedException {
        Path java = javaHome.resolve("bin").resolve("java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Arrays.asList(jvmArgs));
        command.add("-cp");
        command.add(Repo.jar() + File.pathSeparator + Repo.testClasses());
        command.add(mainClass);
        Path empty = Files.createDirectories(work.resolve("cwd"));
        Path log = work.resolve("output.txt");
        Process p = new ProcessBuilder(command).directory(empty.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        return new Run(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }

    @Test
    void thePackedJarWorksOnItsOwn() throws Exception {
        Path dir = Files.createDirectories(work.resolve("native"));
        Run run = java("io.errcat.smoke.Smoke", "-Derrcat.native.dir=" + dir);
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("smoke: ok"), run.output);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the extracted library is deleted once loaded");
        }
    }

    @Test
    void checkJniFindsNothing() throws Exception {
        Run run = java("io.errcat.smoke.Smoke", "-Xcheck:jni");
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("smoke: ok"), run.output);
        assertFalse(run.output.contains("WARNING"), "-Xcheck:jni warnings:\n" + run.output);
        assertFalse(run.output.contains("FATAL"), "-Xcheck:jni errors:\n" + run.output);
    }

    @Test
    void checkJniFindsNothingWhateverTheValues() throws Exception {
        Run run = java("io.errcat.NativeSmoke", "-Xcheck:jni");
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("native smoke: ok"), run.output);
        for (String line : run.output.split("\n")) {
            // The panic hook's own message is expected; anything -Xcheck:jni says is not.
            boolean panic = line.contains("panicked at") || line.contains("panic requested") || line.contains("RUST_BACKTRACE");
            assertFalse(!panic && (line.contains("WARNING") || line.contains("FATAL")), "-Xcheck:jni: " + line);
        }
    }

    /** Other JDKs on the machine (Debian keeps them in /usr/lib/jvm): the same smoke run, under -Xcheck:jni. */
    @Test
    void otherInstalledJdksLoadTheJarToo() throws Exception {
        Path jvms = Paths.get("/usr/lib/jvm");
        Path current = Paths.get(System.getProperty("java.home")).toRealPath();
        List<Path> others = new ArrayList<>();
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                for (Path home : (Iterable<Path>) homes::iterator) {
                    if (Files.isExecutable(home.resolve("bin/java")) && !home.toRealPath().equals(current)
                            && others.stream().noneMatch(o -> sameDir(o, home))) {
                        others.add(home);
                    }
                }
            }
        }
        Assumptions.assumeFalse(others.isEmpty(), "no other JDK installed");
        for (Path home : others) {
            Run run = java(home, "io.errcat.smoke.Smoke", "-Xcheck:jni");
            assertEquals(0, run.exit, home + ":\n" + run.output);
            assertTrue(run.output.contains("smoke: ok"), home + ":\n" + run.output);
            for (String line : run.output.split("\n")) {
                // JDK 24+ warns about System.load by any unnamed module (JEP 472); that is not a JNI check.
                boolean jep472 = line.contains("restricted method") || line.contains("System::load")
                        || line.contains("--enable-native-access") || line.contains("Restricted methods");
                assertFalse(line.contains("WARNING") && !jep472, home + ": " + line);
            }
        }
    }

    private static boolean sameDir(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void anUnknownPlatformIsNamedInTheError() throws Exception {
        Run run = java("io.errcat.smoke.LoadError", "-Dos.arch=sparcv9");
        assertEquals(0, run.exit, run.output);
        String[] lines = run.output.trim().split("\n");
        assertEquals(2, lines.length, run.output);
        for (String line : lines) {
            assertTrue(line.startsWith("java.lang.UnsatisfiedLinkError: errcat: this JAR has no native library for "
                    + "platform linux-sparcv9: it supports linux-x86_64 (glibc 2.17 or newer)"), line);
        }
    }

    /** The platforms users ask about: one line naming what the JAR supports, on every call. */
    @Test
    void otherPlatformsGetOneLineNamingTheSupportedOnes() throws Exception {
        String[][] cases = {
            {"linux-aarch64", "-Dos.arch=aarch64"},
            {"darwin-aarch64", "-Dos.name=Mac OS X", "-Dos.arch=aarch64"},
            {"darwin-x86_64", "-Dos.name=Mac OS X", "-Dos.arch=x86_64"},
        };
        for (String[] c : cases) {
            Run run = java("io.errcat.smoke.LoadError", java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(0, run.exit, run.output);
            String[] lines = run.output.trim().split("\n");
            assertEquals(2, lines.length, run.output);
            for (String line : lines) {
                assertEquals("java.lang.UnsatisfiedLinkError: errcat: this JAR has no native library for platform "
                        + c[0] + ": it supports linux-x86_64 (glibc 2.17 or newer); for another platform build "
                        + "bindings/jni and pass it with -Derrcat.native.library=<path>", line);
            }
        }
    }

    @Test
    void anUnusableExtractionDirectoryIsExplained() throws Exception {
        Path file = Files.write(work.resolve("not-a-directory"), new byte[] {1});
        Run run = java("io.errcat.smoke.LoadError", "-Derrcat.native.dir=" + file);
        assertTrue(run.output.contains("java.lang.UnsatisfiedLinkError: errcat: loading the native library failed"),
                run.output);
        assertTrue(run.output.contains("not-a-directory"), run.output);
    }

    @Test
    void anExplicitLibraryPathIsUsed() throws Exception {
        // The release build the JAR packs (the pom passes its directory: the zig build on linux-x86_64).
        Path lib = Paths.get(System.getProperty("errcat.nativeDir", Repo.root().resolve("target/release").toString()))
                .resolve(System.mapLibraryName("errcat_jni"));
        Run run = java("io.errcat.smoke.Smoke", "-Derrcat.native.library=" + lib);
        assertEquals(0, run.exit, run.output);
        Run missing = java("io.errcat.smoke.LoadError", "-Derrcat.native.library=" + work.resolve("nope.so"));
        assertTrue(missing.output.contains("UnsatisfiedLinkError") && missing.output.contains("nope.so"),
                missing.output);
    }
}
