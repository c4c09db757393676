package org.suptools.tr50;

import java.util.Arrays;
import java.util.Optional;

/** The severity of a {@code log.publish} message, with its number on the wire. */
public enum LogLevel {
    ERROR(0),
    WARNING(1),
    INFO(2);

    private final int code;

    LogLevel(int code) {
        this.code = code;
    }

    /** The number TR50 uses: 0 error, 1 warning, 2 info. */
    public int code() {
        return code;
    }

    public static Optional<LogLevel> ofCode(int code) {
        return Arrays.stream(values()).filter(level -> level.code == code).findFirst();
    }
}
