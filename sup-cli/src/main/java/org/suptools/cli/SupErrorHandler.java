package org.suptools.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into its exit code and a short message on stderr:
 * {@code sup: <file>: <field>: <message>}. The stack trace follows only with {@code --verbose}.
 */
public final class SupErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        ErrorReport report = ErrorReport.of(failure);
        PrintWriter err = commandLine.getErr();
        for (String line : report.lines()) {
            err.println(commandLine.getColorScheme().errorText("sup: " + line));
        }
        if (verbose(parseResult)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return report.exitCode();
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
