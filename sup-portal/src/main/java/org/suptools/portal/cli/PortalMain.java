package org.suptools.portal.cli;

import java.util.List;
import org.suptools.commandline.SubcommandChoice;
import picocli.CommandLine;

/** The entry point of {@code sup-portal}. */
public final class PortalMain {

    private PortalMain() {
    }

    public static void main(String[] args) {
        // One line per log record, on stderr.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(commandLine(SubcommandChoice.of(PortalCommand.SUBCOMMANDS, args)).execute(args));
    }

    /** The configured command line with every subcommand: what tests run in-process. */
    public static CommandLine commandLine() {
        return commandLine(PortalCommand.SUBCOMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine line = new CommandLine(new PortalCommand());
        subcommands.forEach(line::addSubcommand);
        return line.setExecutionExceptionHandler(new PortalErrorHandler()).setUsageHelpAutoWidth(true);
    }
}
