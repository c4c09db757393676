package org.suptools.model.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class FileReasonsOneLineTest {

    @Test
    void aFileError_namesItsPathAndReason() {
        assertThat(FileReasons.oneLine(new AccessDeniedException("/opt/dwcore/logs"), "silent"))
                .isEqualTo("/opt/dwcore/logs: permission denied");
    }

    @Test
    void anyOtherError_isItsMessageOnOneLine_orTheWordsForASilentOne() {
        assertThat(FileReasons.oneLine(new IOException("disk full\n  while writing\r\nthe journal"), "silent"))
                .isEqualTo("disk full while writing the journal");
        assertThat(FileReasons.oneLine(new IllegalStateException(), "an unexpected error")).isEqualTo("an unexpected error");
        assertThat(FileReasons.oneLine(new IOException("  "), "an unexpected error")).isEqualTo("an unexpected error");
    }
}
