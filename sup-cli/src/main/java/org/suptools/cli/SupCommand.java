package org.suptools.cli;

import java.util.List;
import org.suptools.cli.commands.BuildCommand;
import org.suptools.cli.commands.CompletionCommand;
import org.suptools.cli.commands.DemoCommand;
import org.suptools.cli.commands.DiffCommand;
import org.suptools.cli.commands.ExtractCommand;
import org.suptools.cli.commands.InitCommand;
import org.suptools.cli.commands.InspectCommand;
import org.suptools.cli.commands.KeygenCommand;
import org.suptools.cli.commands.PlanCommand;
import org.suptools.cli.commands.SignCommand;
import org.suptools.cli.commands.ValidateCommand;
import org.suptools.cli.commands.VerifyCommand;
import picocli.CommandLine.Command;

/**
 * {@code sup}: only lists the subcommands; each one is its own class. The list is not in the
 * annotation, where picocli would build every subcommand's model at every start: {@link SupMain}
 * gives a run only the one it names.
 */
@Command(name = "sup",
        mixinStandardHelpOptions = true,
        versionProvider = SupVersion.class,
        description = "Author, build, sign and check software update packages (.sup).",
        footerHeading = "%n",
        footer = "Run 'sup COMMAND --help' for the options of a command. The user guide and the reference: docs/README.md.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_INVALID, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNTRUSTED,
            ExitCodes.HELP_EXPIRED, ExitCodes.HELP_IO, ExitCodes.HELP_INTERNAL})
public final class SupCommand {

    /** The subcommands, in the order the usage help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, ValidateCommand.class, BuildCommand.class,
            SignCommand.class, VerifyCommand.class, InspectCommand.class, ExtractCommand.class, KeygenCommand.class,
            DiffCommand.class, PlanCommand.class, CompletionCommand.class, DemoCommand.class);
}
