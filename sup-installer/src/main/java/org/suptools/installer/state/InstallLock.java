package org.suptools.installer.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.suptools.model.files.ProcessLock;

/**
 * The exclusive lock on {@code <stateDir>/install.lock}: one installer at a time per gateway. An
 * OS lock ({@link ProcessLock}), so it is released when the process dies, however it dies.
 */
public final class InstallLock implements AutoCloseable {

    public static final String FILE_NAME = "install.lock";

    private final ProcessLock lock;

    private InstallLock(ProcessLock lock) {
        this.lock = lock;
    }

    /** The lock, or empty when another installer holds it. Creates the state directory if needed. */
    public static Optional<InstallLock> tryAcquire(Path stateDir) throws IOException {
        return ProcessLock.tryAcquire(stateDir.resolve(FILE_NAME)).map(InstallLock::new);
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
