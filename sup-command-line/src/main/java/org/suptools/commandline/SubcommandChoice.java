package org.suptools.commandline;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Which subcommands a run needs: only the one its first argument names, or all of them. picocli
 * builds the model of every subcommand it is given, from their annotations, before it parses a
 * thing; for one subcommand that is most of the command line's start-up.
 */
public final class SubcommandChoice {

    private SubcommandChoice() {
    }

    /**
     * The subcommand named by {@code args[0]} alone, or all of {@code subcommands} when the first
     * argument names none of them (an option, a typo, nothing) or names the help command, which
     * describes the others.
     */
    public static List<Class<?>> of(List<Class<?>> subcommands, String[] args) {
        if (args.length == 0) {
            return subcommands;
        }
        for (Class<?> subcommand : subcommands) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command != null && command.name().equals(args[0]) && !command.helpCommand()) {
                return List.of(subcommand);
            }
        }
        return subcommands;
    }
}
