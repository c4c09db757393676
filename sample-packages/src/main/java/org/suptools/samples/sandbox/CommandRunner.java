package org.suptools.samples.sandbox;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end or its timeout, and keeps the last line it printed. */
interface CommandRunner {

    Result run(List<String> command, Duration timeout) throws IOException;

    /** How a command ended: its exit code (-1 when it timed out) and the last line of its output. */
    record Result(int exitCode, boolean timedOut, String lastLine) {

        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** For messages: {@code exit 2: running (pid 4711), unhealthy (HTTP 503)}. */
        String describe() {
            String how = timedOut ? "timed out" : "exit " + exitCode;
            return lastLine.isBlank() ? how : how + ": " + lastLine;
        }
    }

    /**
     * Real processes. The output goes to a temporary file, not a pipe: {@code runtime-ctl start}
     * leaves the runtime running in the background, and no pipe of ours must stay open with it.
     */
    final class Processes implements CommandRunner {

        @Override
        public Result run(List<String> command, Duration timeout) throws IOException {
            Path output = Files.createTempFile("sup-sandbox", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                boolean ended;
                try {
                    ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while running " + command.get(0));
                }
                if (!ended) {
                    process.destroyForcibly();
                }
                List<String> lines = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip().lines().toList();
                String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
                return ended ? new Result(process.exitValue(), false, last) : new Result(-1, true, last);
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
