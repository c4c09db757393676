package org.suptools.installer.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.InstallEvents;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.tr50.Tr50Codec;

/**
 * {@link InstallerSession} over {@link InstallerProcess} with real processes: small shell scripts
 * stand in for the installer, printing event lines and standard error and ending with a code.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InstallerSessionTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");
    private static final PackageInfo PACKAGE = new PackageInfo(Optional.of("acme-config"), Optional.of("1.4.0"),
            "acme-config-1.4.0.sup", "ab".repeat(32), List.of("ops-2026"));

    @TempDir
    Path temp;

    /** Processes a script left running in the background, stopped after each test. */
    private final List<Path> childPidFiles = new ArrayList<>();

    @AfterEach
    void killBackgroundChildren() throws IOException {
        for (Path pidFile : childPidFiles) {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void follow_deliversRawLinesAndTypedEventsInOrder_andTheOutcomeGathersWhatTheyTold() throws Exception {
        Path events = lines("events.jsonl",
                "installer starting",
                InstallEvents.line(new InstallEvent.Started(AT, "i-1", RequestInfo.manual(Optional.empty()),
                        PackageInfo.ofFile("acme-config-1.4.0.sup", "ab".repeat(32)))),
                InstallEvents.line(new InstallEvent.Verified(AT, PACKAGE)),
                "{\"event\": \"a-newer-kind\", \"at\": \"2026-12-03T10:15:30Z\"}",
                InstallEvents.line(new InstallEvent.ActionStarted(AT, 1, 1, "config", "file.copy")),
                InstallEvents.line(new InstallEvent.ActionSucceeded(AT, 1, 1, "config", "file.copy", "copied",
                        Optional.empty(), Optional.empty())));
        String finished = InstallEvents.line(new InstallEvent.Finished(AT, InstallStatus.SUCCEEDED, Optional.empty(),
                "installed acme-config 1.4.0", false, Optional.empty()));
        // The last line has no line break: it is still delivered once the process has ended.
        Path script = script("echo \"args: $*\"", "cat '" + events + "'", "echo 'a warning' >&2",
                "printf '%s' '" + finished + "'", "echo 'sup-installer: installed acme-config 1.4.0' >&2", "exit 0");
        Recorder recorder = new Recorder();

        InstallerRun run = InstallerSession.start(process(Duration.ofMinutes(1)), call(script)).follow(recorder);

        assertThat(recorder.seen).containsExactly(
                "line args: install acme-config-1.4.0.sup --config gateway.yaml --events --mailbox-id M-1",
                "other args: install acme-config-1.4.0.sup --config gateway.yaml --events --mailbox-id M-1",
                "line installer starting", "other installer starting",
                "line " + InstallEvents.line(new InstallEvent.Started(AT, "i-1", RequestInfo.manual(Optional.empty()),
                        PackageInfo.ofFile("acme-config-1.4.0.sup", "ab".repeat(32)))),
                "started i-1",
                "line " + InstallEvents.line(new InstallEvent.Verified(AT, PACKAGE)), "verified acme-config 1.4.0",
                "line {\"event\": \"a-newer-kind\", \"at\": \"2026-12-03T10:15:30Z\"}",
                "other {\"event\": \"a-newer-kind\", \"at\": \"2026-12-03T10:15:30Z\"}",
                "line " + InstallEvents.line(new InstallEvent.ActionStarted(AT, 1, 1, "config", "file.copy")),
                "action-started config",
                "line " + InstallEvents.line(new InstallEvent.ActionSucceeded(AT, 1, 1, "config", "file.copy",
                        "copied", Optional.empty(), Optional.empty())),
                "action-succeeded config copied",
                "line " + finished, "finished succeeded");
        assertThat(run.exitCode()).isZero();
        assertThat(run.knownExit()).contains(ExitCode.SUCCEEDED);
        assertThat(run.installId()).contains("i-1");
        assertThat(run.pkg()).as("the verified package replaces the file-only one").contains(PACKAGE);
        assertThat(run.finished()).hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(InstallStatus.SUCCEEDED));
        assertThat(run.refused()).isEmpty();
        assertThat(run.reported()).isTrue();
        assertThat(run.stopped()).isFalse();
        assertThat(run.stderr()).isEqualTo("a warning\nsup-installer: installed acme-config 1.4.0\n");
        assertThat(run.summary()).isEqualTo("installed acme-config 1.4.0");
        assertThat(run.unreportedError()).isEmpty();
        assertThat(run.unreportedAck("M-1")).isEmpty();
    }

    @Test
    void aRunThatExitsBusyWithoutEvents_isUnreported_andItsAckSaysBusyInTheInstallersWords() throws Exception {
        Path script = script("echo 'sup-installer: busy: another installer is running (pid 42)' >&2", "exit 5");
        Recorder recorder = new Recorder();

        InstallerRun run = InstallerSession.start(process(Duration.ofMinutes(1)), call(script)).follow(recorder);

        assertThat(recorder.seen).isEmpty();
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.knownExit()).contains(ExitCode.BUSY);
        assertThat(run.installId()).isEmpty();
        assertThat(run.reported()).isFalse();
        assertThat(run.unreportedError()).contains(InstallError.BUSY);
        assertThat(run.unreportedAck("M-1").map(ack -> new String(Tr50Codec.compact(ack), StandardCharsets.UTF_8)))
                .contains("{\"1\":{\"command\":\"mailbox.ack\",\"params\":{\"id\":\"M-1\",\"errorCode\":-90120,"
                        + "\"errorMessage\":\"busy: another installer is running (pid 42)\","
                        + "\"params\":{\"status\":\"failure\"}}}}");
    }

    @Test
    void aRunThatCrashesWithoutAWord_isAckedAsAnInternalErrorNamingItsExitCode() throws Exception {
        InstallerRun run = InstallerSession.start(process(Duration.ofMinutes(1)), call(script("exit 70")))
                .follow(new Recorder());

        assertThat(run.knownExit()).isEmpty();
        assertThat(run.unreportedError()).contains(InstallError.INTERNAL);
        assertThat(run.unreportedAck("M-1").map(ack -> new String(Tr50Codec.compact(ack), StandardCharsets.UTF_8)))
                .hasValueSatisfying(ack -> assertThat(ack).contains("\"errorCode\":-90199",
                        "the installer ended with exit code 70 without a report"));
    }

    @Test
    void stop_endsTheInstallerAndWhatItStarted_andTheOutcomeSaysInterrupted() throws Exception {
        Path childPid = temp.resolve("child.pid");
        childPidFiles.add(childPid);
        String started = InstallEvents.line(new InstallEvent.Started(AT, "i-2", RequestInfo.manual(Optional.empty()),
                PackageInfo.ofFile("acme-config-1.4.0.sup", "ab".repeat(32))));
        Path script = script("sleep 600 &", "echo $! > '" + childPid + "'", "echo '" + started + "'", "wait");
        InstallerSession session = InstallerSession.start(process(Duration.ofMinutes(1)), call(script));
        List<ProcessHandle> children = new ArrayList<>();

        InstallerRun run = session.follow(new InstallerWatcher() {
            @Override
            public void started(InstallEvent.Started event) {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readString(childPid).strip())).ifPresent(children::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                session.stop();
            }
        });

        assertThat(run.stopped()).isTrue();
        assertThat(run.installId()).contains("i-2");
        assertThat(run.reported()).isFalse();
        assertThat(run.unreportedError()).contains(InstallError.INTERRUPTED);
        assertThat(children).as("the script's child, seen running").hasSize(1);
        assertThat(children.get(0).onExit()).as("the child the installer started")
                .succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aBackgroundChildThatKeepsStandardOutputOpen_doesNotHoldFollowUp() throws Exception {
        Path childPid = temp.resolve("runtime.pid");
        childPidFiles.add(childPid);
        String finished = InstallEvents.line(new InstallEvent.Finished(AT, InstallStatus.SUCCEEDED, Optional.empty(),
                "installed", false, Optional.empty()));
        // As a runtime started by the installer: it inherits the installer's output and outlives it.
        Path script = script("sleep 600 &", "echo $! > '" + childPid + "'", "echo '" + finished + "'", "exit 0");

        InstallerRun run = InstallerSession.start(process(Duration.ofMinutes(1)), call(script)).follow(new Recorder());

        assertThat(run.exitCode()).isZero();
        assertThat(run.finished()).isPresent();
        long pid = Long.parseLong(Files.readString(childPid).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the background child, still running")
                .isPresent();
    }

    @Test
    void theTimeout_stopsTheProcess_andTheErrorNamesItsOutputFiles() throws Exception {
        Path pidFile = temp.resolve("installer.pid");
        Path script = script("echo $$ > '" + pidFile + "'", "echo ready", "exec sleep 600");
        // The clock jumps an hour once the script has said it is running: past any timeout, without waiting.
        AtomicBoolean ready = new AtomicBoolean();
        InstallerProcess launcher = new InstallerProcess(temp.resolve("output"), "install", Duration.ofMinutes(3),
                () -> ready.get() ? TimeUnit.HOURS.toNanos(1) : 0);
        InstallerSession session = InstallerSession.start(launcher, call(script));

        assertThatThrownBy(() -> session.follow(new InstallerWatcher() {
            @Override
            public void line(String line) {
                ready.set(true);
            }
        })).isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish within 180 s and was stopped")
                .hasMessageContaining("its output is in " + launcher.out() + " and " + launcher.err());

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(handle -> assertThat(handle.onExit()).as("the installer process")
                .succeedsWithin(Duration.ofSeconds(10)));
        assertThat(launcher.out()).hasContent("ready");
    }

    private InstallerProcess process(Duration timeout) {
        return new InstallerProcess(temp.resolve("output"), "install", timeout);
    }

    private static InstallerCall call(Path script) {
        return InstallerCall.manual(List.of("/bin/sh", script.toString()), Path.of("acme-config-1.4.0.sup"),
                Path.of("gateway.yaml"), false).forMailbox("M-1");
    }

    private Path script(String... lines) throws IOException {
        return lines("installer-" + System.nanoTime() + ".sh", lines);
    }

    private Path lines(String name, String... lines) throws IOException {
        return Files.writeString(temp.resolve(name), String.join("\n", lines) + "\n");
    }

    /** Writes down each line and event as it comes, in one list, so their order shows. */
    private static final class Recorder implements InstallerWatcher {
        final List<String> seen = new ArrayList<>();

        @Override
        public void line(String line) {
            seen.add("line " + line);
        }

        @Override
        public void otherLine(String line) {
            seen.add("other " + line);
        }

        @Override
        public void started(InstallEvent.Started event) {
            seen.add("started " + event.installId());
        }

        @Override
        public void verified(InstallEvent.Verified event) {
            seen.add("verified " + event.pkg().label());
        }

        @Override
        public void actionStarted(InstallEvent.ActionStarted event) {
            seen.add("action-started " + event.id());
        }

        @Override
        public void actionSucceeded(InstallEvent.ActionSucceeded event) {
            seen.add("action-succeeded " + event.id() + " " + event.message());
        }

        @Override
        public void finished(InstallEvent.Finished event) {
            seen.add("finished " + event.status().text());
        }
    }
}
