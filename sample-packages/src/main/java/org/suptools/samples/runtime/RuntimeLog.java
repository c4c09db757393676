package org.suptools.samples.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends timestamped lines to {@code logs/runtime.log}; the file is reopened per line, so it may be rotated or removed. */
final class RuntimeLog {

    private final Path file;
    private volatile boolean debug;

    RuntimeLog(Path file) {
        this.file = file;
    }

    void setDebug(boolean debug) {
        this.debug = debug;
    }

    void info(String message) {
        write("INFO ", message);
    }

    void error(String message) {
        write("ERROR", message);
    }

    void debug(String message) {
        if (debug) {
            write("DEBUG", message);
        }
    }

    private synchronized void write(String level, String message) {
        String line = Instant.now() + " " + level + " [" + ProcessHandle.current().pid() + "] " + message + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.print(line);
        }
    }
}
