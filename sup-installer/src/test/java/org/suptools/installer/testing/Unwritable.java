package org.suptools.installer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a file that nothing can replace, rename or delete, as an immutable file ({@code chattr +i})
 * or a read-only mount is on a gateway. Tests may run as root, for whom permissions are no
 * obstacle: then the immutable flag is set; otherwise the file's directory loses its write
 * permission. Closing undoes it, so the test's directory can be removed.
 */
public final class Unwritable implements AutoCloseable {

    private final Path file;
    private final boolean immutable;
    private final Set<PosixFilePermission> parentMode;

    private Unwritable(Path file, boolean immutable, Set<PosixFilePermission> parentMode) {
        this.file = file;
        this.immutable = immutable;
        this.parentMode = parentMode;
    }

    /**
     * @throws org.opentest4j.TestAbortedException (the test shows as skipped, with the reason) only
     *         when running as root on a file system without the immutable flag, where nothing
     *         makes a file unwritable
     */
    public static Unwritable make(Path file) throws IOException, InterruptedException {
        Path parent = file.toAbsolutePath().getParent();
        if (!"root".equals(System.getProperty("user.name"))) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(parent, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new Unwritable(file, false, mode).verified();
        }
        boolean set = chattr("+i", file);
        Assumptions.assumeTrue(set, "running as root on a file system without the immutable flag (chattr +i "
                + file + " failed): nothing can make a file unwritable here");
        return new Unwritable(file, true, null).verified();
    }

    /** Checks that it worked: a rename of the file must fail. */
    private Unwritable verified() throws IOException, InterruptedException {
        Path probe = file.resolveSibling(file.getFileName() + ".probe");
        try {
            Files.move(file, probe);
            Files.move(probe, file);
            close();
            throw new IllegalStateException(file + " could still be renamed: not unwritable");
        } catch (IOException expected) {
            return this;
        }
    }

    private static boolean chattr(String flag, Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    @Override
    public void close() throws IOException {
        try {
            if (immutable) {
                chattr("-i", file);
            } else {
                Files.setPosixFilePermissions(file.toAbsolutePath().getParent(), parentMode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + file + " writable again", e);
        }
    }
}
