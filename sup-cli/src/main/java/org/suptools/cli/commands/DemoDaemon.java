package org.suptools.cli.commands;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A daemon the campaign demo leaves running (the portal emulator, a gateway's agent): started with
 * its output in files, its pid in {@code <name>.pid} so a later run of the demo (or its
 * {@code --stop}) can stop it. A pid is only acted on while its process's command line still names
 * the file the daemon was started for, so a pid reused by another process is never signalled.
 */
record DemoDaemon(Path dir, String name, String marker) {

    /** How long a daemon may take to end after SIGTERM before it is killed. */
    private static final long STOP_SECONDS = 30;

    Path out() {
        return dir.resolve(name + ".out");
    }

    Path err() {
        return dir.resolve(name + ".err");
    }

    Path pidFile() {
        return dir.resolve(name + ".pid");
    }

    /** Starts {@code command} with no input and its output in files; records its pid. */
    Process start(List<String> command) throws IOException {
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out().toFile()).redirectError(err().toFile()).start();
        Files.writeString(pidFile(), process.pid() + "\n", StandardCharsets.UTF_8);
        return process;
    }

    /** The recorded process, when it still runs and is still this daemon. */
    Optional<ProcessHandle> running() throws IOException {
        if (!Files.isRegularFile(pidFile())) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    }

    /**
     * Stops the daemon if it runs: SIGTERM (it finishes its step and saves its state), then a kill
     * after {@value #STOP_SECONDS} s. Returns whether one was running.
     */
    boolean stop() throws IOException {
        Optional<Stopping> stopping = beginStop();
        if (stopping.isPresent()) {
            stopping.get().await();
        }
        return stopping.isPresent();
    }

    /**
     * Sends the daemon SIGTERM if it runs, and returns what to wait for: several daemons then end
     * side by side, where one after the other they took a second or two each.
     */
    Optional<Stopping> beginStop() throws IOException {
        Optional<ProcessHandle> handle = running();
        if (handle.isEmpty()) {
            Files.deleteIfExists(pidFile());
            return Optional.empty();
        }
        CompletableFuture<ProcessHandle> ended = handle.get().onExit();
        handle.get().destroy();
        return Optional.of(new Stopping(handle.get(), ended));
    }

    /** A daemon sent SIGTERM, still to be waited for. */
    final class Stopping {

        private final ProcessHandle handle;
        private final CompletableFuture<ProcessHandle> ended;

        private Stopping(ProcessHandle handle, CompletableFuture<ProcessHandle> ended) {
            this.handle = handle;
            this.ended = ended;
        }

        /** Waits for the end, kills the daemon after {@value #STOP_SECONDS} s, and forgets its pid. */
        void await() throws IOException {
            try {
                ended.get(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                handle.destroyForcibly();
            } catch (ExecutionException e) {
                throw new IOException("waiting for " + name + " (pid " + handle.pid() + ") to end failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while stopping " + name);
            }
            Files.deleteIfExists(pidFile());
        }
    }
}
