package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;

class VerifyCommandTest {

    @TempDir
    Path temp;

    private Path build(Path project, Path... keys) {
        Path out = temp.resolve(project.getFileName() + ".sup");
        List<Object> args = new ArrayList<>(List.of("build", project, "-o", out, "-q"));
        for (Path key : keys) {
            args.add("--key");
            args.add(Keys.privateKey(key));
        }
        Result result = Sup.run(args.toArray());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa-p256", "rsa-3072"})
    void buildThenVerify_passesForEveryKeyAlgorithm(String algorithm) {
        Path key = Keys.generate(temp, "release", algorithm);
        Path sup = build(Projects.SAMPLE.toAbsolutePath().normalize(), key);

        Result result = Sup.run("verify", sup, "--trust", Keys.publicKey(key));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("OK " + sup + ": acme-runtime-config 1.4.0, signed by trusted key");
    }

    @Test
    void trustDirectory_holdsTheSignersKey() {
        Path key = Keys.ed25519(temp.resolve("trusted"), "release");
        Keys.ed25519(temp.resolve("trusted"), "other");
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), key);

        assertThat(Sup.run("verify", sup, "--trust", temp.resolve("trusted")).exitCode()).isZero();
    }

    @Test
    void untrustedSigner_exits3() {
        Path signer = Keys.ed25519(temp, "signer");
        Path stranger = Keys.ed25519(temp, "stranger");
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), signer);

        Result result = Sup.run("verify", sup, "--trust", Keys.publicKey(stranger));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("sup: " + sup + ": ").contains("trust store");
    }

    @Test
    void untrustedSignerAndTamperedPayload_exits3_forTheSignature() {
        Path signer = Keys.ed25519(temp, "signer");
        Path stranger = Keys.ed25519(temp, "stranger");
        Path sup = build(Projects.SAMPLE.toAbsolutePath().normalize(), signer);
        Tamper.flipPayloadByte(sup, "payload/logging.properties");

        Result result = Sup.run("verify", sup, "--trust", Keys.publicKey(stranger));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("sup: " + sup + ": ").contains("trust store").doesNotContain("SHA-256");
    }

    @Test
    void unsignedPackage_exits3() {
        Path key = Keys.ed25519(temp, "release");
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"));

        Result result = Sup.run("verify", sup, "--trust", Keys.publicKey(key));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains(sup.toString(), "not signed");
    }

    @Test
    void unsignedPackage_passesAnExplicitIntegrityOnlyCheck() {
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"));

        Result result = Sup.run("verify", sup, "--no-trust");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("integrity only");
    }

    @Test
    void expiredPackage_exits4() {
        Path key = Keys.ed25519(temp, "release");
        Path sup = build(Projects.expiring(temp.resolve("p"), "2030-01-01T00:00:00Z"), key);

        Result now = Sup.run("verify", sup, "--trust", Keys.publicKey(key));
        Result later = Sup.run("verify", sup, "--trust", Keys.publicKey(key), "--at", "2030-01-01T00:00:00Z");

        assertThat(now.exitCode()).isZero();
        assertThat(later.exitCode()).isEqualTo(4);
        assertThat(later.err()).contains("expired");
    }

    @Test
    void tamperedPayloadByte_exits1_withAHashMismatch() {
        Path key = Keys.ed25519(temp, "release");
        Path sup = build(Projects.SAMPLE.toAbsolutePath().normalize(), key);
        Tamper.flipPayloadByte(sup, "payload/logging.properties");

        Result result = Sup.run("verify", sup, "--trust", Keys.publicKey(key));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("sup: " + sup + ": ").contains("payload/logging.properties", "SHA-256");
    }

    @Test
    void tamperedManifest_isABadSignature() throws Exception {
        Path key = Keys.ed25519(temp, "release");
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), key);
        byte[] bytes = Files.readAllBytes(sup);
        String text = new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("a test package", "a evil package");
        Files.write(sup, text.getBytes(StandardCharsets.ISO_8859_1));

        Result result = Sup.run("verify", sup, "--trust", Keys.publicKey(key));

        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void json_onSuccessAndOnRefusal() throws Exception {
        Path key = Keys.ed25519(temp, "release");
        Path stranger = Keys.ed25519(temp, "stranger");
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), key);
        ObjectMapper mapper = new ObjectMapper();

        JsonNode ok = mapper.readTree(Sup.run("verify", sup, "--trust", Keys.publicKey(key), "--json").out());
        Result refused = Sup.run("verify", sup, "--trust", Keys.publicKey(stranger), "--json");
        JsonNode no = mapper.readTree(refused.out());

        assertThat(ok.get("valid").booleanValue()).isTrue();
        assertThat(ok.get("trustedSigners")).hasSize(1);
        assertThat(ok.get("name").asText()).isEqualTo("test-config");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(no.get("valid").booleanValue()).isFalse();
        assertThat(no.get("reason").asText()).isEqualTo("UNTRUSTED_SIGNER");
        assertThat(no.get("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void missingPackage_exits5() {
        Path key = Keys.ed25519(temp, "release");

        Result result = Sup.run("verify", temp.resolve("missing.sup"), "--trust", Keys.publicKey(key));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("missing.sup: no such file or directory");
    }

    @Test
    void missingTrustStore_exits5() {
        Path sup = build(Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"));

        assertThat(Sup.run("verify", sup, "--trust", temp.resolve("nope.pub")).exitCode()).isEqualTo(5);
    }

    @Test
    void neitherTrustNorNoTrust_isAUsageError() {
        Result result = Sup.run("verify", temp.resolve("a.sup"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--trust", "--no-trust");
    }

    @Test
    void notAPackage_exits1() throws Exception {
        Path fake = temp.resolve("fake.sup");
        Files.writeString(fake, "hello");

        Result result = Sup.run("verify", fake, "--no-trust");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("sup: " + fake + ": ").contains("ZIP");
    }

    @Test
    void verbose_addsTheStackTrace() throws Exception {
        Path fake = temp.resolve("fake.sup");
        Files.writeString(fake, "hello");

        assertThat(Sup.run("verify", fake, "--no-trust").err()).doesNotContain("\tat ");
        assertThat(Sup.run("verify", fake, "--no-trust", "--verbose").err()).contains("InvalidPackageException", "\tat ");
    }
}
