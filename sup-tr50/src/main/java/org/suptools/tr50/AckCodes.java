package org.suptools.tr50;

import java.util.Map;

/**
 * The {@code errorCode}s a device puts in a {@link MailboxAck}, as the open-source device-cloud
 * Python agent numbers them. Any int is a valid code: an installer or agent may use its own (the
 * installer's are the -901xx codes documented with its reports).
 */
public final class AckCodes {

    public static final int SUCCESS = 0;
    public static final int BAD_PARAMETER = 2;
    public static final int NOT_FOUND = 12;
    public static final int TIMED_OUT = 16;
    public static final int TRY_AGAIN = 17;
    public static final int NOT_SUPPORTED = 18;
    public static final int FAILURE = 19;

    private static final Map<Integer, String> NAMES = Map.of(
            SUCCESS, "success",
            BAD_PARAMETER, "bad parameter",
            NOT_FOUND, "not found",
            TIMED_OUT, "timed out",
            TRY_AGAIN, "try again",
            NOT_SUPPORTED, "not supported",
            FAILURE, "failure");

    private AckCodes() {
    }

    /** The code's meaning for a log line: {@code "not found"}, or {@code "code -90110"} for one not listed here. */
    public static String describe(int code) {
        return NAMES.getOrDefault(code, "code " + code);
    }
}
