package org.suptools.installer.install;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.suptools.model.archive.Sha256;

/**
 * The SHA-256 of the whole package file (for the reports), computed on a second thread while the
 * package is verified on the first, so the two full reads of the file overlap instead of adding
 * up. Closing it before {@link #join} stops the hashing.
 */
final class BackgroundDigest implements AutoCloseable {

    private final FutureTask<String> task;

    private BackgroundDigest(Path file) {
        this.task = new FutureTask<>(() -> Sha256.ofFile(file));
    }

    /** Starts hashing {@code file} on a daemon thread. */
    static BackgroundDigest start(Path file) {
        BackgroundDigest digest = new BackgroundDigest(file);
        Thread thread = new Thread(digest.task, "sup-package-sha256");
        thread.setDaemon(true);
        thread.start();
        return digest;
    }

    /** Waits for the hash; a read error of the hashing thread is thrown here. */
    String join() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the package file");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** Stops the hashing if it is still running (an interrupted read closes the file). */
    @Override
    public void close() {
        task.cancel(true);
    }
}
