package org.suptools.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadAheadTest {

    @TempDir
    Path dir;

    @Test
    void read_givesEveryByteInOrderAndTheFilesSha256_whateverTheChunksAndMoreThanTheRingHolds() throws Exception {
        byte[] bytes = new byte[FileReadAhead.SLOTS * Sha256.BUFFER_SIZE * 3 + 12_345];
        Random random = new Random(14);
        random.nextBytes(bytes);
        Path file = Files.write(dir.resolve("f.sup"), bytes);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        String sha256;
        try (FileChannel channel = FileChannel.open(file);
             FileReadAhead readAhead = FileReadAhead.start(file.toString(), channel, true)) {
            byte[] buffer = new byte[3 * Sha256.BUFFER_SIZE / 2];
            for (int n = 0; n >= 0; n = readAhead.read(buffer, 0, 1 + random.nextInt(buffer.length))) {
                received.write(buffer, 0, n);
            }
            assertThat(readAhead.read(buffer, 0, 1)).isEqualTo(-1);
            sha256 = readAhead.fileSha256();
        }

        assertThat(received.toByteArray()).isEqualTo(bytes);
        assertThat(sha256).isEqualTo(Sha256.of(bytes));
    }

    @Test
    void readChunk_lendsEveryByteInOrder_readOnly_mixedWithReads_whateverTheLengths() throws Exception {
        byte[] bytes = new byte[FileReadAhead.SLOTS * Sha256.BUFFER_SIZE * 2 + 777];
        Random random = new Random(15);
        random.nextBytes(bytes);
        Path file = Files.write(dir.resolve("f.sup"), bytes);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (FileChannel channel = FileChannel.open(file);
             FileReadAhead readAhead = FileReadAhead.start(file.toString(), channel, true)) {
            byte[] copied = new byte[Sha256.BUFFER_SIZE];
            while (true) {
                int maxLength = 1 + random.nextInt(2 * Sha256.BUFFER_SIZE);
                if (random.nextBoolean()) {
                    ByteBuffer chunk = readAhead.readChunk(maxLength);
                    if (chunk == null) {
                        break;
                    }
                    assertThat(chunk.isReadOnly()).isTrue();
                    assertThat(chunk.remaining()).isBetween(1, maxLength);
                    byte[] lent = new byte[chunk.remaining()];
                    chunk.get(lent);
                    received.write(lent);
                } else {
                    int n = readAhead.read(copied, 0, Math.min(maxLength, copied.length));
                    if (n < 0) {
                        break;
                    }
                    received.write(copied, 0, n);
                }
            }
            assertThat(readAhead.readChunk(1)).isNull();
            assertThat(readAhead.fileSha256()).isEqualTo(Sha256.of(bytes));
        }

        assertThat(received.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void read_ofAnEmptyFile_endsAtOnce_andItsHashIsThatOfNoBytes() throws Exception {
        Path file = Files.write(dir.resolve("empty.sup"), new byte[0]);

        try (FileChannel channel = FileChannel.open(file);
             FileReadAhead readAhead = FileReadAhead.start(file.toString(), channel, true)) {
            assertThat(readAhead.read(new byte[10], 0, 10)).isEqualTo(-1);
            assertThat(readAhead.fileSha256()).isEqualTo(Sha256.of(new byte[0]));
        }
    }

    @Test
    void fileSha256_beforeTheEndOrWhenNotHashing_isRefused() throws Exception {
        Path file = Files.write(dir.resolve("f.sup"), new byte[100]);

        try (FileChannel channel = FileChannel.open(file);
             FileReadAhead hashing = FileReadAhead.start(file.toString(), channel, true)) {
            assertThatThrownBy(hashing::fileSha256).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not read to its end");
        }
        try (FileChannel channel = FileChannel.open(file);
             FileReadAhead notHashing = FileReadAhead.start(file.toString(), channel, false)) {
            while (notHashing.read(new byte[64], 0, 64) >= 0) {
                // to the end
            }
            assertThatThrownBy(notHashing::fileSha256).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not hashed");
        }
    }

    @Test
    void close_beforeTheEnd_stopsTheReadingThread_evenWithEveryBufferFull() throws Exception {
        Path file = Files.write(dir.resolve("big.sup"), new byte[(FileReadAhead.SLOTS + 4) * Sha256.BUFFER_SIZE]);

        try (FileChannel channel = FileChannel.open(file);
             FileReadAhead readAhead = FileReadAhead.start(file.toString(), channel, true)) {
            assertThat(readAhead.read(new byte[10], 0, 10)).isEqualTo(10);
        }

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("sup-read-ahead"));
    }

    @Test
    void read_whenTheFileCannotBeRead_failsWithAnIOExceptionNamingIt() throws Exception {
        Path file = Files.write(dir.resolve("f.sup"), new byte[100]);
        FileChannel channel = FileChannel.open(file);
        channel.close();

        try (FileReadAhead readAhead = FileReadAhead.start(file.toString(), channel, true)) {
            assertThatThrownBy(() -> readAhead.read(new byte[10], 0, 10)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(file + ": cannot be read");
            assertThat(readAhead.read(new byte[10], 0, 10)).isEqualTo(-1);
        }
    }
}
