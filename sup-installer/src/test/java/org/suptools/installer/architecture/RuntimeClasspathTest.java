package org.suptools.installer.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The installer ships without demo code: its runtime class path, as Maven resolves it (the build
 * writes it to target/runtime-classpath.txt, what target/lib is copied from), holds no
 * sample-packages, which the tests use as test support only; and no installer source names a
 * class of it.
 */
class RuntimeClasspathTest {

    static final Path CLASSPATH = Path.of("target/runtime-classpath.txt");
    static final Path SOURCES = Path.of("src/main/java");

    @Test
    void runtimeClasspath_holdsTheModelButNoSamplePackages() throws IOException {
        List<String> entries = Arrays.stream(Files.readString(CLASSPATH).strip().split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toString()).toList();

        assertThat(entries).as("the runtime class path was read").anyMatch(entry -> entry.contains("sup-model"));
        assertThat(entries).noneMatch(entry -> entry.contains("sample-packages") || entry.contains("sample-runtime"));
    }

    @Test
    void noInstallerSource_usesTheSamples() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("org.suptools.samples")).toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
