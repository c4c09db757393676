package org.suptools.workbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.client.InstallerLauncher;

/** Each run's output files live in a folder of their own, gone once the run has been followed. */
class InstallerInTempFolderTest {

    @TempDir
    Path temp;

    @Test
    void aRunThatEnds_handsOnItsLinesAndStandardError_thenLeavesNoFolder() throws Exception {
        InstallerLauncher.Running running = new InstallerInTempFolder(temp)
                .start(List.of("sh", "-c", "echo one; echo two; echo 'sup-installer: busy' >&2; exit 5"));
        assertThat(folders()).hasSize(1);
        List<String> lines = new ArrayList<>();

        int exitCode = running.follow(lines::add);

        assertThat(exitCode).isEqualTo(5);
        assertThat(lines).containsExactly("one", "two");
        assertThat(running.stderrTail()).isEqualTo("sup-installer: busy\n");
        assertThat(folders()).isEmpty();
    }

    @Test
    void aStoppedRun_leavesNoFolderEither() throws Exception {
        InstallerLauncher.Running running = new InstallerInTempFolder(temp).start(List.of("sh", "-c", "exec sleep 60"));

        running.stop();
        int exitCode = running.follow(line -> { });

        assertThat(exitCode).isNotZero();
        assertThat(folders()).isEmpty();
    }

    @Test
    void aCommandThatCannotStart_leavesNoFolder() {
        InstallerInTempFolder launcher = new InstallerInTempFolder(temp);

        assertThatThrownBy(() -> launcher.start(List.of(temp.resolve("no-such-installer").toString())))
                .isInstanceOf(IOException.class);
        assertThat(folders()).isEmpty();
    }

    private List<Path> folders() {
        try (Stream<Path> files = Files.list(temp)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
