package org.suptools.model.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldLock_refusesASecondHolder_untilItIsReleased() throws IOException {
        Path file = dir.resolve("state/install.lock");

        try (ProcessLock first = ProcessLock.tryAcquire(file).orElseThrow()) {
            assertThat(file).exists();
            assertThat(ProcessLock.tryAcquire(file)).isEmpty();
        }

        Optional<ProcessLock> again = ProcessLock.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
    }
}
