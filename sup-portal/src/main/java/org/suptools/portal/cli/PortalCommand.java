package org.suptools.portal.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command: it only lists the subcommands, in a constant rather than its annotation, where
 * picocli would build every subcommand's model at every start: {@link PortalMain} gives a run only
 * the one it names.
 */
@Command(name = "sup-portal",
        mixinStandardHelpOptions = true,
        versionProvider = PortalVersion.class,
        description = "A portal emulator for trying campaigns without the real portal: things, Developer Files, "
                + "gateway.sup.update campaigns and the TR50 service, on an embedded MQTT broker or any other.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed", "2:usage: a bad option, or a name the portal does not have",
            "3:refused: a thing or file that a campaign not finished needs"},
        footerHeading = "%n",
        footer = "Run 'sup-portal COMMAND --help' for the options of a command.")
public final class PortalCommand {

    /** The subcommands, in the order the usage help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, ThingCommand.class, FileCommand.class,
            CampaignCommand.class, ReleaseCommand.class, OtaCommand.class, MosquittoConfigCommand.class,
            CommandLine.HelpCommand.class);
}
