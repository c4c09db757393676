package org.suptools.workbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.model.json.SupJson;

/**
 * Where a gateway's installer writes its reports, read from its gateway config file: the logs
 * directory ({@code logsDir}, or {@code logs} in the runtime home), relative paths taken from the
 * config file's directory. Only these two fields are read; the installer checks the rest.
 */
public final class GatewayLogs {

    public static final String CONFIRMATION = "confirmation.json";
    public static final String AUDIT_LOG = "audit.log";

    private GatewayLogs() {
    }

    /** The logs directory the config names, or empty when the file cannot say. */
    public static Optional<Path> logsDir(Path config) {
        try {
            JsonNode root = (config.toString().endsWith(".json") ? SupJson.json() : SupJson.yaml())
                    .readTree(Files.readAllBytes(config));
            Path base = config.toAbsolutePath().getParent();
            if (root.path("logsDir").isTextual()) {
                return Optional.of(base.resolve(root.get("logsDir").asText()).normalize());
            }
            if (root.path("runtimeHome").isTextual()) {
                return Optional.of(base.resolve(root.get("runtimeHome").asText()).resolve("logs").normalize());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The {@code installId} of a confirmation.json text, empty when it names none or is not JSON. */
    public static Optional<String> installId(String confirmation) {
        try {
            JsonNode id = SupJson.json().readTree(confirmation).path("installId");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The lines of a text file, none when it does not exist. */
    public static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return new ArrayList<>(List.of("(cannot read " + file + ": " + e.getMessage() + ")"));
        }
    }

    public static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
