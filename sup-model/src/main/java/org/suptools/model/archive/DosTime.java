package org.suptools.model.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The MS-DOS date and time fields of a ZIP header, holding the UTC date and time of an instant.
 * ZIP stores no time zone; taking UTC, and never the builder's zone, keeps archives identical
 * wherever they are built. Odd seconds round down, as the format has two-second resolution.
 *
 * @param time hour, minute and second / 2, packed as ZIP's 16-bit time field
 * @param date year - 1980, month and day, packed as ZIP's 16-bit date field
 */
record DosTime(int time, int date) {

    /** The time fields of the local header at {@code offset} in {@code archive}, as they are. */
    static DosTime ofHeader(Path archive, long offset) throws IOException {
        ByteBuffer fields = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            while (fields.hasRemaining()) {
                if (channel.read(fields, offset + 10 + fields.position()) < 0) {
                    throw new IOException(archive + ": the local header at " + offset + " is cut short");
                }
            }
        }
        fields.flip();
        return new DosTime(Short.toUnsignedInt(fields.getShort()), Short.toUnsignedInt(fields.getShort()));
    }

    static DosTime of(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (utc.getYear() < 1980 || utc.getYear() > 2107) {
            throw new IllegalArgumentException("timestamp: " + instant + " cannot be stored as an MS-DOS date");
        }
        int time = utc.getHour() << 11 | utc.getMinute() << 5 | utc.getSecond() / 2;
        int date = (utc.getYear() - 1980) << 9 | utc.getMonthValue() << 5 | utc.getDayOfMonth();
        return new DosTime(time, date);
    }
}
