package org.suptools.installer.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or {@code development} when run from classes. */
public final class InstallerVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = InstallerVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sup-installer " + (version == null ? "development" : version)};
    }
}
