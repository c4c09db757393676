package org.suptools.installer.install;

import java.util.ArrayList;
import java.util.List;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.event.InstallListener;

/** Hands every event to every listener, in the order they were added; a listener that throws is skipped. */
final class EventBus implements InstallListener {

    private final List<InstallListener> listeners = new ArrayList<>();

    EventBus add(InstallListener listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public void on(InstallEvent event) {
        for (InstallListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                // A progress view that fails must not fail the install; the confirmation listener never throws.
            }
        }
    }
}
