package org.suptools.model.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.archive.Sha256;
import org.suptools.model.archive.SupArchive;
import org.suptools.model.manifest.ManifestCodec;
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
        assertThat(built.sha256()).contains(Sha256.ofFile(built.file()));
        assertThat(built.manifest().payloads()).extracting(p -> p.path()).containsExactly("payload/app.conf", "payload/fw.bin");
    }

    @Test
    void build_isByteReproducible_signatureIncluded() throws Exception {
        assertThat(build("a.sup", key).sha256()).isEqualTo(build("b.sup", key).sha256());
    }

    @Test
    void buildWithoutDigest_writesTheSameBytesAndSkipsTheFileHash() throws Exception {
        BuildResult quick = new PackageBuilder(OPTIONS, ProgressListener.NONE).withoutDigest()
                .build(spec, dir.resolve("quick.sup"), List.of(key.getPrivate()));

        assertThat(quick.sha256()).isEmpty();
        assertThat(Sha256.ofFile(quick.file())).isEqualTo(build("a.sup", key).sha256().orElseThrow());
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
    void verify_whenTheSignerIsUntrustedAndAPayloadByteFlipped_reportsTheSignatureFirst() throws Exception {
        BuildResult built = build("a.sup", KeyPairs.generate(KeyAlgorithm.ED25519));
        Path tampered = dir.resolve("tampered.sup");
        byte[] bytes = Files.readAllBytes(built.file());
        bytes[bytes.length - 30_000] ^= 1;
        Files.write(tampered, bytes);

        assertThatThrownBy(() -> verify(tampered, key))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_SIGNER));
    }

    @Test
    void verify_whenExpiredAndSignedByAnotherKey_reportsTheSignatureFirst() throws Exception {
        BuildResult built = build("a.sup", KeyPairs.generate(KeyAlgorithm.ED25519));
        TrustStore trust = TrustStore.of("test", List.of(key.getPublic()));
        VerifyOptions later = VerifyOptions.trusting(trust, Instant.parse("2031-01-01T00:00:00Z"));

        assertThatThrownBy(() -> new PackageVerifier(later).verify(built.file(), ProgressListener.NONE))
                .isInstanceOfSatisfying(InvalidPackageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_SIGNER));
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

    @Test
    void diffLines_areEachChangeThenTheCount_asSupDiffPrintsThem() throws Exception {
        BuildResult built = build("a.sup", key);
        List<Change> none = PackageDiff.between(built.manifest(), built.signatures(), built.manifest(),
                built.signatures());
        List<Change> two = List.of(Change.changed("version", "1.0.0", "1.1.0"), Change.added("payloads[x]", "1 bytes"));

        assertThat(PackageDiff.lines(none)).containsExactly("No differences");
        assertThat(PackageDiff.lines(two.subList(0, 1))).containsExactly("~ version: 1.0.0 -> 1.1.0", "1 difference");
        assertThat(PackageDiff.lines(two)).containsExactly("~ version: 1.0.0 -> 1.1.0", "+ payloads[x]: 1 bytes",
                "2 differences");
    }

    @Test
    void buildThenVerify_withEveryAlgorithm_acceptsTheFinalSignatures() throws Exception {
        KeyPair ecdsa = KeyPairs.generate(KeyAlgorithm.ECDSA_P256);
        KeyPair rsa = KeyPairs.generate(KeyAlgorithm.RSA_PSS);
        BuildResult built = build("a.sup", key, ecdsa, rsa);

        TrustStore trust = TrustStore.of("test", List.of(key.getPublic(), ecdsa.getPublic(), rsa.getPublic()));
        VerifiedPackage verified = new PackageVerifier(VerifyOptions.trusting(trust, NOW))
                .verify(built.file(), ProgressListener.NONE);

        assertThat(verified.trustedSigners()).containsExactlyInAnyOrder(KeyId.of(key.getPublic()),
                KeyId.of(ecdsa.getPublic()), KeyId.of(rsa.getPublic()));
        assertThat(built.signatures().signatures()).hasSize(3);
    }

    @Test
    void build_pinsTheRealHashesNotThePlaceholders() throws Exception {
        BuildResult built = build("a.sup", key);

        assertThat(built.manifest().payloads()).allSatisfy(payload ->
                assertThat(payload.sha256()).isEqualTo(Sha256.ofFile(dir.resolve("spec/payload").resolve(payload.name()))));
        try (SupArchive archive = SupArchive.open(built.file())) {
            assertThat(archive.manifestBytes()).isEqualTo(ManifestCodec.toBytes(built.manifest()));
            assertThat(archive.signatureBytes()).contains(built.signatures().toJson());
        }
    }

    @Test
    void build_unsigned_isByteReproducible() throws Exception {
        assertThat(Files.readAllBytes(build("a.sup").file())).isEqualTo(Files.readAllBytes(build("b.sup").file()));
    }

    @Test
    void build_reportsEveryPayloadByteOnce() throws Exception {
        List<long[]> reports = new ArrayList<>();
        long total = Files.size(dir.resolve("spec/payload/app.conf")) + Files.size(dir.resolve("spec/payload/fw.bin"));

        new PackageBuilder(OPTIONS, (done, all) -> reports.add(new long[] {done, all}))
                .build(spec, dir.resolve("a.sup"), List.of(key.getPrivate()));

        assertThat(reports).isNotEmpty().allSatisfy(report -> assertThat(report[1]).isEqualTo(total));
        assertThat(reports.get(reports.size() - 1)).containsExactly(total, total);
    }

    @Test
    void build_whenAPayloadChangesWhileBeingPackaged_failsAndWritesNothing() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024];
        new java.util.Random(3).nextBytes(bytes);
        Files.write(dir.resolve("spec/payload/aa-big.bin"), bytes);
        spec = SpecFiles.loadValid(dir.resolve("spec"), NOW);
        Path fw = dir.resolve("spec/payload/fw.bin");
        ProgressListener growPayloadNotCopiedYet = (done, all) -> {
            try {
                Files.write(fw, new byte[1], StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        PackageBuilder builder = new PackageBuilder(OPTIONS, growPayloadNotCopiedYet);
        Path out = dir.resolve("out/a.sup");
        Files.createDirectories(out.getParent());

        assertThatThrownBy(() -> builder.build(spec, out, List.of(key.getPrivate())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fw.bin").hasMessageContaining("while being archived");
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void build_writesAChunkIndexForALargeStoredPayload_andVerifyChecksWithIt() throws Exception {
        byte[] image = new byte[(int) (2 * ChunkIndex.CHUNK_SIZE + 1)];
        new java.util.Random(5).nextBytes(image);
        Files.write(dir.resolve("spec/payload/image.bin"), image);
        byte[] letters = new byte[(int) (2 * ChunkIndex.CHUNK_SIZE + 1)];
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + random.nextInt(26));
        }
        Files.write(dir.resolve("spec/payload/letters.txt"), letters);
        spec = SpecFiles.loadValid(dir.resolve("spec"), NOW);

        BuildResult built = build("a.sup", key);

        assertThat(built.manifest().payloads()).extracting(p -> p.path()).containsExactly(
                "payload/.sup-chunks/image.bin.json", "payload/app.conf", "payload/fw.bin", "payload/image.bin",
                "payload/letters.txt");
        try (SupArchive archive = SupArchive.open(built.file());
             var in = archive.openPayload(built.manifest().payloads().get(0))) {
            ChunkIndex index = ChunkIndex.parse(in.readAllBytes());
            assertThat(index.payload()).isEqualTo("payload/image.bin");
            assertThat(index.sha256()).containsExactly(
                    Sha256.of(java.util.Arrays.copyOfRange(image, 0, (int) ChunkIndex.CHUNK_SIZE)),
                    Sha256.of(java.util.Arrays.copyOfRange(image, (int) ChunkIndex.CHUNK_SIZE, (int) (2 * ChunkIndex.CHUNK_SIZE))),
                    Sha256.of(java.util.Arrays.copyOfRange(image, (int) (2 * ChunkIndex.CHUNK_SIZE), image.length)));
        }
        assertThat(verify(built.file(), key).manifest()).isEqualTo(built.manifest());
        assertThat(build("b.sup", key).sha256()).isEqualTo(built.sha256());
    }

    @Test
    void check_refusesASpecPayloadWhereChunkIndexesGo() throws Exception {
        Files.createDirectories(dir.resolve("spec/payload/.sup-chunks"));
        Files.writeString(dir.resolve("spec/payload/.sup-chunks/mine.json"), "{}");

        assertThatThrownBy(() -> SpecFiles.loadValid(dir.resolve("spec"), NOW))
                .hasMessageContaining("payload/.sup-chunks/mine.json").hasMessageContaining("outside payload/.sup-chunks/");
    }
}
