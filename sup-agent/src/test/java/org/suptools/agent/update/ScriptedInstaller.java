package org.suptools.agent.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.suptools.agent.store.Durable;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.InstallEvents;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.report.MailboxAcks;
import org.suptools.tr50.LogLevel;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Request;

/**
 * An installer that writes what the real one writes on its {@code --events} stream and in its
 * {@code --tr50-reply} file, with the exit code and failure the test asks for; {@code recover}
 * answers with the exit code the test sets.
 */
final class ScriptedInstaller implements InstallerLauncher {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    final List<List<String>> commands = new ArrayList<>();
    /** The install's error, or empty for a success. */
    Optional<InstallError> error = Optional.empty();
    /** Ends the install like a kill: no finished event, no reply, this exit code. */
    Optional<Integer> killedWith = Optional.empty();
    int recoverExit;
    /** Runs when an install starts, as a test's fault. */
    Runnable afterStart = () -> {
    };

    List<List<String>> installs() {
        return commands.stream().filter(c -> c.get(1).equals("install")).toList();
    }

    List<List<String>> recovers() {
        return commands.stream().filter(c -> c.get(1).equals("recover")).toList();
    }

    @Override
    public Running start(List<String> command) {
        commands.add(List.copyOf(command));
        if (command.get(1).equals("recover")) {
            return running(List.of(), recoverExit);
        }
        afterStart.run();
        String mailboxId = option(command, "--mailbox-id");
        Path reply = Path.of(option(command, "--tr50-reply"));
        PackageInfo pkg = new PackageInfo(Optional.of("acme"), Optional.of("1.4.0"), "acme.sup", "00", List.of());
        List<String> lines = new ArrayList<>();
        lines.add(InstallEvents.line(new InstallEvent.Started(AT, "i-1",
                new RequestInfo(Optional.empty(), Optional.of(mailboxId), Optional.of("gw-1")), pkg)));
        lines.add(InstallEvents.line(new InstallEvent.Verified(AT, pkg)));
        lines.add(InstallEvents.line(new InstallEvent.ActionStarted(AT, 1, 1, "config", "file.copy")));
        if (killedWith.isPresent()) {
            return running(lines, killedWith.get());
        }
        boolean ok = error.isEmpty();
        String message = ok ? "" : "action 1/1 file.copy failed";
        lines.add(InstallEvents.line(new InstallEvent.Finished(AT, ok ? InstallStatus.SUCCEEDED
                : InstallStatus.ROLLED_BACK, error, message, false, Optional.empty())));
        Tr50Request written = Tr50Request.of(List.of(
                new LogPublish(Optional.of("gw-1"), Optional.of(AT), "SUP acme 1.4.0: action 1/1 file.copy "
                        + (ok ? "succeeded" : "failed"), Optional.of(ok ? LogLevel.INFO : LogLevel.ERROR),
                        Optional.of(mailboxId)),
                MailboxAcks.of(mailboxId, error.map(InstallError::code).orElse(0), message, ok, Optional.of("acme"),
                        Optional.of("1.4.0"))));
        try {
            Durable.write(reply, Tr50Codec.pretty(written));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return running(lines, ok ? 0 : 1);
    }

    private static String option(List<String> command, String name) {
        return command.get(command.indexOf(name) + 1);
    }

    private static Running running(List<String> lines, int exit) {
        return new Running() {
            @Override
            public int follow(Consumer<String> onLine) {
                lines.forEach(onLine);
                return exit;
            }

            @Override
            public String stderrTail() {
                return exit > 128 ? "" : "sup-installer: done";
            }

            @Override
            public void stop() {
            }
        };
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
