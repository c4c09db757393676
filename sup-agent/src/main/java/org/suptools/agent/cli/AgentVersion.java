package org.suptools.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest. */
final class AgentVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sup-agent " + (version == null ? "(development build)" : version)};
    }
}
