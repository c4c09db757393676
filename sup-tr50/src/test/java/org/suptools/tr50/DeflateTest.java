package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** The payloads of apiz/replyz: zlib-wrapped DEFLATE both ways, and a hostile payload stays bounded. */
class DeflateTest {

    @Test
    void compress_roundTripsARequest() throws Tr50Exception {
        byte[] json = Tr50Codec.compact(Tr50Request.of(FileGet.global("acme-config-1.4.0.sup")));

        byte[] deflated = Deflate.compress(json);

        assertThat(deflated[0]).as("zlib header, as Python's zlib.compress writes it").isEqualTo((byte) 0x78);
        assertThat(Deflate.decompress(deflated, Deflate.DEFAULT_MAX_INFLATED)).isEqualTo(json);
    }

    @Test
    void compress_roundTripsDataThatDoesNotCompress() throws Tr50Exception {
        byte[] random = new byte[100_000];
        new Random(7).nextBytes(random);

        assertThat(Deflate.decompress(Deflate.compress(random), random.length)).isEqualTo(random);
        assertThat(Deflate.decompress(Deflate.compress(new byte[0]), 0)).isEmpty();
    }

    @Test
    void decompress_readsRawDeflateToo() throws Tr50Exception {
        byte[] json = "{\"1\":{\"success\":true}}".getBytes(StandardCharsets.UTF_8);

        assertThat(Deflate.decompress(raw(json), 1000)).isEqualTo(json);
    }

    @Test
    void decompress_acceptsExactlyTheLimitAndNotOneByteMore() throws Tr50Exception {
        byte[] data = new byte[50_000];
        Arrays.fill(data, (byte) 'a');
        byte[] deflated = Deflate.compress(data);

        assertThat(Deflate.decompress(deflated, 50_000)).hasSize(50_000);
        assertThatThrownBy(() -> Deflate.decompress(deflated, 49_999))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload inflates to more than 49999 bytes");
    }

    @Test
    void decompress_stopsABombAtTheLimitWithoutInflatingIt() {
        // 256 MiB of zeros deflate to about a megabyte.
        byte[] bomb = zerosDeflated(256 << 20);
        assertThat(bomb.length).isLessThan(2 << 20);
        long before = usedHeap();

        assertThatThrownBy(() -> Deflate.decompress(bomb, Deflate.DEFAULT_MAX_INFLATED))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload inflates to more than 1048576 bytes");
        assertThat(usedHeap() - before).as("heap grown while refusing").isLessThan(64L << 20);
    }

    @Test
    void decompress_refusesDataCutShort() {
        byte[] deflated = Deflate.compress("{\"1\":{\"success\":true}}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Deflate.decompress(Arrays.copyOf(deflated, deflated.length - 6), 1000))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload ends before its DEFLATE stream does");
    }

    @Test
    void decompress_refusesBytesAfterTheStream() {
        byte[] deflated = Deflate.compress("{}".getBytes(StandardCharsets.UTF_8));
        byte[] longer = Arrays.copyOf(deflated, deflated.length + 3);

        assertThatThrownBy(() -> Deflate.decompress(longer, 1000))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload has 3 bytes after the end of its DEFLATE stream");
    }

    @Test
    void decompress_refusesPlainJsonAndGarbage() {
        assertThatThrownBy(() -> Deflate.decompress("{\"1\":{}}".getBytes(StandardCharsets.UTF_8), 1000))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload is not valid DEFLATE data");
        assertThatThrownBy(() -> Deflate.decompress(new byte[] {0x78, (byte) 0x9c, 1, 2, 3, 4}, 1000))
                .isInstanceOf(Tr50Exception.class)
                .hasMessageStartingWith("the compressed payload ");
        assertThatThrownBy(() -> Deflate.decompress(new byte[0], 1000))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload is empty");
    }

    @Test
    void decompress_refusesAPresetDictionary() {
        Deflater deflater = new Deflater();
        deflater.setDictionary("dictionary".getBytes(StandardCharsets.UTF_8));
        deflater.setInput("dictionary dictionary".getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] out = new byte[200];
        int n = deflater.deflate(out);
        deflater.end();

        assertThatThrownBy(() -> Deflate.decompress(Arrays.copyOf(out, n), 1000))
                .isInstanceOf(Tr50Exception.class)
                .hasMessage("the compressed payload needs a preset dictionary, which TR50 does not use");
    }

    private static byte[] raw(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] zerosDeflated(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 16];
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            for (int written = 0; written < size; written += zeros.length) {
                stream.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
