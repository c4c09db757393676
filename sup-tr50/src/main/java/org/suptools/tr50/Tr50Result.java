package org.suptools.tr50;

import java.util.List;

/**
 * The portal's answer to one command: {@code {"success": true, "params": {...}}} or
 * {@code {"success": false, "errorCodes": [...], "errorMessages": [...]}}.
 */
public sealed interface Tr50Result permits Tr50Result.Success, Tr50Result.Failure {

    boolean succeeded();

    static Success success() {
        return new Success(Params.empty());
    }

    static Success success(Params params) {
        return new Success(params);
    }

    static Failure failure(int errorCode, String errorMessage) {
        return new Failure(List.of(errorCode), List.of(errorMessage));
    }

    /**
     * The command succeeded.
     *
     * @param params what it returned, read with {@link MailboxCheckResult#read} or
     *     {@link FileGetResult#read}; empty ones are not written
     */
    record Success(Params params) implements Tr50Result {

        public Success {
            Checks.present("params", params);
        }

        @Override
        public boolean succeeded() {
            return true;
        }
    }

    /**
     * The command failed. The portal sends codes and messages side by side; either list may be
     * empty or shorter than the other.
     *
     * @param errorCodes such as {@link PortalErrorCodes#FILE_NOT_FOUND}
     * @param errorMessages such as {@code SUP 'acme.sup' not found.}
     */
    record Failure(List<Integer> errorCodes, List<String> errorMessages) implements Tr50Result {

        public Failure {
            errorCodes = Checks.list("errorCodes", errorCodes);
            errorMessages = Checks.list("errorMessages", errorMessages);
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        public boolean hasCode(int code) {
            return errorCodes.contains(code);
        }

        /** One line for a log: {@code -90008 SUP 'acme.sup' not found.}, codes and messages paired. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < Math.max(errorCodes.size(), errorMessages.size()); i++) {
                if (i > 0) {
                    text.append("; ");
                }
                if (i < errorCodes.size()) {
                    text.append(errorCodes.get(i));
                }
                if (i < errorMessages.size()) {
                    text.append(i < errorCodes.size() ? " " : "").append(errorMessages.get(i));
                }
            }
            return text.length() == 0 ? "failed without a code or message" : text.toString();
        }
    }
}
