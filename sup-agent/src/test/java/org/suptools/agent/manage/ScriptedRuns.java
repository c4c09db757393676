package org.suptools.agent.manage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.InstallEvents;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;

/**
 * An installer the test drives line by line: each started run writes the lines the test puts in
 * {@link #lines}, and ends with the exit code when the test puts {@code EXIT n}. It records the
 * commands it was started with and whether anyone stopped it.
 */
final class ScriptedRuns implements Function<Path, InstallerLauncher> {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<List<String>> commands = new CopyOnWriteArrayList<>();
    volatile boolean stopped;

    @Override
    public InstallerLauncher apply(Path runDir) {
        return command -> {
            commands.add(List.copyOf(command));
            return new InstallerLauncher.Running() {
                @Override
                public int follow(Consumer<String> onLine) throws InterruptedException {
                    while (true) {
                        String line = lines.take();
                        if (line.startsWith("EXIT ")) {
                            return Integer.parseInt(line.substring(5));
                        }
                        onLine.accept(line);
                    }
                }

                @Override
                public String stderrTail() {
                    return "";
                }

                @Override
                public void stop() {
                    stopped = true;
                }
            };
        };
    }

    /** The events of a successful two-action install, then its exit. */
    void succeedingInstall(String installId) {
        lines.addAll(List.of(
                InstallEvents.line(new InstallEvent.Started(AT, installId, RequestInfo.manual(Optional.empty()),
                        PackageInfo.ofFile("demo.sup", "00"))),
                InstallEvents.line(new InstallEvent.ActionStarted(AT, 1, 2, "dir", "dir.create")),
                InstallEvents.line(new InstallEvent.ActionSucceeded(AT, 1, 2, "dir", "dir.create", "created",
                        Optional.empty(), Optional.empty())),
                InstallEvents.line(new InstallEvent.ActionStarted(AT, 2, 2, "conf", "file.copy")),
                InstallEvents.line(new InstallEvent.ActionSucceeded(AT, 2, 2, "conf", "file.copy", "copied",
                        Optional.empty(), Optional.empty())),
                InstallEvents.line(new InstallEvent.Finished(AT, InstallStatus.SUCCEEDED, Optional.empty(), "",
                        false, Optional.empty())),
                "EXIT 0"));
    }

    static String started(String installId) {
        return InstallEvents.line(new InstallEvent.Started(AT, installId, RequestInfo.manual(Optional.empty()),
                PackageInfo.ofFile("demo.sup", "00")));
    }

    void put(String line) throws IOException {
        lines.add(line);
    }
}
