package org.suptools.installer.cli;

import java.io.PrintWriter;
import org.suptools.installer.api.ExitCode;
import org.suptools.model.gateway.ConfigException;
import org.suptools.model.problem.FileReasons;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into an exit code and a short message on stderr: a
 * bad gateway config is a usage error (2); anything else is 1, or 4 when it left an install
 * journal in progress (the command says so). The stack trace follows only with {@code --verbose}.
 */
public final class InstallerErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exit;
        if (failure instanceof ConfigException config) {
            config.getMessage().lines().forEach(line -> err.println("sup-installer: " + line));
            exit = ExitCode.USAGE.code();
        } else if (failure instanceof ExitException exitException) {
            err.println("sup-installer: " + exitException.getMessage());
            exit = exitException.exitCode().code();
        } else {
            err.println("sup-installer: error: "
                    + FileReasons.oneLine(failure, "an unexpected error; --verbose shows the details"));
            exit = ExitCode.FAILED.code();
        }
        if (verbose(parseResult)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
