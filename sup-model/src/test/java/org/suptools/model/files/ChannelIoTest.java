package org.suptools.model.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelIoTest {

    @TempDir
    Path dir;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void writeFully_writesAllOfABufferLargerThanOneStep_andLeavesItsLimit() throws Exception {
        byte[] bytes = random(3 * ChannelIo.STEP + 17);
        Path file = dir.resolve("out.bin");
        ByteBuffer buffer = ByteBuffer.wrap(bytes);

        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ChannelIo.writeFully(out, buffer);
        }

        assertThat(file).hasBinaryContent(bytes);
        assertThat(buffer.position()).isEqualTo(bytes.length);
        assertThat(buffer.limit()).isEqualTo(bytes.length);
    }

    @Test
    void read_takesAtMostOneStep_andKeepsTheBuffersLimit() throws Exception {
        Path file = Files.write(dir.resolve("in.bin"), random(2 * ChannelIo.STEP));
        ByteBuffer buffer = ByteBuffer.allocate(4 * ChannelIo.STEP);

        try (FileChannel in = FileChannel.open(file)) {
            assertThat(ChannelIo.read(in, buffer)).isEqualTo(ChannelIo.STEP);
            assertThat(buffer.limit()).isEqualTo(buffer.capacity());
            assertThat(ChannelIo.read(in, buffer.clear(), ChannelIo.STEP + 1)).isEqualTo(ChannelIo.STEP - 1);
        }
    }

    @Test
    void fill_readsUntilTheBufferIsFull_orSaysTheFileEndedFirst() throws Exception {
        byte[] bytes = random(3 * ChannelIo.STEP + 5);
        Path file = Files.write(dir.resolve("in.bin"), bytes);
        ByteBuffer buffer = ByteBuffer.allocate(2 * ChannelIo.STEP + 1);

        try (FileChannel in = FileChannel.open(file)) {
            assertThat(ChannelIo.fill(in, buffer)).isTrue();
            assertThat(buffer.position()).isEqualTo(buffer.capacity());
            assertThat(ChannelIo.fill(in, buffer.clear())).isFalse();
            assertThat(buffer.position()).isEqualTo(bytes.length - (2 * ChannelIo.STEP + 1));
        }
    }
}
