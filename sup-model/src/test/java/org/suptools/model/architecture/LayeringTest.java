package org.suptools.model.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model sits at the bottom: it knows nothing of screens, command lines or processes. This
 * test reads the model's sources and fails when one of them reaches up.
 */
class LayeringTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(javafx\\.|picocli\\.|org\\.apache\\.commons\\.exec\\.|org\\.suptools\\.(cli|installer|workbench)\\.)",
            Pattern.MULTILINE);

    @Test
    void model_importsNoUiCliProcessOrUpperLayerPackages() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(LayeringTest::reachesUp)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).as("model sources importing an upper layer").isEmpty();
    }

    @Test
    void model_doesNotStartProcesses() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("ProcessBuilder") || read(f).contains("Runtime.getRuntime().exec"))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static boolean reachesUp(Path file) {
        return FORBIDDEN.matcher(read(file)).find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
