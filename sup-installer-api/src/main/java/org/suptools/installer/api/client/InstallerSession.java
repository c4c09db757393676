package org.suptools.installer.api.client;

import java.io.IOException;
import java.util.Optional;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.InstallEventHandler;
import org.suptools.installer.api.event.InstallEvents;
import org.suptools.installer.api.event.PackageInfo;

/**
 * One run of the installer, from its start to its outcome: each line of its {@code --events}
 * output is read into an event and handed to the watcher as it comes; the outcome gathers what
 * the events and the exit code say.
 */
public final class InstallerSession {

    private final InstallerLauncher.Running running;
    private volatile boolean stopped;

    private InstallerSession(InstallerLauncher.Running running) {
        this.running = running;
    }

    public static InstallerSession start(InstallerLauncher launcher, InstallerCall call) throws IOException {
        return new InstallerSession(launcher.start(call.command()));
    }

    /** Blocks until the installer has ended; throws when it could not be followed. */
    public InstallerRun follow(InstallerWatcher watcher) throws IOException, InterruptedException {
        Gathered gathered = new Gathered();
        int exitCode = running.follow(line -> {
            watcher.line(line);
            InstallEvents.parse(line).ifPresentOrElse(event -> {
                event.sendTo(gathered);
                event.sendTo(watcher);
            }, () -> watcher.otherLine(line));
        });
        return new InstallerRun(exitCode, gathered.installId, gathered.pkg, gathered.finished, gathered.refused,
                running.stderrTail(), stopped);
    }

    /** Stops the installer and what it started; the outcome then says it was stopped. */
    public void stop() {
        stopped = true;
        running.stop();
    }

    /** What the events told about the run as a whole. */
    private static final class Gathered implements InstallEventHandler {
        Optional<String> installId = Optional.empty();
        Optional<PackageInfo> pkg = Optional.empty();
        Optional<InstallEvent.Finished> finished = Optional.empty();
        Optional<InstallEvent.Refused> refused = Optional.empty();

        @Override
        public void started(InstallEvent.Started event) {
            installId = Optional.ofNullable(event.installId());
            pkg = Optional.ofNullable(event.pkg());
        }

        @Override
        public void verified(InstallEvent.Verified event) {
            pkg = Optional.ofNullable(event.pkg());
        }

        @Override
        public void refused(InstallEvent.Refused event) {
            refused = Optional.of(event);
        }

        @Override
        public void finished(InstallEvent.Finished event) {
            finished = Optional.of(event);
        }
    }
}
