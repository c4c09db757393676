package org.suptools.model.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.suptools.model.files.ChannelIo;

/**
 * SHA-256 as the .sup format uses it: lowercase hex, computed by streaming so that memory use
 * does not depend on the size of what is hashed.
 */
public final class Sha256 {

    /** Read buffer for hashing and copying; large enough that system calls do not dominate. */
    static final int BUFFER_SIZE = 256 * 1024;

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** A fresh SHA-256 digest. Every Java platform must provide it, so its absence is a bug. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform lacks SHA-256", e);
        }
    }

    /** The lowercase hex SHA-256 of {@code bytes}. */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /** The lowercase hex SHA-256 of the file's content, read in chunks, never loaded whole. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        try (FileChannel in = FileChannel.open(file)) {
            boolean more = true;
            while (more) {
                more = ChannelIo.fill(in, buffer.clear());
                digest.update(buffer.flip());
            }
        }
        return hex(digest.digest());
    }

    /** The lowercase hex SHA-256 of everything left in {@code in}; does not close it. */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return hex(digest.digest());
    }

    /** Lowercase hex of {@code bytes}, two digits per byte. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
