package org.suptools.installer.fs;

import java.io.PrintStream;

/**
 * A test-only hook for the crash-safety tests, which kill the real installer process at chosen
 * points. When the environment variable {@value #VARIABLE} names a point the installer reaches
 * (such as {@code before-journal:7}, {@code journal:7}, {@code copy:33554432} or
 * {@code stage:33554432}), it prints
 * {@code SUP-TEST-PAUSED <point>} on standard error and sleeps until it is killed. Unset, as on
 * every gateway, it does nothing.
 */
public final class TestPause {

    public static final String VARIABLE = "SUP_INSTALLER_TEST_PAUSE_AT";
    public static final String MARKER = "SUP-TEST-PAUSED";

    private static final String POINT = System.getenv(VARIABLE);
    private static long copied;
    private static boolean copyPaused;
    private static long staged;
    private static boolean stagePaused;

    private TestPause() {
    }

    /** Pauses here if this is the point named. */
    public static void at(String point) {
        if (POINT != null && POINT.equals(point)) {
            pause(point);
        }
    }

    /**
     * Counts payload bytes this process put in place, copied or moved from the staging directory;
     * pauses once when {@code copy:N} is reached.
     */
    public static synchronized void copied(long bytes) {
        if (POINT == null || copyPaused || !POINT.startsWith("copy:")) {
            return;
        }
        copied += bytes;
        if (copied >= Long.parseLong(POINT.substring("copy:".length()))) {
            copyPaused = true;
            pause(POINT);
        }
    }

    /** Counts payload bytes written to the staging directory while verifying; pauses once at {@code stage:N}. */
    public static synchronized void staged(long bytes) {
        if (POINT == null || stagePaused || !POINT.startsWith("stage:")) {
            return;
        }
        staged += bytes;
        if (staged >= Long.parseLong(POINT.substring("stage:".length()))) {
            stagePaused = true;
            pause(POINT);
        }
    }

    public static boolean enabled() {
        return POINT != null;
    }

    /**
     * Waits to be killed. If the test that should kill it is gone, it ends itself after five
     * minutes the same way, without running anything more (exit code 99).
     */
    private static void pause(String point) {
        PrintStream err = System.err;
        err.println(MARKER + " " + point);
        err.flush();
        try {
            Thread.sleep(300_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(99);
    }
}
