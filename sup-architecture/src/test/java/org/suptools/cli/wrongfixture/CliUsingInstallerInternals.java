package org.suptools.cli.wrongfixture;

import org.suptools.installer.install.Installer;

/** Deliberately wrong (a fixture, never shipped): a caller using the installer's internals, not its contract. */
public final class CliUsingInstallerInternals {

    public Class<?> installer() {
        return Installer.class;
    }
}
