package org.suptools.e2e.spec;

import static org.suptools.e2e.spec.Rejection.Reason.NOT_A_ZIP;
import static org.suptools.e2e.spec.Rejection.Reason.TRUNCATED;
import static org.suptools.e2e.spec.Rejection.Reason.UNLISTED_ENTRY;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The entries of a ZIP file (PKWARE APPNOTE 6.3, with ZIP64) as docs/format.md section 1 says to
 * read them: parsed by hand from the end of the file, in the order of their local headers.
 */
final class ZipDirectory implements Closeable {

    static final int MAX_ENTRIES = 10_000;

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long MAX32 = 0xFFFFFFFFL;

    /**
     * One central directory header, and where its data starts (after the local header's name and
     * extra field). {@code madeBy} is the whole "version made by" field.
     */
    record Entry(String name, int madeBy, int flags, int method, long compressedSize, long size,
            long externalAttributes, long localHeaderOffset, long dataOffset) {

        static final int STORED = 0;
        static final int DEFLATED = 8;

        /** The file type bits of the Unix mode, when the entry was made on Unix; else 0. */
        int unixFileType() {
            return ((madeBy >> 8) & 0x0F) == 3 ? (int) (externalAttributes >>> 16) & 0170000 : 0;
        }
    }

    /** An entry's uncompressed bytes, and how many compressed bytes they took so far. */
    interface EntryStream extends Closeable {

        int read(byte[] buffer, int offset, int length) throws IOException;

        long compressedBytesRead();
    }

    private final FileChannel channel;
    private final long fileSize;
    private final List<Entry> entries;

    private ZipDirectory(FileChannel channel) throws IOException, Rejection {
        this.channel = channel;
        this.fileSize = channel.size();
        int magic = fileSize < 4 ? 0 : read(0, 4).getInt(0);
        if (magic != LOCAL && magic != EOCD) {
            throw new Rejection(NOT_A_ZIP, "does not start with a ZIP local file header");
        }
        long eocd = findEndRecord();
        ByteBuffer end = read(eocd, 22);
        long count = Math.max(end.getShort(8) & 0xFFFF, end.getShort(10) & 0xFFFF);
        long cdOffset = end.getInt(16) & MAX32;
        if (eocd >= 20 && read(eocd - 20, 4).getInt(0) == ZIP64_LOCATOR) {
            long zip64 = read(eocd - 20, 20).getLong(8);
            ByteBuffer record = read(zip64, 56);
            if (record.getInt(0) != ZIP64_EOCD) {
                throw new Rejection(TRUNCATED, "no ZIP64 end of central directory record at " + zip64);
            }
            count = Math.max(record.getLong(24), record.getLong(32));
            cdOffset = record.getLong(48);
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw new Rejection(UNLISTED_ENTRY, "announces " + count + " entries, more than " + MAX_ENTRIES);
        }
        List<Entry> headers = centralHeaders(cdOffset);
        if (headers.isEmpty() && count > 0) {
            throw new Rejection(TRUNCATED, "no central directory at " + cdOffset);
        }
        for (Entry entry : headers) {
            if (entry.dataOffset() + entry.compressedSize() > cdOffset) {
                throw new Rejection(TRUNCATED, entry.name() + "'s data runs into the central directory");
            }
        }
        this.entries = headers.stream().sorted(Comparator.comparingLong(Entry::localHeaderOffset)).toList();
    }

    long fileSize() {
        return fileSize;
    }

    static ZipDirectory open(Path file) throws IOException, Rejection {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new ZipDirectory(channel);
        } catch (IOException | Rejection | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The entries in the order of their local header offsets. */
    List<Entry> entries() {
        return entries;
    }

    /** The entry's uncompressed bytes, unbounded: the caller decides where to stop. */
    EntryStream open(Entry entry) {
        long data = entry.dataOffset();
        long[] consumed = {0};
        InputStream raw = new InputStream() {
            private final long end = data + entry.compressedSize();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                long position = data + consumed[0];
                if (position >= end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n > 0) {
                    consumed[0] += n;
                }
                return n;
            }
        };
        InputStream in = raw;
        Inflater inflater = entry.method() == Entry.DEFLATED ? new Inflater(true) : null;
        if (inflater != null) {
            // A raw inflater may want one byte past the compressed data to see the end of the stream.
            in = new InflaterInputStream(new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1])), inflater);
        }
        InputStream uncompressed = in;
        return new EntryStream() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return uncompressed.read(buffer, offset, length);
            }

            @Override
            public long compressedBytesRead() {
                return consumed[0];
            }

            @Override
            public void close() throws IOException {
                if (inflater != null) {
                    inflater.end();
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private long findEndRecord() throws IOException, Rejection {
        int tail = (int) Math.min(fileSize, 22 + 0xFFFF);
        ByteBuffer buffer = read(fileSize - tail, tail);
        for (int i = tail - 22; i >= 0; i--) {
            if (buffer.getInt(i) == EOCD) {
                return fileSize - tail + i;
            }
        }
        throw new Rejection(TRUNCATED, "no end of central directory record");
    }

    /** The central headers that follow one another from {@code offset}, whatever count the end record gave. */
    private List<Entry> centralHeaders(long offset) throws IOException, Rejection {
        List<Entry> result = new ArrayList<>();
        long at = offset;
        while (at + 4 <= fileSize && read(at, 4).getInt(0) == CENTRAL) {
            if (result.size() == MAX_ENTRIES) {
                throw new Rejection(UNLISTED_ENTRY, "more than " + MAX_ENTRIES + " entries in the central directory");
            }
            ByteBuffer header = read(at, 46);
            int nameLength = header.getShort(28) & 0xFFFF;
            int extraLength = header.getShort(30) & 0xFFFF;
            int commentLength = header.getShort(32) & 0xFFFF;
            ByteBuffer variable = read(at + 46, nameLength + extraLength);
            byte[] nameBytes = new byte[nameLength];
            variable.get(0, nameBytes);
            long compressed = header.getInt(20) & MAX32;
            long size = header.getInt(24) & MAX32;
            long localOffset = header.getInt(42) & MAX32;
            // The ZIP64 extra field holds, in this order, only the values whose 32-bit field is all ones.
            for (int x = nameLength; x + 4 <= nameLength + extraLength; ) {
                int id = variable.getShort(x) & 0xFFFF;
                int length = variable.getShort(x + 2) & 0xFFFF;
                int v = x + 4;
                if (id == 0x0001) {
                    if (size == MAX32) {
                        size = variable.getLong(v);
                        v += 8;
                    }
                    if (compressed == MAX32) {
                        compressed = variable.getLong(v);
                        v += 8;
                    }
                    if (localOffset == MAX32) {
                        localOffset = variable.getLong(v);
                    }
                }
                x += 4 + length;
            }
            ByteBuffer local = read(localOffset, 30);
            if (local.getInt(0) != LOCAL) {
                throw new Rejection(TRUNCATED, utf8(nameBytes) + ": no local header at " + localOffset);
            }
            long dataOffset = localOffset + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
            result.add(new Entry(utf8(nameBytes), header.getShort(4) & 0xFFFF, header.getShort(8) & 0xFFFF,
                    header.getShort(10) & 0xFFFF, compressed, size, header.getInt(38) & MAX32, localOffset, dataOffset));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return result;
    }

    /** UTF-8, each malformed byte sequence becoming U+FFFD, which the name rules then refuse. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("\uFFFD")
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    private ByteBuffer read(long position, int length) throws IOException, Rejection {
        if (position < 0 || position + length > fileSize) {
            throw new Rejection(TRUNCATED, "the file ends before byte " + (position + length));
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new Rejection(TRUNCATED, "the file ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }
}
