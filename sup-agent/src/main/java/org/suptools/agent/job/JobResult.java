package org.suptools.agent.job;

import java.util.Objects;

/**
 * What the mailbox.ack of a message says: {@code errorCode} 0 on success, the installer's, the
 * portal's or the agent's code otherwise, and the message.
 */
public record JobResult(boolean succeeded, int errorCode, String errorMessage) {

    public JobResult {
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    public static JobResult success(String message) {
        return new JobResult(true, 0, message);
    }

    public static JobResult failure(int errorCode, String errorMessage) {
        return new JobResult(false, errorCode, errorMessage);
    }

    /** {@code success} or {@code failure -90110 action 2/5 ... failed}. */
    public String describe() {
        return succeeded ? "success" + (errorMessage.isEmpty() ? "" : ": " + errorMessage)
                : "failure " + errorCode + " " + errorMessage;
    }
}
