package org.suptools.installer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Why an install did not succeed, with its stable TR50 {@code errorCode} (sent in
 * {@code mailbox.ack}, written in confirmation.json) and the exit code it leads to. The codes are
 * a documented contract (docs/reference/reports.md); new ones are added, existing ones never change.
 */
public enum InstallError {
    VERIFICATION_FAILED(-90100, "verification-failed", ExitCode.REFUSED),
    UNTRUSTED(-90101, "untrusted", ExitCode.REFUSED),
    EXPIRED(-90102, "expired", ExitCode.REFUSED),
    TARGET_MISMATCH(-90103, "target-mismatch", ExitCode.REFUSED),
    DOWNGRADE(-90104, "downgrade", ExitCode.REFUSED),
    PLAN_REFUSED(-90105, "plan-refused", ExitCode.REFUSED),
    REQUIREMENT_NOT_MET(-90106, "requirement-not-met", ExitCode.REFUSED),
    PACKAGE_NOT_FOUND(-90107, "package-not-found", ExitCode.REFUSED),
    GATEWAY_NEEDS_ATTENTION(-90108, "gateway-needs-attention", ExitCode.ROLLBACK_INCOMPLETE),
    ACTION_FAILED(-90110, "action-failed", ExitCode.FAILED),
    ROLLBACK_INCOMPLETE(-90111, "rollback-incomplete", ExitCode.ROLLBACK_INCOMPLETE),
    STOPPED_ON_FAILURE(-90112, "stopped-on-failure", ExitCode.FAILED),
    INTERRUPTED(-90113, "interrupted", ExitCode.FAILED),
    BUSY(-90120, "busy", ExitCode.BUSY),
    INTERNAL(-90199, "internal-error", ExitCode.FAILED);

    private final int code;
    private final String text;
    private final ExitCode exitCode;

    InstallError(int code, String text, ExitCode exitCode) {
        this.code = code;
        this.text = text;
        this.exitCode = exitCode;
    }

    /** The TR50 errorCode. */
    public int code() {
        return code;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @JsonCreator
    public static InstallError fromText(String text) {
        return Arrays.stream(values()).filter(e -> e.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown install error '" + text + "'"));
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
