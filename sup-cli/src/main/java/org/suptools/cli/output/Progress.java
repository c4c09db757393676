package org.suptools.cli.output;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Progress of long work, in bytes. Shown as a bar on stderr only when a person is watching: a
 * terminal, not CI, not {@code --quiet}; otherwise it shows nothing, so logs and pipes stay clean.
 */
public interface Progress extends AutoCloseable {

    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void progress(long bytesDone, long bytesTotal) {
        }

        @Override
        public void close() {
        }
    };

    void progress(long bytesDone, long bytesTotal);

    /** Ends the display; the line the bar was on is finished. */
    @Override
    void close();

    /** A bar on {@code err} when {@link #wanted} says so for this process, else {@link #NONE}. */
    static Progress on(PrintWriter err, String label, boolean quiet) {
        return wanted(quiet, System.console() != null, System.getenv())
                ? new ProgressBar(err, label, System::nanoTime)
                : NONE;
    }

    /** The rule: a terminal, the environment variable CI not {@code true}, and not {@code --quiet}. */
    static boolean wanted(boolean quiet, boolean terminal, Map<String, String> environment) {
        return !quiet && terminal && !"true".equalsIgnoreCase(environment.getOrDefault("CI", ""));
    }
}
