package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_createsPrivateKeyReadableByOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");

        KeyFiles.Written written = KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateKeyFile())))
                .isEqualTo("rw-------");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void write_filesReadBackAsTheSameKeyPair(KeyAlgorithm algorithm) throws Exception {
        KeyPair pair = KeyPairs.generate(algorithm);

        KeyFiles.Written written = KeyFiles.write(dir.resolve("release"), pair);

        assertThat(written.privateKeyFile()).isEqualTo(dir.resolve("release.key"));
        assertThat(written.publicKeyFile()).isEqualTo(dir.resolve("release.pub"));
        assertThat(Files.readString(written.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PemKeys.readPrivateKey(written.privateKeyFile()).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThat(PemKeys.readPublicKey(written.publicKeyFile()).getEncoded())
                .isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void write_refusesToOverwriteAnExistingPrivateKey() throws Exception {
        Path existing = Files.writeString(dir.resolve("release.key"), "precious");

        assertThatThrownBy(() -> KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519)))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(existing + ": already exists; refusing to overwrite a key file");
        assertThat(Files.readString(existing)).isEqualTo("precious");
        assertThat(dir.resolve("release.pub")).doesNotExist();
    }

    @Test
    void write_refusesWhenThePublicKeyFileExistsAndWritesNothing() throws Exception {
        Path existing = Files.writeString(dir.resolve("release.pub"), "other");

        assertThatThrownBy(() -> KeyFiles.write(dir.resolve("release"), KeyPairs.generate(KeyAlgorithm.ED25519)))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessage(existing + ": already exists; refusing to overwrite a key file");
        assertThat(dir.resolve("release.key")).doesNotExist();
        assertThat(Files.readString(existing)).isEqualTo("other");
    }

    @Test
    void write_refusesPublicKeyThatDoesNotBelongToThePrivateKey() {
        KeyPair mismatched = new KeyPair(
                KeyPairs.generate(KeyAlgorithm.ED25519).getPublic(), KeyPairs.generate(KeyAlgorithm.ED25519).getPrivate());

        assertThatThrownBy(() -> KeyFiles.write(dir.resolve("release"), mismatched))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pair: the public key does not belong to the private key");
        assertThat(dir.resolve("release.key")).doesNotExist();
    }
}
