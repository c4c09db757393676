package org.suptools.workbench.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/** Starts a separate process; the installer runs this way, never inside the Workbench. */
public interface ProcessLauncher {

    RunningProcess start(List<String> command) throws IOException;

    /** A started process: its standard output line by line, its end, and a way to stop it. */
    interface RunningProcess {
        /** Standard output; read to the end before {@link #waitFor()}. */
        BufferedReader stdout();

        /** The last lines of standard error, once the process has ended. */
        String stderrTail();

        int waitFor() throws InterruptedException;

        /** Stops the process and whatever it started. */
        void destroy();
    }
}
