package org.suptools.installer.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.fs.Confinement;

/**
 * Restoring a backup replaces the original only when the original changed: an original that still
 * holds the backup's bytes and mode (its change was refused, as an immutable file refuses it) is
 * left alone, since replacing it would be refused too and turn a clean rollback into an incomplete one.
 */
class FileBackupTest {

    @TempDir
    Path base;

    /** The allowed root the originals are in; their backups are in the state directory beside it. */
    Path dir;
    Path state;
    GatewayFiles files;

    @BeforeEach
    void gateway() throws Exception {
        dir = Files.createDirectories(base.resolve("root"));
        state = Files.createDirectories(base.resolve("state"));
        files = new GatewayFiles(new Confinement(List.of(dir), dir, state,
                base.resolve("logs"), List.of()));
    }

    static Object inode(Path path) throws Exception {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Test
    void restore_originalStillAsBackedUp_isLeftAloneAndTheBackupDropped() throws Exception {
        Path original = Files.writeString(dir.resolve("app.conf"), "old\n");
        Path backup = state.resolve("backup/original");
        Files.createDirectories(backup.getParent());
        Files.copy(original, backup, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Object before = inode(original);

        FileBackup.restore(files, original, backup);

        assertThat(inode(original)).as("the very same file, never replaced").isEqualTo(before);
        assertThat(original).hasContent("old\n");
        assertThat(backup).doesNotExist();
    }

    @Test
    void restore_originalChanged_putsTheBackupBack() throws Exception {
        Path original = dir.resolve("app.conf");
        Path backup = Files.writeString(Files.createDirectories(state.resolve("backup")).resolve("original"), "old\n");
        Files.writeString(original, "new\n");

        FileBackup.restore(files, original, backup);

        assertThat(original).hasContent("old\n");
        assertThat(backup).doesNotExist();
    }

    @Test
    void restore_sameBytesButAnotherMode_putsTheBackupBack() throws Exception {
        Path original = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        Path backup = Files.writeString(Files.createDirectories(state.resolve("backup")).resolve("original"),
                "#!/bin/sh\n");
        Files.setPosixFilePermissions(backup, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(original, PosixFilePermissions.fromString("rw-r--r--"));

        FileBackup.restore(files, original, backup);

        assertThat(Files.getPosixFilePermissions(original)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(backup).doesNotExist();
    }
}
