package org.suptools.installer.cli;

import picocli.CommandLine;

/** The entry point of the {@code sup-installer} process. */
public final class InstallerMain {

    private InstallerMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: what {@link #main} runs, and what tests run in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new InstallerCommand())
                .setExecutionExceptionHandler(new InstallerErrorHandler())
                .setUsageHelpAutoWidth(true);
    }
}
