package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.suptools.model.archive.ZipBuilder.sup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;
import org.suptools.model.manifest.PayloadFile;

/** How {@link SupArchive#verifyPayloads} uses a payload's {@link ChunkIndex}, and refuses one that is not. */
class SupArchiveChunkIndexTest {

    /** Three chunks: two whole ones and a short last one. */
    private static final int BIG = (int) (2 * ChunkIndex.CHUNK_SIZE + 12_345);
    private static final String PAYLOAD = "payload/big.bin";
    private static final String INDEX = ChunkIndex.entryFor(PAYLOAD);

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static byte[] big;
    private static ChunkIndex index;

    @BeforeAll
    static void makePayload() {
        big = new byte[BIG];
        new Random(7).nextBytes(big);
        List<String> digests = new ArrayList<>();
        for (long start = 0; start < BIG; start += ChunkIndex.CHUNK_SIZE) {
            digests.add(Sha256.of(Arrays.copyOfRange(big, (int) start, (int) Math.min(BIG, start + ChunkIndex.CHUNK_SIZE))));
        }
        index = new ChunkIndex(PAYLOAD, ChunkIndex.CHUNK_SIZE, digests);
    }

    private static PayloadFile declared(String path, byte[] content) {
        return new PayloadFile(path, content.length, Sha256.of(content));
    }

    private Path archive(byte[] payload, byte[] indexBytes) throws Exception {
        return sup().stored(INDEX, indexBytes).stored(PAYLOAD, payload).writeTo(dir.resolve("big.sup"));
    }

    private static void verify(Path file, List<PayloadFile> declared, ProgressListener progress) throws Exception {
        try (SupArchive archive = SupArchive.open(file)) {
            archive.verifyPayloads(declared, progress);
        }
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String... phrases) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidPackageException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(phrases);
        });
    }

    @Test
    void verifyPayloads_aStoredPayloadWithItsIndex_isAcceptedAndEveryByteReported() throws Exception {
        byte[] indexBytes = index.toJson();
        Path file = archive(big, indexBytes);
        List<long[]> reports = new ArrayList<>();

        verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes)),
                (done, total) -> reports.add(new long[] {done, total}));

        long total = big.length + indexBytes.length;
        assertThat(reports.get(reports.size() - 1)).containsExactly(total, total);
        assertThat(reports).extracting(report -> report[0]).isSorted();
    }

    @Test
    void verifyPayloads_aFlippedByteInTheSecondChunk_isAHashMismatchNamingThatChunk() throws Exception {
        byte[] tampered = big.clone();
        tampered[(int) ChunkIndex.CHUNK_SIZE + 100] ^= 1;
        byte[] indexBytes = index.toJson();
        Path file = archive(tampered, indexBytes);

        assertRefused(() -> verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes)), ProgressListener.NONE),
                Reason.HASH_MISMATCH, "'" + PAYLOAD + "'", "chunk 2 of 3", "bytes 16777216 to 33554431");
    }

    @Test
    void verifyPayloads_anIndexChangedAfterSigning_isRefusedByTheManifestsHashOfIt() throws Exception {
        byte[] signedIndex = index.toJson();
        List<String> other = new ArrayList<>(index.sha256());
        other.set(0, "f".repeat(64));
        Path file = archive(big, new ChunkIndex(PAYLOAD, ChunkIndex.CHUNK_SIZE, other).toJson());

        assertRefused(() -> verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, signedIndex)), ProgressListener.NONE),
                Reason.HASH_MISMATCH, "'" + INDEX + "'");
    }

    @Test
    void theChunksAreWhatAReaderWithTheIndexChecks_theWholeHashWhatTheInstallersReadChecks() throws Exception {
        byte[] indexBytes = index.toJson();
        Path file = archive(big, indexBytes);
        PayloadFile wrongWholeHash = new PayloadFile(PAYLOAD, big.length, "0".repeat(64));
        List<PayloadFile> declared = List.of(wrongWholeHash, declared(INDEX, indexBytes));

        verify(file, declared, ProgressListener.NONE);
        try (SupArchive archive = SupArchive.open(file)) {
            assertRefused(() -> archive.readThrough(declared, PayloadSink.CHECK_ONLY, ProgressListener.NONE),
                    Reason.HASH_MISMATCH, "'" + PAYLOAD + "'");
        }
    }

    @Test
    void verifyPayloads_anIndexWithTheWrongNumberOfChunks_isAnInvalidManifest() throws Exception {
        byte[] indexBytes = new ChunkIndex(PAYLOAD, ChunkIndex.CHUNK_SIZE, index.sha256().subList(0, 2)).toJson();
        Path file = archive(big, indexBytes);

        assertRefused(() -> verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes)), ProgressListener.NONE),
                Reason.INVALID_MANIFEST, "'" + INDEX + "'", "lists 2 chunks", "make 3 chunks");
    }

    @Test
    void verifyPayloads_anIndexNamingAnotherPayload_isAnInvalidManifest() throws Exception {
        byte[] indexBytes = new ChunkIndex("payload/other.bin", ChunkIndex.CHUNK_SIZE, index.sha256()).toJson();
        Path file = archive(big, indexBytes);

        assertRefused(() -> verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes)), ProgressListener.NONE),
                Reason.INVALID_MANIFEST, "indexes 'payload/other.bin'");
    }

    @Test
    void verifyPayloads_anIndexThatIsNotOne_isAnInvalidManifest() throws Exception {
        byte[] notJson = "chunks: 3\n".getBytes(StandardCharsets.UTF_8);
        Path file = archive(big, notJson);

        assertRefused(() -> verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, notJson)), ProgressListener.NONE),
                Reason.INVALID_MANIFEST, "'" + INDEX + "'", "is not a chunk index");
    }

    @Test
    void verifyPayloads_anIndexForNoListedPayload_isAnInvalidManifest() throws Exception {
        byte[] indexBytes = index.toJson();
        Path file = sup().stored("payload/.sup-chunks/gone.bin.json", indexBytes).writeTo(dir.resolve("orphan.sup"));

        assertRefused(() -> verify(file, List.of(declared("payload/.sup-chunks/gone.bin.json", indexBytes)), ProgressListener.NONE),
                Reason.INVALID_MANIFEST, "is not named for a payload the manifest lists");
    }

    @Test
    void verifyPayloads_aDeflatedPayloadWithAnIndex_isCheckedWholeAndAccepted() throws Exception {
        byte[] indexBytes = index.toJson();
        Path file = sup().stored(INDEX, indexBytes).deflated(PAYLOAD, big).writeTo(dir.resolve("deflated.sup"));

        verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes)), ProgressListener.NONE);
        assertRefused(() -> verify(file, List.of(new PayloadFile(PAYLOAD, big.length, "0".repeat(64)),
                declared(INDEX, indexBytes)), ProgressListener.NONE), Reason.HASH_MISMATCH, "'" + PAYLOAD + "'");
    }

    @Test
    void verifyPayloads_payloadsAfterAnIndexedOne_areReadFromTheirOwnStart() throws Exception {
        byte[] small = "after the big one\n".getBytes(StandardCharsets.UTF_8);
        byte[] indexBytes = index.toJson();
        Path file = sup().stored(INDEX, indexBytes).stored(PAYLOAD, big).stored("payload/z.conf", small)
                .writeTo(dir.resolve("three.sup"));

        verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes), declared("payload/z.conf", small)),
                ProgressListener.NONE);
        assertRefused(() -> verify(file, List.of(declared(PAYLOAD, big), declared(INDEX, indexBytes),
                new PayloadFile("payload/z.conf", small.length, "0".repeat(64))), ProgressListener.NONE),
                Reason.HASH_MISMATCH, "'payload/z.conf'");
    }
}
