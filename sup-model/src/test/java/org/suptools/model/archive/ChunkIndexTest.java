package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkIndexTest {

    private static final String HEX = "a".repeat(64);

    @Test
    void entryFor_andPayloadOf_nameEachOther() {
        String entry = ChunkIndex.entryFor("payload/fw/image.bin");

        assertThat(entry).isEqualTo("payload/.sup-chunks/fw/image.bin.json");
        assertThat(ChunkIndex.isIndex(entry)).isTrue();
        assertThat(ChunkIndex.payloadOf(entry)).contains("payload/fw/image.bin");
        assertThat(ChunkIndex.payloadOf("payload/fw/image.bin")).isEmpty();
        assertThat(ChunkIndex.payloadOf("payload/.sup-chunks/.json")).isEmpty();
        assertThat(ChunkIndex.payloadOf("payload/.sup-chunks/image.bin")).isEmpty();
    }

    @Test
    void chunkCount_roundsTheLastShortChunkUp() {
        assertThat(ChunkIndex.chunkCount(0, 16)).isZero();
        assertThat(ChunkIndex.chunkCount(16, 16)).isEqualTo(1);
        assertThat(ChunkIndex.chunkCount(17, 16)).isEqualTo(2);
    }

    @Test
    void misfit_saysWhenTheCountDoesNotMatchTheSize() {
        ChunkIndex index = new ChunkIndex("payload/a", ChunkIndex.CHUNK_SIZE, List.of(HEX, HEX));

        assertThat(index.misfit(ChunkIndex.CHUNK_SIZE + 1)).isEmpty();
        assertThat(index.misfit(2 * ChunkIndex.CHUNK_SIZE)).isEmpty();
        assertThat(index.misfit(2 * ChunkIndex.CHUNK_SIZE + 1)).get().asString()
                .contains("lists 2 chunks", "make 3 chunks of 16777216");
    }

    @Test
    void constructor_refusesWhatNoReaderCouldUse() {
        assertThatThrownBy(() -> new ChunkIndex("payload/a", 3 * 1024 * 1024, List.of(HEX)))
                .hasMessageContaining("chunkSize: 3145728 is not a power of two");
        assertThatThrownBy(() -> new ChunkIndex("payload/a", 1024, List.of(HEX)))
                .hasMessageContaining("chunkSize");
        assertThatThrownBy(() -> new ChunkIndex("payload/a", ChunkIndex.CHUNK_SIZE, List.of("ABC")))
                .hasMessageContaining("sha256[0]");
        assertThatThrownBy(() -> new ChunkIndex("payload/.sup-chunks/a.json", ChunkIndex.CHUNK_SIZE, List.of(HEX)))
                .hasMessageContaining("outside payload/.sup-chunks/");
        assertThatThrownBy(() -> new ChunkIndex("elsewhere/a", ChunkIndex.CHUNK_SIZE, List.of(HEX)))
                .hasMessageContaining("payload: 'elsewhere/a'");
    }

    @Test
    void json_isCanonicalAndReadsBack() throws Exception {
        ChunkIndex index = new ChunkIndex("payload/a", ChunkIndex.CHUNK_SIZE, List.of(HEX, "b".repeat(64)));

        String json = new String(index.toJson(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("""
                {
                  "payload": "payload/a",
                  "chunkSize": 16777216,
                  "sha256": [
                    "%s",
                    "%s"
                  ]
                }
                """.formatted(HEX, "b".repeat(64)));
        assertThat(ChunkIndex.parse(index.toJson())).isEqualTo(index);
    }

    @Test
    void placeholder_hasTheLengthOfTheFinalIndex() {
        long size = 5 * ChunkIndex.CHUNK_SIZE + 1;
        ChunkIndex placeholder = ChunkIndex.placeholder("payload/a", size);

        assertThat(placeholder.misfit(size)).isEmpty();
        assertThat(placeholder.toJson()).hasSameSizeAs(
                new ChunkIndex("payload/a", ChunkIndex.CHUNK_SIZE, Collections.nCopies(6, HEX)).toJson());
    }

    @Test
    void parse_refusesUnknownFieldsAndMissingDigests() {
        assertThatThrownBy(() -> ChunkIndex.parse(
                "{\"payload\":\"payload/a\",\"chunkSize\":16777216,\"sha256\":[],\"extra\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> ChunkIndex.parse("{\"payload\":\"payload/a\",\"chunkSize\":16777216}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void chunkHasher_givesEachChunksDigestWhateverTheBufferBoundaries() {
        byte[] data = new byte[3 * 1024 * 1024 + 7];
        new Random(3).nextBytes(data);
        ChunkHasher hasher = new ChunkHasher(1024 * 1024);
        int at = 0;
        for (int step : new int[] {5, 1024 * 1024 - 5, 700_000, 1_000_000, 1024 * 1024}) {
            int n = Math.min(step, data.length - at);
            hasher.update(ByteBuffer.wrap(data, at, n));
            at += n;
        }
        hasher.update(ByteBuffer.wrap(data, at, data.length - at));

        assertThat(hasher.finish()).containsExactly(
                Sha256.of(Arrays.copyOfRange(data, 0, 1024 * 1024)),
                Sha256.of(Arrays.copyOfRange(data, 1024 * 1024, 2 * 1024 * 1024)),
                Sha256.of(Arrays.copyOfRange(data, 2 * 1024 * 1024, 3 * 1024 * 1024)),
                Sha256.of(Arrays.copyOfRange(data, 3 * 1024 * 1024, data.length)));
    }

    @Test
    void wanted_onlyAboveOneChunk_andWhereTheIndexCanBeNamed() throws Exception {
        Path nowhere = Path.of("no-such-payload");

        assertThat(ChunkIndex.wanted("payload/small.bin", nowhere, ChunkIndex.CHUNK_SIZE)).isFalse();
        assertThat(ChunkIndex.wanted("payload/" + "n".repeat(251), nowhere, 2 * ChunkIndex.CHUNK_SIZE)).isFalse();
    }
}
