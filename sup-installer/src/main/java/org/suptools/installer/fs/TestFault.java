package org.suptools.installer.fs;

import java.io.IOException;

/**
 * A test-only hook for the fault-injection tests, beside {@link TestPause}: when the environment
 * variable {@value #VARIABLE} names a point the installer reaches, the real code path fails there
 * the way the system would make it fail. Unset, as on every gateway, it does nothing.
 *
 * <ul>
 *   <li>{@code disk-full:N}: once this process has put N bytes of payload in place (copied, or
 *       moved from the staging directory), that step fails with {@code No space left on device},
 *       as a full file system makes {@code write} fail;</li>
 *   <li>{@code journal:N}: writing journal record N fails with an I/O error, and so does every
 *       later attempt (the record is never written, so the next one is N again), as on a disk
 *       that went bad.</li>
 * </ul>
 */
public final class TestFault {

    public static final String VARIABLE = "SUP_INSTALLER_TEST_FAULT_AT";

    private static final String POINT = System.getenv(VARIABLE);
    private static long copied;
    private static boolean diskFull;

    private TestFault() {
    }

    /** Fails with an I/O error if this is the journal record named. */
    public static void journal(int number) throws IOException {
        if (POINT != null && POINT.equals("journal:" + number)) {
            throw new IOException("injected fault: journal record " + number + " could not be written");
        }
    }

    /** Counts payload bytes copied; fails once {@code disk-full:N} is reached, and every copy after. */
    public static synchronized void copied(long bytes) throws IOException {
        if (POINT == null || !POINT.startsWith("disk-full:")) {
            return;
        }
        copied += bytes;
        if (diskFull || copied >= Long.parseLong(POINT.substring("disk-full:".length()))) {
            diskFull = true;
            throw new IOException("No space left on device");
        }
    }
}
