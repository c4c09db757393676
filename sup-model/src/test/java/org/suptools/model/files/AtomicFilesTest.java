package org.suptools.model.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_createsANewFileWithTheUsualPermissions_notATemporaryFilesOwnerOnlyOnes() throws IOException {
        Path target = dir.resolve("sup.yaml");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "made the usual way");

        AtomicFiles.write(target, "name: acme\n".getBytes());

        assertThat(target).hasContent("name: acme");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(dir).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void write_replacingAFile_keepsItsPermissions() throws IOException {
        Path target = Files.writeString(dir.resolve("sup.yaml"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));

        AtomicFiles.write(target, "new".getBytes());

        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-r--");
    }

    @ParameterizedTest
    @EnumSource(AtomicFiles.Durability.class)
    void replace_whenTheContentFails_leavesTheTargetAsItWasAndNoTemporaryFile(AtomicFiles.Durability durability)
            throws IOException {
        Path target = Files.writeString(dir.resolve("app.sup"), "the previous package");

        assertThatThrownBy(() -> AtomicFiles.replace(target, durability, temp -> {
            Files.writeString(temp, "half of it");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("the previous package");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void forcedWrite_replacingAReadOnlyFile_keepsItsPermissions_andLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("confirmation.json"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r-----"));

        AtomicFiles.write(target, "new".getBytes(), AtomicFiles.Durability.FORCED);

        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("r--r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void renameForced_replacesTheTarget_fromAnotherDirectory() throws IOException {
        Path from = Files.writeString(Files.createDirectory(dir.resolve("journal")).resolve("current.jsonl"), "new");
        Path to = Files.writeString(dir.resolve("last.jsonl"), "old");

        AtomicFiles.renameForced(from, to);

        assertThat(to).hasContent("new");
        assertThat(from).doesNotExist();
    }

    @Test
    void create_writesANewFile_andRefusesToReplaceOne_leavingItAsItWas() throws IOException {
        Path fresh = dir.resolve("manifest.json");
        Path existing = Files.writeString(dir.resolve("signatures.json"), "already there");

        AtomicFiles.create(fresh, temp -> Files.writeString(temp, "{}"));

        assertThat(fresh).hasContent("{}");
        assertThatThrownBy(() -> AtomicFiles.create(existing, temp -> Files.writeString(temp, "{}")))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("refusing to overwrite it");
        assertThat(existing).hasContent("already there");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(fresh, existing);
        }
    }
}
