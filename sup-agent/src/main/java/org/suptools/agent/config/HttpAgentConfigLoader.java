package org.suptools.agent.config;

import static org.suptools.agent.config.AgentConfigLoader.installer;
import static org.suptools.agent.config.AgentConfigLoader.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.suptools.model.action.Timeout;
import org.suptools.model.json.DocumentFiles;
import org.suptools.model.json.DocumentFiles.DocumentException;
import org.suptools.model.json.DocumentFiles.FieldByField;
import org.suptools.model.problem.Problem;

/**
 * Reads an agent config whose {@code backend} is {@code type: http} the way {@link AgentConfigLoader}
 * reads a TR50 one: every field checked, every problem reported at once, one line each naming the
 * file and the field; relative paths from the file's directory. The settings the backend sent
 * earlier ({@link BackendSettings}) are applied over the file's values.
 */
public final class HttpAgentConfigLoader {

    public static final Duration DEFAULT_CHECK_PERIOD = Duration.ofHours(3);
    private static final long MAX_TOKEN_BYTES = 4096;

    private HttpAgentConfigLoader() {
    }

    /** The file as written; every field optional here so that the checks can name what is missing. */
    record RawHttpConfig(RawBackend backend, String gatewayConfig, List<String> installer, String stateDir,
            String caFile, Timeout installTimeout, Integer downloadAttempts) {
    }

    /** {@code backend}: the seed's URLs, the device's id and credentials. */
    record RawBackend(String type, String versionUrl, String packageUrl, String notifyUrl, String deviceId,
            String user, String password, String passwordFile, String packageName, String checkPeriod,
            String checkJitter) {
    }

    /**
     * True when the config has a {@code backend} field: such a config is read here, and a TR50 config
     * never has one. A file that cannot be parsed is not: {@link AgentConfigLoader} then says why.
     */
    public static boolean declaresBackend(Path file) {
        ObjectMapper mapper = file.toString().endsWith(".json") ? new JsonMapper() : new YAMLMapper();
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode tree = mapper.readTree(in.readNBytes((int) AgentConfigLoader.MAX_BYTES + 1));
            return tree != null && tree.isObject() && tree.has("backend");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static HttpAgentConfig load(Path file) throws AgentConfigException {
        FieldByField<RawHttpConfig> read;
        try {
            read = DocumentFiles.readEachField(file, RawHttpConfig.class, AgentConfigLoader.MAX_BYTES,
                    AgentConfigLoader.KIND);
        } catch (DocumentException e) {
            throw new AgentConfigException(file, List.of(e.problem()));
        }
        List<Problem> problems = new ArrayList<>(read.problems());
        RawHttpConfig raw = read.value();
        Path base = file.toAbsolutePath().normalize().getParent();
        HttpBackendConfig backend = backend(raw.backend(), base, problems);
        Path gatewayConfig = null;
        if (raw.gatewayConfig() == null) {
            problems.add(Problem.error("gatewayConfig", "is required"));
        } else {
            gatewayConfig = path(base, raw.gatewayConfig(), "gatewayConfig", problems);
            if (gatewayConfig != null && !Files.isRegularFile(gatewayConfig)) {
                problems.add(Problem.error("gatewayConfig", "no such file: " + gatewayConfig));
            }
        }
        List<String> installer = installer(raw.installer(), base, problems);
        Path stateDir = path(base, raw.stateDir() == null ? AgentConfigLoader.DEFAULT_STATE_DIR : raw.stateDir(),
                "stateDir", problems);
        Optional<Path> caFile = Optional.ofNullable(raw.caFile()).map(p -> path(base, p, "caFile", problems));
        caFile.ifPresent(ca -> {
            if (!Files.isRegularFile(ca)) {
                problems.add(Problem.error("caFile", "no such file: " + ca));
                return;
            }
            try {
                CaTrust.trustOf(ca);
            } catch (IOException e) {
                problems.add(Problem.error("caFile", String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")));
            }
        });
        int attempts = raw.downloadAttempts() == null ? AgentConfigLoader.DEFAULT_DOWNLOAD_ATTEMPTS
                : raw.downloadAttempts();
        if (attempts < 1 || attempts > 100) {
            problems.add(Problem.error("downloadAttempts", "must be a whole number from 1 to 100, was " + attempts));
        }
        if (!problems.isEmpty()) {
            throw new AgentConfigException(file, problems);
        }
        HttpAgentConfig config = new HttpAgentConfig(backend, gatewayConfig, installer, stateDir, caFile,
                raw.installTimeout() == null ? AgentConfigLoader.DEFAULT_INSTALL_TIMEOUT
                        : raw.installTimeout().duration(), attempts);
        return withKeptSettings(file, config);
    }

    /** The config with the settings an earlier version check took applied over it. */
    private static HttpAgentConfig withKeptSettings(Path file, HttpAgentConfig config) throws AgentConfigException {
        Map<String, String> kept;
        try {
            kept = BackendSettings.kept(config.stateDir());
        } catch (IOException e) {
            throw new AgentConfigException(file, List.of(Problem.error("stateDir", "the backend's settings "
                    + config.settingsFile() + " cannot be read: " + String.valueOf(e.getMessage())
                    .replaceAll("\\s*\\R\\s*", " "))));
        }
        HttpAgentConfig applied = config;
        for (Map.Entry<String, String> setting : kept.entrySet()) {
            try {
                applied = BackendSettings.apply(applied, setting.getKey(), setting.getValue());
            } catch (BackendSettings.Refused e) {
                throw new AgentConfigException(file, List.of(Problem.error("stateDir", config.settingsFile()
                        + ": " + e.getMessage())));
            }
        }
        return applied;
    }

    private static HttpBackendConfig backend(RawBackend raw, Path base, List<Problem> problems) {
        if (raw == null) {
            if (problems.stream().noneMatch(p -> p.location().startsWith("backend"))) {
                problems.add(Problem.error("backend", "is required"));
            }
            return null;
        }
        int before = problems.size();
        if (raw.type() == null) {
            problems.add(Problem.error("backend.type", "is required: http (leave backend out for a TR50 portal)"));
        } else if (!raw.type().equals("http")) {
            problems.add(Problem.error("backend.type", "must be http, was '" + raw.type()
                    + "' (leave backend out for a TR50 portal)"));
        }
        String versionUrl = url(raw.versionUrl(), "backend.versionUrl", false, problems);
        String packageUrl = url(raw.packageUrl(), "backend.packageUrl", true, problems);
        Optional<String> notifyUrl = raw.notifyUrl() == null ? Optional.empty()
                : Optional.ofNullable(url(raw.notifyUrl(), "backend.notifyUrl", true, problems));
        String deviceId = raw.deviceId();
        if (deviceId == null) {
            problems.add(Problem.error("backend.deviceId", "is required"));
        } else if (!deviceId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            // It goes into URLs and a header: only characters that need no escaping there.
            problems.add(Problem.error("backend.deviceId", "must be a letter or digit, then up to 127 letters, digits,"
                    + " '.', '_', ':' or '-' (it goes into the URLs for @ and the User-Agent), was '"
                    + BackendSettings.printable(deviceId) + "'"));
        }
        Optional<String> password = password(raw, base, problems);
        if (raw.user() != null && (raw.user().isEmpty() || raw.user().contains(":"))) {
            problems.add(Problem.error("backend.user", "must not be empty or contain ':' (HTTP Basic)"));
        }
        if (password.isPresent() && raw.user() == null && deviceId == null) {
            problems.add(Problem.error("backend.user", "is required with a password"));
        }
        if (raw.packageName() != null && !raw.packageName().matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            problems.add(Problem.error("backend.packageName", "must be a package name (lower-case letters, digits,"
                    + " '.', '_', '-'), was '" + BackendSettings.printable(raw.packageName()) + "'"));
        }
        Duration checkPeriod = DEFAULT_CHECK_PERIOD;
        if (raw.checkPeriod() != null) {
            try {
                checkPeriod = DurationText.parse(raw.checkPeriod());
                if (checkPeriod.compareTo(CheckPolicyReader.MIN_PERIOD) < 0
                        || checkPeriod.compareTo(CheckPolicyReader.MAX_PERIOD) > 0) {
                    problems.add(Problem.error("backend.checkPeriod", "must be from 1s to 366day, was "
                            + DurationText.describe(checkPeriod)));
                    checkPeriod = DEFAULT_CHECK_PERIOD;
                }
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error("backend.checkPeriod", String.valueOf(e.getMessage())));
            }
        }
        Optional<Duration> checkJitter = Optional.empty();
        if (raw.checkJitter() != null) {
            try {
                Duration jitter = DurationText.parse(raw.checkJitter());
                if (jitter.compareTo(checkPeriod) >= 0) {
                    problems.add(Problem.error("backend.checkJitter", "must be less than backend.checkPeriod ("
                            + DurationText.describe(checkPeriod) + "), was " + DurationText.describe(jitter)));
                } else {
                    checkJitter = Optional.of(jitter);
                }
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error("backend.checkJitter", String.valueOf(e.getMessage())));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        // With a password and no user, the user is the device id: the portal's thing key.
        Optional<String> user = Optional.ofNullable(raw.user()).or(() -> password.map(p -> deviceId));
        return new HttpBackendConfig(URI.create(versionUrl), packageUrl, notifyUrl, deviceId, user, password,
                Optional.ofNullable(raw.packageName()), checkPeriod, checkJitter);
    }

    private static Optional<String> password(RawBackend raw, Path base, List<Problem> problems) {
        if (raw.password() != null && raw.passwordFile() != null) {
            problems.add(Problem.error("backend.passwordFile", "cannot be combined with backend.password: give one"));
            return Optional.empty();
        }
        if (raw.passwordFile() == null) {
            return Optional.ofNullable(raw.password());
        }
        Path file = path(base, raw.passwordFile(), "backend.passwordFile", problems);
        if (file == null) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_TOKEN_BYTES) {
                problems.add(Problem.error("backend.passwordFile", "larger than " + MAX_TOKEN_BYTES
                        + " bytes; not a password"));
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (token.isEmpty()) {
                problems.add(Problem.error("backend.passwordFile", "the file " + file + " is empty"));
                return Optional.empty();
            }
            return Optional.of(token);
        } catch (IOException e) {
            problems.add(Problem.error("backend.passwordFile", "cannot be read: " + file + " (" + e.getMessage()
                    + ")"));
            return Optional.empty();
        }
    }

    /** An http or https URL; with {@code placeholder}, an {@code @} in it stands for the device id. */
    private static String url(String text, String field, boolean placeholder, List<Problem> problems) {
        if (text == null) {
            problems.add(Problem.error(field, "is required"));
            return null;
        }
        String expected = placeholder ? "an http or https URL, @ for the device id, such as "
                + "http://portal:8080/ota/package/@" : "an http or https URL, such as http://portal:8080/ota/version";
        try {
            URI uri = new URI(placeholder ? text.strip().replace(HttpBackendConfig.DEVICE_PLACEHOLDER, "device")
                    : text.strip());
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null || uri.getRawUserInfo() != null) {
                problems.add(Problem.error(field, "must be " + expected + " (credentials go in backend.user and "
                        + "backend.passwordFile), was '" + BackendSettings.printable(text) + "'"));
                return null;
            }
            return text.strip();
        } catch (URISyntaxException | IllegalArgumentException e) {
            problems.add(Problem.error(field, "must be " + expected + ", was '" + BackendSettings.printable(text)
                    + "'"));
            return null;
        }
    }
}
