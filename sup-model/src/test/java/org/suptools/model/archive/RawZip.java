package org.suptools.model.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes ZIP files byte by byte, so that a test can make the central directory say what no ZIP
 * writer would: several entries that point at one local header and its data, the way an
 * overlapping-entry ZIP bomb is made.
 */
final class RawZip {

    /** One local header and its data, as written. */
    private record Local(String name, int method, long crc, long size, byte[] data, long offset) {
    }

    /** One central directory entry: a name, the local header it points at, and the compressed size it claims. */
    private record Central(String name, Local local, long compressedSize) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Local> locals = new ArrayList<>();
    private final List<Central> centrals = new ArrayList<>();

    /** Writes a local header and data, STORED, and lists it in the central directory. */
    RawZip stored(String name, byte[] content) {
        return listed(local(name, 0, content, content));
    }

    /** Writes a local header and raw-deflated data, and lists it in the central directory. */
    RawZip deflated(String name, byte[] content) {
        return listed(local(name, 8, content, deflate(content)));
    }

    /** Lists one more name in the central directory for the last local header written: it shares its bytes. */
    RawZip alias(String name) {
        Local last = locals.get(locals.size() - 1);
        centrals.add(new Central(name, last, last.data().length));
        return this;
    }

    /**
     * Writes {@code bytes} spaces after the last entry's data and makes its central directory
     * entry claim them as compressed data too: a lying size that overlaps nothing.
     */
    RawZip slack(int bytes) {
        out.writeBytes(" ".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
        Central last = centrals.remove(centrals.size() - 1);
        centrals.add(new Central(last.name(), last.local(), last.compressedSize() + bytes));
        return this;
    }

    /** Like {@link #slack}, as much as makes the last entry claim {@code compressedSize} bytes. */
    RawZip slackTo(int compressedSize) {
        return slack(compressedSize - locals.get(locals.size() - 1).data().length);
    }

    private RawZip listed(Local local) {
        centrals.add(new Central(local.name(), local, local.data().length));
        return this;
    }

    private Local local(String name, int method, byte[] content, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] rawName = name.getBytes(StandardCharsets.UTF_8);
        Local local = new Local(name, method, crc.getValue(), content.length, data, out.size());
        ByteBuffer header = le(30 + rawName.length);
        header.putInt(0x04034b50).putShort((short) (method == 0 ? 10 : 20)).putShort((short) 0x0800)
                .putShort((short) method).putShort((short) 0).putShort((short) 0x21)
                .putInt((int) local.crc()).putInt(data.length).putInt(content.length)
                .putShort((short) rawName.length).putShort((short) 0).put(rawName);
        out.writeBytes(header.array());
        out.writeBytes(data);
        locals.add(local);
        return local;
    }

    Path writeTo(Path file) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        zip.writeBytes(out.toByteArray());
        long directory = zip.size();
        for (Central central : centrals) {
            Local local = central.local();
            byte[] rawName = central.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer header = le(46 + rawName.length);
            header.putInt(0x02014b50).putShort((short) 0x0314).putShort((short) (local.method() == 0 ? 10 : 20))
                    .putShort((short) 0x0800).putShort((short) local.method()).putShort((short) 0)
                    .putShort((short) 0x21)
                    .putInt((int) local.crc()).putInt((int) central.compressedSize()).putInt((int) local.size())
                    .putShort((short) rawName.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0100644 << 16).putInt((int) local.offset())
                    .put(rawName);
            zip.writeBytes(header.array());
        }
        long directorySize = zip.size() - directory;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) centrals.size())
                .putShort((short) centrals.size()).putInt((int) directorySize).putInt((int) directory)
                .putShort((short) 0);
        zip.writeBytes(end.array());
        return Files.write(file, zip.toByteArray());
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(9, true);
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
