package org.suptools.model.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.Sha256;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyId;
import org.suptools.model.signing.KeyPairs;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.signing.TrustStore;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;

class PackagingTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final ArchiveOptions OPTIONS = new ArchiveOptions(Instant.parse("2026-01-02T03:04:05Z"));

    @TempDir
    Path dir;
    KeyPair key;
    LoadedSpec spec;

    @BeforeEach
    void setUp() throws Exception {
        key = KeyPairs.generate(KeyAlgorithm.ED25519);
        Files.createDirectories(dir.resolve("spec/payload"));
        Files.writeString(dir.resolve("spec/payload/app.conf"), "port=8080\n".repeat(1000));
        Files.write(dir.resolve("spec/payload/fw.bin"), new java.util.Random(1).ints(200_000).collect(
                java.io.ByteArrayOutputStream::new, (out, i) -> out.write(i), (a, b) -> { }).toByteArray());
        Files.writeString(dir.resolve("spec/sup.yaml"), """
                name: acme-config
                version: 1.4.0
                expires: 2030-01-01T00:00:00Z
                targets: [{product: gw, os: linux, architecture: x86_64}]
                actions:
                  - {id: conf, type: file.copy, source: app.conf, destination: conf/app.conf}
                  - {id: fw, type: file.copy, source: fw.bin, destination: lib/fw.bin}
                """);
        spec = SpecFiles.loadValid(dir.resolve("spec"), NOW);
    }

    private BuildResult build(String name, KeyPair... keys) throws IOException {
        return new PackageBuilder(OPTIONS, ProgressListener.NONE).build(spec, dir.resolve(name),
                java.util.Arrays.stream(keys).map(KeyPair::getPrivate).toList());
    }

    private VerifiedPackage verify(Path file, KeyPair trusted) throws Exception {
        TrustStore trust = TrustStore.of("test", List.of(trusted.getPublic()));
        return new PackageVerifier(VerifyOptions.trusting(trust, NOW)).verify(file, ProgressListener.NONE);
    }

    @Test
    void buildThenVerify_acceptsThePackageAndNamesTheSigner() throws Exception {
        BuildResult built = build("a.sup", key);

        VerifiedPackage verified = verify(built.file(), key);

        assertThat(verified.manifest()).isEqualTo(built.manifest());
        assertThat(verified.trustedSigners()).containsExactly(KeyId.of(key.getPublic()));
        assertThat(built.sha256()).isEqualTo(Sha256.ofFile(built.file()));
        assertThat(built.manifest().payloads()).extracting(p -> p.path()).containsExactly("payload/app.conf", "payload/fw.bin");
    }

    @Test
    void build_isByteReproducible_signatureIncluded() throws Exception {
        assertThat(build("a.sup", key).sha256()).isEqualTo(build("b.sup", key).sha256());
    }

    @Test
    void verify_rejectsPackageSignedByAnotherKey() throws Exception {
        BuildResult built = build("a.sup", key);
        KeyPair other = KeyPairs.generate(KeyAlgorithm.ED25519);

        assertThatThrownBy(() -> verify(built.file(), other))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_SIGNER));
    }

    @Test
    void verify_rejectsUnsignedPackageWhenTrustIsRequired() throws Exception {
        BuildResult built = build("a.sup");

        assertThatThrownBy(() -> verify(built.file(), key))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSIGNED));
    }

    @Test
    void verify_rejectsExpiredPackage() throws Exception {
        BuildResult built = build("a.sup", key);
        TrustStore trust = TrustStore.of("test", List.of(key.getPublic()));
        VerifyOptions later = VerifyOptions.trusting(trust, Instant.parse("2031-01-01T00:00:00Z"));

        assertThatThrownBy(() -> new PackageVerifier(later).verify(built.file(), ProgressListener.NONE))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void verify_rejectsPayloadWithOneFlippedByte() throws Exception {
        BuildResult built = build("a.sup", key);
        Path tampered = dir.resolve("tampered.sup");
        byte[] bytes = Files.readAllBytes(built.file());
        bytes[bytes.length - 30_000] ^= 1;
        Files.write(tampered, bytes);

        assertThatThrownBy(() -> verify(tampered, key))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isIn(Reason.HASH_MISMATCH, Reason.TRUNCATED));
    }

    @Test
    void diff_showsVersionPayloadAndActionChanges() throws Exception {
        BuildResult before = build("a.sup", key);
        Files.writeString(dir.resolve("spec/payload/app.conf"), "port=9090\n");
        Files.writeString(dir.resolve("spec/sup.yaml"), Files.readString(dir.resolve("spec/sup.yaml"))
                .replace("1.4.0", "1.5.0").replace("lib/fw.bin", "lib/firmware.bin"));
        spec = SpecFiles.loadValid(dir.resolve("spec"), NOW);
        BuildResult after = build("b.sup");

        List<Change> changes = PackageDiff.between(before.manifest(), before.signatures(), after.manifest(),
                SignatureSet.empty());

        assertThat(changes).extracting(Change::toString).anyMatch(c -> c.startsWith("~ version: 1.4.0 -> 1.5.0"))
                .anyMatch(c -> c.startsWith("~ payloads[app.conf]"))
                .anyMatch(c -> c.startsWith("~ actions[fw]") && c.contains("lib/firmware.bin"))
                .anyMatch(c -> c.startsWith("- signatures["));
    }
}
