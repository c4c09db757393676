package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    @TempDir
    Path dir;

    @Test
    void load_directoryTakesEveryPubAndPemFileDirectlyInIt() throws Exception {
        copy("ed25519.pub", "alice.pub");
        copy("rsa-pkcs1.rsapub.pem", "bob.pem");
        copy("ec-sec1.key", "signing.key");
        Files.writeString(dir.resolve("README.txt"), "not a key");
        Files.createDirectory(dir.resolve("nested.pub"));
        Files.createDirectory(dir.resolve("old"));
        Files.copy(Fixtures.path("ec-sec1.pub"), dir.resolve("old").resolve("carol.pub"));

        TrustStore trust = TrustStore.load(dir);

        assertThat(trust.keyIds()).containsExactlyInAnyOrder(
                KeyId.of(Fixtures.publicKey("ed25519.pub")), KeyId.of(Fixtures.publicKey("rsa-pkcs1.pub")));
        assertThat(trust.source()).isEqualTo(dir.toString());
    }

    @Test
    void load_singleFileIsOneKey() throws Exception {
        TrustStore trust = TrustStore.load(Fixtures.path("ec-sec1.pub"));
        PublicKey expected = Fixtures.publicKey("ec-sec1.pub");
        String id = KeyId.of(expected);

        assertThat(trust.keyIds()).containsExactly(id);
        assertThat(trust.find(id)).hasValueSatisfying(
                key -> assertThat(key.getEncoded()).isEqualTo(expected.getEncoded()));
        assertThat(trust.find("0000000000000000")).isEmpty();
    }

    @Test
    void load_emptyDirectoryGivesAnEmptyStore() throws Exception {
        TrustStore trust = TrustStore.load(dir);

        assertThat(trust.isEmpty()).isTrue();
        assertThat(trust.keyIds()).isEmpty();
    }

    @Test
    void load_rejectsInvalidKeyFileNamingIt() throws Exception {
        copy("ed25519.pub", "alice.pub");
        Path certificate = copy("certificate.pem", "ca.pem");

        assertThatThrownBy(() -> TrustStore.load(dir))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(certificate + ": not a PEM public key (found 'CERTIFICATE')");
    }

    @Test
    void load_rejectsPrivateKeyPutInTheStore() throws Exception {
        Path privateKey = copy("ed25519.key", "alice.pem");

        assertThatThrownBy(() -> TrustStore.load(dir))
                .hasMessage(privateKey + ": not a PEM public key (found 'PRIVATE KEY';"
                        + " extract the public key with openssl pkey -pubout)");
    }

    @Test
    void load_rejectsUnreadableKeyFileNamingIt() throws Exception {
        Path file = copy("ed25519.pub", "alice.pub");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");

        assertThatThrownBy(() -> TrustStore.load(dir))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(file + ": cannot read key file (AccessDeniedException)");
    }

    @Test
    void load_rejectsMissingPath() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> TrustStore.load(missing))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(missing + ": trust store not found");
    }

    @Test
    void keyIds_areSortedAndUnmodifiable() throws Exception {
        copy("ed25519.pub", "a.pub");
        copy("ec-sec1.pub", "b.pub");
        copy("rsa-pkcs8.pub", "c.pub");

        TrustStore trust = TrustStore.load(dir);

        assertThat(List.copyOf(trust.keyIds())).isSorted().hasSize(3);
        assertThatThrownBy(() -> trust.keyIds().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private Path copy(String fixture, String name) throws Exception {
        return Files.copy(Fixtures.path(fixture), dir.resolve(name));
    }
}
