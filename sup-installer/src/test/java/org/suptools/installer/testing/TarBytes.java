package org.suptools.installer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives header by header, so that a test can make any entry a tar can hold, also
 * those a tar library would not write for it: devices and FIFOs, old GNU sparse files with their
 * sparse map in the header, PAX sparse files of formats 0.0, 0.1 and 1.0, unknown type flags.
 */
public final class TarBytes {

    private static final int BLOCK = 512;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A regular file ({@code 0}). */
    public TarBytes file(String name, byte[] content) {
        header(name, '0', content.length, 0644, "", Map.of());
        return data(content);
    }

    /** A directory ({@code 5}). */
    public TarBytes directory(String name) {
        header(name, '5', 0, 0755, "", Map.of());
        return this;
    }

    /** An entry of any type flag, without content: {@code '3'} a character device, {@code '6'} a FIFO... */
    public TarBytes special(String name, char type) {
        header(name, type, 0, 0644, "", Map.of());
        return this;
    }

    /** A hard link ({@code 1}) to {@code target}. */
    public TarBytes hardLink(String name, String target) {
        header(name, '1', 0, 0644, target, Map.of());
        return this;
    }

    /**
     * An old GNU sparse file (type {@code S}): {@code stored} bytes in the archive, which the
     * header's sparse map places at the end of a file of {@code realSize} bytes, the rest a hole.
     */
    public TarBytes oldGnuSparse(String name, byte[] stored, long realSize) {
        Map<Integer, String> fields = new LinkedHashMap<>();
        fields.put(386, octal(realSize - stored.length, 12));
        fields.put(398, octal(stored.length, 12));
        fields.put(483, octal(realSize, 12));
        header(name, 'S', stored.length, 0644, "", fields);
        return data(stored);
    }

    /**
     * A PAX sparse file of GNU format {@code 0.0} or {@code 0.1} (the map in the extended header) or
     * {@code 1.0} (the map at the start of the data): {@code stored} bytes at the end of a file of
     * {@code realSize} bytes.
     */
    public TarBytes paxSparse(String name, byte[] stored, long realSize, String version) {
        long offset = realSize - stored.length;
        Map<String, String> records = new LinkedHashMap<>();
        byte[] data = stored;
        switch (version) {
            case "0.0" -> {
                records.put("GNU.sparse.size", Long.toString(realSize));
                records.put("GNU.sparse.numblocks", "1");
                records.put("GNU.sparse.offset", Long.toString(offset));
                records.put("GNU.sparse.numbytes", Integer.toString(stored.length));
            }
            case "0.1" -> {
                records.put("GNU.sparse.size", Long.toString(realSize));
                records.put("GNU.sparse.numblocks", "1");
                records.put("GNU.sparse.map", offset + "," + stored.length);
            }
            case "1.0" -> {
                records.put("GNU.sparse.major", "1");
                records.put("GNU.sparse.minor", "0");
                records.put("GNU.sparse.name", name);
                records.put("GNU.sparse.realsize", Long.toString(realSize));
                byte[] map = pad(("1\n" + offset + "\n" + stored.length + "\n").getBytes(StandardCharsets.US_ASCII));
                data = concat(map, stored);
            }
            default -> throw new IllegalArgumentException(version);
        }
        pax(records);
        header(version.equals("1.0") ? "GNUSparseFile.0/" + name : name, '0', data.length, 0644, "", Map.of());
        return data(data);
    }

    /** A PAX extended header ({@code x}) for the next entry. */
    public TarBytes pax(Map<String, String> records) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> record : records.entrySet()) {
            String body = " " + record.getKey() + "=" + record.getValue() + "\n";
            int length = body.length() + 1;
            while (String.valueOf(length).length() + body.length() != length) {
                length = String.valueOf(length).length() + body.length();
            }
            text.append(length).append(body);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        header("PaxHeaders/entry", 'x', bytes.length, 0644, "", Map.of());
        return data(bytes);
    }

    /** The archive, with its two zero blocks at the end. */
    public byte[] tar() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(out.toByteArray());
        whole.writeBytes(new byte[2 * BLOCK]);
        return whole.toByteArray();
    }

    public byte[] tarGz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(tar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void header(String name, char type, long size, int mode, String linkName, Map<Integer, String> fields) {
        byte[] header = new byte[BLOCK];
        put(header, 0, name, 100);
        put(header, 100, octal(mode, 8), 8);
        put(header, 108, octal(0, 8), 8);
        put(header, 116, octal(0, 8), 8);
        put(header, 124, octal(size, 12), 12);
        put(header, 136, octal(0, 12), 12);
        header[156] = (byte) type;
        put(header, 157, linkName, 100);
        boolean gnu = type == 'S';
        put(header, 257, gnu ? "ustar " : "ustar", 6);
        put(header, 263, gnu ? " " : "00", 2);
        fields.forEach((offset, value) -> put(header, offset, value, value.length()));
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum) + "\0 ", 8);
        out.writeBytes(header);
    }

    private TarBytes data(byte[] content) {
        out.writeBytes(pad(content));
        return this;
    }

    private static byte[] pad(byte[] content) {
        int padded = (content.length + BLOCK - 1) / BLOCK * BLOCK;
        byte[] bytes = new byte[padded];
        System.arraycopy(content, 0, bytes, 0, content.length);
        return bytes;
    }

    private static String octal(long value, int width) {
        return String.format("%0" + (width - 1) + "o", value) + "\0";
    }

    private static void put(byte[] header, int offset, String value, int width) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, width));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
