package org.suptools.samples.sandbox;

import picocli.CommandLine;

/** The entry point of the {@code sup-sandbox} process (see {@link SandboxCommand}). */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: what {@link #main} runs, and what tests run in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new SandboxCommand())
                .setExecutionExceptionHandler(new SandboxErrorHandler())
                .setUsageHelpAutoWidth(true);
    }
}
