package org.suptools.installer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.Confirmation;

/** The recorder writes confirmation.json when what it would write differs from what it last wrote. */
class ConfirmationRecorderTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final PackageInfo PACKAGE = PackageInfo.ofFile("demo.sup", "ab".repeat(32));

    @TempDir
    Path dir;

    @Test
    void anEventThatChangesNothing_doesNotWriteTheFileAgain() throws Exception {
        Path file = dir.resolve("confirmation.json");
        ConfirmationRecorder recorder = ConfirmationRecorder.create(file);
        recorder.on(new InstallEvent.Started(AT, "install-1", RequestInfo.manual(Optional.empty()), PACKAGE));
        assertThat(Confirmation.read(file).installId()).isEqualTo("install-1");

        Files.delete(file);
        recorder.on(new InstallEvent.Verified(AT, PACKAGE));

        assertThat(file).doesNotExist();
        assertThat(recorder.failure()).isEmpty();
    }

    @Test
    void anEventThatChangesTheRecord_writesIt() throws Exception {
        Path file = dir.resolve("confirmation.json");
        ConfirmationRecorder recorder = ConfirmationRecorder.create(file);
        recorder.on(new InstallEvent.Started(AT, "install-1", RequestInfo.manual(Optional.empty()), PACKAGE));

        recorder.on(new InstallEvent.Planned(AT, List.of(new InstallEvent.PlannedStep(1, "copy", "file.copy",
                Optional.empty(), Optional.empty()))));

        assertThat(Confirmation.read(file).actions()).hasSize(1);
        assertThat(Confirmation.read(file)).isEqualTo(recorder.current().orElseThrow());
    }
}
