package org.suptools.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A wrong command line: one line saying what is wrong, suggestions for a mistyped option or
 * command, and where to find the help; exit 2. The full usage text would bury the error in a CI log.
 */
public final class SupUsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("sup: " + failure.getMessage()));
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
