package org.suptools.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.suptools.model.action.Timeout;
import org.suptools.model.json.DocumentFiles;
import org.suptools.model.json.DocumentFiles.DocumentException;
import org.suptools.model.json.DocumentFiles.FieldByField;
import org.suptools.model.problem.Problem;
import org.suptools.tr50.Topics;

/**
 * Reads an agent config (YAML, or JSON when the name ends in {@code .json}) the way the installer
 * reads a gateway config: every field checked, every problem collected and reported at once, one
 * line each naming the file and the field. Relative paths resolve against the file's directory.
 */
public final class AgentConfigLoader {

    public static final long MAX_BYTES = 256 * 1024;
    public static final String KIND = "an agent configuration";
    public static final Duration DEFAULT_CHECK_PERIOD = Duration.ofMinutes(5);
    public static final Duration DEFAULT_INSTALL_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_DOWNLOAD_ATTEMPTS = 6;
    public static final String DEFAULT_STATE_DIR = "sup-agent-state";
    /** Set by bin/sup-agent to its own directory, where bin/sup-installer is its sibling. */
    public static final String BIN_PROPERTY = "sup.bin";

    /** A token read from a file: the first line, without its line break; no longer than this. */
    private static final long MAX_TOKEN_BYTES = 4096;
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[^/+#\\x00]+");
    private static final Pattern PREFIX = Pattern.compile("[^/+#\\x00$][^+#\\x00]*");

    private AgentConfigLoader() {
    }

    /** The file as written; every field optional here so that the checks can name what is missing. */
    record RawConfig(String thingKey, String appId, String appToken, String appTokenFile, String broker,
            String caFile, String topicPrefix, String fileEndpoint, String gatewayConfig, List<String> installer,
            String stateDir, JsonNode checkPeriod, JsonNode checkJitter, Timeout installTimeout, Timeout replyTimeout,
            Integer downloadAttempts, RawStagePolicy stagePolicy,
            Boolean checkForUpdates, JsonNode period, JsonNode jitter, String schedule, String apply, JsonNode throttle,
            ManageConfigReader.RawManage manage) {
    }

    /** {@code stagePolicy}: each stage {@code automatic} or {@code approval}. */
    record RawStagePolicy(String download, String execution, String activation) {
    }

    public static AgentConfig load(Path file) throws AgentConfigException {
        FieldByField<RawConfig> read;
        try {
            read = DocumentFiles.readEachField(file, RawConfig.class, MAX_BYTES, KIND);
        } catch (DocumentException e) {
            throw new AgentConfigException(file, List.of(e.problem()));
        }
        List<Problem> problems = new ArrayList<>(read.problems());
        RawConfig raw = read.value();
        Path base = file.toAbsolutePath().normalize().getParent();

        String thingKey = required(raw.thingKey(), "thingKey", problems);
        if (thingKey != null && !TOPIC_LEVEL.matcher(thingKey).matches()) {
            problems.add(Problem.error("thingKey", "must not contain '/', '+', '#' or NUL (it is a topic level), was '"
                    + thingKey + "'"));
        }
        String appId = required(raw.appId(), "appId", problems);
        String appToken = token(raw, base, problems);
        URI broker = uri(raw.broker(), "broker", List.of("tcp", "ssl", "mqtt", "mqtts"),
                "tcp://host:port or ssl://host:port", problems);
        if (broker != null && broker.getPort() < 0) {
            problems.add(Problem.error("broker", "must name a port, such as tcp://" + broker.getHost() + ":1883"));
            broker = null;
        }
        Optional<Path> caFile = Optional.ofNullable(raw.caFile()).map(p -> path(base, p, "caFile", problems));
        caFile.ifPresent(ca -> {
            if (!Files.isRegularFile(ca)) {
                problems.add(Problem.error("caFile", "no such file: " + ca));
                return;
            }
            try {
                // Read now, so a file that holds no certificate is a config error, not a broker that never answers.
                CaTrust.trustOf(ca);
            } catch (IOException e) {
                problems.add(Problem.error("caFile", String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")));
            }
        });
        if (caFile.isPresent() && broker != null && !(broker.getScheme().equals("ssl")
                || broker.getScheme().equals("mqtts"))) {
            problems.add(Problem.error("caFile", "is only used with an ssl:// broker, and broker is " + broker));
        }
        Topics topics = null;
        if (thingKey != null && TOPIC_LEVEL.matcher(thingKey).matches()) {
            topics = topics(raw.topicPrefix(), thingKey, problems);
        }
        URI fileEndpoint = uri(raw.fileEndpoint(), "fileEndpoint", List.of("http", "https"),
                "an http or https URL, such as http://portal:8080", problems);
        Path gatewayConfig = null;
        if (required(raw.gatewayConfig(), "gatewayConfig", problems) != null) {
            gatewayConfig = path(base, raw.gatewayConfig(), "gatewayConfig", problems);
            if (gatewayConfig != null && !Files.isRegularFile(gatewayConfig)) {
                problems.add(Problem.error("gatewayConfig", "no such file: " + gatewayConfig));
            }
        }
        List<String> installer = installer(raw.installer(), base, problems);
        Path stateDir = path(base, raw.stateDir() == null ? DEFAULT_STATE_DIR : raw.stateDir(), "stateDir", problems);
        int attempts = raw.downloadAttempts() == null ? DEFAULT_DOWNLOAD_ATTEMPTS : raw.downloadAttempts();
        if (attempts < 1 || attempts > 100) {
            problems.add(Problem.error("downloadAttempts", "must be a whole number from 1 to 100, was " + attempts));
        }
        Duration checkPeriod = CheckPolicyReader.period(raw.period(), raw.checkPeriod(), DEFAULT_CHECK_PERIOD, problems);
        Duration checkJitter = CheckPolicyReader.jitter(raw.jitter(), raw.checkJitter(), checkPeriod, problems);
        CheckPolicy checks = CheckPolicyReader.read(raw.checkForUpdates(), raw.schedule(), raw.apply(), raw.throttle(),
                problems);
        StagePolicy stagePolicy = stagePolicy(raw.stagePolicy(), problems);
        Optional<ManageConfig> manage = ManageConfigReader.read(raw.manage(), base, problems);
        if (!problems.isEmpty()) {
            throw new AgentConfigException(file, problems);
        }
        return new AgentConfig(thingKey, appId, appToken, broker, caFile, topics, withoutTrailingSlash(fileEndpoint),
                gatewayConfig, installer, stateDir, checkPeriod, checkJitter,
                duration(raw.installTimeout(), DEFAULT_INSTALL_TIMEOUT),
                duration(raw.replyTimeout(), DEFAULT_REPLY_TIMEOUT), attempts, stagePolicy, checks, manage);
    }

    private static StagePolicy stagePolicy(RawStagePolicy raw, List<Problem> problems) {
        if (raw == null) {
            return StagePolicy.AUTOMATIC;
        }
        boolean download = needsApproval(raw.download(), "stagePolicy.download", problems);
        boolean execution = needsApproval(raw.execution(), "stagePolicy.execution", problems);
        if (raw.activation() != null && !raw.activation().equals("automatic")) {
            problems.add(Problem.error("stagePolicy.activation", "must be automatic, was '" + raw.activation()
                    + "': the installer activates (runtime.restart, firmware.update) within the install, so there is"
                    + " no separate activation to hold for approval"));
        }
        return new StagePolicy(download, execution);
    }

    private static boolean needsApproval(String value, String field, List<Problem> problems) {
        if (value == null || value.equals("automatic")) {
            return false;
        }
        if (value.equals("approval")) {
            return true;
        }
        problems.add(Problem.error(field, "must be automatic or approval, was '" + value + "'"));
        return false;
    }

    private static String required(String value, String field, List<Problem> problems) {
        if (value == null) {
            problems.add(Problem.error(field, "is required"));
            return null;
        }
        if (value.isBlank()) {
            problems.add(Problem.error(field, "must not be empty"));
            return null;
        }
        return value;
    }

    private static String token(RawConfig raw, Path base, List<Problem> problems) {
        if (raw.appToken() != null && raw.appTokenFile() != null) {
            problems.add(Problem.error("appTokenFile", "cannot be combined with appToken: give one of them"));
            return null;
        }
        if (raw.appTokenFile() == null) {
            if (raw.appToken() == null) {
                problems.add(Problem.error("appToken", "is required (or appTokenFile, a file holding it)"));
                return null;
            }
            return required(raw.appToken(), "appToken", problems);
        }
        Path file = path(base, raw.appTokenFile(), "appTokenFile", problems);
        if (file == null) {
            return null;
        }
        try {
            if (Files.size(file) > MAX_TOKEN_BYTES) {
                problems.add(Problem.error("appTokenFile", "larger than " + MAX_TOKEN_BYTES + " bytes; not a token"));
                return null;
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (token.isEmpty()) {
                problems.add(Problem.error("appTokenFile", "the file " + file + " is empty"));
                return null;
            }
            return token;
        } catch (IOException e) {
            problems.add(Problem.error("appTokenFile", "cannot be read: " + file + " (" + e.getMessage() + ")"));
            return null;
        }
    }

    private static URI uri(String text, String field, List<String> schemes, String expected, List<Problem> problems) {
        if (required(text, field, problems) == null) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    || uri.getHost() == null) {
                problems.add(Problem.error(field, "must be " + expected + ", was '" + text + "'"));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(Problem.error(field, "must be " + expected + ", was '" + text + "' (" + e.getReason() + ")"));
            return null;
        }
    }

    private static Topics topics(String prefix, String thingKey, List<Problem> problems) {
        if (prefix == null || prefix.isEmpty()) {
            return Topics.PORTAL;
        }
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!PREFIX.matcher(base).matches() || base.contains("//") || base.startsWith("/")) {
            problems.add(Problem.error("topicPrefix", "must be topic levels without '+', '#', a leading '/' or '$' "
                    + "and without empty levels, such as 'fleet1', was '" + prefix + "'"));
            return null;
        }
        return Topics.perThing(base, thingKey);
    }

    /** The installer command, its program resolved against the config's folder when it is a path. */
    static List<String> installer(List<String> command, Path base, List<Problem> problems) {
        if (command == null) {
            String bin = System.getProperty(BIN_PROPERTY);
            return List.of(bin == null ? "sup-installer" : Path.of(bin).resolve("sup-installer").toString());
        }
        if (command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
            problems.add(Problem.error("installer",
                    "must be the installer's command, such as [/opt/sup/bin/sup-installer]"));
            return List.of();
        }
        List<String> resolved = new ArrayList<>(command);
        String program = command.get(0);
        if (program.contains("/")) {
            Path path = path(base, program, "installer[0]", problems);
            if (path != null) {
                if (!Files.isExecutable(path)) {
                    problems.add(Problem.error("installer[0]", "is not an executable file: " + path));
                }
                resolved.set(0, path.toString());
            }
        }
        for (int i = 1; i < command.size(); i++) {
            if (command.get(i) == null) {
                problems.add(Problem.error("installer[" + i + "]", "must be a string"));
            }
        }
        return resolved;
    }

    /** A path of the config, resolved against its folder; null (with the problem added) when it is not one. */
    static Path path(Path base, String text, String field, List<Problem> problems) {
        if (text.isBlank()) {
            problems.add(Problem.error(field, "must not be empty"));
            return null;
        }
        try {
            return base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(Problem.error(field, "'" + text + "' is not a valid path"));
            return null;
        }
    }

    /** A tenth of the period: enough to spread a fleet over the period within a few checks, and never late by much. */
    static Duration defaultJitter(Duration checkPeriod) {
        return checkPeriod.dividedBy(10);
    }

    private static Duration duration(Timeout timeout, Duration otherwise) {
        return timeout == null ? otherwise : timeout.duration();
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
