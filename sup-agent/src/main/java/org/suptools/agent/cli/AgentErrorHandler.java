package org.suptools.agent.cli;

import java.io.PrintWriter;
import org.suptools.agent.config.AgentConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * An exception that escaped a command becomes a short message on stderr and an exit code: a bad
 * config is a usage error (2), anything else 1. The stack trace follows only with {@code --verbose}.
 */
final class AgentErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exit;
        if (failure instanceof AgentConfigException config) {
            config.getMessage().lines().forEach(line -> err.println("sup-agent: " + line));
            exit = 2;
        } else {
            String message = failure.getMessage() == null || failure.getMessage().isBlank()
                    ? "an unexpected error; --verbose shows the details"
                    : failure.getMessage().replaceAll("\\s*\\R\\s*", " ");
            err.println("sup-agent: error: " + message);
            exit = 1;
        }
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                failure.printStackTrace(err);
                break;
            }
        }
        err.flush();
        return exit;
    }
}
