package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early forces of a staged file: they leave the file as written, and one that fails is not lost. */
class EarlyWritebackTest {

    @TempDir
    Path dir;

    private static boolean writebackThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("sup-staging-writeback"));
    }

    @Test
    void finish_afterSeveralEarlyForces_leavesTheFileAsWrittenAndNoThread() throws Exception {
        Path file = dir.resolve("0.payload");
        byte[] chunk = new byte[1024 * 1024];
        long chunks = 3 * EarlyWriteback.EVERY_BYTES / chunk.length + 1;

        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             EarlyWriteback writeback = EarlyWriteback.start(out)) {
            for (long i = 0; i < chunks; i++) {
                chunk[0] = (byte) i;
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                writeback.written(chunk.length);
            }
            writeback.finish();
        }

        assertThat(Files.size(file)).isEqualTo(chunks * chunk.length);
        assertThat(writebackThreadRuns()).isFalse();
    }

    @Test
    void finish_reportsAnEarlyForceThatFailed() throws Exception {
        Path file = Files.createFile(dir.resolve("0.payload"));
        FileChannel closed = FileChannel.open(file, StandardOpenOption.WRITE);
        closed.close();

        try (EarlyWriteback writeback = EarlyWriteback.start(closed)) {
            writeback.written(EarlyWriteback.EVERY_BYTES);

            assertThatThrownBy(writeback::finish).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("forcing the staged file to the disk failed");
        }
        assertThat(writebackThreadRuns()).isFalse();
    }
}
