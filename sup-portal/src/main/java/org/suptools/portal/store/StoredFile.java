package org.suptools.portal.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A file the portal serves: a Developer File, or one of a thing's own files.
 *
 * @param name its name, such as {@code acme-config.sup}
 * @param size its size in bytes
 * @param crc32 the IEEE CRC-32 of its bytes, what {@code file.get} answers
 * @param blob the name of the stored bytes under the files directory; a new upload writes a new blob,
 *     so a download already running keeps reading the bytes its file id was issued for
 * @param uploadedOn when it was uploaded
 */
public record StoredFile(String name, long size, long crc32, String blob, Instant uploadedOn) {

    public StoredFile {
        Names.fileName("name", name);
        if (size < 0) {
            throw new IllegalArgumentException("size: must be 0 or more, was " + size);
        }
        if (crc32 < 0 || crc32 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("crc32: must be an unsigned 32-bit value, was " + crc32);
        }
        Names.fileName("blob", blob);
        Objects.requireNonNull(uploadedOn, "uploadedOn");
    }

    /** Whether it can be chosen for a campaign's {@code gateway.sup.update}. */
    public boolean isSup() {
        return name.endsWith(".sup") && name.length() > ".sup".length();
    }
}
