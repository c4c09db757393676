package org.suptools.installer.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes ZIP archives byte by byte, so that a test can make the local headers and the central
 * directory disagree the way hostile archives do: an entry only the central directory lists, one
 * only a local header lists, entries sharing one compressed blob, a local header with another
 * name, size or CRC-32 than its central header, data that inflates to more or less than
 * declared, data descriptors, and Unix file types.
 */
public final class ZipBytes {

    /**
     * How one entry is written: its compressed {@code data}, and the {@code size} and {@code crc}
     * of what they decompress to, as both headers declare them unless the local header is made to
     * lie ({@code localName}, {@code localCrcXor}, {@code localSizeDelta}).
     */
    public record Entry(String name, int method, byte[] data, long size, long crc, int unixMode, boolean descriptor,
            boolean inLocal, boolean inCentral, String localName, long localCrcXor, long localSizeDelta, int aliasOf) {

        public Entry withLocalName(String other) {
            return new Entry(name, method, data, size, crc, unixMode, descriptor, inLocal, inCentral, other,
                    localCrcXor, localSizeDelta, aliasOf);
        }

        public Entry withLocalCrcXor(long xor) {
            return new Entry(name, method, data, size, crc, unixMode, descriptor, inLocal, inCentral, localName, xor,
                    localSizeDelta, aliasOf);
        }

        /** The local header's sizes {@code delta} bytes larger than the central directory's. */
        public Entry withLocalSizeDelta(long delta) {
            return new Entry(name, method, data, size, crc, unixMode, descriptor, inLocal, inCentral, localName,
                    localCrcXor, delta, aliasOf);
        }

        /** Both headers declare {@code declared} bytes, whatever the data holds. */
        public Entry declaring(long declared) {
            return new Entry(name, method, data, declared, crc, unixMode, descriptor, inLocal, inCentral, localName,
                    localCrcXor, localSizeDelta, aliasOf);
        }

        /** Both headers declare this CRC-32, whatever the data holds. */
        public Entry declaringCrc(long declared) {
            return new Entry(name, method, data, size, declared, unixMode, descriptor, inLocal, inCentral, localName,
                    localCrcXor, localSizeDelta, aliasOf);
        }

        /** Written with a data descriptor (general-purpose bit 3), the local header's CRC and sizes zero. */
        public Entry withDescriptor() {
            return new Entry(name, method, data, size, crc, unixMode, true, inLocal, inCentral, localName, localCrcXor,
                    localSizeDelta, aliasOf);
        }

        /** Only in the central directory: its local header and data are left out of the file. */
        public Entry centralOnly() {
            return new Entry(name, method, data, size, crc, unixMode, descriptor, false, true, localName, localCrcXor,
                    localSizeDelta, aliasOf);
        }

        /** Only as a local header and data, not listed in the central directory. */
        public Entry localOnly() {
            return new Entry(name, method, data, size, crc, unixMode, descriptor, true, false, localName, localCrcXor,
                    localSizeDelta, aliasOf);
        }

        /** The bytes its local header, data and descriptor take. */
        public int localLength() {
            return 30 + localName.getBytes(StandardCharsets.UTF_8).length + data.length + (descriptor ? 16 : 0);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private byte[] prefix = new byte[0];
    private byte[] suffix = new byte[0];

    public ZipBytes stored(String name, byte[] content) {
        return add(new Entry(name, 0, content, content.length, crc(content), 0100644, false, true, true, name, 0, 0,
                -1));
    }

    public ZipBytes deflated(String name, byte[] content) {
        return add(new Entry(name, 8, deflate(content, 1), content.length, crc(content), 0100644, false, true, true,
                name, 0, 0, -1));
    }

    /** {@code size} zero bytes, deflated without ever holding them in memory. */
    public ZipBytes deflatedZeros(String name, long size) {
        byte[] zeros = new byte[1 << 20];
        CRC32 crc = new CRC32();
        for (long done = 0; done < size; done += zeros.length) {
            crc.update(zeros, 0, (int) Math.min(zeros.length, size - done));
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (long fed = 0; fed < size; fed += zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, size - fed));
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return add(new Entry(name, 8, compressed.toByteArray(), size, crc.getValue(), 0100644, false, true, true, name,
                0, 0, -1));
    }

    /** A stored entry with a Unix mode of any type: {@code 0120777} a link to its content, {@code 010644} a FIFO... */
    public ZipBytes unix(String name, int mode, byte[] content) {
        return add(new Entry(name, 0, content, content.length, crc(content), mode, false, true, true, name, 0, 0, -1));
    }

    /** An entry whose data is raw deflate data of its own (say, of more or fewer bytes than declared). */
    public ZipBytes deflatedData(String name, byte[] declaredContent, byte[] actualContent) {
        return add(new Entry(name, 8, deflate(actualContent, 1), declaredContent.length, crc(declaredContent), 0100644,
                false, true, true, name, 0, 0, -1));
    }

    /** Another central directory entry named {@code name} for the last entry's local header and data. */
    public ZipBytes alias(String name) {
        int last = entries.size() - 1;
        Entry of = entries.get(last);
        return add(new Entry(name, of.method(), of.data(), of.size(), of.crc(), of.unixMode(), of.descriptor(), false,
                true, name, 0, 0, last));
    }

    /** Changes the last entry added. */
    public ZipBytes last(UnaryOperator<Entry> change) {
        return change(entries.size() - 1, change);
    }

    /** Changes the entry added {@code index}th (from 0). */
    public ZipBytes change(int index, UnaryOperator<Entry> change) {
        entries.set(index, change.apply(entries.get(index)));
        return this;
    }

    /** Bytes before the first entry (as a self-extracting archive has). */
    public ZipBytes prefix(byte[] bytes) {
        prefix = bytes;
        return this;
    }

    /** Bytes after the end record. */
    public ZipBytes suffix(byte[] bytes) {
        suffix = bytes;
        return this;
    }

    public Entry entry(int index) {
        return entries.get(index);
    }

    private ZipBytes add(Entry entry) {
        entries.add(entry);
        return this;
    }

    public byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        long[] offsets = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            offsets[i] = entry.aliasOf() >= 0 ? offsets[entry.aliasOf()] : out.size();
            if (!entry.inLocal()) {
                continue;
            }
            long crc = entry.crc() ^ entry.localCrcXor();
            byte[] name = entry.localName().getBytes(StandardCharsets.UTF_8);
            ByteBuffer header = le(30 + name.length).putInt(0x04034b50).putShort((short) 20)
                    .putShort(flags(entry)).putShort((short) entry.method()).putInt(0x00210000);
            if (entry.descriptor()) {
                header.putInt(0).putInt(0).putInt(0);
            } else {
                header.putInt((int) crc).putInt((int) (entry.data().length + entry.localSizeDelta()))
                        .putInt((int) (entry.size() + entry.localSizeDelta()));
            }
            out.writeBytes(header.putShort((short) name.length).putShort((short) 0).put(name).array());
            out.writeBytes(entry.data());
            if (entry.descriptor()) {
                out.writeBytes(le(16).putInt(0x08074b50).putInt((int) crc).putInt(entry.data().length)
                        .putInt((int) entry.size()).array());
            }
        }
        long directory = out.size();
        int listed = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.inCentral()) {
                continue;
            }
            listed++;
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(le(46 + name.length).putInt(0x02014b50).putShort((short) 0x0314).putShort((short) 20)
                    .putShort(flags(entry)).putShort((short) entry.method()).putInt(0x00210000)
                    .putInt((int) entry.crc()).putInt(entry.data().length).putInt((int) entry.size())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(entry.unixMode() << 16).putInt((int) offsets[i]).put(name).array());
        }
        long size = out.size() - directory;
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) listed)
                .putShort((short) listed).putInt((int) size).putInt((int) directory).putShort((short) 0).array());
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    private static short flags(Entry entry) {
        return (short) (0x0800 | (entry.descriptor() ? 0x08 : 0));
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    private static byte[] deflate(byte[] content, int level) {
        Deflater deflater = new Deflater(level, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
