package org.suptools.portal.cli;

import java.io.PrintWriter;
import org.suptools.portal.store.RefusedException;
import org.suptools.portal.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * One line on stderr for a failed command: bad input (a value, a name the portal does not have) exits 2,
 * a change refused in the portal's present state (a thing or file a campaign not finished needs) 3,
 * anything else 1. The stack trace follows only with {@code SUP_PORTAL_STACKTRACE=1}.
 */
final class PortalErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage().replaceAll("\\s*\\R\\s*", " ");
        int exit = failure instanceof IllegalArgumentException ? 2 : failure instanceof RefusedException ? 3 : 1;
        err.println("sup-portal: " + (failure instanceof StoreException || exit == 2 ? "" : "error: ") + message);
        if ("1".equals(System.getenv("SUP_PORTAL_STACKTRACE"))) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exit;
    }
}
