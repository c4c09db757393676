package org.suptools.cli.options;

import org.suptools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options every subcommand has. Mixing it in also gives the command the exit-code list in its
 * help (picocli copies a mixin's usage-help attributes to the command).
 */
@Command(exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_INVALID,
        ExitCodes.HELP_USAGE, ExitCodes.HELP_UNTRUSTED, ExitCodes.HELP_EXPIRED, ExitCodes.HELP_IO,
        ExitCodes.HELP_INTERNAL})
public final class CommonOptions {

    @Option(names = {"-v", "--verbose"}, description = "Show the stack trace of an error.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (and --json output); no progress bar.")
    private boolean quiet;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }
}
