package org.suptools.portal.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class PortalVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PortalVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sup-portal " + (version == null ? "development" : version)};
    }
}
