package org.suptools.portal.cli;

import picocli.CommandLine;

/** The entry point of {@code sup-portal}. */
public final class PortalMain {

    private PortalMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: what {@link #main} runs, and what tests run in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new PortalCommand())
                .setExecutionExceptionHandler(new PortalErrorHandler())
                .setUsageHelpAutoWidth(true);
    }
}
