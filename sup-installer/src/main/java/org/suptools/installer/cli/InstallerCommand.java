package org.suptools.installer.cli;

import picocli.CommandLine.Command;

/** The root command: it only lists the subcommands and the exit codes (those of {@link org.suptools.installer.api.ExitCode}). */
@Command(name = "sup-installer",
        mixinStandardHelpOptions = true,
        versionProvider = InstallerVersion.class,
        description = "Applies software update packages (.sup) on this gateway: verified, transactional, crash-safe.",
        subcommands = {
            InstallCommand.class,
            RecoverCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            CheckConfigCommand.class,
            picocli.CommandLine.HelpCommand.class
        },
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {ExitCodeHelp.SUCCEEDED, ExitCodeHelp.FAILED, ExitCodeHelp.USAGE, ExitCodeHelp.REFUSED,
            ExitCodeHelp.ROLLBACK_INCOMPLETE, ExitCodeHelp.BUSY},
        footerHeading = "%n",
        footer = "Run 'sup-installer COMMAND --help' for the options of a command.")
public final class InstallerCommand {
}
