package io.errcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths the build passes to the tests (pom.xml, surefire systemPropertyVariables). */
final class Repo {
    private Repo() {}

    /** The workspace root (testdata/ lives there). */
    static Path root() {
        return Paths.get(property("errcat.root")).toAbsolutePath().normalize();
    }

    /** The packed JAR under test. */
    static Path jar() {
        return Paths.get(property("errcat.jar")).toAbsolutePath();
    }

    /** target/test-classes. */
    static Path testClasses() {
        return Paths.get(property("errcat.testClasses")).toAbsolutePath();
    }

    static String read(String relative) throws IOException {
        return new String(Files.readAllBytes(root().resolve(relative)), StandardCharsets.UTF_8);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the tests through Maven (mvn package)");
        }
        return value;
    }
}
