package org.suptools.installer.api.client;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts the installer as a separate process, never inside the caller: {@link InstallerProcess}
 * starts a real one; a test may script one.
 */
@FunctionalInterface
public interface InstallerLauncher {

    Running start(List<String> command) throws IOException;

    /** A started process: its standard output line by line, its end, and a way to stop it. */
    interface Running {
        /**
         * Hands each complete line of standard output to {@code onLine} as it comes, until the
         * process ends; returns its exit code.
         */
        int follow(Consumer<String> onLine) throws IOException, InterruptedException;

        /** The end of standard error, once the process has ended. */
        String stderrTail() throws IOException;

        /** Stops the process and whatever it started. */
        void stop();
    }
}
