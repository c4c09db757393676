package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One read of a file from its first byte to its last, straight from a file channel (no ZIP
 * library stream in between), optionally hashing every byte of the file as it passes. The parts
 * of the file nobody asks for (headers, the central directory) are read and hashed too when the
 * reader {@linkplain #skipTo skips} over them, so the file's SHA-256 comes out of the same read
 * as the payloads. The reading, and the file's SHA-256, run on a second thread a few buffers
 * ahead ({@link FileReadAhead}), so the caller's thread spends its time on the payloads.
 */
final class SequentialRead implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileReadAhead readAhead;
    private final boolean hashFile;
    private long position;

    private SequentialRead(Path file, FileChannel channel, FileReadAhead readAhead, boolean hashFile) {
        this.file = file;
        this.channel = channel;
        this.readAhead = readAhead;
        this.hashFile = hashFile;
    }

    /** Opens {@code file} at its start; {@code hashFile} also hashes every byte read. */
    static SequentialRead open(Path file, boolean hashFile) throws IOException {
        return open(file, 0, hashFile);
    }

    /** Opens {@code file} at {@code offset}, to read some of its entries without hashing the file. */
    static SequentialRead openAt(Path file, long offset) throws IOException {
        return open(file, offset, false);
    }

    private static SequentialRead open(Path file, long offset, boolean hashFile) throws IOException {
        FileChannel channel = FileChannel.open(file);
        try {
            channel.position(offset);
            SequentialRead read = new SequentialRead(file, channel,
                    FileReadAhead.start(file.toString(), channel, hashFile), hashFile);
            read.position = offset;
            return read;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /** The offset of the next byte to be read. */
    long position() {
        return position;
    }

    /** Reads (and hashes) up to {@code offset}, which must not lie behind. */
    void skipTo(long offset) throws IOException {
        if (offset < position) {
            throw new IOException(file + ": cannot read back from offset " + position + " to " + offset);
        }
        byte[] scratch = new byte[(int) Math.min(Sha256.BUFFER_SIZE, Math.max(1, offset - position))];
        while (position < offset) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, offset - position));
            if (n < 0) {
                throw new IOException(file + ": ends at offset " + position + ", before offset " + offset);
            }
        }
    }

    /** The next {@code length} bytes of the file as a stream; it ends early if the file does. */
    InputStream next(long length) {
        return new Slice(position + length);
    }

    /** Reads (and hashes) the rest of the file; its SHA-256, if this read hashes. */
    Optional<String> finish() throws IOException {
        byte[] rest = new byte[Sha256.BUFFER_SIZE];
        while (read(rest, 0, rest.length) >= 0) {
            // Up to the end, however far (a file that grew while it was read: what was read is what the hash says).
        }
        return hashFile ? Optional.of(readAhead.fileSha256()) : Optional.empty();
    }

    private int read(byte[] buffer, int offset, int length) throws IOException {
        int n = readAhead.read(buffer, offset, length);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    private ByteBuffer readChunk(int maxLength) throws IOException {
        ByteBuffer chunk = readAhead.readChunk(maxLength);
        if (chunk != null) {
            position += chunk.remaining();
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        try {
            readAhead.close();
        } finally {
            channel.close();
        }
    }

    /** The bytes up to {@code end}, read where the file is now; closing it reads nothing more. */
    private final class Slice extends InputStream implements ChunkedInput {

        private final long end;

        Slice(long end) {
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            long left = end - position;
            if (left <= 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = SequentialRead.this.read(buffer, offset, (int) Math.min(length, left));
            return n == 0 ? -1 : n;
        }

        @Override
        public ByteBuffer nextChunk(int maxLength) throws IOException {
            long left = end - position;
            return left <= 0 ? null : readChunk((int) Math.min(maxLength, left));
        }
    }
}
