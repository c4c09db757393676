package org.suptools.installer.event;

/** Told of every install event, in order, on the installer's thread. */
@FunctionalInterface
public interface InstallListener {

    void on(InstallEvent event);
}
