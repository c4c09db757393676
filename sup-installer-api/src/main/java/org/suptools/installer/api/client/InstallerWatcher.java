package org.suptools.installer.api.client;

import org.suptools.installer.api.event.InstallEventHandler;

/** Follows a running installer: every line of its standard output, and each event by kind. */
public interface InstallerWatcher extends InstallEventHandler {

    /** A line as the installer wrote it, event or not; told before the event it holds. */
    default void line(String line) {
    }

    /**
     * A line that holds no event this version knows, told after {@link #line}: plain text (such as
     * the output of a runtime the installer started, which shares its standard output) or an event
     * of a newer installer.
     */
    default void otherLine(String line) {
    }
}
