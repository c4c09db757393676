package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class KeygenCommandTest {

    @TempDir
    Path temp;

    @Test
    void keygen_writesAPrivateKeyReadableByTheOwnerOnly() throws Exception {
        Path base = temp.resolve("keys/release");

        Result result = Sup.run("keygen", "--out", base);

        Path privateKey = temp.resolve("keys/release.key");
        Path publicKey = temp.resolve("keys/release.pub");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(result.out()).contains(privateKey.toString(), publicKey.toString(), "ed25519")
                .containsPattern("key id [0-9a-f]{16}");
    }

    @Test
    void json_namesBothFilesAndTheKeyId() throws Exception {
        JsonNode json = new ObjectMapper().readTree(
                Sup.run("keygen", "--out", temp.resolve("k"), "--algorithm", "ecdsa-p256", "--json").out());

        assertThat(json.get("privateKey").asText()).endsWith("k.key");
        assertThat(json.get("publicKey").asText()).endsWith("k.pub");
        assertThat(json.get("keyId").asText()).matches("[0-9a-f]{16}");
        assertThat(json.get("algorithm").asText()).isEqualTo("ecdsa-p256");
    }

    @Test
    void keygen_neverOverwritesAKey() throws Exception {
        Path base = temp.resolve("release");
        Sup.run("keygen", "--out", base);
        String before = Files.readString(temp.resolve("release.key"));

        Result again = Sup.run("keygen", "--out", base);

        assertThat(again.exitCode()).isEqualTo(5);
        assertThat(again.err()).contains("release.key");
        assertThat(Files.readString(temp.resolve("release.key"))).isEqualTo(before);
    }

    @Test
    void unknownAlgorithm_isAUsageError() {
        Result result = Sup.run("keygen", "--out", temp.resolve("k"), "--algorithm", "dsa");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("dsa", "ed25519");
    }
}
