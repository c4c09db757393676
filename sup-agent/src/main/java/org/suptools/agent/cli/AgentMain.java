package org.suptools.agent.cli;

import picocli.CommandLine;

/** The entry point of the {@code sup-agent} process. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: what {@link #main} runs, and what tests run in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand())
                .setExecutionExceptionHandler(new AgentErrorHandler())
                .setUsageHelpAutoWidth(true);
    }
}
