package org.suptools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed docs/reference pages are what the commands' definitions give now. */
class CliReferenceIsCurrentTest {

    /** Surefire runs in the module's directory, docs/. */
    private static final Path COMMITTED = Path.of("reference");

    /**
     * Compares, or with {@code -Dsup.docs.update=true} rewrites the committed pages first: one test
     * either way, so a normal build never shows it as skipped.
     */
    @Test
    void committedReference_isCurrent() throws IOException {
        boolean update = Boolean.getBoolean("sup.docs.update");
        for (Map.Entry<String, String> page : CliReference.pages().entrySet()) {
            Path committed = COMMITTED.resolve(page.getKey());
            if (update) {
                Files.createDirectories(COMMITTED);
                Files.writeString(committed, page.getValue());
            }
            String text = Files.exists(committed) ? Files.readString(committed) : "";

            assertThat(text).withFailMessage("docs/reference/%s is not what the commands give now; "
                    + "regenerate it with: %s", page.getKey(), CliReference.REGENERATE).isEqualTo(page.getValue());
        }
    }
}
