package org.suptools.installer.event;

import org.suptools.installer.api.event.InstallEvent;

/** Told of every install event, in order, on the installer's thread. */
@FunctionalInterface
public interface InstallListener {

    void on(InstallEvent event);
}
