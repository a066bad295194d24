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
        command.add("-Derrcat.root=" + Repo.root());
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

    /** Line {@code i} of a valid blobstore audit log (the scenario of cli/tests/audit_live_cli.rs). */
    private static String auditLine(int i) {
        String[] services = {"ACCESS", "BLOBNODE", "PROXY", "SCHEDULER", "CLUSTERMGR"};
        int[] codes = {200, 200, 651, 613, 499, 552, 701, 640};
        return "REQ\t" + services[i % 5] + "\t" + (17_580_744_000_000_000L + i) + "\tGET\t/shard/get/diskid/" + (i % 7)
                + "\t{\"Host\":\"h\"}\t\t" + codes[i % 8] + "\t{}\t\t9\t" + ((i * 7919L) % 6_000_000) + "\n";
    }

    /**
     * Issue 13: a JVM ({@code java -cp <the packed JAR>:<test classes>}, from an empty directory) analyses a ~60 MB
     * audit log while this test truncates the file to 0 after k x 3 ms, k = 0..11, counted from the moment the child
     * says it starts the analysis. Every attempt ends normally: exit 0 with a report whose lines = counted +
     * malformed, or a typed ErrcatException; never a signal (a SIGBUS would kill the JVM). At least one attempt
     * sees the truncation: a {@code shrank} warning naming the file. Nothing is asserted about timing.
     */
    @Test
    void aLogTruncatedDuringTheAnalysisNeverKillsTheJvm() throws Exception {
        StringBuilder text = new StringBuilder(64 << 20);
        for (int i = 0; i < 700_000; i++) {
            text.append(auditLine(i));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 60_000_000, bytes.length + " bytes");
        Path log = work.resolve("big.log");
        Path empty = Files.createDirectories(work.resolve("cwd"));
        Path stderr = work.resolve("stderr.txt");
        List<String> summary = new ArrayList<>();
        int shrank = 0;
        for (int k = 0; k < 12; k++) {
            Files.write(log, bytes);
            Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    Repo.jar() + File.pathSeparator + Repo.testClasses(), "io.errcat.smoke.AuditTruncation",
                    log.toString()).directory(empty.toFile()).redirectError(stderr.toFile()).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String started = out.readLine();
            Thread.sleep(3L * k);
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "rw")) {
                f.setLength(0); // what `truncate -s 0` and logrotate's copytruncate do
            }
            String first = out.readLine();
            StringBuilder restLines = new StringBuilder();
            for (String l; (l = out.readLine()) != null;) {
                restLines.append(l).append('\n');
            }
            String rest = first == null ? null : restLines.toString();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child JVM finished");
            String err = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
            assertEquals("start", started, err);
            assertEquals(0, p.exitValue(), "attempt " + k + ": exit " + p.exitValue() + " (134/135: a signal)\n" + err);
            assertTrue(first != null && rest != null, "attempt " + k + ": " + first + "\n" + err);
            if (first.startsWith("error ")) {
                // A typed error, never a crash: an analysis that cannot read its input says so as IO.
                assertEquals("error Io", first, rest);
                assertTrue(rest.contains(log.toString()), rest);
                summary.add("error");
                continue;
            }
            com.google.gson.JsonObject report = com.google.gson.JsonParser.parseString(rest).getAsJsonObject();
            long lines = report.get("lines").getAsLong();
            assertEquals(first, lines + " " + report.get("malformed").getAsLong(), "AuditReport's counters");
            assertEquals(lines, report.get("counted").getAsLong() + report.get("malformed").getAsLong(),
                    report.get("invariant").getAsString());
            com.google.gson.JsonArray warnings = report.getAsJsonArray("warnings");
            for (com.google.gson.JsonElement w : warnings) {
                com.google.gson.JsonObject warning = w.getAsJsonObject();
                assertEquals("shrank", warning.get("kind").getAsString(), warning.toString());
                assertEquals(log.toString(), warning.get("input").getAsString(), warning.toString());
                assertTrue(warning.get("message").getAsString().contains(log + ": the file shrank while it was read"),
                        warning.toString());
                assertTrue(warning.get("offset").getAsLong() < warning.get("size").getAsLong(), warning.toString());
                assertEquals(bytes.length, warning.get("size").getAsLong(), warning.toString());
            }
            shrank += warnings.size() > 0 ? 1 : 0;
            summary.add(lines + (warnings.size() > 0 ? " shrank" : ""));
        }
        System.out.println("truncation attempts (lines read): " + summary);
        assertTrue(shrank > 0, "none of the 12 truncations came while the file was read: " + summary);
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
