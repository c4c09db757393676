package org.suptools.installer.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the installer leaves its reports for one gateway: confirmation.json, the audit log and the
 * TR50 reply in the logs directory, and a copy of each install's reply in the state directory's
 * {@code replies/} until an agent has sent it. Both directories come from the gateway config:
 * {@code logsDir}, else {@code logs} in the runtime home; {@code stateDir}, else a sibling of the
 * runtime home named {@code <runtime home>.sup-state}; relative paths from the config file's folder.
 */
public record ReportFiles(Path logsDir, Path stateDir) {

    public static final String CONFIRMATION = "confirmation.json";
    public static final String AUDIT_LOG = "audit.log";
    public static final String TR50_REPLY = "tr50-reply.json";
    /** The folder of the state directory where replies wait for an agent, one file per install. */
    public static final String REPLIES = "replies";
    public static final String DEFAULT_LOGS_DIR = "logs";
    public static final String STATE_DIR_SUFFIX = ".sup-state";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new JsonMapper();

    public ReportFiles {
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(stateDir, "stateDir");
    }

    /** The directories a config names, from its runtime home and the optional fields. */
    public static ReportFiles of(Path runtimeHome, Optional<Path> logsDir, Optional<Path> stateDir) {
        return new ReportFiles(logsDir.orElseGet(() -> runtimeHome.resolve(DEFAULT_LOGS_DIR)),
                stateDir.orElseGet(() -> runtimeHome.resolveSibling(runtimeHome.getFileName() + STATE_DIR_SUFFIX)));
    }

    /**
     * Reads only {@code runtimeHome}, {@code logsDir} and {@code stateDir} of a gateway config
     * (YAML, or JSON when the name ends in {@code .json}); the installer checks the rest.
     *
     * @throws IOException when the file cannot be read or names no runtime home
     */
    public static ReportFiles forConfig(Path configFile) throws IOException {
        JsonNode root;
        try {
            root = (configFile.toString().endsWith(".json") ? JSON : YAML).readTree(Files.readAllBytes(configFile));
        } catch (IOException e) {
            throw new IOException(configFile + ": cannot be read as a gateway config (" + e.getMessage() + ")", e);
        }
        Path base = configFile.toAbsolutePath().getParent();
        Optional<Path> runtimeHome = path(configFile, base, root, "runtimeHome");
        if (runtimeHome.isEmpty()) {
            throw new IOException(configFile + ": runtimeHome: is required");
        }
        return of(runtimeHome.get(), path(configFile, base, root, "logsDir"), path(configFile, base, root, "stateDir"));
    }

    private static Optional<Path> path(Path configFile, Path base, JsonNode root, String field) throws IOException {
        JsonNode value = root == null ? null : root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IOException(configFile + ": " + field + ": must be a path");
        }
        try {
            return Optional.of(base.resolve(value.asText()).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new IOException(configFile + ": " + field + ": '" + value.asText() + "' is not a valid path", e);
        }
    }

    public Path confirmation() {
        return logsDir.resolve(CONFIRMATION);
    }

    public Path auditLog() {
        return logsDir.resolve(AUDIT_LOG);
    }

    /** The TR50 reply of the latest install. */
    public Path tr50Reply() {
        return logsDir.resolve(TR50_REPLY);
    }

    public Path replies() {
        return stateDir.resolve(REPLIES);
    }

    /** The reply of one install, kept until it is sent. */
    public Path reply(String installId) {
        return replies().resolve(installId + ".json");
    }
}
