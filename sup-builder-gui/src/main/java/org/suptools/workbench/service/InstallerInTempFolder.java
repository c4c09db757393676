package org.suptools.workbench.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.suptools.installer.api.client.InstallerLauncher;
import org.suptools.installer.api.client.InstallerProcess;

/**
 * Starts each run of the installer as an {@link InstallerProcess} whose output files live in a
 * temporary folder of their own, deleted once the run has been followed to its end (or was
 * interrupted). A run that could not be followed keeps its folder: the error names the files.
 */
public final class InstallerInTempFolder implements InstallerLauncher {

    /**
     * The Workbench never stops an installer that is changing the gateway: it finishes the package
     * or rolls it back by itself, each action bounded by its own timeout. So the limit only stops
     * an installer that hangs for good, far beyond any real install.
     */
    public static final Duration LIMIT = Duration.ofDays(7);
    private static final String PREFIX = "sup-workbench-install";

    private final Path tempRoot;

    /** Folders in the system's temporary directory. */
    public InstallerInTempFolder() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Folders in {@code tempRoot}. */
    public InstallerInTempFolder(Path tempRoot) {
        this.tempRoot = tempRoot;
    }

    @Override
    public Running start(List<String> command) throws IOException {
        Path folder = Files.createTempDirectory(tempRoot, PREFIX);
        try {
            return new CleanedUp(new InstallerProcess(folder, "install", LIMIT).start(command), folder);
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    /** Reads standard error's tail before the folder goes, and hands it out from memory after. */
    private static final class CleanedUp implements Running {

        private final Running running;
        private final Path folder;
        private volatile String stderrTail;

        CleanedUp(Running running, Path folder) {
            this.running = running;
            this.folder = folder;
        }

        @Override
        public int follow(Consumer<String> onLine) throws IOException, InterruptedException {
            int exitCode;
            try {
                exitCode = running.follow(onLine);
            } catch (InterruptedException e) {
                delete(folder);
                throw e;
            }
            try {
                stderrTail = running.stderrTail();
            } finally {
                delete(folder);
            }
            return exitCode;
        }

        @Override
        public String stderrTail() throws IOException {
            String tail = stderrTail;
            return tail != null ? tail : running.stderrTail();
        }

        @Override
        public void stop() {
            running.stop();
        }
    }

    /**
     * Best effort: the run's outcome is already known, and a folder left in the temporary directory
     * must not turn it into a failure to run the installer.
     */
    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            folder.toFile().deleteOnExit();
        }
    }
}
