package org.suptools.installer.cli;

import picocli.CommandLine.Command;

/** The root command: it lists the subcommands ({@link InstallerMain} adds them) and the exit codes (those of {@link org.suptools.installer.api.ExitCode}). */
@Command(name = "sup-installer",
        mixinStandardHelpOptions = true,
        versionProvider = InstallerVersion.class,
        description = "Applies software update packages (.sup) on this gateway: verified, transactional, crash-safe.",
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {ExitCodeHelp.SUCCEEDED, ExitCodeHelp.FAILED, ExitCodeHelp.USAGE, ExitCodeHelp.REFUSED,
            ExitCodeHelp.ROLLBACK_INCOMPLETE, ExitCodeHelp.BUSY},
        footerHeading = "%n",
        footer = "Run 'sup-installer COMMAND --help' for the options of a command.")
public final class InstallerCommand {
}
