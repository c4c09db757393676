package org.suptools.installer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The overall status of an install, as confirmation.json and the history write it. */
public enum InstallStatus {
    IN_PROGRESS("in-progress"),
    SUCCEEDED("succeeded"),
    /** An action failed and the failure policy is stop: what was done stays. */
    FAILED("failed"),
    ROLLED_BACK("rolled-back"),
    ROLLBACK_INCOMPLETE("rollback-incomplete"),
    REFUSED("refused");

    private final String text;

    InstallStatus(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static InstallStatus fromText(String text) {
        return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown install status '" + text + "'"));
    }

    public ExitCode exitCode() {
        return switch (this) {
            case SUCCEEDED, IN_PROGRESS -> ExitCode.SUCCEEDED;
            case FAILED, ROLLED_BACK -> ExitCode.FAILED;
            case ROLLBACK_INCOMPLETE -> ExitCode.ROLLBACK_INCOMPLETE;
            case REFUSED -> ExitCode.REFUSED;
        };
    }
}
