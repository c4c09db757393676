package org.suptools.portal.files;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Faults the portal injects for tests of its clients; none is on unless asked for with {@code --fault}.
 */
public enum Fault {
    /** Drops the thing's MQTT connection right after it handles the thing's first {@code mailbox.ack},
     *  before replying (embedded broker; on an external broker the reply is dropped): the ack is recorded,
     *  the gateway never hears so, and its resend meets "already completed". */
    DROP_CONNECTION,
    /** Each file's first download stops half way, the connection closed, although the full length was announced. */
    TRUNCATE_DOWNLOAD,
    /** Every download has one byte flipped in the middle of the file: the size is right, the CRC-32 is not. */
    CORRUPT_DOWNLOAD,
    /** Each file's first download has the byte in the middle of the file flipped, the later ones none: a
     *  faulty link rather than a faulty file. */
    DAMAGE_FIRST_DOWNLOAD,
    /** Downloads are throttled to {@code --slow-rate} bytes a second. */
    SLOW_DOWNLOAD;

    /** The fault's name on the command line, such as {@code truncate-download}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException listing the known faults when the name is none of them */
    public static Fault of(String name) {
        for (Fault fault : values()) {
            if (fault.optionName().equals(name)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("--fault: unknown fault '" + name + "'; known: "
                + Arrays.stream(values()).map(Fault::optionName).collect(Collectors.joining(", ")));
    }
}
