package org.suptools.tr50;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The payloads of {@code apiz/<n>} and {@code replyz/<n>}: DEFLATE data, zlib-wrapped as written
 * here (and as Python's {@code zlib.compress} writes it). Inflating stops at a caller-given size,
 * so a small hostile payload cannot expand into all of memory.
 */
public final class Deflate {

    /** A limit for inflated TR50 messages: far above any reply the installer or the portal writes. */
    public static final int DEFAULT_MAX_INFLATED = 1 << 20;

    private static final int CHUNK = 8192;

    private Deflate() {
    }

    /** The zlib-wrapped DEFLATE form of {@code data}. */
    public static byte[] compress(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] chunk = new byte[CHUNK];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The inflated form of zlib-wrapped or raw DEFLATE data (told apart by the zlib header).
     *
     * @param maxInflated the most bytes the result may have
     * @throws Tr50Exception if the data is not DEFLATE, is cut short, has bytes after its end, or
     *     inflates to more than {@code maxInflated} bytes
     */
    public static byte[] decompress(byte[] data, int maxInflated) throws Tr50Exception {
        if (maxInflated < 0) {
            throw new IllegalArgumentException("maxInflated: must be 0 or more, was " + maxInflated);
        }
        if (data.length == 0) {
            throw problem("is empty");
        }
        Inflater inflater = new Inflater(!hasZlibHeader(data));
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxInflated, Math.max(64, data.length * 4)));
            byte[] chunk = new byte[CHUNK];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk, 0, Math.min(CHUNK, maxInflated - out.size() + 1));
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw problem("needs a preset dictionary, which TR50 does not use");
                    }
                    if (inflater.needsInput()) {
                        throw problem("ends before its DEFLATE stream does");
                    }
                }
                if (out.size() + n > maxInflated) {
                    throw problem("inflates to more than " + maxInflated + " bytes");
                }
                out.write(chunk, 0, n);
            }
            if (inflater.getRemaining() > 0) {
                throw problem("has " + inflater.getRemaining() + " bytes after the end of its DEFLATE stream");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new Tr50Exception("", "the compressed payload is not valid DEFLATE data", e);
        } finally {
            inflater.end();
        }
    }

    /** RFC 1950: method 8 (deflate), a window of at most 32 KiB, and a header that is a multiple of 31. */
    private static boolean hasZlibHeader(byte[] data) {
        if (data.length < 2) {
            return false;
        }
        int cmf = data[0] & 0xFF;
        int flg = data[1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    private static Tr50Exception problem(String problem) {
        return new Tr50Exception("", "the compressed payload " + problem);
    }
}
