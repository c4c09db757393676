package org.suptools.agent.cli;

import java.util.List;
import org.suptools.commandline.SubcommandChoice;
import picocli.CommandLine;

/** The entry point of the {@code sup-agent} process. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(SubcommandChoice.of(AgentCommand.SUBCOMMANDS, args)).execute(args));
    }

    /** The configured command line with every subcommand: what tests run in-process. */
    public static CommandLine commandLine() {
        return commandLine(AgentCommand.SUBCOMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine line = new CommandLine(new AgentCommand());
        subcommands.forEach(line::addSubcommand);
        return line.setExecutionExceptionHandler(new AgentErrorHandler()).setUsageHelpAutoWidth(true);
    }
}
