package io.errcat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads the native library packed in this JAR, once per class loader (the JVM runs this class's initialiser once,
 * under a lock), with no setup by the user.
 *
 * <p>The library sits at {@code native/<os>-<arch>/} in the JAR. It is copied to a new, uniquely named file (so two
 * class loaders, as in SOFAArk, each get their own copy; the JVM refuses one file in two loaders), loaded, and the
 * file deleted again. System properties:
 * <ul>
 *   <li>{@value #DIR_PROPERTY}: the directory to extract to (default {@code java.io.tmpdir}; set it when /tmp is
 *       mounted {@code noexec});</li>
 *   <li>{@value #LIBRARY_PROPERTY}: load this library file instead of the packed one.</li>
 * </ul>
 */
final class NativeLoader {
    static final String DIR_PROPERTY = "errcat.native.dir";
    static final String LIBRARY_PROPERTY = "errcat.native.library";
    private static final String LIBRARY_NAME = "errcat_jni";
    /** What the JAR packs; named in every load error (checked against the JAR by `make test-packaging`). */
    static final String SUPPORTED = "linux-x86_64 (glibc 2.17 or newer)";

    /** Why loading failed, or null. Kept so every call gets the same clear error. */
    private static final Throwable FAILURE = loadOnce();

    private NativeLoader() {}

    /** Throws a fresh {@link UnsatisfiedLinkError} explaining why the library is not there. */
    static void require() {
        if (FAILURE != null) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError(FAILURE.getMessage());
            error.initCause(FAILURE.getCause());
            throw error;
        }
    }

    /** {@code linux-x86_64}, {@code linux-aarch64}, {@code darwin-aarch64}, {@code windows-x86_64}, … */
    static String platform() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "darwin";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else {
            os = os.replaceAll("[^a-z0-9]", "");
        }
        if (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x64")) {
            arch = "x86_64";
        } else if (arch.equals("arm64") || arch.equals("aarch64")) {
            arch = "aarch64";
        }
        return os + "-" + arch;
    }

    private static Throwable loadOnce() {
        try {
            String explicit = System.getProperty(LIBRARY_PROPERTY);
            if (explicit != null) {
                System.load(Paths.get(explicit).toAbsolutePath().toString());
            } else {
                extractAndLoad();
            }
            selfCheck();
            return null;
        } catch (Throwable t) {
            return t instanceof LoadFailure ? t : new LoadFailure("errcat: loading the native library failed: " + t, t);
        }
    }

    private static void extractAndLoad() throws IOException {
        String platform = platform();
        String file = System.mapLibraryName(LIBRARY_NAME);
        String resource = "native/" + platform + "/" + file;
        URL url = NativeLoader.class.getClassLoader() == null
                ? ClassLoader.getSystemResource(resource)
                : NativeLoader.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new LoadFailure("errcat: this JAR has no native library for platform " + platform + ": it supports "
                    + SUPPORTED + "; for another platform build bindings/jni and pass it with -D" + LIBRARY_PROPERTY
                    + "=<path>", null);
        }
        String dirName = System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir"));
        Path dir = Paths.get(dirName);
        Files.createDirectories(dir);
        Path copy = Files.createTempFile(dir, "errcat-", "-" + file);
        try {
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            System.load(copy.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            throw new LoadFailure("errcat: the native library for " + platform + " was extracted to " + copy
                    + " but could not be loaded (" + oneLine(e.getMessage()) + "); it supports " + SUPPORTED
                    + (isMusl() ? ", and this system's C library is musl" : "") + "; if " + dir
                    + " is mounted noexec, set -D" + DIR_PROPERTY + " to a directory that allows executable mappings", e);
        } finally {
            // Once mapped, the file is no longer needed (and an unloadable one is of no use).
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                copy.toFile().deleteOnExit();
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** A musl system (Alpine): its dynamic loader and no glibc one. */
    private static boolean isMusl() {
        return Files.exists(Paths.get("/lib/ld-musl-x86_64.so.1"))
                && !Files.exists(Paths.get("/lib64/ld-linux-x86-64.so.2"));
    }

    /**
     * Fails when the library does not answer (a library whose JNI_OnLoad found the classes it needs missing has
     * already failed in System.load). Whether it holds the catalog these classes were generated from is checked
     * when the answer table loads.
     */
    private static void selfCheck() {
        Native.call0("version", new Object[0]);
    }

    /** A load failure with its explanation as the message. */
    private static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
