package org.suptools.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Feeds the bytes already in a part file to the checksum of a download that goes on after them,
 * so that the checksum of the whole file is summed as the rest arrives, with no second read of
 * the file at its end. Only an attempt that resumes reads anything here.
 */
public final class PartPrefix {

    private static final int BUFFER = 64 * 1024;

    private PartPrefix() {
    }

    /** Hands the part's first {@code length} bytes to {@code checksum}, in order, a buffer at a time. */
    public static void feed(FileChannel part, long length, Consumer<ByteBuffer> checksum) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = 0;
        while (position < length) {
            buffer.clear().limit((int) Math.min(BUFFER, length - position));
            int n = part.read(buffer, position);
            if (n < 0) {
                break;
            }
            checksum.accept(buffer.flip());
            position += n;
        }
    }
}
