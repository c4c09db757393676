package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemons a campaign demo leaves running are stopped by their pid files, and only while the
 * pid is still theirs: a pid the system gave to another process is never signalled.
 */
class DemoDaemonTest {

    @TempDir
    Path dir;

    private Process started;

    @AfterEach
    void killWhatWasStarted() {
        if (started != null) {
            started.destroyForcibly();
        }
    }

    @Test
    void stop_endsTheRecordedDaemonAndForgetsItsPid() throws Exception {
        DemoDaemon daemon = new DemoDaemon(dir, "portal", "12345");
        started = daemon.start(List.of("sleep", "12345"));

        assertThat(daemon.running()).map(ProcessHandle::pid).contains(started.pid());
        assertThat(daemon.stop()).isTrue();

        assertThat(started.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.pidFile()).doesNotExist();
        assertThat(daemon.stop()).as("nothing left to stop").isFalse();
    }

    @Test
    void stop_leavesAProcessAloneWhoseCommandLineIsNotTheDaemons() throws Exception {
        started = new ProcessBuilder("sleep", "54321").start();
        DemoDaemon daemon = new DemoDaemon(dir, "agent", "/some/gw-1/agent.yaml");
        Files.writeString(daemon.pidFile(), started.pid() + "\n");

        assertThat(daemon.running()).isEmpty();
        assertThat(daemon.stop()).isFalse();

        assertThat(started.isAlive()).isTrue();
        assertThat(daemon.pidFile()).doesNotExist();
    }

    @Test
    void stop_withAPidFileThatHoldsNoNumber_stopsNothing() throws IOException {
        DemoDaemon daemon = new DemoDaemon(dir, "agent", "agent.yaml");
        Files.writeString(daemon.pidFile(), "not a pid\n");

        assertThat(daemon.stop()).isFalse();
    }
}
