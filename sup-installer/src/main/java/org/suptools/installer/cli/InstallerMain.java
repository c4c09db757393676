package org.suptools.installer.cli;

import java.util.List;
import org.suptools.commandline.SubcommandChoice;
import picocli.CommandLine;

/** The entry point of the {@code sup-installer} process. */
public final class InstallerMain {

    /** The subcommands, in the order the usage help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(InstallCommand.class, RecoverCommand.class,
            StatusCommand.class, HistoryCommand.class, CheckConfigCommand.class, CommandLine.HelpCommand.class);

    private InstallerMain() {
    }

    public static void main(String[] args) {
        List<Class<?>> needed = SubcommandChoice.of(SUBCOMMANDS, args);
        if (needed.equals(List.of(InstallCommand.class))) {
            InstallWarmUp.start();
        }
        System.exit(commandLine(needed).execute(args));
    }

    /** The configured command line with every subcommand: what tests run in-process. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine line = new CommandLine(new InstallerCommand());
        subcommands.forEach(line::addSubcommand);
        return line.setExecutionExceptionHandler(new InstallerErrorHandler())
                .setUsageHelpAutoWidth(true);
    }
}
