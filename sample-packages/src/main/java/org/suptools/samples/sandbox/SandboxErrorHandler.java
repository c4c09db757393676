package org.suptools.samples.sandbox;

import java.io.PrintWriter;
import org.suptools.model.problem.FileReasons;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped the command into its exit code and one line on stderr: a {@link
 * SandboxException} carries its own code; anything else (an unreadable key, a file that cannot be
 * written) is a failure, 1.
 */
final class SandboxErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exit;
        if (failure instanceof SandboxException sandbox) {
            err.println("sup-sandbox: " + sandbox.getMessage());
            exit = sandbox.exitCode();
        } else {
            err.println("sup-sandbox: error: " + FileReasons.oneLine(failure, failure.getClass().getSimpleName()));
            exit = SandboxCommand.FAILED;
        }
        err.flush();
        return exit;
    }
}
