package org.suptools.installer.event;

import java.io.PrintWriter;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.InstallEvents;

/**
 * The {@code --events} stream: one JSON object per line on standard output, as {@link
 * InstallEvents} writes them, flushed at once so a caller sees each event when it happens.
 */
public final class EventJson implements InstallListener {

    private final PrintWriter out;

    public EventJson(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(InstallEvent event) {
        out.println(InstallEvents.line(event));
        out.flush();
    }
}
