package org.suptools.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.model.problem.Problem;

/** Checks the {@code manage} section of an agent config, adding one problem per wrong field. */
final class ManageConfigReader {

    static final String DEFAULT_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 7443;
    static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;
    /** Shorter tokens can be guessed; 32 random hex digits are 128 bits. */
    static final int MIN_TOKEN_CHARS = 16;
    private static final long MAX_TOKEN_BYTES = 4096;

    /** The section as written. */
    record RawManage(Boolean enabled, String address, Integer port, String token, String tokenFile,
            String clientCaFile, Long maxUploadBytes) {
    }

    private ManageConfigReader() {
    }

    static Optional<ManageConfig> read(RawManage raw, Path base, List<Problem> problems) {
        if (raw == null || raw.enabled() == null || !raw.enabled()) {
            return Optional.empty();
        }
        int before = problems.size();
        String address = raw.address() == null ? DEFAULT_ADDRESS : raw.address().strip();
        if (address.isEmpty()) {
            problems.add(Problem.error("manage.address", "must not be empty (127.0.0.1 keeps it on this machine)"));
        }
        int port = raw.port() == null ? DEFAULT_PORT : raw.port();
        if (port < 0 || port > 65535) {
            problems.add(Problem.error("manage.port", "must be from 0 to 65535, was " + port));
        }
        Optional<String> token = token(raw, base, problems);
        Optional<Path> clientCa = Optional.empty();
        if (raw.clientCaFile() != null) {
            Path ca = path(base, raw.clientCaFile(), "manage.clientCaFile", problems);
            if (ca != null) {
                try {
                    CaTrust.trustOf(ca);
                    clientCa = Optional.of(ca);
                } catch (IOException e) {
                    problems.add(Problem.error("manage.clientCaFile",
                            String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")));
                }
            }
        }
        if (raw.token() == null && raw.tokenFile() == null && raw.clientCaFile() == null) {
            problems.add(Problem.error("manage.tokenFile", "is required when the endpoint is enabled (or manage.token,"
                    + " or manage.clientCaFile for client certificates): it is never open without authentication"));
        }
        long max = raw.maxUploadBytes() == null ? DEFAULT_MAX_UPLOAD_BYTES : raw.maxUploadBytes();
        if (max < 1) {
            problems.add(Problem.error("manage.maxUploadBytes", "must be at least 1, was " + max));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ManageConfig(address, port, token, clientCa, max));
    }

    private static Optional<String> token(RawManage raw, Path base, List<Problem> problems) {
        if (raw.token() != null && raw.tokenFile() != null) {
            problems.add(Problem.error("manage.tokenFile", "cannot be combined with manage.token: give one of them"));
            return Optional.empty();
        }
        String token;
        String field;
        if (raw.tokenFile() != null) {
            field = "manage.tokenFile";
            Path file = path(base, raw.tokenFile(), field, problems);
            if (file == null) {
                return Optional.empty();
            }
            try {
                if (Files.size(file) > MAX_TOKEN_BYTES) {
                    problems.add(Problem.error(field, "larger than " + MAX_TOKEN_BYTES + " bytes; not a token"));
                    return Optional.empty();
                }
                token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            } catch (IOException e) {
                problems.add(Problem.error(field, "cannot be read: " + file + " (" + e.getMessage() + ")"));
                return Optional.empty();
            }
        } else if (raw.token() != null) {
            field = "manage.token";
            token = raw.token().strip();
        } else {
            return Optional.empty();
        }
        if (token.length() < MIN_TOKEN_CHARS) {
            problems.add(Problem.error(field, "the token must be at least " + MIN_TOKEN_CHARS
                    + " characters (such as the output of: openssl rand -hex 16), was " + token.length()));
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private static Path path(Path base, String text, String field, List<Problem> problems) {
        if (text.isBlank()) {
            problems.add(Problem.error(field, "must not be empty"));
            return null;
        }
        try {
            Path path = base.resolve(text).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                problems.add(Problem.error(field, "no such file: " + path));
                return null;
            }
            return path;
        } catch (InvalidPathException e) {
            problems.add(Problem.error(field, "'" + text + "' is not a valid path"));
            return null;
        }
    }
}
