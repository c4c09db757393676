package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.suptools.model.files.ChannelIo;

/**
 * A new file that a ZIP is written to front to back, which can also rewrite bytes already
 * written (headers whose CRC and sizes are known only after their data).
 */
final class ZipOutput implements AutoCloseable {

    private final FileChannel channel;
    private long position;

    private ZipOutput(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates {@code file}, which must not exist yet. */
    static ZipOutput create(Path file) throws IOException {
        return new ZipOutput(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Where the next byte goes. */
    long position() {
        return position;
    }

    /** Appends all of {@code bytes}. */
    void write(ByteBuffer bytes) throws IOException {
        int length = bytes.remaining();
        ChannelIo.writeFully(channel, bytes);
        position += length;
    }

    /** Appends everything {@code in} holds; returns how many bytes that was. */
    long transfer(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            write(ByteBuffer.wrap(buffer, 0, n));
            total += n;
        }
        return total;
    }

    /** Overwrites bytes already written, from {@code at} on; the append position stays. */
    void rewrite(long at, ByteBuffer bytes) throws IOException {
        if (at + bytes.remaining() > position) {
            throw new IllegalStateException("rewrite of " + bytes.remaining() + " bytes at " + at
                    + " reaches past the " + position + " bytes written");
        }
        long where = at;
        while (bytes.hasRemaining()) {
            where += channel.write(bytes, where);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
