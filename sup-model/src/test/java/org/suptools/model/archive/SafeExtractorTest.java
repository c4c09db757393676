package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.PayloadFile;

class SafeExtractorTest {

    private static final byte[] MANIFEST = "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNATURES = "{\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONFIG = "level=debug\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final byte[] FIRMWARE = new byte[200_000];

    static {
        new Random(4).nextBytes(FIRMWARE);
    }

    @TempDir
    Path dir;

    private Path archive;
    private Path dest;
    private Path outside;
    private final List<PayloadFile> declared = List.of(
            new PayloadFile("payload/conf/app.properties", CONFIG.length, Sha256.of(CONFIG)),
            new PayloadFile("payload/firmware.bin", FIRMWARE.length, Sha256.of(FIRMWARE)));

    @BeforeEach
    void writeArchive() throws IOException {
        Path config = Files.write(dir.resolve("app.properties"), CONFIG);
        Path firmware = Files.write(dir.resolve("firmware.bin"), FIRMWARE);
        archive = dir.resolve("app.sup");
        new SupWriter().write(archive, MANIFEST, Optional.of(SIGNATURES),
                List.of(new PayloadSource("payload/conf/app.properties", config),
                        new PayloadSource("payload/firmware.bin", firmware)),
                ArchiveOptions.defaults(), ProgressListener.NONE);
        dest = dir.resolve("dest");
        outside = Files.createDirectory(dir.resolve("outside"));
    }

    private void extract() throws Exception {
        try (SupArchive sup = SupArchive.open(archive)) {
            SafeExtractor.extract(sup, declared, dest);
        }
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).sorted().toList();
        }
    }

    @Test
    void extract_writesManifestSignaturesAndVerifiedPayloads() throws Exception {
        extract();

        assertThat(tree(dest)).containsExactly("manifest.json", "payload", "payload/conf",
                "payload/conf/app.properties", "payload/firmware.bin", "signatures.json");
        assertThat(dest.resolve("manifest.json")).hasBinaryContent(MANIFEST);
        assertThat(dest.resolve("signatures.json")).hasBinaryContent(SIGNATURES);
        assertThat(dest.resolve("payload/conf/app.properties")).hasBinaryContent(CONFIG);
        assertThat(dest.resolve("payload/firmware.bin")).hasBinaryContent(FIRMWARE);
    }

    @Test
    void extract_refusesToFollowASymlinkAlreadyInTheDestination() throws Exception {
        Files.createDirectories(dest);
        Files.createSymbolicLink(dest.resolve("payload"), outside);

        assertThatThrownBy(this::extract).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("symbolic link");
        assertThat(tree(outside)).isEmpty();
        assertThat(tree(dest)).as("what was written before the refusal is removed").containsExactly("payload");
    }

    @Test
    void extract_refusesToWriteThroughASymlinkAtTheFilesPlace() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "keep me");
        Files.createDirectories(dest.resolve("payload"));
        Files.createSymbolicLink(dest.resolve("payload/firmware.bin"), victim);

        assertThatThrownBy(this::extract).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(victim).hasContent("keep me");
        assertThat(tree(dest)).containsExactly("payload", "payload/firmware.bin");
    }

    @Test
    void extract_refusesToOverwriteAnExistingFile() throws Exception {
        Files.createDirectories(dest.resolve("payload/conf"));
        Files.writeString(dest.resolve("payload/conf/app.properties"), "mine");

        assertThatThrownBy(this::extract).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("app.properties");
        assertThat(dest.resolve("payload/conf/app.properties")).hasContent("mine");
        assertThat(tree(dest)).containsExactly("payload", "payload/conf", "payload/conf/app.properties");
    }

    @Test
    void extract_tamperedPayload_isRefusedAndLeavesNothingBehind() throws Exception {
        ZipPatcher patcher = ZipPatcher.patch(archive);
        patcher.flipByte(patcher.dataOffset("payload/firmware.bin") + 100_000).save();

        assertThatThrownBy(this::extract).isInstanceOfSatisfying(InvalidPackageException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.HASH_MISMATCH));
        assertThat(tree(dest)).isEmpty();
    }

    @Test
    void extract_payloadsNotMatchingTheManifest_writesNothing() throws Exception {
        try (SupArchive sup = SupArchive.open(archive)) {
            assertThatThrownBy(() -> SafeExtractor.extract(sup, declared.subList(0, 1), dest))
                    .isInstanceOfSatisfying(InvalidPackageException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNLISTED_ENTRY));
        }
        assertThat(dest).doesNotExist();
    }
}
