package org.suptools.installer.api.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.event.PackageInfo;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.api.json.ContractJson;

/**
 * {@code confirmation.json} in the logs directory: the record of one install, rewritten
 * atomically after every action. docs/reference/reports.md describes every field. {@code errorCode} is the
 * TR50 code (0 when it succeeded); {@code recovery} says when a later run completed or undid an
 * install that was interrupted.
 */
@JsonPropertyOrder({"formatVersion", "installId", "package", "request", "startedAt", "completedAt", "status",
    "errorCode", "error", "errorMessage", "recovery", "rebootRequired", "actions"})
public record Confirmation(
        int formatVersion,
        String installId,
        @JsonProperty("package") PackageInfo pkg,
        RequestInfo request,
        Instant startedAt,
        Optional<Instant> completedAt,
        InstallStatus status,
        int errorCode,
        Optional<InstallError> error,
        String errorMessage,
        Optional<String> recovery,
        boolean rebootRequired,
        List<ActionRecord> actions) {

    public static final int FORMAT_VERSION = 1;
    public static final String ROLLED_BACK_AFTER_INTERRUPTION = "rolled back after interruption";
    public static final String COMPLETED_AFTER_INTERRUPTION = "completed after interruption";

    public Confirmation {
        completedAt = completedAt == null ? Optional.empty() : completedAt;
        error = error == null ? Optional.empty() : error;
        errorMessage = errorMessage == null ? "" : errorMessage;
        recovery = recovery == null ? Optional.empty() : recovery;
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public Confirmation withActions(List<ActionRecord> newActions) {
        return new Confirmation(formatVersion, installId, pkg, request, startedAt, completedAt, status, errorCode, error,
                errorMessage, recovery, rebootRequired, newActions);
    }

    public Confirmation withPackage(PackageInfo newPackage) {
        return new Confirmation(formatVersion, installId, newPackage, request, startedAt, completedAt, status, errorCode,
                error, errorMessage, recovery, rebootRequired, actions);
    }

    public Confirmation finished(Instant at, InstallStatus newStatus, Optional<InstallError> newError, String message,
            boolean reboot, Optional<String> newRecovery) {
        return new Confirmation(formatVersion, installId, pkg, request, startedAt, Optional.of(at), newStatus,
                newError.map(InstallError::code).orElse(0), newError, message, newRecovery, reboot, actions);
    }

    /** The file as the installer writes it: indented JSON ending with a newline. */
    public byte[] toBytes() {
        return ContractJson.pretty(this);
    }

    public static Confirmation read(Path file) throws IOException {
        return ContractJson.mapper().readValue(Files.readAllBytes(file), Confirmation.class);
    }
}
