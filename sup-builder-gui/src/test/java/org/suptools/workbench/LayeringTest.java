package org.suptools.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The MVVM rule as a check: view-models, the document, the history and the services never touch controls. */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/org/suptools/workbench");

    @Test
    void onlyTheViewsAndTheApplicationImportControlsStagesOrTheToolkit() throws IOException {
        for (String layer : List.of("viewmodel", "document", "history", "service")) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(layer))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(file)).as(file.toString())
                            .doesNotContain("import javafx.scene", "import javafx.stage", "import javafx.application",
                                    "import javafx.concurrent", "import atlantafx");
                }
            }
        }
    }

    @Test
    void theInstallerIsNeverLinkedIn_onlyRunAsAProcess() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"))).doesNotContain("<artifactId>sup-installer</artifactId>");
    }
}
