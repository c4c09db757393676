package org.suptools.cli;

import picocli.CommandLine;

/** The entry point of the {@code sup} command. */
public final class SupMain {

    private SupMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: what {@link #main} runs, and what tests run in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new SupCommand())
                .setExecutionExceptionHandler(new SupErrorHandler())
                .setParameterExceptionHandler(new SupUsageErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
