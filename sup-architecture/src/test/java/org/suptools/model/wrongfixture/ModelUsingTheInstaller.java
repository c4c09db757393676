package org.suptools.model.wrongfixture;

import org.suptools.installer.api.InstallStatus;

/** Deliberately wrong (a fixture, never shipped): the model reaching up into a module built on it. */
public final class ModelUsingTheInstaller {

    public InstallStatus status() {
        return InstallStatus.SUCCEEDED;
    }
}
