package org.suptools.installer.exec;

import java.util.Optional;

/** How an action that succeeded went: a short message, and for commands the exit code and output tail. */
public record ActionResult(String message, Optional<Integer> exitCode, Optional<String> outputTail) {

    public ActionResult {
        message = message == null ? "" : message;
        exitCode = exitCode == null ? Optional.empty() : exitCode;
        outputTail = outputTail == null ? Optional.empty() : outputTail;
    }

    public static ActionResult of(String message) {
        return new ActionResult(message, Optional.empty(), Optional.empty());
    }

    public static ActionResult ofCommand(String message, int exitCode, String outputTail) {
        return new ActionResult(message, Optional.of(exitCode), Optional.ofNullable(outputTail));
    }
}
