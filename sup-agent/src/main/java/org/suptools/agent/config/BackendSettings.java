package org.suptools.agent.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.suptools.model.action.Timeout;

/**
 * The settings an HTTP backend may send ({@code "settings": [{"key", "val"}]}) and how each changes
 * the agent's config. Only keys that make sense to change from afar are taken; the URLs, the
 * device id, the credentials and the paths never are (a backend that could move them could take
 * the gateway). What was taken is kept in {@code <stateDir>/ota/settings.json} and applied over the
 * config file's values at every load, so it lasts across restarts.
 */
public final class BackendSettings {

    /** {@code versionInterval} is the seed's name for the check period, in seconds. */
    public static final Set<String> KEYS = new TreeSet<>(Set.of("checkPeriod", "versionInterval", "installTimeout",
            "downloadAttempts"));

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final long MAX_BYTES = 64 * 1024;

    private BackendSettings() {
    }

    /** A setting that cannot be taken, with why, one line. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public static Path file(Path stateDir) {
        return stateDir.resolve("ota").resolve("settings.json");
    }

    /**
     * The config with one setting applied.
     *
     * @throws Refused when the key is not one of {@link #KEYS} or its value does not fit it
     */
    public static HttpAgentConfig apply(HttpAgentConfig config, String key, String val) throws Refused {
        if (key == null || !KEYS.contains(key)) {
            throw new Refused("settings: key '" + printable(key) + "' is not a setting this agent takes (it takes "
                    + String.join(", ", KEYS) + ")");
        }
        if (val == null) {
            throw new Refused("settings: " + key + ": val is missing");
        }
        try {
            return switch (key) {
                case "checkPeriod" -> config.withBackend(config.backend().withCheckPeriod(DurationText.parse(val)));
                case "versionInterval" -> config.withBackend(config.backend().withCheckPeriod(seconds(val)));
                case "installTimeout" -> config.withInstallTimeout(Timeout.parse(val).duration());
                case "downloadAttempts" -> config.withDownloadAttempts(attempts(val));
                default -> throw new IllegalStateException(key);
            };
        } catch (IllegalArgumentException e) {
            String why = oneLine(e.getMessage());
            throw new Refused("settings: " + key + ": " + why + (why.contains("'" + val + "'") ? "" : ", was '" + printable(val)
                    + "'"));
        }
    }

    /** The settings kept from earlier answers, by key, in the order they were first taken. */
    public static Map<String, String> kept(Path stateDir) throws IOException {
        Path file = file(stateDir);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes; not a settings file");
        }
        return JSON.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, String>>() {
        });
    }

    /** The kept settings as the file holds them. */
    public static byte[] bytes(Map<String, String> settings) throws IOException {
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(settings) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Duration seconds(String val) {
        long seconds;
        try {
            seconds = Long.parseLong(val.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of seconds");
        }
        if (seconds < 1 || seconds > Timeout.MAX.toSeconds()) {
            throw new IllegalArgumentException("must be from 1 to " + Timeout.MAX.toSeconds() + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static int attempts(String val) {
        int attempts;
        try {
            attempts = Integer.parseInt(val.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number from 1 to 100");
        }
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("must be a whole number from 1 to 100");
        }
        return attempts;
    }

    /** What a backend sent, made safe to log: one line, at most 80 characters. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String line = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    private static String oneLine(String message) {
        return message == null ? "not a valid value" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
