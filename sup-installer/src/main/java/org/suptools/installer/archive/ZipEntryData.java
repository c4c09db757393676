package org.suptools.installer.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.suptools.installer.fs.Deadline;

/**
 * One ZIP entry's content, read from its compressed bytes in the file and inflated when it is
 * DEFLATED, held to what the central directory declares: it fails as soon as more bytes come out
 * than the declared size, and at its end when fewer came out, when the CRC-32 differs, or when
 * the deflate stream ends before or after the entry's compressed bytes do.
 */
final class ZipEntryData extends InputStream {

    private static final int BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final long end;
    private final Inflater inflater;
    private final byte[] input;
    private final long size;
    private final long crc;
    private final String name;
    private final Deadline deadline;
    private final CRC32 actual = new CRC32();
    private long position;
    private long produced;
    private boolean finished;

    /**
     * @param start    where the compressed bytes begin in the file
     * @param end      where they end
     * @param deflated whether they are raw DEFLATE data (else they are the content itself)
     */
    ZipEntryData(FileChannel channel, long start, long end, boolean deflated, long size, long crc, String name,
            Deadline deadline) {
        this.channel = channel;
        this.position = start;
        this.end = end;
        this.inflater = deflated ? new Inflater(true) : null;
        this.input = deflated ? new byte[BUFFER] : null;
        this.size = size;
        this.crc = crc;
        this.name = name;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (finished) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = inflater == null ? stored(buffer, offset, length) : inflate(buffer, offset, length);
        if (n < 0) {
            verifyEnd();
            return -1;
        }
        actual.update(buffer, offset, n);
        produced += n;
        if (produced > size) {
            throw UnsafeArchiveException.entry(name, "holds more than the " + size + " bytes its headers declare");
        }
        return n;
    }

    /** Reads what is left, so that the whole entry is checked. */
    void drain() throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (read(buffer, 0, buffer.length) >= 0) {
            deadline.check();
        }
    }

    private int stored(byte[] buffer, int offset, int length) throws IOException {
        if (position == end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)), position);
        if (n < 0) {
            throw UnsafeArchiveException.entry(name, "is truncated: the file ends inside its data");
        }
        position += n;
        return n;
    }

    private int inflate(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            int n;
            try {
                n = inflater.inflate(buffer, offset, length);
            } catch (DataFormatException e) {
                throw UnsafeArchiveException.entry(name, "is damaged: its deflate data is invalid (" + e.getMessage()
                        + ")");
            }
            if (n > 0) {
                return n;
            }
            if (inflater.finished()) {
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw UnsafeArchiveException.entry(name, "is damaged: its deflate data asks for a preset dictionary");
            }
            if (!inflater.needsInput()) {
                throw UnsafeArchiveException.entry(name, "is damaged: its deflate data makes no progress");
            }
            if (position == end) {
                throw UnsafeArchiveException.entry(name, "is damaged: its deflate data goes on past its compressed "
                        + "size");
            }
            int read = channel.read(ByteBuffer.wrap(input, 0, (int) Math.min(input.length, end - position)), position);
            if (read < 0) {
                throw UnsafeArchiveException.entry(name, "is truncated: the file ends inside its data");
            }
            position += read;
            inflater.setInput(input, 0, read);
        }
    }

    private void verifyEnd() throws IOException {
        finished = true;
        if (inflater != null) {
            long left = inflater.getRemaining() + (end - position);
            inflater.end();
            if (left > 0) {
                throw UnsafeArchiveException.entry(name, "has " + left + " bytes of compressed data after the end of "
                        + "its deflate stream");
            }
        }
        if (produced != size) {
            throw UnsafeArchiveException.entry(name, "holds " + produced + " bytes, but its headers declare " + size);
        }
        if (actual.getValue() != crc) {
            throw UnsafeArchiveException.entry(name, String.format("fails its CRC-32 check (%08x, but its headers say "
                    + "%08x)", actual.getValue(), crc));
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }
}
