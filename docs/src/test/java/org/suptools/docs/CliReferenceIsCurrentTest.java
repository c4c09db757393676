package org.suptools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The committed docs/reference pages are what the commands' definitions give now. */
class CliReferenceIsCurrentTest {

    /** Surefire runs in the module's directory, docs/. */
    private static final Path COMMITTED = Path.of("reference");

    @Test
    @DisabledIfSystemProperty(named = "sup.docs.update", matches = "true")
    void committedReference_isCurrent() throws IOException {
        for (Map.Entry<String, String> page : CliReference.pages().entrySet()) {
            Path committed = COMMITTED.resolve(page.getKey());
            String text = Files.exists(committed) ? Files.readString(committed) : "";

            assertThat(text).withFailMessage("docs/reference/%s is not what the commands give now; "
                    + "regenerate it with: %s", page.getKey(), CliReference.REGENERATE).isEqualTo(page.getValue());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "sup.docs.update", matches = "true")
    void update_rewritesTheCommittedReference() throws IOException {
        Files.createDirectories(COMMITTED);
        for (Map.Entry<String, String> page : CliReference.pages().entrySet()) {
            Files.writeString(COMMITTED.resolve(page.getKey()), page.getValue());

            assertThat(COMMITTED.resolve(page.getKey())).hasContent(page.getValue());
        }
    }
}
