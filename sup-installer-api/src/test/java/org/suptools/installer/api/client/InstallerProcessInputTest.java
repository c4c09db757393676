package org.suptools.installer.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer runs with nothing to read, and what it writes is handed on line by line. */
class InstallerProcessInputTest {

    @TempDir
    Path dir;

    @Test
    void standardInput_isEmpty_soAProcessReadingItEndsAtOnce() throws Exception {
        InstallerProcess launcher = new InstallerProcess(dir, "install", Duration.ofMinutes(1));
        List<String> lines = new ArrayList<>();

        int exitCode = launcher.start(List.of("sh", "-c", "wc -c; echo read-all")).follow(lines::add);

        assertThat(exitCode).isZero();
        assertThat(lines).extracting(String::strip).containsExactly("0", "read-all");
    }

    @Test
    void theLastLine_withoutALineBreak_andStandardError_areHandedOn() throws Exception {
        InstallerProcess launcher = new InstallerProcess(dir, "install", Duration.ofMinutes(1));
        List<String> lines = new ArrayList<>();

        InstallerLauncher.Running running = launcher.start(
                List.of("sh", "-c", "printf '{\"event\":\"started\"}\\nhalf a line'; echo 'sup-installer: busy' >&2; exit 5"));
        int exitCode = running.follow(lines::add);

        assertThat(exitCode).isEqualTo(5);
        assertThat(lines).containsExactly("{\"event\":\"started\"}", "half a line");
        assertThat(running.stderrTail()).isEqualTo("sup-installer: busy\n");
    }
}
