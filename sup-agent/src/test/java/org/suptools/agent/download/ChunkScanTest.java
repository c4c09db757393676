package org.suptools.agent.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkScanTest {

    @TempDir
    static Path dir;

    static IndexedPackage sup;

    @BeforeAll
    static void build() throws Exception {
        sup = IndexedPackage.build(dir);
    }

    @Test
    void accept_ofAnIntactPackageInPiecesOfAnySize_checksEveryChunkAndFindsNothing() {
        ChunkScan check = new ChunkScan();

        Optional<DamagedChunk> bad = feed(check, sup.bytes(), new Random(3));

        assertThat(bad).isEmpty();
        assertThat(check.chunksChecked()).isEqualTo(3);
        assertThat(check.following()).as("it stops at the central directory").isFalse();
    }

    @Test
    void accept_ofADamagedByte_namesItsChunkWhenTheChunkHasArrived_andStops() {
        long damaged = sup.chunkStart(1) + 12_345;
        ChunkScan check = new ChunkScan();
        byte[] file = sup.damagedAt(damaged);
        int endOfChunk = (int) sup.chunkStart(2);

        assertThat(check.accept(file, 0, endOfChunk - 1)).as("the chunk has not all arrived").isEmpty();
        Optional<DamagedChunk> bad = check.accept(file, endOfChunk - 1, file.length - endOfChunk + 1);

        assertThat(bad).hasValueSatisfying(chunk -> {
            assertThat(chunk.payload()).isEqualTo(IndexedPackage.IMAGE);
            assertThat(chunk.chunk()).isEqualTo(1);
            assertThat(chunk.start()).isEqualTo(sup.chunkStart(1));
            assertThat(chunk.sha256()).isNotEqualTo(chunk.expected());
            assertThat(chunk.describe()).contains("chunk 1 of payload/image.bin", "from byte " + sup.chunkStart(1));
        });
        assertThat(check.chunksChecked()).isEqualTo(1);
        assertThat(check.following()).isFalse();
    }

    @Test
    void accept_inPiecesOfAnySize_givesTheOffsetWhereTheDamagedChunkStarts() {
        for (int seed = 0; seed < 8; seed++) {
            Optional<DamagedChunk> bad = feed(new ChunkScan(), sup.damagedAt(sup.chunkStart(0) + 5),
                    new Random(seed));

            assertThat(bad).map(DamagedChunk::start).contains(sup.chunkStart(0));
        }
    }

    @Test
    void accept_ofADamagedManifest_checksNothing_andLeavesTheVerdictToTheCrcAndTheInstaller() {
        byte[] file = sup.damagedAt(60);
        ChunkScan check = new ChunkScan();

        assertThat(feed(check, file, new Random(4))).isEmpty();
        assertThat(check.chunksChecked()).isZero();
    }

    @Test
    void accept_ofWhatIsNoPackage_findsNothing() {
        byte[] noise = new byte[100_000];
        new Random(5).nextBytes(noise);
        ChunkScan check = new ChunkScan();

        assertThat(feed(check, noise, new Random(6))).isEmpty();
        assertThat(check.following()).isFalse();
    }

    /** Feeds {@code file} in pieces of 1 byte to 1 MiB; the first bad chunk found. */
    private static Optional<DamagedChunk> feed(ChunkScan check, byte[] file, Random random) {
        for (int at = 0; at < file.length; ) {
            int n = Math.min(file.length - at, 1 + random.nextInt(random.nextBoolean() ? 100 : 1 << 20));
            Optional<DamagedChunk> bad = check.accept(file, at, n);
            if (bad.isPresent()) {
                return bad;
            }
            at += n;
        }
        return Optional.empty();
    }
}
