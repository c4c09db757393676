package org.suptools.agent.cli;

import picocli.CommandLine.Command;

/** {@code sup-agent}: only lists its subcommands. */
@Command(name = "sup-agent", mixinStandardHelpOptions = true, versionProvider = AgentVersion.class,
        header = "The gateway agent: answers the portal's campaigns, and checks for releases itself, with the "
                + "installer's results.",
        subcommands = {RunCommand.class, OnceCommand.class, StatusCommand.class, ScheduleCommand.class,
            CheckCommand.class, DownloadCommand.class, InstallCommand.class, CampaignCheckCommand.class,
            CampaignAcceptCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed: the broker could not be reached, or the state could not be read",
            "2:usage: bad command line or agent config"})
final class AgentCommand {
}
