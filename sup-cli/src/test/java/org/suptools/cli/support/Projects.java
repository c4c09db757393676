package org.suptools.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Package projects (spec + payload files) for tests, written into a test's temporary directory. */
public final class Projects {

    /** The sample package of the source tree; tests run in sup-cli/, one level below the root. */
    public static final Path SAMPLE = Path.of("..", "sample-packages", "packages", "runtime-config");

    /** The sample package for two products: each product-specific action has its own {@code when}. */
    public static final Path TWO_PRODUCTS = Path.of("..", "sample-packages", "packages", "two-products");

    private Projects() {
    }

    /** A small valid project: one config file copied, then a runtime restart. */
    public static Path simple(Path dir, String version, String payloadText) {
        return write(dir, """
                name: test-config
                version: %s
                description: a test package
                vendor: Test Vendor
                targets:
                  - product: test-gateway
                    os: linux
                    architecture: "*"
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                  - id: restart
                    type: runtime.restart
                """.formatted(version), payloadText);
    }

    /** A valid project that expires at the given ISO instant. */
    public static Path expiring(Path dir, String expires) {
        return write(dir, """
                name: test-expiring
                version: 1.0.0
                expires: %s
                targets:
                  - product: "*"
                    os: linux
                    architecture: "*"
                actions:
                  - id: config
                    type: file.copy
                    source: app.conf
                    destination: conf/app.conf
                """.formatted(expires), "x=1\n");
    }

    public static Path write(Path dir, String specText, String payloadText) {
        try {
            Files.createDirectories(dir.resolve("payload"));
            Files.writeString(dir.resolve("sup.yaml"), specText, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("payload/app.conf"), payloadText, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the sample package, so a test may change it. */
    public static Path copyOfSample(Path dir) {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(SAMPLE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
