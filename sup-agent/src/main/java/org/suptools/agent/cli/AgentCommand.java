package org.suptools.agent.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code sup-agent}: only lists its subcommands, in a constant rather than its annotation, where
 * picocli would build every subcommand's model at every start: {@link AgentMain} gives a run only
 * the one it names.
 */
@Command(name = "sup-agent", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        header = "The gateway agent: answers the portal's campaigns, and checks for releases itself, with the "
                + "installer's results.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed: the broker could not be reached, or the state could not be read",
            "2:usage: bad command line or agent config"})
final class AgentCommand {

    /** The subcommands, in the order the usage help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, OnceCommand.class, StatusCommand.class,
            ScheduleCommand.class, CheckCommand.class, DownloadCommand.class, InstallCommand.class,
            CampaignCheckCommand.class, CampaignAcceptCommand.class);
}
