package org.suptools.cli;

import java.util.List;
import org.suptools.commandline.SubcommandChoice;
import picocli.CommandLine;

/** The entry point of the {@code sup} command. */
public final class SupMain {

    private SupMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(SubcommandChoice.of(SupCommand.SUBCOMMANDS, args)).execute(args));
    }

    /** The configured command line with every subcommand: what tests run in-process, and what completion describes. */
    public static CommandLine commandLine() {
        return commandLine(SupCommand.SUBCOMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine line = new CommandLine(new SupCommand());
        subcommands.forEach(line::addSubcommand);
        return line.setExecutionExceptionHandler(new SupErrorHandler())
                .setParameterExceptionHandler(new SupUsageErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
