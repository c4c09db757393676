package org.suptools.model.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads and writes a file channel in system calls of at most {@value #STEP} bytes, whatever the
 * size of the buffer. Larger calls cost several times the kernel time for the same bytes: on the
 * reference machine (docs/performance.md) hashing a 1 GiB package read in 256 KiB calls took 0.5
 * to 0.7 s of system time, read in 64 KiB calls 0.1 to 0.16 s, and writing 1 GiB in 256 KiB calls
 * 0.3 to 3 s against 0.14 s, from heap and direct buffers alike. Callers keep their large buffers
 * (fewer hand-offs between threads, fewer digest calls); only the system calls are cut.
 */
public final class ChannelIo {

    /** The most bytes one system call reads or writes. */
    public static final int STEP = 64 * 1024;

    private ChannelIo() {
    }

    /**
     * Reads into {@code buffer} from the channel's position until the buffer is full or the file
     * ends.
     *
     * @return false if the file ended before the buffer was full
     */
    public static boolean fill(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (read(channel, buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    /** One read of at most {@value #STEP} bytes into {@code buffer}; -1 at the end of the file. */
    public static int read(FileChannel channel, ByteBuffer buffer) throws IOException {
        int limit = buffer.limit();
        buffer.limit(Math.min(limit, buffer.position() + STEP));
        try {
            return channel.read(buffer);
        } finally {
            buffer.limit(limit);
        }
    }

    /** One read of at most {@value #STEP} bytes into {@code buffer} from {@code position} in the file; -1 past its end. */
    public static int read(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int limit = buffer.limit();
        buffer.limit(Math.min(limit, buffer.position() + STEP));
        try {
            return channel.read(buffer, position);
        } finally {
            buffer.limit(limit);
        }
    }

    /** Writes all of {@code bytes} at the channel's position. */
    public static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        int limit = bytes.limit();
        try {
            while (bytes.position() < limit) {
                bytes.limit(Math.min(limit, bytes.position() + STEP));
                channel.write(bytes);
            }
        } finally {
            bytes.limit(limit);
        }
    }
}
