package org.suptools.installer.cli;

import picocli.CommandLine.Command;

/** The root command: it only lists the subcommands and the exit codes (those of {@link org.suptools.installer.ExitCode}). */
@Command(name = "sup-installer",
        mixinStandardHelpOptions = true,
        versionProvider = InstallerVersion.class,
        description = "Applies software update packages (.sup) on this gateway: verified, transactional, crash-safe.",
        subcommands = {
            InstallCommand.class,
            RecoverCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            SandboxCommand.class,
            picocli.CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:succeeded",
            "1:failed; rolled back (or stopped there, with failure policy stop)",
            "2:usage: bad command line or gateway configuration",
            "3:refused before any change (invalid, untrusted, expired, not for this gateway, plan refused)",
            "4:rollback incomplete: the gateway needs attention (run recover once fixed)",
            "5:busy: another installer holds the lock; nothing was touched"
        })
public final class InstallerCommand {
}
