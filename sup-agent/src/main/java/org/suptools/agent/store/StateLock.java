package org.suptools.agent.store;

import java.io.IOException;
import java.nio.file.Path;
import org.suptools.model.files.ProcessLock;

/**
 * One agent at a time on a state directory: two would both start the same mailbox message. The
 * lock is the operating system's, so it goes with the process, however it ends.
 */
public final class StateLock implements AutoCloseable {

    public static final String FILE_NAME = "agent.lock";

    private final ProcessLock lock;

    private StateLock(ProcessLock lock) {
        this.lock = lock;
    }

    /** @throws IOException naming the directory when another agent holds it */
    public static StateLock acquire(Path stateDir) throws IOException {
        return new StateLock(ProcessLock.tryAcquire(stateDir.resolve(FILE_NAME)).orElseThrow(
                () -> new IOException("another sup-agent is using the state directory " + stateDir)));
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
